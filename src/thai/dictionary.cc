// libthai's dictionary through libdatrie: a double-array trie keyed by UCS-4
// code points (AlphaChar); TrieState walks it one code point at a time.
// ICU's Thai dictionary ("brkitr/thaidict") is a BytesTrie over code points
// offset by U+0E00, read through public APIs as in segment.cc. Added words
// live in a sorted vector walked by narrowing a range, so a cursor over them
// needs no allocation.
#include "thai/dictionary.h"

#include <datrie/trie.h>
#include <unicode/bytestrie.h>
#include <unicode/udata.h>

#include <stdio_ext.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "thai/chars.h"

namespace itax::thai {

using namespace chars;

namespace {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 3 + 1);
  for (size_t i = 0; i < s.size();) out.push_back(next_cp(s, &i));
  return out;
}

std::string default_tri_path() {
  if (const char* dir = std::getenv("LIBTHAI_DICTDIR"); dir != nullptr && *dir != '\0') {
    std::string p = std::string(dir) + "/thbrk.tri";
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p;
  }
  return "/usr/share/libthai/thbrk.tri";
}

// libdatrie reads its file 4 bytes per fread(); with stdio's per-call lock
// and the default 4 KB buffer that cost about 30M instructions (7 ms) per
// load. One load per path per process, read with a whole-file buffer and no
// locking (the FILE is ours alone), shared by every list that names the path.
std::shared_ptr<Trie> load_trie(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<Trie>> cache;
  std::lock_guard<std::mutex> lock(mu);
  if (auto t = cache[path].lock()) return t;
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return nullptr;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return nullptr;
  __fsetlocking(f, FSETLOCKING_BYCALLER);
  std::vector<char> buf(1 << 20);
  setvbuf(f, buf.data(), _IOFBF, buf.size());
  Trie* raw = trie_fread(f);
  std::fclose(f);
  if (raw == nullptr) return nullptr;
  std::shared_ptr<Trie> t(raw, trie_free);
  cache[path] = t;
  return t;
}

}  // namespace

struct Dictionary::Data {
  std::shared_ptr<Trie> owner;  // shared with other lists read from the same file
  Trie* trie = nullptr;
  // ICU's dictionary: the trie bytes and the code point offset of its
  // transform (layout: icu4c/source/common/dictionarydata.h).
  UDataMemory* icu_mem = nullptr;
  const char* icu_trie = nullptr;
  char32_t icu_offset = 0;

  Data(const std::string& path, bool with_icu) {
    std::error_code ec;
    if (!path.empty() && std::filesystem::is_regular_file(path, ec)) {
      owner = load_trie(path);
      trie = owner.get();
    }
    if (with_icu) open_icu();
  }
  ~Data() {
    if (icu_mem != nullptr) udata_close(icu_mem);
  }
  void open_icu() {
    enum { kIxTrieOffset = 0, kIxTrieType = 4, kIxTransform = 5 };
    constexpr int32_t kTrieTypeMask = 7, kTrieBytes = 0;
    constexpr int32_t kTransformTypeMask = 0x7f000000, kTransformOffset = 0x01000000;
    UErrorCode status = U_ZERO_ERROR;
    icu_mem = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "thaidict", &status);
    if (U_FAILURE(status) || icu_mem == nullptr) return;
    const auto* ix = static_cast<const int32_t*>(udata_getMemory(icu_mem));
    if ((ix[kIxTrieType] & kTrieTypeMask) != kTrieBytes ||
        (ix[kIxTransform] & kTransformTypeMask) != kTransformOffset)
      return;
    icu_trie = reinterpret_cast<const char*>(ix) + ix[kIxTrieOffset];
    icu_offset = static_cast<char32_t>(ix[kIxTransform] & 0x1fffff);
  }
  // ICU's byte for `c`, or -1 if its dictionary cannot hold it.
  int icu_byte(char32_t c) const {
    if (c == 0x200D) return 0xFF;
    if (c == 0x200C) return 0xFE;
    if (c < icu_offset || c - icu_offset > 0xFD) return -1;
    return static_cast<int>(c - icu_offset);
  }
  Data(const Data&) = delete;
  Data& operator=(const Data&) = delete;
};

struct Dictionary::Extra {
  std::vector<std::u32string> words;  // sorted, unique
};

namespace {

// The repair's search copies a cursor at every branch, millions of times per
// document, and each copy cost two malloc/free pairs (the State and
// libdatrie's TrieState): about a sixth of a PDF's instructions. Both are
// recycled through per-thread free lists instead.
class Recycler {
 public:
  ~Recycler() {
    for (TrieState* t : tries_) trie_state_free(t);
    for (void* b : blocks_) ::operator delete(b);
  }
  TrieState* clone(const TrieState* src) {
    if (tries_.empty()) return trie_state_clone(src);
    TrieState* t = tries_.back();
    tries_.pop_back();
    trie_state_copy(t, src);  // copies every field, the trie included
    return t;
  }
  void release(TrieState* t) {
    if (tries_.size() < kKeep)
      tries_.push_back(t);
    else
      trie_state_free(t);
  }
  void* block(size_t n) {
    if (n != block_size_ || blocks_.empty()) return ::operator new(n);
    void* b = blocks_.back();
    blocks_.pop_back();
    return b;
  }
  void release_block(void* b, size_t n) {
    if (blocks_.size() < kKeep && (block_size_ == 0 || block_size_ == n)) {
      block_size_ = n;
      blocks_.push_back(b);
    } else {
      ::operator delete(b);
    }
  }

 private:
  static constexpr size_t kKeep = 4096;
  std::vector<TrieState*> tries_;
  std::vector<void*> blocks_;
  size_t block_size_ = 0;
};

Recycler& recycler() {
  thread_local Recycler r;
  return r;
}

}  // namespace

struct Dictionary::Cursor::State {
  static void* operator new(size_t n) { return recycler().block(n); }
  static void operator delete(void* p, size_t n) { recycler().release_block(p, n); }

  TrieState* file = nullptr;  // null: no file, or the walk left it
  const Dictionary::Data* data = nullptr;
  std::optional<icu::BytesTrie> icu;  // empty: no ICU, or the walk left it
  bool icu_word = false;               // the ICU walk so far ends a word
  const std::vector<std::u32string>* extra = nullptr;
  size_t lo = 0, hi = 0, depth = 0;  // extra words [lo, hi) share the walked prefix

  State() = default;
  State(const State& o)
      : data(o.data), icu(o.icu), icu_word(o.icu_word), extra(o.extra), lo(o.lo), hi(o.hi), depth(o.depth) {
    if (o.file != nullptr) file = recycler().clone(o.file);
  }
  State& operator=(const State&) = delete;
  ~State() {
    if (file != nullptr) recycler().release(file);
  }
};

// --- Cursor ---------------------------------------------------------------------

Dictionary::Cursor::Cursor(std::unique_ptr<State> s) : s_(std::move(s)) {}
Dictionary::Cursor::Cursor(const Cursor& other) : s_(std::make_unique<State>(*other.s_)) {}
Dictionary::Cursor& Dictionary::Cursor::operator=(const Cursor& other) {
  if (this != &other) s_ = std::make_unique<State>(*other.s_);
  return *this;
}
Dictionary::Cursor::Cursor(Cursor&&) noexcept = default;
Dictionary::Cursor& Dictionary::Cursor::operator=(Cursor&&) noexcept = default;
Dictionary::Cursor::~Cursor() = default;

bool Dictionary::Cursor::next(char32_t c) {
  State& s = *s_;
  if (s.file != nullptr && (c == 0 || !trie_state_walk(s.file, static_cast<AlphaChar>(c)))) {
    recycler().release(s.file);
    s.file = nullptr;
  }
  if (s.icu) {
    const int b = c == 0 ? -1 : s.data->icu_byte(c);
    const UStringTrieResult r = b < 0 ? USTRINGTRIE_NO_MATCH : s.icu->next(b);
    if (USTRINGTRIE_MATCHES(r)) {
      s.icu_word = USTRINGTRIE_HAS_VALUE(r);
    } else {
      s.icu.reset();
      s.icu_word = false;
    }
  }
  if (s.extra != nullptr && s.lo < s.hi) {
    const auto& w = *s.extra;
    const size_t d = s.depth;
    // Words in [lo, hi) share the first d code points and are sorted, so
    // those with c at d form one sub-range (shorter words sort first).
    auto first = std::lower_bound(w.begin() + s.lo, w.begin() + s.hi, c,
                                  [d](const std::u32string& x, char32_t v) { return x.size() <= d || x[d] < v; });
    auto last = std::upper_bound(first, w.begin() + s.hi, c,
                                 [d](char32_t v, const std::u32string& x) { return v < x[d]; });
    s.lo = static_cast<size_t>(first - w.begin());
    s.hi = static_cast<size_t>(last - w.begin());
  }
  ++s.depth;
  return alive();
}

bool Dictionary::Cursor::is_word() const {
  const State& s = *s_;
  if (s.file != nullptr && s.depth > 0 && trie_state_is_terminal(s.file)) return true;
  if (s.icu_word) return true;
  return s.extra != nullptr && s.lo < s.hi && (*s.extra)[s.lo].size() == s.depth;
}

bool Dictionary::Cursor::alive() const {
  const State& s = *s_;
  return s.file != nullptr || s.icu.has_value() || (s.extra != nullptr && s.lo < s.hi);
}

// --- Dictionary ------------------------------------------------------------------

const Dictionary& Dictionary::libthai() {
  static const Dictionary dict(default_tri_path());
  return dict;
}

const Dictionary& Dictionary::libthai_and_icu() {
  static const Dictionary dict(default_tri_path(), true);
  return dict;
}

Dictionary::Dictionary() : extra_(std::make_unique<Extra>()) {}
Dictionary::Dictionary(const std::string& tri_path, bool with_icu)
    : file_(std::make_shared<const Data>(tri_path, with_icu)), extra_(std::make_unique<Extra>()) {}
Dictionary::Dictionary(const Dictionary& other)
    : file_(other.file_), extra_(std::make_unique<Extra>(*other.extra_)) {}
Dictionary& Dictionary::operator=(const Dictionary& other) {
  if (this != &other) {
    file_ = other.file_;
    extra_ = std::make_unique<Extra>(*other.extra_);
  }
  return *this;
}
Dictionary::Dictionary(Dictionary&&) noexcept = default;
Dictionary& Dictionary::operator=(Dictionary&&) noexcept = default;
Dictionary::~Dictionary() = default;

bool Dictionary::loaded() const { return file_ != nullptr && file_->trie != nullptr; }
bool Dictionary::has_icu() const { return file_ != nullptr && file_->icu_trie != nullptr; }

void Dictionary::add(std::string_view word) {
  std::u32string w;
  for (size_t i = 0; i < word.size();) {
    const char32_t c = next_cp(word, &i);
    if (is_hspace(c) || c == '\n' || c == '\r') continue;
    if (!is_thai_letter(c) && c != 0x0E2F && c != 0x0E46) return;  // Thai words only
    w.push_back(c);
  }
  if (w.empty()) return;
  auto& v = extra_->words;
  auto it = std::lower_bound(v.begin(), v.end(), w);
  if (it == v.end() || *it != w) v.insert(it, std::move(w));
}

Dictionary::Cursor Dictionary::start() const {
  auto s = std::make_unique<Cursor::State>();
  if (loaded()) s->file = trie_root(file_->trie);
  if (has_icu()) {
    s->data = file_.get();
    s->icu.emplace(file_->icu_trie);
  }
  if (!extra_->words.empty()) {
    s->extra = &extra_->words;
    s->hi = extra_->words.size();
  }
  return Cursor(std::move(s));
}

bool Dictionary::contains(std::u32string_view word) const {
  if (word.empty()) return false;
  if (loaded()) {
    std::vector<AlphaChar> key(word.begin(), word.end());
    key.push_back(0);
    TrieData data;
    if (trie_retrieve(file_->trie, key.data(), &data)) return true;
  }
  if (has_icu()) {
    icu::BytesTrie t(file_->icu_trie);
    UStringTrieResult r = USTRINGTRIE_NO_MATCH;
    bool ok = true;
    for (char32_t c : word) {
      const int b = file_->icu_byte(c);
      if (b < 0 || !USTRINGTRIE_MATCHES(r = t.next(b))) {
        ok = false;
        break;
      }
    }
    if (ok && USTRINGTRIE_HAS_VALUE(r)) return true;
  }
  const auto& v = extra_->words;
  return std::binary_search(v.begin(), v.end(), word,
                            [](std::u32string_view a, std::u32string_view b) { return a < b; });
}

bool Dictionary::contains(std::string_view word) const { return contains(to_u32(word)); }

}  // namespace itax::thai

// The built-in lists are one trie (thai/word_trie.h) with a flag per list on
// each node; a Dictionary is that trie seen through its list's flags. Added
// words live in a sorted vector walked by narrowing a range, so a cursor
// over them needs no allocation either.
#include "thai/dictionary.h"

#include <algorithm>
#include <tuple>

#include "thai/chars.h"
#include "thai/word_trie.h"

namespace itax::thai {

using namespace chars;

namespace {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 3 + 1);
  for (size_t i = 0; i < s.size();) out.push_back(next_cp(s, &i));
  return out;
}

}  // namespace

// --- Cursor ---------------------------------------------------------------------

bool Dictionary::Cursor::next(char32_t c) {
  if (node_ != WordTrie::kNone)
    node_ = c == 0 ? WordTrie::kNone : dict_->trie_->child(node_, c, dict_->below_flags_);
  if (lo_ < hi_ && depth_ == 0 && c >= kFirstBase && c < kFirstBase + kFirstCount) {
    std::tie(lo_, hi_) = dict_->first_[c - kFirstBase];
  } else if (lo_ < hi_) {
    const auto& w = dict_->extra_;
    const size_t d = depth_;
    // Words in [lo, hi) share the first d code points and are sorted, so
    // those with c at d form one sub-range (shorter words sort first).
    auto first = std::lower_bound(w.begin() + lo_, w.begin() + hi_, c,
                                  [d](const std::u32string& x, char32_t v) { return x.size() <= d || x[d] < v; });
    auto last = std::upper_bound(first, w.begin() + hi_, c,
                                 [d](char32_t v, const std::u32string& x) { return v < x[d]; });
    lo_ = static_cast<uint32_t>(first - w.begin());
    hi_ = static_cast<uint32_t>(last - w.begin());
  }
  ++depth_;
  return alive();
}

bool Dictionary::Cursor::is_word() const {
  if (depth_ == 0) return false;
  if (node_ != WordTrie::kNone && (dict_->trie_->flags(node_) & dict_->word_flags_) != 0) return true;
  return lo_ < hi_ && dict_->extra_[lo_].size() == depth_;
}

bool Dictionary::Cursor::alive() const { return node_ != WordTrie::kNone || lo_ < hi_; }

// --- Dictionary ------------------------------------------------------------------

const Dictionary& Dictionary::libthai() {
  static const Dictionary dict(WordTrie::kLibthai, WordTrie::kLibthaiBelow);
  return dict;
}

const Dictionary& Dictionary::libthai_and_icu() {
  static const Dictionary dict(WordTrie::kLibthai | WordTrie::kIcu, WordTrie::kLibthaiBelow | WordTrie::kIcuBelow);
  return dict;
}

Dictionary::Dictionary() = default;
Dictionary::Dictionary(uint8_t word_flags, uint8_t below_flags)
    : word_flags_(word_flags), below_flags_(below_flags) {
  const WordTrie& t = WordTrie::embedded();
  if (!t.empty()) trie_ = &t;
}
Dictionary::Dictionary(const Dictionary& other) = default;
Dictionary& Dictionary::operator=(const Dictionary& other) = default;
Dictionary::Dictionary(Dictionary&&) noexcept = default;
Dictionary& Dictionary::operator=(Dictionary&&) noexcept = default;
Dictionary::~Dictionary() = default;

bool Dictionary::loaded() const { return trie_ != nullptr && (word_flags_ & WordTrie::kLibthai) != 0; }
bool Dictionary::has_icu() const { return trie_ != nullptr && (word_flags_ & WordTrie::kIcu) != 0; }

void Dictionary::add(std::string_view word) {
  std::u32string w;
  for (size_t i = 0; i < word.size();) {
    const char32_t c = next_cp(word, &i);
    if (is_hspace(c) || c == '\n' || c == '\r') continue;
    if (!is_thai_letter(c) && c != 0x0E2F && c != 0x0E46) return;  // Thai words only
    w.push_back(c);
  }
  if (w.empty()) return;
  auto it = std::lower_bound(extra_.begin(), extra_.end(), w);
  if (it == extra_.end() || *it != w) {
    extra_.insert(it, std::move(w));
    index_first();
  }
}

void Dictionary::index_first() {
  first_.assign(kFirstCount, {0, 0});
  for (size_t k = 0; k < extra_.size(); ++k) {
    const char32_t c = extra_[k][0];
    if (c < kFirstBase || c >= kFirstBase + kFirstCount) continue;
    auto& [lo, hi] = first_[c - kFirstBase];
    if (lo == hi) lo = static_cast<uint32_t>(k);  // sorted: each letter's words are adjacent
    hi = static_cast<uint32_t>(k + 1);
  }
}

Dictionary::Cursor Dictionary::start() const {
  Cursor c;
  c.dict_ = this;
  if (trie_ != nullptr) c.node_ = 0;
  c.hi_ = static_cast<uint32_t>(extra_.size());
  return c;
}

bool Dictionary::contains(std::u32string_view word) const {
  if (word.empty()) return false;
  Cursor c = start();
  for (char32_t ch : word)
    if (!c.next(ch)) return false;
  return c.is_word();
}

bool Dictionary::contains(std::string_view word) const { return contains(to_u32(word)); }

}  // namespace itax::thai

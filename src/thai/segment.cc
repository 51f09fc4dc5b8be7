// Thai segmentation on ICU, and the wrap-join repair built on it.
//
// ICU facts this relies on (ICU 72, checked by tests/unit/thai_segment_test):
// - The word BreakIterator for locale "th" runs over a UTF-8 UText, so its
//   boundaries are byte offsets: no UTF-16 copy, no index mapping.
// - Every Thai segment gets rule status 200 (UBRK_WORD_LETTER), whether the
//   dictionary knows it or not ("สัมพั" from a broken "ประชาสัมพันธ์" is 200
//   too): the status cannot tell a word from a fragment. So dictionary
//   membership is read from ICU's own Thai dictionary ("brkitr/thaidict"),
//   a BytesTrie over code points offset by U+0E00, through public APIs.
#include "thai/segment.h"

#include <unicode/brkiter.h>
#include <unicode/bytestrie.h>
#include <unicode/udata.h>
#include <unicode/utext.h>

#include <algorithm>

#include "thai/chars.h"

namespace itax::thai {
namespace {

using namespace chars;

// --- ICU's Thai dictionary -----------------------------------------------------

// Layout of ICU dictionary data (icu4c/source/common/dictionarydata.h): an
// index of int32 followed by the trie. Only byte tries with an offset
// transform are read; anything else disables the dictionary check.
class ThaiDictionary {
 public:
  static const ThaiDictionary& get() {
    static const ThaiDictionary dict;
    return dict;
  }
  ThaiDictionary(const ThaiDictionary&) = delete;
  ThaiDictionary& operator=(const ThaiDictionary&) = delete;
  // Closed at exit so leak checkers stay quiet.
  ~ThaiDictionary() {
    if (mem_ != nullptr) udata_close(mem_);
  }

  // ICU's transform: code point minus the offset, ZWJ/ZWNJ at 0xFF/0xFE.
  int transform(char32_t c) const {
    if (c == 0x200D) return 0xFF;
    if (c == 0x200C) return 0xFE;
    if (c < offset_ || c - offset_ > 0xFD) return -1;
    return static_cast<int>(c - offset_);
  }

  bool contains(std::string_view word) const {
    if (trie_ == nullptr || word.empty()) return false;
    icu::BytesTrie t(trie_);
    UStringTrieResult r = USTRINGTRIE_NO_MATCH;
    for (size_t i = 0; i < word.size();) {
      const int b = transform(next_cp(word, &i));
      if (b < 0) return false;
      r = t.next(b);
      if (!USTRINGTRIE_MATCHES(r)) return false;
    }
    return USTRINGTRIE_HAS_VALUE(r);
  }

  // True if some dictionary word is a non-empty tail of `left` followed by a
  // non-empty head of `right`. A trie walk from each start in `left`; most
  // die within a character or two, so this is far cheaper than running the
  // break iterator, and it is exact as a precondition for joins_across.
  bool has_word_across(std::string_view left, std::string_view right) const {
    if (trie_ == nullptr) return false;
    for (size_t start = left.size(); start > 0;) {
      prev_cp(left, &start);
      if (walk_across(left.substr(start), right)) return true;
    }
    return false;
  }

 private:
  const char* trie_ = nullptr;
  char32_t offset_ = 0;
  UDataMemory* mem_ = nullptr;

  ThaiDictionary() {
    enum { kIxTrieOffset = 0, kIxTrieType = 4, kIxTransform = 5 };
    constexpr int32_t kTrieTypeMask = 7, kTrieBytes = 0;
    constexpr int32_t kTransformTypeMask = 0x7f000000, kTransformOffset = 0x01000000;
    UErrorCode status = U_ZERO_ERROR;
    mem_ = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "thaidict", &status);
    if (U_FAILURE(status) || mem_ == nullptr) return;
    const auto* ix = static_cast<const int32_t*>(udata_getMemory(mem_));
    if ((ix[kIxTrieType] & kTrieTypeMask) != kTrieBytes ||
        (ix[kIxTransform] & kTransformTypeMask) != kTransformOffset)
      return;
    trie_ = reinterpret_cast<const char*>(ix) + ix[kIxTrieOffset];
    offset_ = static_cast<char32_t>(ix[kIxTransform] & 0x1fffff);
  }

  bool walk_across(std::string_view tail, std::string_view right) const {
    icu::BytesTrie t(trie_);
    for (size_t i = 0; i < tail.size();) {
      const int b = transform(next_cp(tail, &i));
      if (b < 0 || !USTRINGTRIE_MATCHES(t.next(b))) return false;
    }
    for (size_t i = 0; i < right.size();) {
      const int b = transform(next_cp(right, &i));
      if (b < 0) return false;
      const UStringTrieResult r = t.next(b);
      if (USTRINGTRIE_HAS_VALUE(r)) return true;
      if (!USTRINGTRIE_MATCHES(r)) return false;
    }
    return false;
  }
};

// --- text around a break ----------------------------------------------------------

// Characters a wrapped term may be broken by: spaces and line breaks.
// Tabs are cell borders in our text and are never crossed.
bool is_soft_break(char c) { return c == ' ' || c == '\n' || c == '\r'; }

bool is_any_space(char c) { return is_soft_break(c) || c == '\t' || c == '\v' || c == '\f'; }

// Limit on each side of a join handed to ICU: words are far shorter, and the
// cap keeps one pathological unspaced run from costing more than its size.
constexpr size_t kWindowBytes = 300;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The unspaced run of `text` ending at `end` (at most kWindowBytes, cut at a
// code point start).
std::string_view piece_before(std::string_view text, size_t end) {
  size_t start = end;
  while (start > 0 && !is_any_space(text[start - 1]) && end - start < kWindowBytes) --start;
  while (start < end && is_continuation(text[start])) ++start;
  return text.substr(start, end - start);
}

// The unspaced run of `text` starting at `start` (same limits).
std::string_view piece_after(std::string_view text, size_t start) {
  size_t end = start;
  while (end < text.size() && !is_any_space(text[end]) && end - start < kWindowBytes) ++end;
  while (end > start && end < text.size() && is_continuation(text[end])) --end;
  return text.substr(start, end - start);
}

// True if `s`, read backwards from its end while skipping soft breaks,
// ends with `tail`.
bool ends_with_skipping(std::string_view s, std::string_view tail) {
  size_t i = s.size(), k = tail.size();
  while (k > 0) {
    while (i > 0 && is_soft_break(s[i - 1])) --i;
    if (i == 0 || s[i - 1] != tail[k - 1]) return false;
    --i, --k;
  }
  return true;
}

// True if `s`, read forwards while skipping soft breaks, starts with `head`.
bool starts_with_skipping(std::string_view s, std::string_view head) {
  size_t i = 0, k = 0;
  while (k < head.size()) {
    while (i < s.size() && is_soft_break(s[i])) ++i;
    if (i == s.size() || s[i] != head[k]) return false;
    ++i, ++k;
  }
  return true;
}

// Last code point of `s` before any trailing soft breaks, or 0.
char32_t last_cp_skipping(std::string_view s) {
  size_t i = s.size();
  while (i > 0 && is_soft_break(s[i - 1])) --i;
  return i == 0 ? 0 : prev_cp(s, &i);
}

char32_t first_cp_skipping(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_soft_break(s[i])) ++i;
  return i == s.size() ? 0 : next_cp(s, &i);
}

uint64_t pair_key(char32_t a, char32_t b) { return (uint64_t{a} << 32) | b; }

std::string without_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (!is_any_space(c)) out.push_back(c);
  return out;
}

}  // namespace

// --- Lexicon ----------------------------------------------------------------------

void Lexicon::add(std::string_view term) {
  std::string t = without_spaces(term);
  if (t.empty() || !terms_.insert(t).second) return;
  const auto idx = static_cast<uint32_t>(list_.size());
  list_.push_back(t);
  // Index every inner position by the two code points around it, so spans()
  // looks only at terms that could cross the join at hand.
  size_t i = 0;
  char32_t prev = next_cp(t, &i);
  while (i < t.size()) {
    const size_t at = i;
    const char32_t c = next_cp(t, &i);
    by_pair_[pair_key(prev, c)].emplace_back(idx, static_cast<uint32_t>(at));
    prev = c;
  }
}

bool Lexicon::contains(std::string_view term) const {
  return terms_.count(without_spaces(term)) > 0;
}

bool Lexicon::spans(std::string_view left, std::string_view right) const {
  if (by_pair_.empty()) return false;
  const char32_t a = last_cp_skipping(left), b = first_cp_skipping(right);
  if (a == 0 || b == 0) return false;
  const auto it = by_pair_.find(pair_key(a, b));
  if (it == by_pair_.end()) return false;
  for (const auto& [idx, at] : it->second) {
    const std::string_view term = list_[idx];
    if (ends_with_skipping(left, term.substr(0, at)) &&
        starts_with_skipping(right, term.substr(at)))
      return true;
  }
  return false;
}

// --- Segmenter ----------------------------------------------------------------------

struct Segmenter::Impl {
  std::unique_ptr<icu::BreakIterator> it;
  UText* text = nullptr;  // reused for every call: utext_openUTF8 refills it
  std::string joined;     // scratch for joins_across

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
    if (U_FAILURE(status)) it.reset();
  }
  ~Impl() {
    if (text != nullptr) utext_close(text);
  }

  // Points the iterator at `s` (which must outlive its use). False if ICU
  // is unavailable.
  bool set(std::string_view s) {
    if (!it) return false;
    UErrorCode status = U_ZERO_ERROR;
    text = utext_openUTF8(text, s.data(), static_cast<int64_t>(s.size()), &status);
    if (U_FAILURE(status)) return false;
    it->setText(text, status);
    return U_SUCCESS(status);
  }

  // The segment of the current text containing byte `pos` (pos < size).
  std::pair<size_t, size_t> segment_around(size_t pos) {
    const auto p = static_cast<int32_t>(pos);
    const int32_t end = it->following(p);
    const int32_t start = it->isBoundary(p) ? p : it->preceding(p);
    return {static_cast<size_t>(start), static_cast<size_t>(end)};
  }
};

Segmenter::Segmenter() : impl_(std::make_unique<Impl>()) {}
Segmenter::~Segmenter() = default;

std::vector<size_t> Segmenter::boundaries(std::string_view text) const {
  std::vector<size_t> out;
  if (!impl_->set(text)) return text.empty() ? std::vector<size_t>{0} : std::vector<size_t>{0, text.size()};
  for (int32_t p = impl_->it->first(); p != icu::BreakIterator::DONE; p = impl_->it->next())
    out.push_back(static_cast<size_t>(p));
  return out;
}

std::vector<std::string> Segmenter::words(std::string_view text) const {
  std::vector<std::string> out;
  if (!impl_->set(text)) return out;
  icu::BreakIterator& it = *impl_->it;
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    // Status below UBRK_WORD_NONE_LIMIT marks spaces and punctuation.
    if (it.getRuleStatus() >= UBRK_WORD_NONE_LIMIT)
      out.emplace_back(text.substr(start, end - start));
  }
  return out;
}

bool Segmenter::is_dictionary_word(std::string_view word) const {
  return ThaiDictionary::get().contains(word);
}

bool Segmenter::joins_across(std::string_view left, std::string_view right) const {
  if (left.empty() || right.empty() || !impl_->it) return false;
  // Cheap exact precondition: most breaks end here without running ICU.
  if (!ThaiDictionary::get().has_word_across(left, right)) return false;
  std::string& joined = impl_->joined;
  joined.assign(left);
  joined.append(right);
  if (!impl_->set(joined) || impl_->it->isBoundary(static_cast<int32_t>(left.size())))
    return false;
  const auto [ws, we] = impl_->segment_around(left.size());
  if (!is_dictionary_word(std::string_view(joined).substr(ws, we - ws))) return false;
  // Each piece alone: the word must regroup whole segments of both pieces
  // (not cut into one, as "ว"+"กรม" -> "วก" would) and at least one segment
  // at the join must be a fragment.
  if (!impl_->set(left) || !impl_->it->isBoundary(static_cast<int32_t>(ws))) return false;
  size_t last = left.size();
  prev_cp(left, &last);  // ICU wants a code point start
  const auto [ls, le] = impl_->segment_around(last);
  const bool left_fragment = !is_dictionary_word(left.substr(ls, le - ls));
  if (!impl_->set(right) || !impl_->it->isBoundary(static_cast<int32_t>(we - left.size())))
    return false;
  const auto [rs, re] = impl_->segment_around(0);
  return left_fragment || !is_dictionary_word(right.substr(rs, re - rs));
}

// --- join_wrapped ----------------------------------------------------------------------

namespace {

// True if the text before a break cannot end a word: it ends in a lead vowel,
// or its last cluster has MAI HAN-AKAT, which always needs a final consonant.
bool cannot_end_word(std::string_view left) {
  size_t i = left.size();
  for (int marks = 0; i > 0 && marks < 4; ++marks) {
    const char32_t c = prev_cp(left, &i);
    if (c == 0x0E31 || is_lead_vowel(c)) return true;
    if (!is_combining(c)) return false;
  }
  return false;
}

// True if the text after a break cannot start a word: it starts with a mark
// that belongs on the consonant before it, or a vowel written after one.
bool cannot_start_word(char32_t first) { return is_combining(first) || is_follow_vowel(first); }

// A run of spaces with at most one line break, and no tab: what wrapping
// inside a cell leaves. Returns the end of the run starting at `i`, or `i`
// if the run is no such break.
size_t soft_break_end(std::string_view text, size_t i) {
  size_t j = i;
  int lines = 0;
  while (j < text.size() && is_soft_break(text[j])) {
    if (text[j] == '\n' || (text[j] == '\r' && (j + 1 == text.size() || text[j + 1] != '\n'))) ++lines;
    ++j;
  }
  if (j < text.size() && is_any_space(text[j])) return i;  // tab etc. in the run
  return lines <= 1 ? j : i;
}

bool should_join(std::string_view text, size_t a, size_t b, const Segmenter& seg,
                 const Lexicon& lexicon) {
  size_t pa = a, pb = b;
  const char32_t before = prev_cp(text, &pa);
  const char32_t after = next_cp(text, &pb);
  if (!is_thai_letter(before) || !is_thai_letter(after)) return false;
  if (cannot_start_word(after)) return true;
  const std::string_view left = piece_before(text, a);
  if (cannot_end_word(left)) return true;
  if (lexicon.spans(text.substr(0, a), text.substr(b))) return true;
  return seg.joins_across(left, piece_after(text, b));
}

}  // namespace

std::string join_wrapped(std::string_view text, const Segmenter& seg, const Lexicon& lexicon,
                         RepairCounts* counts) {
  if (is_ascii(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  int joins = 0;
  size_t copied = 0;  // text[0, copied) is already in out
  for (size_t i = 1; i < text.size(); ++i) {
    if (!is_soft_break(text[i]) || is_any_space(text[i - 1])) continue;
    const size_t j = soft_break_end(text, i);
    if (j == i || j == text.size()) continue;
    if (should_join(text, i, j, seg, lexicon)) {
      out.append(text.substr(copied, i - copied));
      copied = j;
      ++joins;
    }
    i = j - 1;
  }
  out.append(text.substr(copied));
  if (counts != nullptr) counts->add("wrap_join", joins);
  return out;
}

}  // namespace itax::thai

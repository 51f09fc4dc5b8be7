// Thai word segmentation (ICU dictionary BreakIterator) and the repair that
// needs it: joining words broken by wrapping inside narrow table cells.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "thai/repair_counts.h"

namespace itax::thai {

// Terms the project knows (unit names, checklist titles, ...): supplied by
// the rules stage, used here only as a set of whole words.
class Lexicon {
 public:
  void add(std::string_view term);  // stored without spaces
  bool contains(std::string_view term) const;
  bool empty() const { return terms_.empty(); }
  // Every term, without spaces, in the order added.
  const std::vector<std::string>& terms() const { return list_; }
  // True if some known term, spaces ignored, crosses the join between
  // `left` and `right`: it starts within `left` (a non-empty tail of it) and
  // ends within `right` (a non-empty head of it). Spaces and line breaks are
  // skipped on both sides; a tab (a table cell border) stops the match.
  // Costs a hash look-up plus a comparison per term sharing the two
  // characters at the join, independent of the lengths of left and right.
  bool spans(std::string_view left, std::string_view right) const;

 private:
  std::unordered_set<std::string> terms_;
  std::vector<std::string> list_;
  // (code point before, code point after) a position inside a term ->
  // (index in list_, byte offset of that position in the term).
  std::unordered_map<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>> by_pair_;
};

class Segmenter {
 public:
  Segmenter();  // opens ICU's Thai word break iterator once; reuse it
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Words of `text` in order (spaces and punctuation left out).
  std::vector<std::string> words(std::string_view text) const;
  // Byte offsets of word boundaries in `text` (including 0 and size).
  std::vector<size_t> boundaries(std::string_view text) const;

  // True if `word` is an entry of ICU's Thai dictionary (the one its break
  // iterator uses). False for anything else, or if that data is missing.
  bool is_dictionary_word(std::string_view word) const;

  // True if `left` + `right` (two unspaced pieces) look like one word split
  // in two ("งบประมา" + "ณ"): in the joined text ICU finds no boundary at
  // the join; the word it finds there is a dictionary word; that word
  // starts and ends on boundaries of the pieces segmented alone (it
  // regroups their segments rather than cutting one: "/ว"+"กรม" is not
  // "วก"+"รม"); and the segment of `left` or `right` at the join is no
  // dictionary word, i.e. the split left a fragment. The last test keeps
  // spaces between real words that happen to form a compound
  // ("ประจำปี งบประมาณ"); the dictionary test keeps abbreviations and
  // one-letter words ("ปี พ.ศ.", "ประชาชน ณ จุด").
  bool joins_across(std::string_view left, std::string_view right) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Removes spaces and line breaks that split one word ("ประชาสัมพั นธ์",
// "กองยุทธศาสตร์และ งบประมาณ"). Only a run of spaces with at most one line
// break, between two Thai letters, is a candidate (tabs are cell borders;
// MAIYAMOK and PAIYANNOI are spaced by convention). It is removed when:
// 1. the right piece cannot start a word: it starts with a combining mark or
//    a following vowel (SARA A, SARA AA, SARA AM, LAKKHANGYAO);
// 2. the left piece cannot end a word: it ends in a lead vowel, or its last
//    cluster has MAI HAN-AKAT;
// 3. the lexicon knows a term spanning the break;
// 4. Segmenter::joins_across(left piece, right piece). ICU's "no boundary at
//    the join" alone would be wrong: on the seed report it held at 41 of
//    345 breaks between Thai words, all legitimate ("ปี พ.ศ." read as
//    "ปีพ.ศ", "ประชาชน ณ จุด" as "ชนณ", "ตาม พระราชบัญญัติ" as "ตามพ"),
//    hence the dictionary, regrouping and fragment conditions there, which
//    leave the seed and a clean DOCX letter unchanged.
// Pieces are the unspaced runs of the input around the break. Breaks next to
// Latin letters or digits are never touched. Counts "wrap_join".
std::string join_wrapped(std::string_view text, const Segmenter& seg,
                         const Lexicon& lexicon, RepairCounts* counts = nullptr);

}  // namespace itax::thai

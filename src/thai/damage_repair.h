// Dictionary-checked repair of the damage Word's font subsetting leaves in
// the text layer of Thai PDFs (../shared/reference/thai-ita-facts.md):
//
// - SARA AM and SARA AA share one glyph whose text mapping names only one of
//   them, so a font writes า for every ำ (`สานักงาน`, `อาเภอ`, `ประจาปี`) or
//   ำ for every า (`รำยได้`, `บำท`). Both happen in one file, font by font.
// - SARA U drawn by a glyph that maps to nothing (`สาธารณสข`).
//
// How: every run of Thai letters is segmented by dynamic programming over
// the dictionary (fewest words, unknown letters cost more than words), where
// a า may be read as ำ, a ำ as า, and a ุ may be inserted after a consonant,
// each at a price. An edit survives only if the run then reads as fewer
// words or fewer unknown letters, which a clean run never gains from:
// "สา|นัก|งาน" becomes "สำนักงาน", "ทำ|งาน" stays. A SARA U insertion must
// also turn unknown letters into a word and be the only insertion in that
// word that makes a word.
//
// Per font, evidence from the whole document decides how far to trust these
// readings (observe() every text first, then repair() it):
// - a font that draws ำ in many words and for which few า→ำ readings were
//   proposed draws SARA AM correctly: its proposals are coincidences and
//   are dropped (same for ำ→า against words with า). This is what keeps
//   clean text unchanged;
// - a font where most words with ำ only read as words with า is swapped as a
//   whole: its ambiguous words (ทำ/ทา, นำ/นา) are read with า too;
// - otherwise each word is decided alone.
//
// Counted kinds: sara_am_swap (า read as ำ), sara_aa_swap (ำ read as า),
// sara_u_lost (ุ inserted).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thai/dictionary.h"
#include "thai/repair_counts.h"

namespace itax::thai {

// The word lists the repairs read. `broad` (libthai's and ICU's lists and
// added terms) decides between SARA AM and SARA AA readings. `strict`
// (libthai's list and added terms) must hold every word made by inserting
// SARA U or by moving a mark: ICU's list also holds rare words and
// fragments (รีม, อูม, ตรุ) that would turn guesses into repairs.
struct RepairWords {
  Dictionary broad;
  Dictionary strict;
  // libthai's and ICU's lists; built on first use and shared.
  static const RepairWords& standard();
  void add(std::string_view term) {
    broad.add(term);
    strict.add(term);
  }
};

// Which font drew which part of a text: (ordinal, font) pairs in increasing
// ordinal order, where the ordinal counts the code points before it that are
// not whitespace (so the map survives removed spaces and line breaks). The
// text before the first pair, or all of it when empty, is in font "".
using FontRuns = std::vector<std::pair<size_t, std::string>>;

class DamageRepair {
 public:
  // `words` must outlive this object.
  explicit DamageRepair(const RepairWords& words);

  // Pass 1: gathers evidence from one text of the document.
  void observe(std::string_view text, const FontRuns& fonts = {});
  // Pass 2: the repaired text. Counts each repair in `counts` (if given).
  std::string repair(std::string_view text, const FontRuns& fonts = {},
                     RepairCounts* counts = nullptr) const;

  // How each kind of edit is treated in a font, after observing.
  enum class Trust { Off, PerWord, WholeFont };
  struct Evidence {
    int aa = 0, am = 0;              // า and ำ seen
    int kept_aa = 0, kept_am = 0;    // seen inside dictionary words, unedited
    int to_am = 0, to_aa = 0, to_u = 0;  // edits proposed
  };
  Trust trust_am(const std::string& font) const;  // reading า as ำ
  Trust trust_aa(const std::string& font) const;  // reading ำ as า
  const std::map<std::string, Evidence>& evidence() const { return evidence_; }
  // One line per font, for logs: "TH SarabunPSK: ำ→า whole font (…)".
  std::string describe() const;

 private:
  const RepairWords& words_;
  std::map<std::string, Evidence> evidence_;
};

// One text in one font: observe, then repair (tests, plain text input).
std::string repair_damage(std::string_view text, const RepairWords& words = RepairWords::standard(),
                          RepairCounts* counts = nullptr);

// A number whose digits mix ASCII and Thai (`256๒`: typed in ASCII, drawn as
// Thai by TH SarabunIT๙) is rewritten in one script: the script of most of
// its digits, ASCII on a tie. A number is a run of digits, with single '.'
// or ',' between digits. Counts "mixed_digits" per number rewritten.
std::string unify_digits(std::string_view text, RepairCounts* counts = nullptr);

}  // namespace itax::thai

// Dictionary-checked repair of the damage Word's font subsetting and PDF
// text layers leave in Thai text (../shared/reference/thai-ita-facts.md):
//
// - SARA AM and SARA AA share one glyph whose text mapping names only one of
//   them, so a font writes า for every ำ (`สานักงาน`, `อาเภอ`, `ประจาปี`) or
//   ำ for every า (`รำยได้`, `บำท`). Both happen in one file, font by font.
// - SARA U drawn by a glyph that maps to nothing (`สาธารณสข`).
// - Marks put one letter late, in the content stream's glyph order rather
//   than reading order (`ขอ้มูล`, `ทีต่ั้ง`, `ผูบ้งัคับ`).
//
// How: every run of Thai letters is segmented by dynamic programming over
// the dictionary (fewest words; a letter no word covers costs more than a
// word), where a า may be read as ำ, a ำ as า, and a ุ may be inserted
// after a consonant, each at a price. An edit survives only if the run then
// reads as fewer words or fewer unknown letters, which a clean run never
// gains from: "สา|นัก|งาน" becomes "สำนักงาน", "ทำ|งาน" stays, and a word
// the dictionary has is never changed by its own reading. Guards:
// - SARA U: the new word must be in the strict list (libthai), turn unknown
//   letters into a word, be the only insertion in it that makes a word, sit
//   between words (not next to letters still unknown), and not be an
//   abbreviation (a run before '.', or of at most three consonants: ชบ);
// - marks: only marks within a few letters of unknown ones are tried, one
//   site or two neighbouring sites at once; a move must save a word's cost,
//   leave every letter around it inside strict-list words, and take marks
//   from at most one word that already read.
//
// Per font, evidence from the whole document decides how far to trust these
// readings (observe() every text first, then repair() it):
// - a font that draws ำ in many words and for which few า→ำ readings were
//   proposed draws SARA AM correctly: its proposals are coincidences and
//   are dropped (same for ำ→า against words with า);
// - a font where most words with ำ only read as words with า is swapped as a
//   whole: its ambiguous words (ทำ/ทา, นำ/นา) are read with า too; a font
//   with no ำ in a word but many า→ำ readings gets them more cheaply;
// - SARA U insertions are dropped in a font whose proposals are under a
//   tenth of its words with ุ, mark moves where they are under 0.5% of the
//   marks in its words and no mark stands where no spelling puts it;
// - otherwise each word is decided alone.
// This is what keeps clean text unchanged, even when stray spaces cut its
// words into fragments.
//
// Counted kinds: sara_am_swap (า read as ำ), sara_aa_swap (ำ read as า),
// sara_u_lost (ุ inserted), mark_displaced (marks moved back).
#pragma once
#include <map>
#include <memory>
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
  ~DamageRepair();
  DamageRepair(const DamageRepair&) = delete;
  DamageRepair& operator=(const DamageRepair&) = delete;

  // Pass 1: gathers evidence from one text of the document.
  void observe(std::string_view text, const FontRuns& fonts = {});
  // Pass 2: the repaired text. Counts each repair in `counts` (if given).
  std::string repair(std::string_view text, const FontRuns& fonts = {},
                     RepairCounts* counts = nullptr) const;

  // How each kind of edit is treated in a font, after observing.
  enum class Trust { Off, PerWord, WholeFont };
  struct Evidence {
    int aa = 0, am = 0;                    // า and ำ seen
    int kept_aa = 0, kept_am = 0;          // seen inside dictionary words, unedited
    int kept_u = 0, kept_marks = 0;        // ุ, and any mark, inside dictionary words
    int to_am = 0, to_aa = 0, to_u = 0;    // edits proposed
    int to_marks = 0;                      // marks proposed to move back
    int odd_marks = 0;                     // marks where no spelling puts them
  };
  Trust trust_am(const std::string& font) const;  // reading า as ำ
  Trust trust_aa(const std::string& font) const;  // reading ำ as า
  bool trust_u(const std::string& font) const;      // inserting ุ
  bool trust_marks(const std::string& font) const;  // moving marks back
  const std::map<std::string, Evidence>& evidence() const { return evidence_; }
  // Adds another repair's evidence to this one's (texts observed in parallel
  // by one DamageRepair each; counts add up, so the order does not matter).
  void add_evidence(const DamageRepair& other);
  // Takes another repair's evidence in place of this one's.
  void set_evidence(const DamageRepair& other) { evidence_ = other.evidence_; }
  // One line per font, for logs: "TH SarabunPSK: ำ→า whole font (…)".
  std::string describe() const;

 private:
  const RepairWords& words_;
  std::map<std::string, Evidence> evidence_;
  // Solved runs by (letters, what each may become): a report repeats its
  // headings, column titles and phrases on every page, and solving a run is
  // the whole cost of this stage. Results depend on nothing else, so reuse
  // changes no output.
  struct Memo;
  std::unique_ptr<Memo> memo_;
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

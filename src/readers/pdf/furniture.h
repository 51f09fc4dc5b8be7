// Page furniture of a PDF: page numbers and running headers and footers,
// which the body must not contain.
//
// Only lines in the top or bottom margin band of a page are candidates
// (centre within kMarginBand of the page height from the edge; body lines
// of tables are never candidates). A candidate is furniture when
//  - it is a page number alone: "7", "-7-", "- 7 -", "(7)", "หน้า 7",
//    "Page 7", "7/41", "หน้า ๗ จาก ๔๑" (ASCII or Thai digits; a bare number
//    has at most 3 digits, so a lone "2566" stays text); or
//  - the same text (spaces ignored, each run of digits read as one "#", so a
//    footer that carries the page number repeats too) stands in the same
//    band at about the same distance from the edge (within a tolerance) on
//    3+ pages, or on 2+ pages that are more than half of the document.
// Repetition needs every page, so the decision is made at the end of the
// document: RepeatFinder collects candidates and decides once.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace itax::pdf {

inline constexpr double kMarginBand = 0.12;  // of the page height

bool is_page_number(std::string_view text);

// The text a repetition is recognised by: no spaces, digit runs -> "#".
std::string repeat_key(std::string_view text);

enum class Band { Top, Bottom };

class RepeatFinder {
 public:
  // `distance`: from the line's centre to the page edge of its band.
  // `tolerance`: how far the same line may move between pages.
  void add(int id, int page, Band band, double distance, double tolerance, std::string key);
  // The ids of the candidates that repeat. O(n log n).
  std::vector<int> repeated(int pages) const;

 private:
  struct Candidate {
    int id = 0, page = 0;
    Band band = Band::Top;
    double distance = 0, tolerance = 0;
    std::string key;
  };
  std::vector<Candidate> all_;
};

}  // namespace itax::pdf

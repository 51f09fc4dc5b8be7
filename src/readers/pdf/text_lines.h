// Text lines of a PDF page: words (and check-box marks) grouped by their
// vertical position, ordered left to right, turned into model Inlines.
// Used for the body of a page and for the inside of every table cell.
//
// Grouping: Thai stacks marks above and below the letters, so word boxes
// (which the text layer takes from font metrics) differ in height and top;
// two words share a line when the middle halves of their boxes overlap
// (|Δcentre| <= (h1 + h2) / 4). A check-box mark joins the line whose
// vertical extent holds the mark's centre (the nearest one); a mark that
// fits no line makes a line of marks of its own.
//
// Spaces: a space goes between two words when the gap between them is wider
// than a threshold that the document itself sets (SpaceGap). Thai has no
// spaces between words, and renderers leave small gaps between the shapes
// of a line; how large depends on the producer. Measured on the samples and
// the real corpus (gap / font size, consecutive words of a line):
//   Word, TH SarabunIT๙:      joins ~0.00; spaces 0.20-0.24 (mode 0.22)
//   LibreOffice, Laksaman:    joins 0.00-0.14, "O๑" 0.205; spaces 0.32 (mode)
// No fixed threshold fits both, but the commonest gap in [0.09, 0.61) em is
// the font's space in both: the threshold is 0.7 x that mode, clamped to
// [0.15, 0.25] em, from the gaps of every page seen so far (streaming); with
// fewer than 8 such gaps, kSpaceGap. The pass's space_after is not used: it is
// itself a gap rule (> 0.15 em, as pdftotext -raw), which puts a space in
// "O ๑". Nothing is put between a box and the word after it (its label), so
// the label starts right after the box.
#pragma once
#include <string>
#include <vector>

#include "model/document.h"
#include "readers/pdf/raw_page.h"

namespace itax::pdf {

inline constexpr double kSpaceGap = 0.2;  // of the font size, until the document says otherwise

// A word or a mark placed on the page. Points into the RawPage being laid
// out, so Pieces live only while add_page runs.
struct Piece {
  BBox box;
  const RawWord* word = nullptr;  // exactly one of word and mark is set
  const RawMark* mark = nullptr;
  int seq = 0;  // order on the page (words in content-stream order, then marks)
  double cx() const { return (box.x0 + box.x1) / 2; }
  double cy() const { return (box.y0 + box.y1) / 2; }
  double height() const { return box.y1 - box.y0; }
};

// Font size of a word; estimated from its box when the text layer has none.
double em_of(const RawWord& w);

// Pieces on one line, left to right.
struct Line {
  std::vector<Piece> pieces;
  BBox box;
  double font_size = 0;  // largest font size of its words; 0 if it holds only marks
  double cy() const { return (box.y0 + box.y1) / 2; }
  double height() const { return box.y1 - box.y0; }
  // The font size to measure gaps with: font_size, else from the height.
  double em() const;
};

// Lines of `pieces`, top to bottom. O(n log n).
std::vector<Line> group_lines(std::vector<Piece> pieces);

// Recomputes box and font_size after pieces changed; sorts pieces left to
// right by their horizontal centre, ties in `seq` order. Centres, not left
// edges: a Thai mark is drawn back over its letter, or even a little into
// the next one (LibreOffice puts the zero-width MAI THO of "ชี้" at the left
// edge of the following "ว"), so its left edge can pass the next letter's
// while its centre does not.
void finish_line(Line& line);

// A line after layout: what is kept once the RawPage is gone.
struct TextLine {
  BBox box;
  double font_size = 0;
  std::vector<Inline> content;  // Text runs (one per run of same-font words) and Boxes
  std::string text() const;     // the Text inlines concatenated
  double em() const;
};

// Lays out one line: Inlines with page and box set (locators come later).
// `space_gap`: the gap, in font sizes, above which words are spaced.
TextLine lay_out_line(const Line& line, int page, double space_gap = kSpaceGap);

// Learns the space threshold from the gaps between consecutive words of a
// line, in content-stream order, page after page.
class SpaceGap {
 public:
  void add_page(const std::vector<RawWord>& words);
  double threshold() const;  // in font sizes

 private:
  static constexpr double kLow = 0.09, kBin = 0.02;
  static constexpr int kBins = 26;  // [0.09, 0.61)
  long bins_[kBins] = {};
  long total_ = 0;
};

// One paragraph from lines, top to bottom: their contents in order, lines
// joined by "\n" (so the Thai stage can rejoin words broken by wrapping).
// Its where gets the page and the lines' union box; no locator yet.
// `right_edge` > 0 (the text column's right edge): a line that ends so far
// short of it that the next line's first word would have fitted was ended
// by its author, not wrapped; its break is "\r\n", which the Thai stage
// never joins as a wrap of two Thai letters ("O1 โครงสร้าง" / "☑ ดำเนินการ").
Paragraph paragraph_of(std::vector<TextLine> lines, int page, double right_edge = 0);

inline constexpr double kThaiWordEms = 5;  // the widest first word a Thai run is taken to have

// Width of the line's first word (text up to its first space, or its first
// check box), estimated from its inline's box.
double first_word_width(const TextLine& line);

BBox unite(const BBox& a, const BBox& b);

}  // namespace itax::pdf

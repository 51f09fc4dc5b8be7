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
// Spaces: a space goes between two words when the text layer says so
// (space_after) or when the gap is wider than kSpaceGap of the font size.
// Thai has no spaces between words, and renderers leave small gaps between
// word shapes (LibreOffice: 0.12-0.18 em with a substituted font); a real
// space is 0.25-0.35 em. Nothing is put between a box and the word after it
// (its label), so the label starts right after the box.
#pragma once
#include <string>
#include <vector>

#include "model/document.h"
#include "readers/pdf/raw_page.h"

namespace itax::pdf {

inline constexpr double kSpaceGap = 0.25;  // of the font size

// A word or a mark placed on the page. Points into the RawPage being laid
// out, so Pieces live only while add_page runs.
struct Piece {
  BBox box;
  const RawWord* word = nullptr;  // exactly one of word and mark is set
  const RawMark* mark = nullptr;
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

// Recomputes box and font_size after pieces changed; sorts pieces by x.
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
TextLine lay_out_line(const Line& line, int page);

// One paragraph from lines, top to bottom: their contents in order, lines
// joined by "\n" (so the Thai stage can rejoin words broken by wrapping).
// Its where gets the page and the lines' union box; no locator yet.
Paragraph paragraph_of(std::vector<TextLine> lines, int page);

BBox unite(const BBox& a, const BBox& b);

}  // namespace itax::pdf

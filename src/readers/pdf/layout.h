// The PDF layout layer: RawPages (words, marks, rulings) in, the document
// model out. Pages come in one at a time (streaming, from the graphics
// pass); each is laid out when it arrives and its RawPage is let go.
//
// Per page:
//  1. Ruled tables (table_builder.h): words and marks whose centre lies in a
//     grid cell go to that cell; each cell is one paragraph of its lines
//     joined by "\n", boxes inline where they stand.
//  2. The other words and marks form text lines (text_lines.h); the gap
//     that makes a space is learned from the document's own spaces
//     (SpaceGap: running over the pages seen so far).
//  3. Borderless tables from text alignment (aligned_tables.h), among the
//     lines between two ruled tables.
//  4. The remaining lines group into paragraphs, top to bottom. A new
//     paragraph starts when the gap to the previous line exceeds
//     max(0.6 line height, usual gap + 0.4 line height) (the usual gap is the
//     page's median gap between lines, so 1.5-spaced text is not cut into
//     lines), when the font size changes by more than 15%, at a line
//     indented more than 1 em beyond the previous one (unless both are
//     centred on each other: title blocks), at a line outdented by more
//     than 1 em after the paragraph's second line (hanging indents), at a
//     line starting with a bullet or "1." / "(1)", and where one line is in
//     a margin band and the other is not.
//     Within a paragraph, a line that ends so far short of the page's text
//     column that the next line's first word would have fitted was ended by
//     its author: its break is "\r\n", which the Thai stage never joins as
//     a wrapped phrase (lists: "O1 โครงสร้าง" above "☑ ดำเนินการ").
//  5. Tables and paragraphs are put in reading order by their top edge.
//     One column: two-column pages are not told apart (their lines read
//     across both columns). Left out on purpose: in these reports a side by
//     side layout is far more often a label | value form than running text
//     in two columns, and reading those column by column would part every
//     label from its value.
//
// Storage: a page's laid-out blocks are kept (lines of inlines and built
// tables: about the size of the page's text, never the RawPage) until
// finish(), because running headers and footers are known only once every
// page has been seen. finish() then moves page numbers and repeating
// margin lines (furniture.h) to Document::furniture, numbers the tables
// (Table::index, 1..N over the document) and writes the locators:
//   body paragraph      "page 3 paragraph 2"        (N-th body paragraph of the page)
//   table, row, cell    "page 7 table 2 row 3 cell 1" (2 = Table::index)
//   paragraph in a cell "page 7 table 2 row 3 cell 1 paragraph 1"
//   furniture           "page 3 header paragraph 1", "page 3 footer paragraph 1"
// Every Inline carries its paragraph's locator, its page and its own box.
//
// Pages without words make a note; if no page has any, text_layer is false.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "model/document.h"
#include "readers/pdf/raw_page.h"
#include "readers/reader.h"

namespace itax::pdf {

inline constexpr double kParagraphGap = 0.6;  // of the line height
inline constexpr double kFontChange = 1.15;   // ratio of font sizes that starts a paragraph

class LayoutBuilder {
 public:
  explicit LayoutBuilder(const ReaderOptions& opts);
  ~LayoutBuilder();
  LayoutBuilder(const LayoutBuilder&) = delete;
  LayoutBuilder& operator=(const LayoutBuilder&) = delete;

  void add_page(RawPage page);
  // Format::Pdf; pages = pages added; text_layer false if no page had a word.
  Document finish();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace itax::pdf

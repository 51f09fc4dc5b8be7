// Tables without rulings, found from the alignment of text: the fallback
// for borderless tables. Deliberately conservative, since a page of running
// text must never become a table.
//
// A line splits into segments at gaps wider than kColumnGap of its font
// size. Lines with 3+ segments are "wide". Two wide lines are linked when
// they are close (at most 3 other lines and 2 line heights per line step
// between them) and 3+ of their segment starts align within kAlignTol. A
// chain of linked wide lines is a table core if it has 3+ wide lines, or
// one link with 4+ aligned starts (justified running text may open wide
// gaps, but its segments hardly ever start at the same 3 places on two
// lines, and the left margin is only one of them). Columns are the starts
// found on 2+ wide lines of the core; 3+ are needed. The table then takes
// the core, the lines between (all of which must fit the columns) and the
// lines just before and after it that fit: every segment starts at or right
// of a column start and ends before the next column starts, so a running
// line crossing the columns ends the table.
//
// Rows: a line opens a new row when it has text in the first column, or
// lies more than one line height below the previous line; other lines wrap
// the cells of the row above (an empty first cell stays empty).
#pragma once
#include <vector>

#include "readers/pdf/table_builder.h"
#include "readers/pdf/text_lines.h"

namespace itax::pdf {

inline constexpr double kColumnGap = 1.0;  // of the font size
inline constexpr double kAlignTol = 2.5;   // points

struct AlignedTable {
  size_t first = 0, last = 0;  // the lines it took: [first, last] of the input
  TableShape shape;
  std::vector<std::vector<std::vector<Piece>>> pieces;  // [row][cell]
};

// Tables among `lines` (top to bottom, none crossing a ruled table), in
// order, not overlapping.
std::vector<AlignedTable> find_aligned_tables(const std::vector<Line>& lines);

}  // namespace itax::pdf

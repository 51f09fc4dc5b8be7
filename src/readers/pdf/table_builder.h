// Tables from ruling lines: where horizontal and vertical rulings meet they
// form a grid; the grid's cells become model cells, merged where a ruling is
// missing between two grid cells (like DOCX gridSpan / vMerge), and the
// words and marks whose centre falls in a cell become that cell's one
// paragraph.
//
// Finding grids (find_ruled_grids), per page:
//  1. Segments on one line with gaps up to 3.5 pt are joined (dashed and
//     dotted borders, borders drawn cell by cell); then rulings shorter
//     than kMinRuling are dropped (ticks, stray dots). A page with more than
//     kMaxRulings rulings left (hatching, charts) is not searched.
//  2. Rulings that touch or cross (within kSnap plus half their thickness)
//     are joined into groups (union-find; the verticals are sorted by x and
//     each horizontal looks only at those within its x range).
//  3. A group's column edges are its verticals' x positions (clustered
//     within kSnap) plus the group's left and right ends; its row edges are
//     the y positions of horizontals that run along at least 90% of some
//     column (an underline under a word inside a cell is no row edge), plus
//     the group's top and bottom. Fewer than 2 columns or 1 row: no table
//     (a frame around a paragraph or the page, a drawn check box).
//  4. Between two neighbouring grid cells of a row the vertical edge is
//     drawn when rulings cover at least half of it; where it is not, the
//     cells merge into one (grid_col, grid_span). A cell whose top edge is
//     not drawn at all and whose row above has a cell with the same columns
//     continues it (vmerge_continue, like w:vMerge): the content of both
//     goes to the upper one.
// Cost: sorting plus the number of (horizontal, vertical) pairs whose
// ranges overlap in x, and the grid's size; independent of the words.
#pragma once
#include <string>
#include <vector>

#include "model/document.h"
#include "readers/pdf/raw_page.h"
#include "readers/pdf/text_lines.h"

namespace itax::pdf {

inline constexpr double kMinRuling = 3.0;  // points
inline constexpr double kSnap = 2.5;       // points
inline constexpr size_t kMaxRulings = 5000;
inline constexpr size_t kMaxGridCells = 100000;

// The shape of a table, however it was found: rows of cells on a grid.
struct CellShape {
  int col = 0, span = 1;
  bool vmerge_continue = false;
  BBox box;
};
struct TableShape {
  BBox box;
  int columns = 0;
  std::vector<std::vector<CellShape>> rows;
  std::vector<BBox> row_boxes;  // one per row
};

// A grid found from rulings, and where content lands in it.
struct RuledGrid {
  TableShape shape;
  std::vector<double> xs, ys;  // column and row edges, increasing
  // Grid cell (r, c) -> (row, cell) of the model cell that receives content
  // there, as r * columns + c.
  std::vector<std::pair<int, int>> owner;
  // The (row, cell) receiving a point's content; {-1, -1} outside the grid.
  std::pair<int, int> cell_at(double x, double y) const;
};

// Grids of a page's rulings, in no particular order. `note` gets a message
// when the page was not searched (too many rulings).
std::vector<RuledGrid> find_ruled_grids(const std::vector<RawRuling>& rulings, std::string* note = nullptr);

// Finds which grid holds a point, quickly: grids are bucketed by horizontal
// bands of the page.
class GridIndex {
 public:
  explicit GridIndex(const std::vector<RuledGrid>& grids);
  // Index of the grid whose box holds (x, y), or -1.
  int find(double x, double y) const;

 private:
  const std::vector<RuledGrid>& grids_;
  double band_ = 24.0;
  double top_ = 0;
  std::vector<std::vector<int>> bands_;
};

// The model table: pieces[row][cell] are the pieces of each cell (any
// order); each cell gets one paragraph of its lines (an empty one if it has
// none). Page, boxes set; locators and index are left for later.
Table make_table(const TableShape& shape, std::vector<std::vector<std::vector<Piece>>> pieces, int page,
                 double space_gap = kSpaceGap);

}  // namespace itax::pdf

// The document model every reader produces and every later stage reads.
// DOCX and PDF both become a tree of blocks: paragraphs (text runs with
// inline check boxes) and tables (rows of cells that hold blocks again).
// Provenance travels with each node in `Location`.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace itax {

struct BBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // PDF points, origin top-left
};

struct Location {
  int page = 0;               // 1-based; 0 = not known (DOCX)
  std::optional<BBox> bbox;   // PDF only
  std::string locator;        // "paragraph 12", "table 3 row 5 cell 4"
};

// A check box as the author drew it. `encoding` says how it was written, so a
// reviewer can tell a content control from a Wingdings glyph from "[X]".
struct CheckBox {
  bool checked = false;
  std::string encoding;  // "w14:checkbox", "formfield", "glyph U+2611", "sym Wingdings F0FE", "mark [X]"
  Location where;
};

// One piece of paragraph content: text or a check box, in reading order.
struct Inline {
  enum class Kind { Text, Box };
  Kind kind = Kind::Text;
  std::string text;  // UTF-8 when kind == Text; "\t" and "\n" kept
  CheckBox box;      // when kind == Box
  std::string font;  // font the text was drawn in, when the reader knows it
  Location where;    // PDF: page and box of this piece; DOCX: usually empty
};

struct Paragraph {
  std::vector<Inline> content;
  std::string style;  // style id, e.g. "Heading1"; may be empty
  Location where;
  // Concatenated text, check boxes left out.
  std::string text() const;
  bool has_boxes() const;
};

struct Block;

struct Cell {
  std::vector<Block> blocks;
  int grid_col = 0;               // first grid column this cell covers
  int grid_span = 1;              // columns covered (w:gridSpan)
  bool vmerge_continue = false;   // continues the cell above (w:vMerge without restart)
  Location where;
  // Paragraph texts joined with "\n"; nested tables row by row.
  std::string text() const;
};

struct Row {
  std::vector<Cell> cells;
  bool repeat_header = false;  // marked as a header row that repeats on each page
  Location where;
};

struct Table {
  std::vector<Row> rows;
  int index = 0;  // 1-based, in document order, counting nested tables
  Location where;
};

struct Block {
  std::variant<Paragraph, Table> node;
  const Paragraph* paragraph() const { return std::get_if<Paragraph>(&node); }
  const Table* table() const { return std::get_if<Table>(&node); }
  Paragraph* paragraph() { return std::get_if<Paragraph>(&node); }
  Table* table() { return std::get_if<Table>(&node); }
};

enum class Format { Docx, Pdf };

struct Document {
  Format format = Format::Docx;
  int pages = 0;                   // PDF page count; 0 for DOCX
  std::vector<Block> body;         // main text in reading order
  std::vector<Block> furniture;    // headers, footers: kept apart from the body
  std::vector<std::string> notes;  // non-fatal reader observations
  bool text_layer = true;          // false: a PDF whose pages carry no text (a scan)
};

// Calls f(const Paragraph&) for every paragraph, depth first, in order.
template <class F>
void for_each_paragraph(const std::vector<Block>& blocks, F&& f);

}  // namespace itax

#include "model/document_inl.h"

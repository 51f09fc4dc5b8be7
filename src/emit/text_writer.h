// The document as plain text in reading order, like `pdftotext` but from
// the repaired model: each paragraph is a line; a table is written row by
// row, one line per row, its cells separated by tabs (a cell's own line
// breaks and tabs become spaces; empty fields keep cells under their grid
// column); check boxes are written ☐ / ☑; a form feed separates pages (PDF:
// from each block's and row's Location::page; a DOCX has no pages, so no
// form feeds). Headers and footers (Document::furniture) are left out.
#pragma once
#include <string>

#include "model/document.h"

namespace itax {

std::string write_text(const Document& doc);

}  // namespace itax

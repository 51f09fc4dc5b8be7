// What the PDF graphics pass sees on one page, before any layout: words with
// fonts and boxes, check boxes (glyphs, vector drawings, form fields) and
// ruling lines. `pdf_layout` turns pages of these into the document model.
// Coordinates: PDF points, origin at the page's top-left, y growing down.
#pragma once
#include <string>
#include <vector>

#include "model/document.h"

namespace itax::pdf {

struct RawWord {
  std::string text;              // UTF-8 as the text layer maps it (may hold PUA code points)
  BBox box;
  std::string font;              // base font name without subset prefix ("THSarabunPSK")
  double font_size = 0;
  bool space_after = false;      // the text layer puts a space after this word
  std::vector<BBox> char_boxes;  // one per code point of `text`
};

enum class MarkSource { Glyph, Vector, Form };

struct RawMark {
  BBox box;
  bool checked = false;
  MarkSource source = MarkSource::Glyph;
  std::string encoding;  // "glyph U+2611", "sym Wingdings F0FE", "vector", "acroform Check1"
};

// A ruling line: a stroked segment, or a filled rectangle thin in one
// direction (how Word and LibreOffice draw table borders).
struct RawRuling {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x0<=x1, y0<=y1; horizontal if y1-y0 small
  bool horizontal() const { return (y1 - y0) <= (x1 - x0); }
};

struct RawPage {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<RawWord> words;  // in content-stream order
  std::vector<RawMark> marks;
  std::vector<RawRuling> rulings;
  std::vector<std::string> notes;  // what the pass left out ("stopped after N operators")
};

}  // namespace itax::pdf

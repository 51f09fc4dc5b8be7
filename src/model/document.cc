#include "model/document.h"

namespace itax {

std::string Paragraph::text() const {
  std::string out;
  for (const Inline& in : content)
    if (in.kind == Inline::Kind::Text) out += in.text;
  return out;
}

bool Paragraph::has_boxes() const {
  for (const Inline& in : content)
    if (in.kind == Inline::Kind::Box) return true;
  return false;
}

static void append_blocks_text(const std::vector<Block>& blocks, std::string& out) {
  for (const Block& b : blocks) {
    if (!out.empty()) out += '\n';
    if (const Paragraph* p = b.paragraph()) {
      out += p->text();
    } else if (const Table* t = b.table()) {
      bool first_row = true;
      for (const Row& r : t->rows) {
        if (!first_row) out += '\n';
        first_row = false;
        bool first_cell = true;
        for (const Cell& c : r.cells) {
          if (!first_cell) out += '\t';
          first_cell = false;
          out += c.text();
        }
      }
    }
  }
}

std::string Cell::text() const {
  std::string out;
  append_blocks_text(blocks, out);
  return out;
}

}  // namespace itax

#pragma once
// Template bodies for document.h.
namespace itax {

template <class F>
void for_each_paragraph(const std::vector<Block>& blocks, F&& f) {
  for (const Block& b : blocks) {
    if (const Paragraph* p = b.paragraph()) {
      f(*p);
    } else if (const Table* t = b.table()) {
      for (const Row& r : t->rows)
        for (const Cell& c : r.cells) for_each_paragraph(c.blocks, f);
    }
  }
}

}  // namespace itax

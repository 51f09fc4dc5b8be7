#include "emit/text_writer.h"

#include <algorithm>

namespace itax {
namespace {

// Paragraph text with check boxes drawn as characters. A PDF line its
// author ended is "\r\n" in the model (so it is never joined as a wrap);
// the text output ends every line with "\n" alone.
std::string paragraph_text(const Paragraph& p) {
  std::string s;
  for (const Inline& in : p.content) {
    if (in.kind == Inline::Kind::Text) {
      for (char c : in.text)
        if (c != '\r') s += c;
    } else {
      s += in.box.checked ? "☑" : "☐";
    }
  }
  return s;
}

// A cell on one line: its paragraphs (and nested tables' cells) joined by
// spaces, since newlines end rows and tabs separate cells.
void cell_text(const std::vector<Block>& bs, std::string& s) {
  for (const Block& b : bs) {
    if (const Paragraph* p = b.paragraph()) {
      std::string t = paragraph_text(*p);
      for (char& c : t)
        if (c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') c = ' ';
      if (t.empty()) continue;
      if (!s.empty()) s += ' ';
      s += t;
    } else if (const Table* t = b.table()) {
      for (const Row& r : t->rows)
        for (const Cell& c : r.cells) cell_text(c.blocks, s);
    }
  }
}

class TextWriter {
 public:
  std::string take() { return std::move(out_); }

  void blocks(const std::vector<Block>& bs) {
    for (const Block& b : bs) {
      if (const Paragraph* p = b.paragraph()) {
        page(p->where.page);
        out_ += paragraph_text(*p);
        out_ += '\n';
      } else if (const Table* t = b.table()) {
        page(t->where.page);
        for (const Row& r : t->rows) {
          page(r.where.page);
          row(r);
          out_ += '\n';
        }
      }
    }
  }

  // Form feeds up to page `p` (0: not known, nothing to do): page k's text
  // follows k-1 form feeds, even when pages before it hold no text.
  void page(int p) {
    if (p <= 0) return;
    if (page_ == 0) page_ = 1;
    for (; page_ < p; ++page_) out_ += '\f';
  }

 private:
  void row(const Row& r) {
    int col = 0;  // grid column the next field stands for
    bool first = true;
    for (const Cell& c : r.cells) {
      // Empty fields for grid columns no cell of this row starts at.
      for (; col < c.grid_col; ++col) {
        if (!first) out_ += '\t';
        first = false;
      }
      if (!first) out_ += '\t';
      first = false;
      if (!c.vmerge_continue) cell_text(c.blocks, out_field_);
      out_ += out_field_;
      out_field_.clear();
      // A cell spanning columns is followed by empty fields for the others.
      col = std::max(col, c.grid_col) + 1;
      for (int k = 1; k < c.grid_span; ++k, ++col) out_ += '\t';
    }
  }

  std::string out_;
  std::string out_field_;  // scratch: one cell's text
  int page_ = 0;           // page of the text written last; 0 before any
};

}  // namespace

std::string write_text(const Document& doc) {
  TextWriter w;
  w.blocks(doc.body);
  if (doc.format == Format::Pdf) w.page(doc.pages);  // trailing pages without text
  return w.take();
}

}  // namespace itax

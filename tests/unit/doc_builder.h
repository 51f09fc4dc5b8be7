// Builds small documents in tests without a reader.
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

#include "model/document.h"

namespace itax::test {

// "☐" and "☑" in cell text become unchecked / checked boxes.
inline Paragraph para(const std::string& text) {
  Paragraph p;
  std::string buf;
  auto flush = [&] {
    if (!buf.empty()) p.content.push_back({Inline::Kind::Text, buf, {}});
    buf.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "☐") == 0 || text.compare(i, 3, "☑") == 0) {
      flush();
      Inline in;
      in.kind = Inline::Kind::Box;
      in.box.checked = text.compare(i, 3, "☑") == 0;
      in.box.encoding = "test";
      p.content.push_back(in);
      i += 3;
    } else {
      buf += text[i++];
    }
  }
  flush();
  return p;
}

inline Block para_block(const std::string& text) { return Block{para(text)}; }

inline Table table(std::initializer_list<std::vector<std::string>> rows) {
  Table t;
  int r = 0;
  for (const auto& cells : rows) {
    Row row;
    row.where.locator = "row " + std::to_string(++r);
    int col = 0;
    for (const std::string& c : cells) {
      Cell cell;
      cell.grid_col = col++;
      cell.where.locator = row.where.locator + " cell " + std::to_string(col);
      // "\n" in the text makes separate paragraphs, as in a real cell.
      size_t start = 0;
      for (size_t nl; (nl = c.find('\n', start)) != std::string::npos; start = nl + 1)
        cell.blocks.push_back(para_block(c.substr(start, nl - start)));
      cell.blocks.push_back(para_block(c.substr(start)));
      row.cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace itax::test

// Ruled and borderless tables of the PDF layout layer, from synthetic
// RawPages (exact, fast; no PDF needed).
#include <catch2/catch.hpp>
#include <chrono>

#include "extract/table_records.h"
#include "readers/pdf/aligned_tables.h"
#include "readers/pdf/layout.h"
#include "readers/pdf/table_builder.h"

using namespace itax;
using namespace itax::pdf;

namespace {

RawWord word(const std::string& text, double x0, double y0, double x1, bool space_after = false,
             const std::string& font = "THSarabunPSK") {
  RawWord w;
  w.text = text;
  w.box = BBox{x0, y0, x1, y0 + 18};
  w.font = font;
  w.font_size = 14;
  w.space_after = space_after;
  return w;
}

RawMark mark(double x0, double y0, bool checked) {
  RawMark m;
  m.box = BBox{x0, y0, x0 + 10, y0 + 10};
  m.checked = checked;
  m.encoding = checked ? "glyph U+2612" : "glyph U+2610";
  return m;
}

// A thin filled rectangle, as Word and LibreOffice draw borders.
RawRuling hline(double x0, double x1, double y) { return RawRuling{x0, y - 0.25, x1, y + 0.25}; }
RawRuling vline(double x, double y0, double y1) { return RawRuling{x - 0.25, y0, x + 0.25, y1}; }

Document lay_out(std::vector<RawPage> pages) {
  LayoutBuilder b{ReaderOptions{}};
  for (RawPage& p : pages) b.add_page(std::move(p));
  return b.finish();
}

RawPage page(int number) {
  RawPage p;
  p.number = number;
  p.width = 595;
  p.height = 842;
  return p;
}

// Columns at x = 50 100 200 300 400 500; rows at y = 100 130 160 230 260:
// a header row, a full-width heading row (inner verticals missing), a data
// row whose third cell wraps and whose last cell holds two boxes, and a
// continuation row with an empty first cell.
RawPage five_column_page() {
  RawPage p = page(7);
  const double xs[] = {50, 100, 200, 300, 400, 500};
  for (double y : {100.0, 130.0, 160.0, 230.0, 260.0}) p.rulings.push_back(hline(50, 500, y));
  p.rulings.push_back(vline(50, 100, 260));
  p.rulings.push_back(vline(500, 100, 260));
  for (int i = 1; i <= 4; ++i) {
    p.rulings.push_back(vline(xs[i], 100, 130));
    p.rulings.push_back(vline(xs[i], 160, 260));
  }
  auto& w = p.words;
  w.push_back(word("ข้อ", 55, 106, 75));
  w.push_back(word("ข้อมูล", 105, 106, 140));
  w.push_back(word("องค์ประกอบ", 205, 106, 260));
  w.push_back(word("ผู้รับผิดชอบ", 305, 106, 360));
  w.push_back(word("ความก้าวหน้า", 405, 106, 470));
  w.push_back(word("ตัวชี้วัดย่อยที่", 55, 136, 120));
  w.push_back(word("9.1", 124, 136, 140));
  w.push_back(word("O1", 55, 165, 70));
  w.push_back(word("โครงสร้าง", 105, 165, 160));
  w.push_back(word("ประชาสัมพั", 205, 165, 280));
  w.push_back(word("นธ์", 205, 189, 225));
  w.push_back(word("สำนักปลัด", 305, 165, 360));
  w.push_back(word("ยังไม่ได้ดำเนินการ", 418, 165, 490));
  w.push_back(word("ดำเนินการ", 418, 189, 470));
  w.push_back(word("(ต่อ)", 105, 236, 130));
  w.push_back(word("กองคลัง", 305, 236, 350));
  p.marks.push_back(mark(405, 169, false));
  p.marks.push_back(mark(405, 193, true));
  return p;
}

std::string cell_text(const Table& t, size_t r, size_t c) { return t.rows.at(r).cells.at(c).text(); }

const Paragraph& cell_para(const Table& t, size_t r, size_t c) {
  const Cell& cell = t.rows.at(r).cells.at(c);
  REQUIRE(cell.blocks.size() == 1);
  REQUIRE(cell.blocks[0].paragraph());
  return *cell.blocks[0].paragraph();
}

void check_box(const BBox& b, double x0, double y0, double x1, double y1) {
  CHECK(b.x0 == Approx(x0).margin(0.01));
  CHECK(b.y0 == Approx(y0).margin(0.01));
  CHECK(b.x1 == Approx(x1).margin(0.01));
  CHECK(b.y1 == Approx(y1).margin(0.01));
}

}  // namespace

TEST_CASE("pdf table: a ruled 5-column table with heading and continuation rows", "[pdflayout]") {
  std::vector<RawPage> pages;
  pages.push_back(five_column_page());
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 1);
  const Table* t = doc.body[0].table();
  REQUIRE(t);
  CHECK(t->index == 1);
  CHECK(t->where.page == 7);
  CHECK(t->where.locator == "page 7 table 1");
  check_box(*t->where.bbox, 50, 100, 500, 260);
  REQUIRE(t->rows.size() == 4);

  // Header row: five cells, one grid column each.
  const Row& h = t->rows[0];
  REQUIRE(h.cells.size() == 5);
  const char* heads[] = {"ข้อ", "ข้อมูล", "องค์ประกอบ", "ผู้รับผิดชอบ", "ความก้าวหน้า"};
  for (size_t c = 0; c < 5; ++c) {
    CHECK(cell_text(*t, 0, c) == heads[c]);
    CHECK(h.cells[c].grid_col == static_cast<int>(c));
    CHECK(h.cells[c].grid_span == 1);
  }

  // The heading row is one cell across all columns.
  const Row& heading = t->rows[1];
  REQUIRE(heading.cells.size() == 1);
  CHECK(heading.cells[0].grid_col == 0);
  CHECK(heading.cells[0].grid_span == 5);
  CHECK(cell_text(*t, 1, 0) == "ตัวชี้วัดย่อยที่ 9.1");

  // The data row: a wrapped cell is one paragraph with its lines joined by "\n".
  const Row& data = t->rows[2];
  REQUIRE(data.cells.size() == 5);
  CHECK(cell_text(*t, 2, 0) == "O1");
  CHECK(cell_text(*t, 2, 1) == "โครงสร้าง");
  CHECK(cell_text(*t, 2, 2) == "ประชาสัมพั\nนธ์");
  CHECK(cell_text(*t, 2, 3) == "สำนักปลัด");
  // Boxes stand before their labels, in order.
  const Paragraph& status = cell_para(*t, 2, 4);
  REQUIRE(status.content.size() == 4);
  CHECK(status.content[0].kind == Inline::Kind::Box);
  CHECK_FALSE(status.content[0].box.checked);
  CHECK(status.content[0].box.encoding == "glyph U+2610");
  CHECK(status.content[1].kind == Inline::Kind::Text);
  CHECK(status.content[1].text == "ยังไม่ได้ดำเนินการ\n");
  CHECK(status.content[2].kind == Inline::Kind::Box);
  CHECK(status.content[2].box.checked);
  CHECK(status.content[3].text == "ดำเนินการ");
  CHECK(status.where.locator == "page 7 table 1 row 3 cell 5 paragraph 1");
  CHECK(status.content[0].box.where.page == 7);
  CHECK(status.content[0].box.where.locator == "page 7 table 1 row 3 cell 5 paragraph 1");
  check_box(*status.content[0].box.where.bbox, 405, 169, 415, 179);
  check_box(*status.content[1].where.bbox, 418, 165, 490, 183);
  CHECK(status.content[1].font == "THSarabunPSK");

  // Locators and boxes of rows and cells.
  CHECK(data.where.locator == "page 7 table 1 row 3");
  check_box(*data.where.bbox, 50, 160, 500, 230);
  CHECK(data.cells[0].where.locator == "page 7 table 1 row 3 cell 1");
  CHECK(data.cells[0].where.page == 7);
  check_box(*data.cells[0].where.bbox, 50, 160, 100, 230);

  // The continuation row keeps its empty first cell.
  const Row& cont = t->rows[3];
  REQUIRE(cont.cells.size() == 5);
  CHECK(cell_text(*t, 3, 0).empty());
  CHECK_FALSE(cont.cells[0].vmerge_continue);
  CHECK(cell_text(*t, 3, 1) == "(ต่อ)");
  CHECK(cell_text(*t, 3, 3) == "กองคลัง");
  CHECK(cont.cells[3].grid_col == 3);
}

TEST_CASE("pdf table: the extract stage reads the laid-out table", "[pdflayout]") {
  static auto rules = Rulebook::load(ITAX_RULES).value();
  std::vector<RawPage> pages;
  pages.push_back(five_column_page());
  Document doc = lay_out(std::move(pages));
  TableScan scan = scan_tables(doc, *rules);
  REQUIRE(scan.records.size() == 1);
  const TableRecord& r = scan.records[0];
  CHECK(r.kind == "items");
  CHECK(r.key_text == "O1");
  CHECK(r.rows == 2);
  // The continuation row's Thai text goes on without a break (a row split
  // by a page break splits mid-phrase); the unit matcher still finds both.
  CHECK(r.field.at("responsible") == "สำนักปลัดกองคลัง");
  CHECK(r.heading == "9.1");
  REQUIRE(r.boxes.size() == 2);
  std::vector<StatusBox> boxes = r.boxes;
  read_box_labels(boxes, *rules);
  CHECK(boxes[0].label == "ยังไม่ได้ดำเนินการ");
  CHECK(boxes[1].label == "ดำเนินการ");
  CHECK(decide_status(boxes) == Status::Done);
  CHECK(r.key_where.locator == "page 7 table 1 row 3 cell 1");
}

TEST_CASE("pdf table: a cell merged down the rows continues the one above", "[pdflayout]") {
  // Two columns; rows 100-130-160; the first column has no edge at 130.
  RawPage p = page(1);
  p.rulings = {hline(50, 250, 100), hline(150, 250, 130), hline(50, 250, 160),
               vline(50, 100, 160), vline(150, 100, 160), vline(250, 100, 160)};
  p.words = {word("O2", 55, 106, 70), word("ข้อความ", 155, 106, 200), word("ต่อท้าย", 155, 136, 200),
             word("บรรทัด", 55, 136, 90)};
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 1);
  const Table* t = doc.body[0].table();
  REQUIRE(t);
  REQUIRE(t->rows.size() == 2);
  REQUIRE(t->rows[1].cells.size() == 2);
  CHECK(t->rows[0].cells[0].text() == "O2\nบรรทัด");
  CHECK(t->rows[1].cells[0].vmerge_continue);
  CHECK(t->rows[1].cells[0].text().empty());
  CHECK(t->rows[1].cells[1].text() == "ต่อท้าย");
  check_box(*t->rows[0].cells[0].where.bbox, 50, 100, 150, 160);
}

TEST_CASE("pdf table: a table continued on the next page is a new table", "[pdflayout]") {
  std::vector<RawPage> pages;
  pages.push_back(five_column_page());
  RawPage second = five_column_page();
  second.number = 8;
  pages.push_back(std::move(second));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 2);
  REQUIRE(doc.body[1].table());
  CHECK(doc.body[1].table()->index == 2);
  CHECK(doc.body[1].table()->where.locator == "page 8 table 2");
  CHECK(doc.body[1].table()->rows[2].cells[0].where.locator == "page 8 table 2 row 3 cell 1");
  CHECK(doc.body[1].table()->rows[2].cells[0].where.page == 8);
}

TEST_CASE("pdf table: frames, check-box squares and underlines are no tables", "[pdflayout]") {
  // A frame around a paragraph (one cell), a drawn square, an underline.
  std::vector<RawRuling> r = {hline(40, 560, 40),   hline(40, 560, 800),  vline(40, 40, 800),
                              vline(560, 40, 800),  hline(100, 110, 300), hline(100, 110, 310),
                              vline(100, 300, 310), vline(110, 300, 310), hline(60, 200, 420)};
  CHECK(find_ruled_grids(r).empty());
  // An underline inside a cell touching its border is no row edge.
  std::vector<RawRuling> t = {hline(50, 250, 100),  hline(50, 250, 160),  vline(50, 100, 160),
                              vline(150, 100, 160), vline(250, 100, 160), hline(150, 200, 125)};
  std::vector<RuledGrid> g = find_ruled_grids(t);
  REQUIRE(g.size() == 1);
  CHECK(g[0].shape.rows.size() == 1);
  CHECK(g[0].shape.columns == 2);
}

TEST_CASE("pdf table: rulings stroked as separate segments per cell still form one grid", "[pdflayout]") {
  // Each cell edge its own segment, ends short of the corners by 1pt.
  std::vector<RawRuling> r;
  const double xs[] = {50, 120, 300}, ys[] = {100, 140, 180};
  for (double y : ys)
    for (int c = 0; c < 2; ++c) r.push_back(RawRuling{xs[c] + 1, y, xs[c + 1] - 1, y});
  for (double x : xs)
    for (int k = 0; k < 2; ++k) r.push_back(RawRuling{x, ys[k] + 1, x, ys[k + 1] - 1});
  std::vector<RuledGrid> g = find_ruled_grids(r);
  REQUIRE(g.size() == 1);
  CHECK(g[0].shape.columns == 2);
  REQUIRE(g[0].shape.rows.size() == 2);
  CHECK(g[0].shape.rows[0].size() == 2);
  CHECK(g[0].cell_at(60, 150) == std::pair<int, int>{1, 0});
  CHECK(g[0].cell_at(10, 150) == std::pair<int, int>{-1, -1});
}

TEST_CASE("pdf table: borderless columns aligned on several rows make a table", "[pdflayout]") {
  RawPage p = page(2);
  double y = 100;
  p.words.push_back(word("ลำดับ", 50, y, 80));
  p.words.push_back(word("มาตรการ", 150, y, 200));
  p.words.push_back(word("ผู้รับผิดชอบ", 300, y, 360));
  y += 24;
  p.words.push_back(word("1", 50, y, 56));
  p.words.push_back(word("มาตรการแรก", 150, y, 220));
  p.words.push_back(word("สำนักปลัด", 300, y, 350));
  y += 24;
  p.words.push_back(word("ต่อบรรทัด", 150, y, 200));  // the title cell wraps
  y += 24;
  p.words.push_back(word("2", 50, y, 56));
  p.words.push_back(word("มาตรการสอง", 150, y, 220));
  p.words.push_back(word("กองคลัง", 300, y, 340));
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 1);
  const Table* t = doc.body[0].table();
  REQUIRE(t);
  REQUIRE(t->rows.size() == 3);
  CHECK(t->rows[0].cells.size() == 3);
  CHECK(t->rows[1].cells[1].text() == "มาตรการแรก\nต่อบรรทัด");
  CHECK(t->rows[2].cells[0].text() == "2");
  CHECK(t->rows[2].cells[2].text() == "กองคลัง");
  CHECK(t->rows[2].cells[2].grid_col == 2);
  CHECK(t->where.locator == "page 2 table 1");
}

TEST_CASE("pdf table: cost stays flat on a big ruled page", "[pdflayout]") {
  // 60 rows x 8 columns, every edge a separate segment, 4 words per cell.
  RawPage p = page(1);
  const int rows = 60, cols = 8;
  for (int r = 0; r <= rows; ++r)
    for (int c = 0; c < cols; ++c) p.rulings.push_back(hline(20 + c * 70, 20 + (c + 1) * 70, 20 + r * 13));
  for (int c = 0; c <= cols; ++c)
    for (int r = 0; r < rows; ++r) p.rulings.push_back(vline(20 + c * 70, 20 + r * 13, 20 + (r + 1) * 13));
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      for (int k = 0; k < 4; ++k) {
        RawWord w = word("ก", 22 + c * 70 + k * 15, 22 + r * 13, 36.5 + c * 70 + k * 15);
        w.box.y1 = w.box.y0 + 9;
        w.font_size = 7;
        p.words.push_back(w);
      }
  auto t0 = std::chrono::steady_clock::now();
  LayoutBuilder b{ReaderOptions{}};
  for (int i = 0; i < 20; ++i) {
    RawPage copy = p;
    copy.number = i + 1;
    b.add_page(std::move(copy));
  }
  Document doc = b.finish();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(doc.body.size() == 20);
  const Table* t = doc.body[19].table();
  REQUIRE(t);
  CHECK(t->rows.size() == static_cast<size_t>(rows));
  CHECK(t->rows[5].cells.size() == static_cast<size_t>(cols));
  CHECK(t->rows[5].cells[3].text() == "กกกก");
  CHECK(secs < 10.0);
}

TEST_CASE("pdf table: dashed borders make a grid", "[pdflayout]") {
  // A 2x2 grid whose every edge is drawn as 2 pt dashes 2 pt apart.
  std::vector<RawRuling> r;
  const double xs[] = {50, 150, 250}, ys[] = {100, 140, 180};
  for (double y : ys)
    for (double x = 50; x < 250; x += 4) r.push_back(RawRuling{x, y - 0.25, std::min(x + 2, 250.0), y + 0.25});
  for (double x : xs)
    for (double y = 100; y < 180; y += 4) r.push_back(RawRuling{x - 0.25, y, x + 0.25, std::min(y + 2, 180.0)});
  std::vector<RuledGrid> g = find_ruled_grids(r);
  REQUIRE(g.size() == 1);
  CHECK(g[0].shape.columns == 2);
  REQUIRE(g[0].shape.rows.size() == 2);
  CHECK(g[0].shape.rows[1].size() == 2);
  CHECK_FALSE(g[0].shape.rows[1][0].vmerge_continue);
}

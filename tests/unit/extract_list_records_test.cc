// Items written as paragraphs (extract/list_records.h): found with their
// boxes and labelled lines; text that only looks like an item stays loose.
#include <catch2/catch.hpp>

#include "doc_builder.h"
#include "extract/extractor.h"
#include "extract/list_records.h"

using namespace itax;
using namespace itax::test;
using Fields = std::vector<std::pair<std::string, std::string>>;

namespace {

std::shared_ptr<const Rulebook> rules() {
  static auto r = Rulebook::load(ITAX_RULES).value();
  return r;
}

TableScan scan(const Document& doc) {
  TableScan s = scan_tables(doc, *rules());
  ItemListScanner(*rules()).scan(s);
  return s;
}

Block located(const std::string& text, const std::string& locator) {
  Paragraph p = para(text);
  p.where.locator = locator;
  return Block{std::move(p)};
}

}  // namespace

TEST_CASE("list items: a code line, its boxes and its labelled lines", "[extract]") {
  Document doc;
  doc.body.push_back(located("ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน", "paragraph 1"));
  doc.body.push_back(located("O1 โครงสร้าง", "paragraph 2"));
  doc.body.push_back(located("☑ ดำเนินการ ☐ ยังไม่ได้ดำเนินการ", "paragraph 3"));
  doc.body.push_back(located("ผู้รับผิดชอบ : สำนักปลัด", "paragraph 4"));
  doc.body.push_back(located("- ข้อ ๐๒. ข้อมูลผู้บริหาร ☐ ดำเนินการ ☑ ยังไม่ได้ดำเนินการ", "paragraph 5"));
  doc.body.push_back(located("หน่วยงานที่รับผิดชอบ กองคลัง ผลการดำเนินการ: รอปรับปรุง", "paragraph 6"));
  doc.body.push_back(located("ทั้งนี้ ได้มอบหมายให้ทุกกองดำเนินการ", "paragraph 7"));
  TableScan s = scan(doc);
  REQUIRE(s.records.size() == 2);
  const TableRecord& o1 = s.records[0];
  CHECK(o1.kind == "items");
  CHECK(o1.key_rule == "item.line");
  CHECK(o1.key_text == "O1");
  CHECK(o1.field.at("title") == "โครงสร้าง");
  CHECK(o1.field.at("responsible") == "สำนักปลัด");
  CHECK(o1.boxes.size() == 2);
  CHECK(o1.heading == "9.1");
  CHECK(o1.key_where.locator == "paragraph 2");
  CHECK(o1.rows == 3);
  const TableRecord& o2 = s.records[1];
  CHECK(o2.key_text == "ข้อ ๐๒");  // the author's text, bullet left out
  CHECK(o2.field.at("title") == "ข้อมูลผู้บริหาร");
  CHECK(o2.field.at("responsible") == "กองคลัง");
  CHECK(o2.field.at("progress") == "รอปรับปรุง");
  // The heading and the closing sentence stay the document's.
  REQUIRE(s.loose_paragraphs.size() == 2);
  CHECK(s.loose_paragraphs[0]->where.locator == "paragraph 1");
  CHECK(s.loose_paragraphs[1]->where.locator == "paragraph 7");

  Report r = Extractor(rules(), thai::Segmenter()).extract(doc);
  REQUIRE(r.items.size() == 2);
  CHECK(r.items[0].code == "O1");
  CHECK(r.items[0].status == Status::Done);
  CHECK(r.items[0].source.rule == "item.line");
  CHECK(r.items[1].code == "O2");
  CHECK(r.items[1].status == Status::NotDone);
  REQUIRE(r.items[1].responsible.size() == 1);
  CHECK(r.items[1].responsible[0].name == "กองคลัง");
}

TEST_CASE("list items: no check box, no item", "[extract]") {
  Document doc;
  doc.body.push_back(located("O5 ถึง O43 จะรายงานในรอบถัดไป", "paragraph 1"));
  doc.body.push_back(located("ผู้รับผิดชอบ : สำนักปลัด", "paragraph 2"));
  doc.body.push_back(located("โทร 053 123456", "paragraph 3"));
  TableScan s = scan(doc);
  CHECK(s.records.empty());
  CHECK(s.loose_paragraphs.size() == 3);
}

TEST_CASE("list items: a heading or unlabelled text after the boxes ends an item", "[extract]") {
  Document doc;
  doc.body.push_back(located("O1 โครงสร้าง ☑ ดำเนินการ", "paragraph 1"));
  doc.body.push_back(located("ตัวชี้วัดย่อยที่ 9.2 การบริหารงาน", "paragraph 2"));
  doc.body.push_back(located("O2 ข้อมูลผู้บริหาร ☑ ดำเนินการ", "paragraph 3"));
  doc.body.push_back(located("ลงชื่อ นายก", "paragraph 4"));
  TableScan s = scan(doc);
  REQUIRE(s.records.size() == 2);
  CHECK(s.records[0].heading.empty());
  CHECK(s.records[1].heading == "9.2");
  CHECK(s.records[1].rows == 1);
  CHECK(s.loose_paragraphs.size() == 2);
}

TEST_CASE("list items: a PDF paragraph is read line by line", "[extract]") {
  // As the PDF layout gives it: one paragraph, lines ending in "\n", each
  // piece with its box; the Thai repair may have joined two lines' text.
  Paragraph p;
  p.where.page = 2;
  p.where.locator = "page 2 paragraph 5";
  auto text = [&](const std::string& t, double y) {
    Inline in;
    in.text = t;
    in.where.page = 2;
    in.where.bbox = BBox{72, y, 300, y + 14};
    p.content.push_back(in);
  };
  auto box = [&](bool checked, double x, double y) {
    Inline in;
    in.kind = Inline::Kind::Box;
    in.box.checked = checked;
    in.box.where.page = 2;
    in.box.where.bbox = BBox{x, y, x + 10, y + 10};
    p.content.push_back(in);
  };
  text("ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน\n", 100);
  text("O1 โครงสร้าง\n", 120);
  box(true, 72, 142);
  text(" ดำเนินการ ", 140);
  box(false, 150, 142);
  text(" ยังไม่ได้ดำเนินการผู้รับผิดชอบ : กองช่าง", 140);  // joined with the next line
  Document doc;
  doc.body.push_back(Block{p});
  TableScan s = scan(doc);
  REQUIRE(s.records.size() == 1);
  const TableRecord& r = s.records[0];
  CHECK(r.key_text == "O1");
  CHECK(r.field.at("title") == "โครงสร้าง");
  CHECK(r.field.at("responsible") == "กองช่าง");
  CHECK(r.boxes.size() == 2);
  CHECK(r.heading == "9.1");
  CHECK(r.key_where.page == 2);
  CHECK(r.key_where.locator == "page 2 paragraph 5 line 2");
  REQUIRE(r.key_where.bbox);
  CHECK(r.key_where.bbox->y0 == 120);
  // The paragraph also holds the heading: it stays loose.
  CHECK(s.loose_paragraphs.size() == 1);
}

TEST_CASE("list items: labelled fields on one line", "[extract]") {
  ItemListScanner s(*rules());
  CHECK(s.fields("ผู้รับผิดชอบ: กองคลัง ผลการดำเนินการ: เผยแพร่แล้ว") ==
        Fields{{"responsible", "กองคลัง"}, {"progress", "เผยแพร่แล้ว"}});
  CHECK(s.fields("กองยุทธศาสตร์และงบประมาณผลการดำเนินการ: อยู่ระหว่างปรับปรุง") ==
        Fields{{"", "กองยุทธศาสตร์และงบประมาณ"}, {"progress", "อยู่ระหว่างปรับปรุง"}});
  CHECK(s.fields("หน่วยงานที่รับผิดชอบ กองคลัง") == Fields{{"responsible", "กองคลัง"}});
  CHECK(s.fields("ผลการดำเนินงานดีขึ้น", false) == Fields{{"", "ผลการดำเนินงานดีขึ้น"}});
  CHECK(s.fields("").empty());
}

#include <catch2/catch.hpp>

#include "doc_builder.h"
#include "extract/extractor.h"

using namespace itax;
using namespace itax::test;

namespace {
std::shared_ptr<const Rulebook> rules() {
  static auto r = Rulebook::load(ITAX_RULES).value();
  return r;
}
const thai::Segmenter& seg() {
  static thai::Segmenter s;
  return s;
}
}  // namespace

TEST_CASE("extract: header fields from the title block", "[extract]") {
  Document doc;
  doc.body.push_back(para_block("รายงานผลการดำเนินการ ประจำปีงบประมาณ ๒๕๖๖"));
  doc.body.push_back(para_block("เทศบาลตำบลก้อ ตำบลก้อ อำเภอถ้ำ จังหวัดลำพูน"));
  doc.body.push_back(para_block("โดยภาพรวมได้คะแนน ๙๑.๓๙ อยู่ในระดับ ผ่าน"));
  doc.body.push_back(para_block("เว็บไซต์ของเทศบาลตำบลร้อยเอ็ด"));
  Report r = Extractor(rules(), seg()).extract(doc);
  CHECK(r.agency.name == "เทศบาลตำบลก้อ");
  CHECK(r.agency.kind == "เทศบาลตำบล");
  CHECK(r.agency.subdistrict == "ก้อ");
  CHECK(r.agency.district == "ถ้ำ");
  CHECK(r.agency.province == "ลำพูน");
  CHECK(r.fiscal_year == 2566);
  REQUIRE(r.ita.score);
  CHECK(*r.ita.score == Approx(91.39));
  CHECK(r.ita.result == "ผ่าน");
}

TEST_CASE("extract: items across split rows and repeated headers", "[extract]") {
  Document doc;
  doc.body.push_back(para_block("ตัวชี้วัดย่อยที่ 9.2 การบริหารงาน"));
  doc.body.push_back(Block{table({
      {"ข้อ", "ข้อมูล", "องค์ประกอบด้านข้อมูล", "ผู้รับผิดชอบ", "ความก้าวหน้าผลการดำเนินการ"},
      {"013", "รายงานผลการดำเนินงาน", "- แสดงผล", "", "☐ ยังไม่ได้ดำเนินการ"},
  })});
  // The row goes on after a page break, in a new table with the header repeated.
  doc.body.push_back(Block{table({
      {"ข้อ", "ข้อมูล", "องค์ประกอบด้านข้อมูล", "ผู้รับผิดชอบ", "ความก้าวหน้าผลการดำเนินการ"},
      {"", "ประจำปี", "- ระบุปัญหา", "กองยุทธศาสตร์และ งบประมาณ, กองคลัง", "☑ ดำเนินการ - จัดทำรายงาน"},
      {"0๓1", "ประกาศเจตนารมณ์", "", "สำนักปลัด", "☐ ยังไม่ได้ดำเนินการ ☐ ดำเนินการ"},
      {"O 32", "การสร้างวัฒนธรรม", "", "", "☑ ยังไม่ได้ดำเนินการ ☐ ดำเนินการ"},
      {"033", "รายงานผล", "", "สป.", "☑ ยังไม่ได้ดำเนินการ ☑ ดำเนินการ"},
      {"034", "การประเมินความเสี่ยง", "", "สำนักปลัด", "ดำเนินการแล้ว"},
  })});
  Report r = Extractor(rules(), seg()).extract(doc);
  REQUIRE(r.items.size() == 5);
  const ItemRecord& o13 = r.items[0];
  CHECK(o13.code == "O13");
  CHECK(o13.subindicator == "9.2");
  CHECK(o13.title == "รายงานผลการดำเนินงานประจำปี");  // split row joined mid-phrase
  CHECK(o13.status == Status::Done);
  REQUIRE(o13.responsible.size() == 2);
  CHECK(o13.responsible[0].name == "กองยุทธศาสตร์และงบประมาณ");
  CHECK(o13.progress == "- จัดทำรายงาน");
  CHECK(o13.source.text == "013");
  CHECK(o13.source.rule == "item.code");
  CHECK(r.items[1].code == "O31");
  CHECK(r.items[1].code_text == "0๓1");
  CHECK(r.items[1].status == Status::Ambiguous);  // neither checked
  CHECK(r.items[2].code == "O32");
  CHECK(r.items[2].status == Status::NotDone);
  CHECK(r.items[3].status == Status::Ambiguous);  // both checked
  CHECK(r.items[3].responsible[0].name == "สำนักปลัด");
  CHECK(r.items[4].status == Status::Unknown);  // no box at all
}

TEST_CASE("extract: indicators and measures", "[extract]") {
  Document doc;
  doc.body.push_back(Block{table({
      {"ลำดับ", "มาตรการ/กิจกรรม", "วิธีดำเนินการ", "ระยะเวลาในการดำเนินการ", "ผู้รับผิดชอบ",
       "สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม", "ผลลัพธ์หรือความสำเร็จในการดำเนินการ"},
      {"1", "มาตรการเสริมสร้าง", "จากผลการประเมิน ITA ตัวชี้วัดที่ 9.4 การบริหาร", "ตลอดปีงบประมาณ", "สำนักปลัด",
       "สรุป", "ผลลัพธ์"},
      {"", "", "ต่อ ตัวชี้วัดที่ 8", "", "", "", ""},
  })});
  doc.body.push_back(Block{table({
      {"ตัวชี้วัด", "แนวทางในการยกระดับการประเมิน", "ผู้รับผิดชอบ", "ระยะเวลา", "ความก้าวหน้าผลการดำเนินการ"},
      {"ตัวชี้วัดที่ 2 การใช้งบประมาณ", "1. สร้างการรับรู้", "กองยุทธฯ/สำนักปลัด / กองคลัง", "ต.ค. 65 ถึง ก.ย. 66",
       "☐ ยังไม่ได้ดำเนินการ ☑ ดำเนินการ\n- เผยแพร่แผน"},
  })});
  Report r = Extractor(rules(), seg()).extract(doc);
  REQUIRE(r.measures.size() == 1);
  CHECK(r.measures[0].no == 1);
  CHECK(r.measures[0].indicator_refs == std::vector<std::string>{"9.4", "8"});
  CHECK(r.measures[0].period == "ตลอดปีงบประมาณ");
  REQUIRE(r.indicators.size() == 1);
  CHECK(r.indicators[0].no == 2);
  CHECK(r.indicators[0].title == "การใช้งบประมาณ");
  CHECK(r.indicators[0].status == Status::Done);
  CHECK(r.indicators[0].responsible.size() == 3);
  CHECK(r.indicators[0].period == "ต.ค. 65 ถึง ก.ย. 66");
}

TEST_CASE("extract: an unreadable code is placed by its title", "[extract]") {
  Document doc;
  doc.body.push_back(Block{table({
      {"ข้อ", "ข้อมูล", "องค์ประกอบด้านข้อมูล", "ผู้รับผิดชอบ", "ความก้าวหน้าผลการดำเนินการ"},
      {"O?", "คู่มือหรือมาตรฐาน การให้บริการ", "", "กองคลัง", "☑ ดำเนินการ"},
      {"xx", "เรื่องที่ไม่อยู่ในรายการ", "", "กองคลัง", "☑ ดำเนินการ"},
  })});
  Report r = Extractor(rules(), seg()).extract(doc);
  REQUIRE(r.items.size() == 2);
  CHECK(r.items[0].code == "O15");
  CHECK(r.items[0].source.rule == "item.title");
  CHECK(r.items[1].code.empty());
  CHECK(r.items[1].code_text == "xx");
}

namespace {
// Places every row of `t` on `page` (as the PDF reader does).
Table on_page(Table t, int page) {
  for (Row& r : t.rows) r.where.page = page;
  return t;
}
}  // namespace

TEST_CASE("extract: a key cell wrapped over a page break goes on its record", "[extract]") {
  Document doc;
  doc.body.push_back(Block{on_page(table({
      {"ตัวชี้วัด", "แนวทางในการยกระดับการประเมิน", "ผู้รับผิดชอบ", "ระยะเวลา", "ความก้าวหน้าผลการดำเนินการ"},
      {"ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "1. ประกาศ", "สำนักปลัด", "ตลอดปี", "☑ ดำเนินการ"},
      {"ตัวชี้วัดที่ 2 การใช้งบ", "1. สร้างการรับรู้", "กองคลัง", "ตลอดปี", "☐ ยังไม่ได้ดำเนินการ ☑ ดำเนินการ"},
  }), 3)});
  // Page 4: the key cell's tail, then the next indicator; then a damaged key.
  doc.body.push_back(Block{on_page(table({
      {"ประมาณ", "2. เผยแพร่แผน", "", "", ""},
      {"ตัวชี้วัดที่ 3 การใช้อำนาจ", "1. อบรม", "สำนักปลัด", "ตลอดปี", "☑ ดำเนินการ"},
  }), 4)});
  doc.body.push_back(Block{on_page(table({
      {"ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ", "1. ทำคู่มือ", "กองคลัง", "ตลอดปี", "☑ ดำเนินการ"},
  }), 5)});
  doc.body.push_back(Block{on_page(table({
      {"ตัวชี้วัดที 5? การแก้ไข", "1. แผน", "สำนักปลัด", "ตลอดปี", "☑ ดำเนินการ"},
  }), 6)});
  Report r = Extractor(rules(), seg()).extract(doc);
  REQUIRE(r.indicators.size() == 5);
  CHECK(r.indicators[1].no == 2);
  CHECK(r.indicators[1].title == "การใช้งบประมาณ");  // the tail joined mid-word
  CHECK(r.indicators[1].approach == "1. สร้างการรับรู้\n2. เผยแพร่แผน");
  CHECK(r.indicators[1].status == Status::Done);
  CHECK(r.indicators[2].no == 3);
  CHECK(r.indicators[3].no == 4);
  CHECK(r.indicators[4].no == 0);  // a damaged key of its own (it has a digit), not a tail
}

TEST_CASE("extract: without pages (DOCX) an unreadable key still starts a record", "[extract]") {
  Document doc;
  doc.body.push_back(Block{table({
      {"ตัวชี้วัด", "แนวทางในการยกระดับการประเมิน", "ผู้รับผิดชอบ", "ระยะเวลา", "ความก้าวหน้าผลการดำเนินการ"},
      {"ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "1. ประกาศ", "สำนักปลัด", "ตลอดปี", "☑ ดำเนินการ"},
      {"การใช้อำนาจ", "1. อบรม", "สำนักปลัด", "ตลอดปี", "☑ ดำเนินการ"},
  })});
  Report r = Extractor(rules(), seg()).extract(doc);
  CHECK(r.indicators.size() == 2);
}

#include <catch2/catch.hpp>

#include "thai/line_join.h"

using namespace itax::thai;

TEST_CASE("soft wraps between Thai letters are removed", "[thai]") {
  RepairCounts c;
  CHECK(join_soft_wraps("บนเว็บไซต์ของเทศบาล\nตำบลร้อยเอ็ดแล้ว", &c) == "บนเว็บไซต์ของเทศบาลตำบลร้อยเอ็ดแล้ว");
  CHECK(join_soft_wraps("ปรับปรุ\nงการ") == "ปรับปรุงการ");  // inside a word, before a mark-bearing letter
  CHECK(c.by_kind["line_join"] == 1);
}

TEST_CASE("other line breaks stay", "[thai]") {
  CHECK(join_soft_wraps("- เผยแพร่\n- จัดทำ") == "- เผยแพร่\n- จัดทำ");   // next line is a bullet
  CHECK(join_soft_wraps("กองยุทธฯ\nกองคลัง") == "กองยุทธฯ\nกองคลัง");     // after ฯ
  CHECK(join_soft_wraps("ปี 2566\nและ") == "ปี 2566\nและ");             // after a digit
  CHECK(join_soft_wraps("facebook\nเทศบาล") == "facebook\nเทศบาล");     // after Latin
  CHECK(join_soft_wraps("\nก") == "\nก");
  CHECK(join_soft_wraps("ก\n") == "ก\n");
}

TEST_CASE("DOCX documents are left alone", "[thai]") {
  itax::Document doc;
  doc.format = itax::Format::Docx;
  itax::Paragraph p;
  p.content.push_back({itax::Inline::Kind::Text, "เทศบาล\nตำบล", {}, "", {}});
  doc.body.push_back(itax::Block{p});
  RepairCounts c;
  join_document_soft_wraps(doc, c);
  CHECK(doc.body[0].paragraph()->content[0].text == "เทศบาล\nตำบล");
  doc.format = itax::Format::Pdf;
  join_document_soft_wraps(doc, c);
  CHECK(doc.body[0].paragraph()->content[0].text == "เทศบาลตำบล");
}

TEST_CASE("breaks between text pieces of one paragraph", "[thai]") {
  itax::Document doc;
  doc.format = itax::Format::Pdf;
  itax::Paragraph p;
  p.content.push_back({itax::Inline::Kind::Text, "เทศบาล", {}, "Laksaman", {}});
  p.content.push_back({itax::Inline::Kind::Text, "\n", {}, "", {}});
  p.content.push_back({itax::Inline::Kind::Text, "ตำบล\n", {}, "Laksaman", {}});
  p.content.push_back({itax::Inline::Kind::Text, "- ก", {}, "Laksaman", {}});
  doc.body.push_back(itax::Block{p});
  RepairCounts c;
  join_document_soft_wraps(doc, c);
  const auto& parts = doc.body[0].paragraph()->content;
  CHECK(parts[0].text + parts[1].text + parts[2].text + parts[3].text == "เทศบาลตำบล\n- ก");
  CHECK(parts.size() == 4);  // pieces and their fonts kept
  CHECK(c.by_kind["line_join"] == 1);
}

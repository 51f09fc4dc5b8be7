#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "doc_builder.h"
#include "emit/text_writer.h"
#include "readers/reader.h"
#include "thai/document_repair.h"
#include "thai/segment.h"

using namespace itax;
using itax::test::para_block;
using itax::test::table;

namespace {

Block on_page(Block b, int page) {
  if (Paragraph* p = b.paragraph()) p->where.page = page;
  if (Table* t = b.table()) {
    t->where.page = page;
    for (Row& r : t->rows) r.where.page = page;
  }
  return b;
}

// pdftotext -raw's text of a file, or "" if it cannot run.
std::string pdftotext(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(("pdftotext -raw '" + path + "' - 2>/dev/null").c_str(), "r"),
                                         pclose);
  if (!p) return "";
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p.get())) > 0;) out.append(buf, n);
  return out;
}

}  // namespace

TEST_CASE("Text writer: paragraphs as lines, table rows as tab-separated cells", "[emit]") {
  Document doc;
  doc.body.push_back(para_block("รายงานผลการดำเนินการ"));
  doc.body.push_back(Block{table({{"ลำดับ", "มาตรการ", "ผู้รับผิดชอบ"},
                                  {"1", "จัดทำคู่มือ\nการปฏิบัติงาน", "สำนักปลัด ☑"}})});
  doc.body.push_back(para_block("ท้าย\tเอกสาร"));
  CHECK(write_text(doc) ==
        "รายงานผลการดำเนินการ\n"
        "ลำดับ\tมาตรการ\tผู้รับผิดชอบ\n"
        "1\tจัดทำคู่มือ การปฏิบัติงาน\tสำนักปลัด ☑\n"  // a cell's lines joined by a space
        "ท้าย\tเอกสาร\n");
  // DOCX has no pages: no form feed anywhere.
  CHECK(write_text(doc).find('\f') == std::string::npos);
  CHECK(write_text(Document{}).empty());
}

TEST_CASE("Text writer keeps cells under their grid column", "[emit]") {
  Document doc;
  Table t = table({{"a", "b", "c"}, {"wide", "z"}, {"", "y"}});
  // Row 2: "wide" spans two columns. Row 3: one cell at column 2, one that
  // continues a vertical merge.
  t.rows[1].cells[0].grid_span = 2;
  t.rows[1].cells[1].grid_col = 2;
  t.rows[2].cells[0].vmerge_continue = true;
  t.rows[2].cells[0].blocks = {para_block("hidden")};
  t.rows[2].cells[1].grid_col = 2;
  doc.body.push_back(Block{t});
  CHECK(write_text(doc) == "a\tb\tc\nwide\t\tz\n\t\ty\n");
}

TEST_CASE("Text writer separates PDF pages with form feeds", "[emit]") {
  Document doc;
  doc.format = Format::Pdf;
  doc.pages = 4;
  doc.body.push_back(on_page(para_block("หน้าหนึ่ง"), 1));
  doc.body.push_back(on_page(para_block("ยังหน้าหนึ่ง"), 1));
  doc.body.push_back(on_page(Block{table({{"x", "y"}})}, 2));
  doc.body.push_back(on_page(para_block("หน้าสาม"), 3));
  // Page 4 holds no text: its form feed is still there, so counting form
  // feeds finds the page of any line.
  CHECK(write_text(doc) == "หน้าหนึ่ง\nยังหน้าหนึ่ง\n\fx\ty\n\fหน้าสาม\n\f");

  // A table running over a page break: the rows say where they are.
  Document two;
  two.format = Format::Pdf;
  two.pages = 2;
  Table t = table({{"r1"}, {"r2"}});
  t.where.page = 1;
  t.rows[0].where.page = 1;
  t.rows[1].where.page = 2;
  two.body.push_back(Block{t});
  CHECK(write_text(two) == "r1\n\fr2\n");

  // Text starting on page 2 follows one form feed.
  Document late;
  late.format = Format::Pdf;
  late.pages = 2;
  late.body.push_back(on_page(para_block("สอง"), 2));
  CHECK(write_text(late) == "\fสอง\n");
}

TEST_CASE("Text writer leaves headers and footers out", "[emit]") {
  Document doc;
  doc.furniture.push_back(para_block("หน้า 1"));
  doc.body.push_back(para_block("เนื้อหา"));
  CHECK(write_text(doc) == "เนื้อหา\n");
}

TEST_CASE("itax text's path repairs a real damaged PDF that pdftotext reads damaged", "[emit]") {
  const std::string path = ITAX_SHARED "/corpora/thai-real/nysso_upload_ITA_EB1_1.1.pdf";
  ReaderOptions opts;
  auto read = read_document(path, opts);
  if (!read && read.error().code == "pdf_not_supported") {
    WARN("PDF reader not built in: skipped");
    return;
  }
  REQUIRE(read);
  Document doc = read.value();
  const std::string raw = write_text(doc);
  thai::Segmenter seg;
  thai::RepairCounts counts;
  thai::repair_document(doc, seg, thai::Lexicon(), counts);
  const std::string text = write_text(doc);
  for (const char* good : {"สำนักงานสาธารณสุขอำเภอหนองใหญ่", "สำนักงาน", "อำเภอ", "สาธารณสุข", "ประจำปีงบประมาณ"})
    CHECK(text.find(good) != std::string::npos);
  for (const char* bad : {"สานักงาน", "อาเภอ", "สาธารณสข", "ประจาปี", "256๒"}) CHECK(text.find(bad) == std::string::npos);
  CHECK(counts.by_kind["sara_am_swap"] >= 5);
  CHECK(counts.by_kind["sara_u_lost"] >= 5);
  CHECK(counts.by_kind["mixed_digits"] >= 4);
  // Unrepaired, the reader's text has the damage, as pdftotext's has.
  CHECK(raw.find("สาธารณสข") != std::string::npos);
  const std::string theirs = pdftotext(path);
  if (!theirs.empty()) {
    CHECK(theirs.find("สานักงาน") != std::string::npos);
    CHECK(theirs.find("อาเภอ") != std::string::npos);
    CHECK(theirs.find("สาธารณสข") != std::string::npos);
  }
}

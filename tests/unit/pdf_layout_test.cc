// Lines, paragraphs, furniture and scanned pages of the PDF layout layer,
// from synthetic RawPages.
#include <catch2/catch.hpp>

#include "readers/pdf/furniture.h"
#include "readers/pdf/layout.h"
#include "readers/pdf/text_lines.h"

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
  m.encoding = "vector";
  m.source = MarkSource::Vector;
  return m;
}

RawPage page(int number) {
  RawPage p;
  p.number = number;
  p.width = 595;
  p.height = 842;
  return p;
}

Document lay_out(std::vector<RawPage> pages) {
  LayoutBuilder b{ReaderOptions{}};
  for (RawPage& p : pages) b.add_page(std::move(p));
  return b.finish();
}

std::vector<std::string> texts(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const Block& b : blocks) out.push_back(b.paragraph() ? b.paragraph()->text() : "<table>");
  return out;
}

}  // namespace

TEST_CASE("pdf layout: words become lines, spaced by gap, one run per font", "[pdflayout]") {
  RawPage p = page(1);
  // Listed out of order on purpose; Thai marks make boxes differ in height.
  // Few gaps: the default threshold, 0.2 em (2.8 pt at 14 pt).
  p.words.push_back(word("91.39", 138.4, 100, 172.2));  // gap 5.4 pt: a space
  p.words.push_back(word("รวมได้คะแนน", 56, 100, 133));
  p.words.push_back(word("อยู่ใน", 173, 101, 200, true));  // gap 0.8 pt: none (space_after is not used)
  p.words.push_back(word("ระดับ", 204, 99, 230));         // gap 4 pt: a space
  p.words.push_back(word("ผ่าน", 234, 100, 260, false, "THSarabunPSK-Bold"));
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 1);
  const Paragraph* para = doc.body[0].paragraph();
  REQUIRE(para);
  CHECK(para->text() == "รวมได้คะแนน 91.39อยู่ใน ระดับ ผ่าน");
  REQUIRE(para->content.size() == 2);
  CHECK(para->content[0].text == "รวมได้คะแนน 91.39อยู่ใน ระดับ ");
  CHECK(para->content[0].font == "THSarabunPSK");
  CHECK(para->content[0].where.page == 1);
  REQUIRE(para->content[0].where.bbox);
  CHECK(para->content[0].where.bbox->x0 == 56);
  CHECK(para->content[0].where.bbox->x1 == 230);
  CHECK(para->content[0].where.locator == "page 1 paragraph 1");
  CHECK(para->content[1].text == "ผ่าน");
  CHECK(para->content[1].font == "THSarabunPSK-Bold");
  CHECK(para->where.locator == "page 1 paragraph 1");
  CHECK(doc.format == Format::Pdf);
  CHECK(doc.pages == 1);
  CHECK(doc.text_layer);
  CHECK(doc.notes.empty());
}

TEST_CASE("pdf layout: a mark at the left of a label is a box then the label", "[pdflayout]") {
  RawPage p = page(2);
  p.marks.push_back(mark(260, 104, false));
  p.words.push_back(word("ดำเนินการ", 56, 100, 110));
  p.marks.push_back(mark(60, 128, true));
  p.words.push_back(word("ยังไม่ได้ดำเนินการ", 274, 100, 350));
  p.words.push_back(word("ดำเนินการแล้ว", 74, 124, 140));
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 1);
  const Paragraph* para = doc.body[0].paragraph();
  REQUIRE(para);
  REQUIRE(para->content.size() == 5);
  CHECK(para->content[0].text == "ดำเนินการ ");
  CHECK(para->content[1].kind == Inline::Kind::Box);
  CHECK_FALSE(para->content[1].box.checked);
  CHECK(para->content[1].box.encoding == "vector");
  CHECK(para->content[1].box.where.locator == "page 2 paragraph 1");
  REQUIRE(para->content[1].box.where.bbox);
  CHECK(para->content[1].box.where.bbox->x0 == 260);
  CHECK(para->content[2].text == "ยังไม่ได้ดำเนินการ\n");
  CHECK(para->content[3].kind == Inline::Kind::Box);
  CHECK(para->content[3].box.checked);
  CHECK(para->content[4].text == "ดำเนินการแล้ว");
  CHECK(para->text() == "ดำเนินการ ยังไม่ได้ดำเนินการ\nดำเนินการแล้ว");
  CHECK(para->has_boxes());
}

TEST_CASE("pdf layout: a line ending in a box puts the break before the next line's text", "[pdflayout]") {
  std::vector<TextLine> lines(2);
  Inline box;
  box.kind = Inline::Kind::Box;
  lines[0].content.push_back(box);
  Inline text;
  text.text = "ดำเนินการ";
  lines[1].content.push_back(text);
  Paragraph p = paragraph_of(std::move(lines), 4);
  REQUIRE(p.content.size() == 2);
  CHECK(p.content[1].text == "\nดำเนินการ");
  CHECK(p.where.page == 4);
}

TEST_CASE("pdf layout: a line ended far short of the column is the author's break, not a wrap", "[pdflayout]") {
  // 14 pt text, the column ends at 300. A Thai line's first word is taken
  // to be at most 5 em (70 pt) wide: a gap wider than that plus 1 em after
  // the line before means its author ended it ("\r\n", which the Thai
  // stage does not join). A long first word that did not fit is a wrap.
  RawPage p = page(1);
  p.words.push_back(word("รายการที่หนึ่งยาวจนเต็มบรรทัด", 56, 100, 300));  // full: wraps
  p.words.push_back(word("ต่อบรรทัดบน", 56, 124, 180));               // 120 pt short: ended here
  p.words.push_back(word("บรรทัดใหม่", 56, 148, 270));                // 30 pt: "สั้น" (34 pt) did not fit
  p.words.push_back(word("สั้น", 56, 172, 90));                      // "see" would have fitted
  p.words.push_back(word("see", 56, 196, 80));                     // 220 pt short, but the next word is wider
  p.words.push_back(word("https://www.example.go.th/a/very/long/address/of/a/page", 56, 220, 290));
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 1);
  CHECK(doc.body[0].paragraph()->text() ==
        "รายการที่หนึ่งยาวจนเต็มบรรทัด\nต่อบรรทัดบน\r\nบรรทัดใหม่\nสั้น\r\nsee\n"
        "https://www.example.go.th/a/very/long/address/of/a/page");
}

TEST_CASE("pdf layout: lines group into paragraphs by gap and indentation", "[pdflayout]") {
  RawPage p = page(3);
  p.words.push_back(word("ย่อหน้าแรก", 92, 100, 290));   // first-line indent, wrapped at the column's edge
  p.words.push_back(word("บรรทัดสอง", 56, 124, 300));   // same paragraph
  p.words.push_back(word("ย่อหน้าใหม่", 92, 148, 200));   // indented again: new paragraph
  p.words.push_back(word("หลังช่องว่าง", 56, 200, 200));  // a wide gap: new paragraph
  p.words.push_back(word("1.", 56, 224, 66, true));    // a numbered item: new paragraph
  p.words.push_back(word("ข้อแรก", 70, 224, 120));
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  CHECK(texts(doc.body) == std::vector<std::string>{"ย่อหน้าแรก\nบรรทัดสอง", "ย่อหน้าใหม่", "หลังช่องว่าง", "1. ข้อแรก"});
  REQUIRE(doc.body.size() == 4);
  const Paragraph& first = *doc.body[0].paragraph();
  CHECK(first.where.locator == "page 3 paragraph 1");
  CHECK(first.where.page == 3);
  REQUIRE(first.where.bbox);
  CHECK(first.where.bbox->x0 == 56);
  CHECK(first.where.bbox->y0 == 100);
  CHECK(first.where.bbox->x1 == 300);
  CHECK(first.where.bbox->y1 == 142);
  CHECK(doc.body[3].paragraph()->where.locator == "page 3 paragraph 4");
}

TEST_CASE("pdf layout: centred title lines stay one paragraph; a font change splits", "[pdflayout]") {
  RawPage p = page(1);
  p.words.push_back(word("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม", 100, 64, 500));
  p.words.push_back(word("ปีงบประมาณ 2566", 250, 88, 350));
  RawWord body = word("จากการประเมินผล", 92, 130, 500);
  body.font_size = 12;
  body.box.y1 = 130 + 15;
  p.words.push_back(body);
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  CHECK(texts(doc.body) ==
        std::vector<std::string>{"รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม\nปีงบประมาณ 2566", "จากการประเมินผล"});
}

TEST_CASE("pdf layout: running text with wide justified gaps is no table", "[pdflayout]") {
  RawPage p = page(5);
  unsigned seed = 12345;
  auto next = [&](unsigned m) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % m;
  };
  const int lines = 12;
  for (int l = 0; l < lines; ++l) {
    double y = 100 + l * 24, x = 56;
    // Two widened (justified) gaps per line at varying places.
    int wide1 = 1 + static_cast<int>(next(3)), wide2 = wide1 + 2 + static_cast<int>(next(3));
    for (int k = 0; x < 480; ++k) {
      double w = 20 + next(60);
      p.words.push_back(word("คำ" + std::to_string(k), x, y, x + w));
      x += w + ((k == wide1 || k == wide2) ? 16 + next(10) : 4.5);
    }
  }
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 1);
  REQUIRE(doc.body[0].paragraph());
  std::string t = doc.body[0].paragraph()->text();
  CHECK(std::count(t.begin(), t.end(), '\n') == lines - 1);
  CHECK(t.rfind("คำ0 คำ1", 0) == 0);
}

TEST_CASE("pdf layout: page numbers and a running header go to furniture", "[pdflayout]") {
  std::vector<RawPage> pages;
  for (int n = 7; n <= 9; ++n) {
    RawPage p = page(n);
    p.words.push_back(word("รายงานผลการดำเนินงาน", 200, 30, 320, true));
    p.words.push_back(word("ITA", 324, 30, 345));
    p.words.push_back(word("เนื้อความหน้า " + std::to_string(n), 56, 300, 300));
    if (n == 7) {
      p.words.push_back(word("-7-", 290, 800, 305));
    } else if (n == 8) {  // "- 8 -" as three words
      p.words.push_back(word("-", 285, 800, 289));
      p.words.push_back(word("8", 294, 800, 300));
      p.words.push_back(word("-", 305, 800, 309));
    } else {
      p.words.push_back(word("หน้า", 280, 800, 300, true));
      p.words.push_back(word("๙", 304, 800, 310));
    }
    pages.push_back(std::move(p));
  }
  Document doc = lay_out(std::move(pages));
  CHECK(texts(doc.body) == std::vector<std::string>{"เนื้อความหน้า 7", "เนื้อความหน้า 8", "เนื้อความหน้า 9"});
  CHECK(doc.body[1].paragraph()->where.locator == "page 8 paragraph 1");
  CHECK(texts(doc.furniture) == std::vector<std::string>{"รายงานผลการดำเนินงาน ITA", "-7-", "รายงานผลการดำเนินงาน ITA",
                                                         "- 8 -", "รายงานผลการดำเนินงาน ITA", "หน้า ๙"});
  REQUIRE(doc.furniture.size() == 6);
  CHECK(doc.furniture[0].paragraph()->where.locator == "page 7 header paragraph 1");
  CHECK(doc.furniture[1].paragraph()->where.locator == "page 7 footer paragraph 1");
  CHECK(doc.furniture[3].paragraph()->where.page == 8);
}

TEST_CASE("pdf layout: a margin line seen once stays in the body unless it is a page number", "[pdflayout]") {
  RawPage p = page(1);
  p.words.push_back(word("รายงานผลการดำเนินงาน", 200, 30, 320));
  p.words.push_back(word("เนื้อความ", 56, 300, 300));
  p.words.push_back(word("2566", 56, 760, 90));
  p.words.push_back(word("หน้า", 280, 800, 300, true));
  p.words.push_back(word("1", 304, 800, 310));
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  Document doc = lay_out(std::move(pages));
  CHECK(texts(doc.body) == std::vector<std::string>{"รายงานผลการดำเนินงาน", "เนื้อความ", "2566"});
  CHECK(texts(doc.furniture) == std::vector<std::string>{"หน้า 1"});
}

TEST_CASE("pdf layout: a footer carrying the page number repeats", "[pdflayout]") {
  std::vector<RawPage> pages;
  for (int n = 1; n <= 4; ++n) {
    RawPage p = page(n);
    p.words.push_back(word("เนื้อความ", 56, 300, 300));
    p.words.push_back(word("แผนปฏิบัติการ 2566 หน้า " + std::to_string(n) + "/4", 56, 805 + 0.5 * n, 300));
    pages.push_back(std::move(p));
  }
  Document doc = lay_out(std::move(pages));
  CHECK(doc.body.size() == 4);
  CHECK(doc.furniture.size() == 4);
}

TEST_CASE("pdf layout: page number shapes", "[pdflayout]") {
  for (const char* s :
       {"-7-", "- 7 -", "7", "หน้า 7", "7/41", "๗", "หน้า ๗ จาก ๔๑", "Page 3 of 10", "(12)", "– 12 –", "หน้าที่ 3"})
    CHECK(is_page_number(s));
  for (const char* s : {"2566", "7 กุมภาพันธ์", "ข้อ 7", "", "-", "O1", "9.4 การบริหาร", "หน้า"})
    CHECK_FALSE(is_page_number(s));
  CHECK(repeat_key("หน้า 12 จาก ๔๑") == "หน้า#จาก#");
}

TEST_CASE("pdf layout: pages without words", "[pdflayout]") {
  SECTION("no page has text: a scan") {
    std::vector<RawPage> pages;
    pages.push_back(page(1));
    pages.push_back(page(2));
    Document doc = lay_out(std::move(pages));
    CHECK(doc.pages == 2);
    CHECK_FALSE(doc.text_layer);
    CHECK(doc.body.empty());
    REQUIRE(doc.notes.size() == 1);
    CHECK(doc.notes[0].find("no page has a text layer") != std::string::npos);
  }
  SECTION("some pages have none") {
    std::vector<RawPage> pages;
    RawPage p = page(1);
    p.words.push_back(word("ข้อความ", 56, 300, 120));
    pages.push_back(std::move(p));
    pages.push_back(page(2));
    pages.push_back(page(3));
    Document doc = lay_out(std::move(pages));
    CHECK(doc.text_layer);
    CHECK(doc.body.size() == 1);
    REQUIRE(doc.notes.size() == 1);
    CHECK(doc.notes[0] == "2 of 3 pages have no text layer (scanned?): page 2-3");
  }
}

TEST_CASE("pdf layout: lines group by the middle band of word boxes", "[pdflayout]") {
  // A word with tall marks above starts higher; a smaller word sits lower.
  std::vector<Piece> pieces;
  RawWord a = word("ที่", 56, 96, 70), b = word("นี้", 72, 100, 90), c = word("ล่าง", 56, 124, 80);
  a.box.y1 = 118;
  pieces.push_back(Piece{c.box, &c, nullptr, 0});
  pieces.push_back(Piece{b.box, &b, nullptr, 1});
  pieces.push_back(Piece{a.box, &a, nullptr, 2});
  std::vector<Line> lines = group_lines(pieces);
  REQUIRE(lines.size() == 2);
  REQUIRE(lines[0].pieces.size() == 2);
  CHECK(lines[0].pieces[0].word == &a);
  CHECK(lines[0].pieces[1].word == &b);
  CHECK(lines[1].pieces[0].word == &c);
  // A mark between lines, overlapping neither: a line of its own.
  RawMark m = mark(300, 300, true);
  pieces.push_back(Piece{m.box, nullptr, &m, 3});
  CHECK(group_lines(pieces).size() == 3);
}

TEST_CASE("pdf layout: a mark drawn back over its letter opens no gap", "[pdflayout]") {
  // How raw text order splits "ตัวชี้วัด": the tone mark is a zero-width piece
  // inside a letter's box; no space may open after it.
  // And LibreOffice draws the MAI THO of "ชี้" a little into the next "ว":
  // the content stream has the right order; the centres keep it.
  RawPage p = page(1);
  p.words.push_back(word("ตัวชี", 76.2, 100, 101.37));
  p.words.push_back(word("ว", 101.4, 100, 109.38));
  p.words.push_back(word("้", 102.1, 100, 102.1));
  p.words.push_back(word("ัด", 109.38, 100, 117.9));
  RawPage q = page(2);
  q.words.push_back(word("ตัวชี", 96.2, 100, 121.37));
  q.words.push_back(word("้", 122.1, 100, 122.1));
  q.words.push_back(word("ว", 121.4, 100, 129.38));
  q.words.push_back(word("ั", 129.38, 100, 129.38));
  q.words.push_back(word("ด", 129.38, 100, 137.91, true));
  q.words.push_back(word("ที่", 143, 100, 160));
  std::vector<RawPage> pages;
  pages.push_back(std::move(p));
  pages.push_back(std::move(q));
  Document doc = lay_out(std::move(pages));
  REQUIRE(doc.body.size() == 2);
  CHECK(doc.body[0].paragraph()->text() == "ตัวชี้วัด");
  CHECK(doc.body[1].paragraph()->text() == "ตัวชี้วัด ที่");
}

namespace {
// A line of words `gap` points apart, starting at x; returns where it ends.
double spaced_line(RawPage& p, double y, int n, double gap) {
  double x = 56;
  for (int i = 0; i < n; ++i) {
    p.words.push_back(word("คำ", x, y, x + 30, true));
    x += 30 + gap;
  }
  return x;
}
}  // namespace

TEST_CASE("pdf layout: the space threshold follows the document's own spaces", "[pdflayout]") {
  SECTION("LibreOffice-like: spaces 0.32 em; a 0.205 em gap is no space") {
    RawPage p = page(1);
    spaced_line(p, 100, 12, 0.32 * 14);
    p.words.push_back(word("O", 61.3, 200, 71.53, true));  // space_after as the pass sets it
    p.words.push_back(word("๑", 74.4, 200, 83.85));
    std::vector<RawPage> pages;
    pages.push_back(std::move(p));
    Document doc = lay_out(std::move(pages));
    REQUIRE(doc.body.size() == 2);
    CHECK(doc.body[0].paragraph()->text().find("คำ คำ") == 0);
    CHECK(doc.body[1].paragraph()->text() == "O๑");
  }
  SECTION("Word-like: spaces 0.22 em are spaces; touching pieces are not") {
    RawPage p = page(1);
    spaced_line(p, 100, 12, 0.22 * 14);
    p.words.push_back(word("สำนั", 56, 200, 80));
    p.words.push_back(word("ก", 80.2, 200, 86));
    std::vector<RawPage> pages;
    pages.push_back(std::move(p));
    Document doc = lay_out(std::move(pages));
    REQUIRE(doc.body.size() == 2);
    CHECK(doc.body[0].paragraph()->text() == "คำ คำ คำ คำ คำ คำ คำ คำ คำ คำ คำ คำ");
    CHECK(doc.body[1].paragraph()->text() == "สำนัก");
  }
  SECTION("the estimate") {
    SpaceGap g;
    CHECK(g.threshold() == Approx(kSpaceGap));
    RawPage p = page(1);
    spaced_line(p, 100, 20, 0.32 * 14);
    g.add_page(p.words);
    CHECK(g.threshold() == Approx(0.7 * 0.32).margin(0.01));
  }
}

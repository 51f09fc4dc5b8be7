// PDF graphics pass: fixtures from tests/data/pdf/make_pdf_fixtures.py, the
// real Thai forms in shared/ (read in place), hostile inputs made at run
// time, the check box geometry on hand-made paths, and font-name folding.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "readers/pdf/graphics_pass.h"
#include "readers/pdf/shapes_dev.h"
#include "rules/rulebook.h"
#include "util/utf8.h"

using namespace itax;
using namespace itax::pdf;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(ITAX_TEST_DATA) + "/pdf/";
const std::string kReal = std::string(ITAX_SHARED) + "/corpora/thai-real/";

// The check box glyphs of rules/checkboxes.yaml itself: the real forms below
// prove the rules know their boxes (Cambria Math's U+20DE, Wingdings' F0A6).
CheckGlyphs test_glyphs() {
  auto rb = Rulebook::load(ITAX_RULES);
  if (!rb) FAIL("rules: " << rb.error().message);
  return rb.value()->glyphs();
}

struct Pass {
  PassInfo info;
  std::vector<RawPage> pages;
};

Result<Pass> run(const std::string& path, const CheckGlyphs* glyphs, ReaderLimits limits = {}, int threads = 1) {
  ReaderOptions o;
  o.glyphs = glyphs;
  o.limits = limits;
  o.page_threads = threads;
  Pass p;
  auto r = run_graphics_pass(path, o, [&](RawPage&& page) { p.pages.push_back(std::move(page)); });
  if (!r) return r.error();
  p.info = r.value();
  return p;
}

Pass run_ok(const std::string& path, const CheckGlyphs* glyphs) {
  auto r = run(path, glyphs);
  if (!r) FAIL(path << ": " << r.error().code << ": " << r.error().message);
  return std::move(r.value());
}

std::vector<const RawMark*> marks_of(const RawPage& p, MarkSource s) {
  std::vector<const RawMark*> out;
  for (const RawMark& m : p.marks)
    if (m.source == s) out.push_back(&m);
  // reading order: by line, then left to right
  std::sort(out.begin(), out.end(), [](const RawMark* a, const RawMark* b) {
    if (std::abs(a->box.y0 - b->box.y0) > 3) return a->box.y0 < b->box.y0;
    return a->box.x0 < b->box.x0;
  });
  return out;
}

std::vector<bool> states(const std::vector<const RawMark*>& ms) {
  std::vector<bool> out;
  for (const RawMark* m : ms) out.push_back(m->checked);
  return out;
}

std::string all_text(const RawPage& p) {
  std::string s;
  for (const RawWord& w : p.words) s += w.text + (w.space_after ? " " : "\n");
  return s;
}

const RawWord* find_word(const RawPage& p, const std::string& text, std::size_t nth = 0) {
  for (const RawWord& w : p.words)
    if (w.text == text && nth-- == 0) return &w;
  return nullptr;
}

int count(const std::vector<RawRuling>& rs, bool horizontal) {
  return static_cast<int>(std::count_if(rs.begin(), rs.end(), [&](const RawRuling& r) { return r.horizontal() == horizontal; }));
}

bool inside_page(const RawPage& p, const BBox& b) {
  return b.x0 >= -1 && b.y0 >= -1 && b.x1 <= p.width + 1 && b.y1 <= p.height + 1 && b.x0 <= b.x1 && b.y0 <= b.y1;
}

// Runs f with file descriptor 2 sent to a file; returns what was written.
template <class F>
std::string capture_stderr(F&& f) {
  fs::path file = fs::temp_directory_path() / ("itax_pdf_stderr_" + std::to_string(::getpid()));
  std::fflush(stderr);
  int saved = ::dup(2);
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 2);
  ::close(fd);
  f();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::ifstream in(file);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(file);
  return s;
}

struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() / ("itax_pdf_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& bytes) const {
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("table with borders and Unicode ballot boxes", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(kData + "table_glyphs.pdf", &g);
  REQUIRE(p.info.pages == 1);
  CHECK(p.info.any_text);
  REQUIRE(p.pages.size() == 1);
  const RawPage& page = p.pages[0];
  CHECK(page.number == 1);
  CHECK(page.width == Approx(595.3).margin(0.5));  // A5 landscape-ish: 21 x 14.85 cm
  CHECK(page.height == Approx(420.9).margin(0.5));

  CHECK(page.words.size() == 21);
  for (const RawWord& w : page.words) {
    CHECK(w.font == "DejaVuSans");  // subset prefix "BAAAAA+" dropped
    CHECK(w.font_size == Approx(11.0));
    CHECK(w.char_boxes.size() == utf8::decode(w.text).size());
    CHECK(inside_page(page, w.box));
    CHECK(w.text.find("\u2610") == std::string::npos);
    CHECK(w.text.find("\u2611") == std::string::npos);
  }
  // Content-stream order, spaces between words of a line.
  CHECK(all_text(page).rfind("Table with glyph boxes\nCode Item Status\nO1 Structure done not done\n", 0) == 0);
  // "☐done" (box glued to its label) gives a mark and the word "done".
  const RawWord* glued = find_word(page, "done", 4);
  REQUIRE(glued != nullptr);

  auto glyphs = marks_of(page, MarkSource::Glyph);
  REQUIRE(glyphs.size() == 5);
  CHECK(states(glyphs) == std::vector<bool>{true, false, false, true, false});
  CHECK(glyphs[0]->encoding == "glyph U+2611");
  CHECK(glyphs[1]->encoding == "glyph U+2610");
  CHECK(page.marks.size() == 5);  // no vector or form boxes here
  // Each mark sits just left of its label, on the label's line.
  const RawWord* done1 = find_word(page, "done");
  REQUIRE(done1 != nullptr);
  CHECK(glyphs[0]->box.x1 <= done1->box.x0 + 0.5);
  CHECK(done1->box.x0 - glyphs[0]->box.x1 < 6);
  CHECK(glyphs[0]->box.y0 == Approx(done1->box.y0).margin(1));
  CHECK(glyphs[4]->box.x1 <= glued->box.x0 + 0.5);

  // 4 rows, 3 columns: 5 level and 4 plumb lines, each one merged piece.
  CHECK(count(page.rulings, true) == 5);
  CHECK(count(page.rulings, false) == 4);
  for (const RawRuling& r : page.rulings) {
    CHECK(r.x0 <= r.x1);
    CHECK(r.y0 <= r.y1);
    if (r.horizontal()) {
      CHECK(r.x1 - r.x0 > 460);  // full table width
      CHECK(r.y1 - r.y0 < 2);
    } else {
      CHECK(r.y1 - r.y0 > 50);
    }
  }
}

TEST_CASE("without a glyph table the boxes stay text", "[pdf]") {
  Pass p = run_ok(kData + "table_glyphs.pdf", nullptr);
  const RawPage& page = p.pages.at(0);
  CHECK(page.marks.empty());
  CHECK(all_text(page).find("\u2611") != std::string::npos);
  CHECK(page.rulings.size() == 9);
}

TEST_CASE("Wingdings symbols that LibreOffice drew with OpenSymbol", "[pdf]") {
  // Wingdings is not installed here: LibreOffice draws the w:sym characters
  // with OpenSymbol and keeps their codes (U+F0FE...) in the text layer.
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(kData + "wingdings.pdf", &g);
  const RawPage& page = p.pages.at(0);
  auto ms = marks_of(page, MarkSource::Glyph);
  REQUIRE(ms.size() == 4);
  CHECK(states(ms) == std::vector<bool>{true, false, true, false});
  CHECK(ms[0]->encoding == "sym OpenSymbol F0FE");
  CHECK(ms[1]->encoding == "sym OpenSymbol F0A8");
  CHECK(ms[2]->encoding == "sym OpenSymbol F052");
  CHECK(ms[3]->encoding == "sym OpenSymbol F0A3");
  REQUIRE(page.words.size() == 5);
  CHECK(all_text(page) == "done not done\nyes no\n");
  for (const RawWord& w : page.words)
    for (char32_t c : utf8::decode(w.text)) CHECK((c < 0xE000 || c > 0xF8FF));
}

TEST_CASE("legacy FORMCHECKBOX fields are vector boxes", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(kData + "formcheckbox.pdf", &g);
  const RawPage& page = p.pages.at(0);
  auto ms = marks_of(page, MarkSource::Vector);
  REQUIRE(ms.size() == 4);
  CHECK(page.marks.size() == 4);
  CHECK(states(ms) == std::vector<bool>{true, false, true, false});
  for (const RawMark* m : ms) {
    CHECK(m->encoding == "vector");
    CHECK(m->box.x1 - m->box.x0 == Approx(12.3).margin(0.6));  // 11.8 pt square plus its line
    CHECK(m->box.y1 - m->box.y0 == Approx(12.3).margin(0.6));
  }
  // The box is left of its label.
  const RawWord* checked = find_word(page, "checked");
  REQUIRE(checked != nullptr);
  CHECK(ms[0]->box.x1 < checked->box.x0);
  // The one-row table: 2 level and 3 plumb lines; the boxes' sides are no rulings.
  CHECK(count(page.rulings, true) == 2);
  CHECK(count(page.rulings, false) == 3);
  for (const RawRuling& r : page.rulings)
    for (const RawMark* m : ms)
      CHECK_FALSE((r.x0 >= m->box.x0 - 1 && r.x1 <= m->box.x1 + 1 && r.y0 >= m->box.y0 - 1 && r.y1 <= m->box.y1 + 1));
  CHECK(all_text(page) == "checked field\nunchecked field\nO1 done not done\n");
}

TEST_CASE("AcroForm check boxes and radio buttons", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(kData + "formcheckbox_acroform.pdf", &g);
  const RawPage& page = p.pages.at(0);
  auto ms = marks_of(page, MarkSource::Form);
  REQUIRE(ms.size() == 6);
  std::vector<std::string> enc;
  for (const RawMark* m : ms) enc.push_back(m->encoding);
  CHECK(enc == std::vector<std::string>{"acroform Check1", "acroform Check2", "acroform Done1", "acroform Todo1",
                                        "acroform radio Choice", "acroform radio Choice"});
  CHECK(states(ms) == std::vector<bool>{true, false, true, false, true, false});
  for (const RawMark* m : ms) {
    CHECK(m->box.x1 - m->box.x0 == Approx(8.05).margin(0.5));
    CHECK(inside_page(page, m->box));
  }
  // LibreOffice also draws an empty frame under each check box widget: the
  // widget wins, the frame is no second mark.
  CHECK(page.marks.size() == 6);
  // The widgets' appearance streams (a ZapfDingbats tick) are not text.
  CHECK(all_text(page) == "checked field\nunchecked field\nO1 done not done\nyes no\n");
  CHECK(count(page.rulings, true) == 2);
  CHECK(count(page.rulings, false) == 3);
}

TEST_CASE("encrypted PDFs", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  auto r = run(kData + "encrypted_user.pdf", &g);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "encrypted");
  CHECK(r.error().message.find("password") != std::string::npos);

  // An empty user password with an owner password opens like any file.
  Pass p = run_ok(kData + "encrypted_owner_only.pdf", &g);
  REQUIRE(p.pages.size() == 1);
  CHECK(p.pages[0].words.size() == 21);
  CHECK(states(marks_of(p.pages[0], MarkSource::Glyph)) == std::vector<bool>{true, false, false, true, false});
  CHECK(p.pages[0].rulings.size() == 9);
}

TEST_CASE("a rotated page gives coordinates on the turned page", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(kData + "rotated.pdf", &g);
  const RawPage& page = p.pages.at(0);
  CHECK(page.width == Approx(420.9).margin(0.5));
  CHECK(page.height == Approx(595.3).margin(0.5));
  CHECK(page.words.size() == 21);
  for (const RawWord& w : page.words) CHECK(inside_page(page, w.box));
  auto ms = marks_of(page, MarkSource::Glyph);
  REQUIRE(ms.size() == 5);
  // Text now runs down the page: each mark is above its label, in its column.
  const RawWord* done1 = find_word(page, "done");
  REQUIRE(done1 != nullptr);
  const RawMark* before = nullptr;  // the box just above "done" in its column
  for (const RawMark* m : ms)
    if (std::abs(m->box.x0 - done1->box.x0) < 1 && m->box.y1 <= done1->box.y0 + 0.5 && done1->box.y0 - m->box.y1 < 6)
      before = m;
  REQUIRE(before != nullptr);
  CHECK(before->checked);
  CHECK(count(page.rulings, true) == 4);  // the table turned: 4 columns' lines run across now
  CHECK(count(page.rulings, false) == 5);
}

TEST_CASE("broken and foreign inputs give errors", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  TempDir tmp;
  const std::string whole = slurp(kData + "table_glyphs.pdf");
  REQUIRE(whole.size() > 1000);
  const std::string half = tmp.write("half.pdf", whole.substr(0, whole.size() / 2));
  const std::string most = tmp.write("most.pdf", whole.substr(0, whole.size() * 9 / 10));
  const std::string text = tmp.write("text.pdf", "This is not a PDF.\n\xe0\xb8\x81\xe0\xb8\xb2\n");
  const std::string header = tmp.write("header.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<");
  const std::string empty = tmp.write("empty.pdf", "");

  std::string err = capture_stderr([&] {
    for (const std::string& f : {half, most, header}) {
      auto r = run(f, &g);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "bad_pdf");
      CHECK(r.error().message.find("Poppler error") != std::string::npos);
    }
    auto t = run(text, &g);
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == "bad_pdf");
    auto e = run(empty, &g);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().code == "empty_file");
    auto n = run((tmp.dir / "missing.pdf").string(), &g);
    REQUIRE_FALSE(n.ok());
    CHECK(n.error().code == "not_found");
  });
  CHECK(err.empty());  // Poppler's complaints are kept off stderr
}

// A one-page PDF whose content stream is `ops`, written by hand.
static std::string pdf_with_content(const std::string& ops) {
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      "<< /Length " + std::to_string(ops.size()) + " >>\nstream\n" + ops + "\nendstream"};
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

TEST_CASE("a page drawn with a hundred thousand squares stays bounded", "[pdf]") {
  TempDir tmp;
  std::string ops = "0.5 w\n";
  for (int i = 0; i < 100000; ++i)  // 5,400 places, each square drawn many times over
    ops += std::to_string(10 + (i % 60) * 9) + " " + std::to_string(10 + (i / 60) % 90 * 9) + " 6 6 re S\n";
  const std::string path = tmp.write("squares.pdf", pdf_with_content(ops));
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(path, &g);
  REQUIRE(p.pages.size() == 1);
  CHECK(p.pages[0].marks.size() > 100);
  CHECK(p.pages[0].marks.size() <= 3000);  // at most this many square outlines are weighed per page
  // The same page drawn sanely: one square, one line.
  const std::string small = tmp.write("small.pdf", pdf_with_content("0.5 w 100 100 10 10 re S 50 300 m 300 300 l S"));
  Pass q = run_ok(small, &g);
  REQUIRE(q.pages.at(0).marks.size() == 1);
  CHECK(q.pages[0].marks[0].box.y0 == Approx(842 - 110 - 0.25));  // top-left origin
  REQUIRE(q.pages[0].rulings.size() == 1);
  CHECK(q.pages[0].rulings[0].y0 == Approx(842 - 300 - 0.25));
  CHECK_FALSE(q.info.any_text);
}

TEST_CASE("a page stops at its operator budget, with a note", "[pdf]") {
  TempDir tmp;
  // 40,000 segments, 120,000 operators; the text after them is never reached.
  std::string ops;
  for (int i = 0; i < 40000; ++i) ops += "0 0 m 1 1 l S\n";
  ops += "BT /F1 12 Tf 72 700 Td (late) Tj ET\n";
  const std::string path = tmp.write("ops.pdf", pdf_with_content(ops));
  ReaderLimits limits;
  limits.max_pdf_ops_per_page = 30000;
  auto r = run(path, nullptr, limits);
  REQUIRE(r.ok());
  REQUIRE(r.value().pages.at(0).notes.size() == 1);
  CHECK(r.value().pages[0].notes[0].find("30000 content operators") != std::string::npos);
  // Within the budget (the default), the whole page is read and nothing is noted.
  auto whole = run(path, nullptr);
  REQUIRE(whole.ok());
  CHECK(whole.value().pages.at(0).notes.empty());
  // The budget counts operators, not checks: 120,000 operators fit in 130,000.
  limits.max_pdf_ops_per_page = 130000;
  CHECK(run(path, nullptr, limits).value().pages.at(0).notes.empty());
  limits.max_pdf_ops_per_page = 100000;
  CHECK(run(path, nullptr, limits).value().pages.at(0).notes.size() == 1);
}

// Everything a page yields, as one comparable string.
std::string dump(const RawPage& p) {
  auto box = [](const BBox& b) {
    return std::to_string(b.x0) + "," + std::to_string(b.y0) + "," + std::to_string(b.x1) + "," + std::to_string(b.y1);
  };
  std::string s = "page " + std::to_string(p.number) + " " + std::to_string(p.width) + "x" + std::to_string(p.height) + "\n";
  for (const RawWord& w : p.words) {
    s += w.text + " " + w.font + " " + std::to_string(w.font_size) + " " + box(w.box) + (w.space_after ? " _" : "");
    for (const BBox& c : w.char_boxes) s += " " + box(c);
    s += "\n";
  }
  for (const RawMark& m : p.marks) s += "mark " + m.encoding + (m.checked ? " x " : " o ") + box(m.box) + "\n";
  for (const RawRuling& r : p.rulings) s += "ruling " + box(BBox{r.x0, r.y0, r.x1, r.y1}) + "\n";
  for (const std::string& n : p.notes) s += "note " + n + "\n";
  return s;
}

TEST_CASE("pages read by several threads come out as one thread reads them, in order", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  for (const std::string path : {std::string(ITAX_SOURCE_DIR) + "/samples/ko_2566_content_controls.pdf",
                                 kReal + "sawang_disability_form.pdf", kReal + "nysso_upload_ITA_EB1_1.1.pdf"}) {
    const Pass one = run_ok(path, &g);
    for (int threads : {2, 3, 8}) {
      auto r = run(path, &g, {}, threads);
      REQUIRE(r);
      const Pass& many = r.value();
      CHECK(many.info.pages == one.info.pages);
      CHECK(many.info.any_text == one.info.any_text);
      REQUIRE(many.pages.size() == one.pages.size());
      for (size_t i = 0; i < one.pages.size(); ++i) {
        CHECK(many.pages[i].number == static_cast<int>(i) + 1);
        CHECK(dump(many.pages[i]) == dump(one.pages[i]));
      }
    }
  }
  // A page that stops at its budget says so whichever thread read it.
  ReaderLimits tight;
  tight.max_pdf_ops_per_page = 1000;
  auto a = run(std::string(ITAX_SOURCE_DIR) + "/samples/ko_2566_content_controls.pdf", &g, tight, 1);
  auto b = run(std::string(ITAX_SOURCE_DIR) + "/samples/ko_2566_content_controls.pdf", &g, tight, 4);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(a.value().pages.size() == b.value().pages.size());
  for (size_t i = 0; i < a.value().pages.size(); ++i) CHECK(dump(a.value().pages[i]) == dump(b.value().pages[i]));
}

TEST_CASE("page limit", "[pdf]") {
  ReaderLimits limits;
  limits.max_pdf_pages = 3;
  auto r = run(kReal + "nysso_upload_ITA_EB1_1.6.pdf", nullptr, limits);  // 4 pages
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "too_many_pages");
  limits.max_pdf_pages = 4;
  CHECK(run(kReal + "nysso_upload_ITA_EB1_1.6.pdf", nullptr, limits).ok());
}

TEST_CASE("real form: disability registration (Word 2010, Wingdings 2 and Cambria Math boxes)", "[pdf]") {
  // Rendered at 60 and 110 dpi and checked by eye: every check box on both
  // pages is empty. Page 1 has 11 Wingdings 2 F0A3 boxes (the "relationship"
  // and "title" choices) and the rest of its boxes, like all of page 2's,
  // are U+20DE (COMBINING ENCLOSING SQUARE) in Cambria Math: choice boxes and
  // the 13-digit ID-number boxes.
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(kReal + "sawang_disability_form.pdf", &g);
  REQUIRE(p.pages.size() == 2);
  const RawPage& p1 = p.pages[0];
  auto m1 = marks_of(p1, MarkSource::Glyph);
  auto wd2 = std::count_if(m1.begin(), m1.end(), [](const RawMark* m) { return m->encoding == "sym Wingdings 2 F0A3"; });
  CHECK(wd2 == 11);
  auto sq1 = std::count_if(m1.begin(), m1.end(), [](const RawMark* m) { return m->encoding == "glyph U+20DE"; });
  auto m2 = marks_of(p.pages[1], MarkSource::Glyph);
  auto sq2 = std::count_if(m2.begin(), m2.end(), [](const RawMark* m) { return m->encoding == "glyph U+20DE"; });
  CHECK(sq1 + sq2 == 87);  // as many as pdftotext shows
  for (const auto* ms : {&m1, &m2})
    for (const RawMark* m : *ms) {
      CHECK_FALSE(m->checked);
      CHECK(inside_page(p1, m->box));
      CHECK(m->box.x1 - m->box.x0 > 4);
    }
  // "ทะเบียน โดยเป็น ☐ บิดา – มารดา": the first Wingdings 2 box is just left
  // of บิดา (which Word's glyph positioning splits into บิ ด า).
  const RawMark* box = nullptr;
  for (const RawMark* m : m1)
    if (m->encoding == "sym Wingdings 2 F0A3") {
      box = m;
      break;
    }
  REQUIRE(box != nullptr);
  const RawWord* next = nullptr;
  const double mid = (box->box.y0 + box->box.y1) / 2;
  for (const RawWord& w : p1.words)
    if (std::abs((w.box.y0 + w.box.y1) / 2 - mid) < 4 && w.box.x0 >= box->box.x1 - 1 &&
        (!next || w.box.x0 < next->box.x0))
      next = &w;
  REQUIRE(next != nullptr);
  CHECK(next->text.rfind("\xe0\xb8\x9a", 0) == 0);  // บ
  CHECK(next->box.x0 - box->box.x1 < 6);
  // No vector check boxes on this form (the boxed areas are ruled frames).
  CHECK(marks_of(p1, MarkSource::Vector).empty());
  CHECK(marks_of(p.pages[1], MarkSource::Vector).empty());
  CHECK(marks_of(p1, MarkSource::Form).empty());  // an /AcroForm without fields
  CHECK(p1.rulings.size() >= 4);                   // the frame around the first block
  CHECK(p.pages[1].rulings.size() >= 4);           // the two-column frame of page 2
}

TEST_CASE("real form: household certificate dr02 (Word 2010, Wingdings circles, ruled table)", "[pdf]") {
  // Checked by eye at 110 dpi: page 2 has ten Wingdings F0A6 (❍) option
  // circles ("ข้าพเจ้า ❍นาย ❍นาง ❍นางสาว", "❍ รับรอง", "❍ ไม่รับรอง", twice),
  // all empty; page 1 has none, and a ruled table of 15 rows by 10 columns.
  const CheckGlyphs g = test_glyphs();
  Pass p = run_ok(kReal + "sawang_dr02.pdf", &g);
  REQUIRE(p.pages.size() == 2);
  CHECK(p.pages[0].marks.empty());
  auto ms = marks_of(p.pages[1], MarkSource::Glyph);
  REQUIRE(ms.size() == 10);
  for (const RawMark* m : ms) {
    CHECK(m->encoding == "sym Wingdings F0A6");
    CHECK_FALSE(m->checked);
  }
  for (const RawWord& w : p.pages[1].words) CHECK(w.text.find("\xef\x82\xa6") == std::string::npos);  // U+F0A6
  // The table on page 1, drawn by Word as thin filled rectangles, one per
  // cell edge: merged into long lines, level ones spanning the table.
  const RawPage& p1 = p.pages[0];
  int long_level = 0, long_plumb = 0;
  for (const RawRuling& r : p1.rulings) {
    if (r.horizontal() && r.x1 - r.x0 > 500) ++long_level;
    if (!r.horizontal() && r.y1 - r.y0 > 200) ++long_plumb;
  }
  CHECK(long_level >= 12);
  CHECK(long_plumb >= 10);
  CHECK(p1.rulings.size() < 40);
}

TEST_CASE("real forms with the project's check box rules", "[pdf]") {
  auto book = Rulebook::load(ITAX_RULES);
  REQUIRE(book.ok());
  const CheckGlyphs& g = book.value()->glyphs();
  Pass p = run_ok(kReal + "sawang_disability_form.pdf", &g);
  auto ms = marks_of(p.pages.at(0), MarkSource::Glyph);
  auto wd2 = std::count_if(ms.begin(), ms.end(), [](const RawMark* m) { return m->encoding == "sym Wingdings 2 F0A3"; });
  CHECK(wd2 == 11);
  for (const RawMark* m : ms) CHECK_FALSE(m->checked);
  // The four ITA evidence forms of nysso carry no check box at all (seen on
  // the rendered pages), and their Thai fonts are named in TIS-620.
  for (const char* f : {"nysso_upload_ITA_EB1_1.1.pdf", "nysso_upload_ITA_EB1_1.3.pdf", "nysso_upload_ITA_EB1_1.6.pdf",
                        "nysso_upload_ITA_EB2_2.4.pdf"}) {
    Pass q = run_ok(kReal + f, &g);
    CHECK(q.info.any_text);
    bool thai_font = false;
    for (const RawPage& page : q.pages) {
      CHECK(page.marks.empty());
      for (const RawWord& w : page.words)
        if (w.font.rfind("TH SarabunIT\xe0\xb9\x99", 0) == 0) thai_font = true;  // "TH SarabunIT๙"
    }
    CHECK(thai_font);
  }
}

TEST_CASE("the real files pass without a word on stderr", "[pdf]") {
  const CheckGlyphs g = test_glyphs();
  std::string err = capture_stderr([&] {
    for (const auto& e : fs::directory_iterator(kReal))
      if (e.path().extension() == ".pdf") CHECK(run(e.path().string(), &g).ok());
  });
  CHECK(err.empty());
}

// ---- geometry on hand-made paths --------------------------------------------

namespace {

using detail::Pt;
using detail::ShapeCollector;
using detail::Subpath;

Subpath rect(double x, double y, double w, double h) {
  Subpath s;
  s.pts = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}};
  s.curve.assign(5, false);
  s.closed = true;
  return s;
}

Subpath line(double x0, double y0, double x1, double y1) {
  Subpath s;
  s.pts = {{x0, y0}, {x1, y1}};
  s.curve.assign(2, false);
  return s;
}

Subpath polyline(std::vector<Pt> pts) {
  Subpath s;
  s.pts = std::move(pts);
  s.curve.assign(s.pts.size(), false);
  return s;
}

struct Out {
  std::vector<RawMark> marks;
  std::vector<RawRuling> rulings;
};

Out finish(ShapeCollector& c, const std::vector<RawWord>& words = {}) {
  Out o;
  c.finish(words, o.marks, o.rulings);
  return o;
}

RawWord word_at(double x0, double y0, double x1, double y1) {
  RawWord w;
  w.text = "1";
  w.box = {x0, y0, x1, y1};
  w.char_boxes = {w.box};
  return w;
}

}  // namespace

TEST_CASE("vector boxes: stroked squares, with an X, a tick, or nothing", "[pdf]") {
  ShapeCollector c;
  c.add_stroke({rect(100, 100, 10, 10)}, 0.5);                                // empty
  c.add_stroke({rect(100, 130, 10, 10)}, 0.5);                                // X
  c.add_stroke({line(100, 130, 110, 140), line(110, 130, 100, 140)}, 0.5);
  c.add_stroke({rect(100, 160, 10, 10)}, 0.5);                                // tick as one polyline
  c.add_stroke({polyline({{102, 165}, {104, 168}, {109, 161}})}, 0.8);
  c.add_stroke({rect(100, 190, 10, 10)}, 0.5);                                // one stray line: not checked
  c.add_stroke({line(101.5, 195, 108.5, 195)}, 0.5);
  Out o = finish(c);
  REQUIRE(o.marks.size() == 4);
  std::sort(o.marks.begin(), o.marks.end(), [](const RawMark& a, const RawMark& b) { return a.box.y0 < b.box.y0; });
  CHECK(o.marks[0].checked == false);
  CHECK(o.marks[1].checked == true);
  CHECK(o.marks[2].checked == true);
  CHECK(o.marks[3].checked == false);
  for (const RawMark& m : o.marks) {
    CHECK(m.source == MarkSource::Vector);
    CHECK(m.encoding == "vector");
  }
  CHECK(o.rulings.empty());  // no box side is a ruling, and the stray line is too short for one
}

TEST_CASE("vector boxes: Word-style borders as four thin fills, and rings", "[pdf]") {
  ShapeCollector c;
  // four 0.5 pt filled edges around a 9 pt square, with a filled tick inside
  c.add_fill({rect(50, 50, 9.5, 0.5)}, false);
  c.add_fill({rect(50, 59, 9.5, 0.5)}, false);
  c.add_fill({rect(50, 50, 0.5, 9.5)}, false);
  c.add_fill({rect(59, 50, 0.5, 9.5)}, false);
  c.add_fill({polyline({{52, 55}, {54, 58}, {58, 51}, {57, 51}, {54, 56}, {53, 54}})}, false);
  // a ring: outer and inner square in one even-odd path
  c.add_fill({rect(80, 50, 10, 10), rect(80.6, 50.6, 8.8, 8.8)}, false);
  // a dark square with a white one on top
  c.add_fill({rect(110, 50, 10, 10)}, false);
  c.add_fill({rect(110.5, 50.5, 9, 9)}, true);
  Out o = finish(c);
  REQUIRE(o.marks.size() == 3);
  std::sort(o.marks.begin(), o.marks.end(), [](const RawMark& a, const RawMark& b) { return a.box.x0 < b.box.x0; });
  CHECK(o.marks[0].checked == true);
  CHECK(o.marks[0].box.x0 == Approx(50));
  CHECK(o.marks[0].box.x1 == Approx(59.5));
  CHECK(o.marks[1].checked == false);
  CHECK(o.marks[2].checked == false);
  CHECK(o.rulings.empty());
}

TEST_CASE("vector boxes: cells of a table, a digit grid and framed text are no check boxes", "[pdf]") {
  ShapeCollector c;
  // A table row: borders run on past the small square cell's corners.
  c.add_fill({rect(20, 20, 200, 0.5)}, false);
  c.add_fill({rect(20, 32, 200, 0.5)}, false);
  for (double x : {20.0, 32.0, 100.0, 220.0}) c.add_fill({rect(x, 20, 0.5, 12.5)}, false);
  // Boxes for digits: squares side by side.
  for (int i = 0; i < 4; ++i) c.add_stroke({rect(20 + 12 * i, 60, 12, 12)}, 0.5);
  // A square around a digit.
  c.add_stroke({rect(20, 100, 12, 12)}, 0.5);
  Out o = finish(c, {word_at(23, 101, 29, 111)});
  CHECK(o.marks.empty());
  // The table gives 2 + 4 lines, the grid 2 + 5, the framed digit 2 + 2.
  CHECK(count(o.rulings, true) == 2 + 2 + 2);
  CHECK(count(o.rulings, false) == 4 + 5 + 2);
}

TEST_CASE("rulings: collinear pieces merge, curves and big fills do not count", "[pdf]") {
  ShapeCollector c;
  c.add_stroke({line(10, 50, 60, 50), line(60, 50, 120, 50.3)}, 1);  // one line drawn in two pieces
  c.add_fill({rect(120.5, 49.6, 80, 0.8)}, false);                   // continued as a thin fill
  c.add_stroke({line(10, 80, 15, 80)}, 1);                           // too short
  c.add_fill({rect(10, 100, 300, 200)}, false);                      // a shaded background
  c.add_fill({rect(10, 400, 300, 1)}, true);                         // a white line
  Subpath curve;
  curve.pts = {{10, 500}, {50, 480}, {90, 480}, {130, 500}};
  curve.curve = {false, true, true, false};
  c.add_stroke({curve}, 1);
  c.add_stroke({line(300, 10, 300.4, 90)}, 0.5);  // a plumb line
  Out o = finish(c);
  REQUIRE(o.rulings.size() == 2);
  const RawRuling& h = o.rulings[0].horizontal() ? o.rulings[0] : o.rulings[1];
  const RawRuling& v = o.rulings[0].horizontal() ? o.rulings[1] : o.rulings[0];
  CHECK(h.x0 == Approx(10));
  CHECK(h.x1 == Approx(200.5));
  CHECK(h.y1 - h.y0 < 1.5);
  CHECK(v.y0 == Approx(10));
  CHECK(v.y1 == Approx(90));
}

TEST_CASE("font names fold for the symbol table", "[pdf]") {
  CHECK(CheckGlyphs::normalize_font("Wingdings-Regular") == "wingdings");
  CHECK(CheckGlyphs::normalize_font("ABCDEE+Wingdings 2") == "wingdings2");
  CHECK(CheckGlyphs::normalize_font("Wingdings2") == "wingdings2");
  CHECK(CheckGlyphs::normalize_font("MS-Gothic") == "msgothic");
  CHECK(CheckGlyphs::normalize_font("SegoeUISymbol") == "segoeuisymbol");
  CHECK(CheckGlyphs::normalize_font("Segoe UI Symbol,Bold") == "segoeuisymbol");
  CHECK(CheckGlyphs::normalize_font("ArialMT") == "arial");
  CHECK(CheckGlyphs::normalize_font("Regular") == "regular");  // never folds to nothing

  CheckGlyphs g;
  g.unicode = {{U'\u2610', false}};
  g.symbol = {{{"wingdings", 0xF0FE}, true}, {{"wingdings 2", 0xF052}, true}, {{"wingdings 2", 0xF0A3}, false},
              {{"ms gothic", 0x2612}, true}, {{"segoe ui symbol", 0x2611}, true}};
  CHECK(g.lookup("Wingdings-Regular", 0xF0FE) == std::optional<bool>(true));
  CHECK(g.lookup("Wingdings-Regular", 0xFE) == std::optional<bool>(true));
  CHECK(g.lookup("Wingdings2", 'R') == std::optional<bool>(true));
  CHECK(g.lookup("Wingdings 2", 'R') == std::optional<bool>(true));
  CHECK(g.lookup("Wingdings", 'R') == std::nullopt);  // not the same font
  CHECK(g.lookup("MS-Gothic", 0x2612) == std::optional<bool>(true));
  CHECK(g.lookup("SegoeUISymbol", 0x2611) == std::optional<bool>(true));
  CHECK(g.lookup("TH SarabunPSK", 0x2610) == std::optional<bool>(false));
  CHECK(g.lookup("TH SarabunPSK", 'R') == std::nullopt);
  CHECK(g.is_symbol_font("Wingdings-Regular"));
  CHECK(g.is_symbol_font("WINGDINGS2"));
  CHECK_FALSE(g.is_symbol_font("TH SarabunPSK"));
  CHECK(g.symbol_font_key("Wingdings2") == "wingdings 2");
  CHECK(g.symbol_font_key("Wingdings 2") == "wingdings 2");
  CHECK(g.symbol_font_key("Arial").empty());
  // A private-use code whatever the font, when the table is unambiguous.
  CHECK(g.lookup_any_symbol(0xF0FE) == std::optional<bool>(true));
  CHECK(g.lookup_any_symbol(0xF0A3) == std::optional<bool>(false));
  CHECK(g.lookup_any_symbol(0xF020) == std::nullopt);
  CHECK(g.lookup_any_symbol(0x2612) == std::nullopt);  // not a private-use code
  g.symbol[{"webdings", 0xF0FE}] = false;
  CHECK(g.lookup_any_symbol(0xF0FE) == std::nullopt);  // two fonts disagree
}

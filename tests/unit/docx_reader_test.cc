// DOCX reader: fixtures from tests/data/docx/make_docx_fixtures.py, the real
// Word letter in shared/, and hostile inputs built at run time.
#include <unistd.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "readers/reader.h"

using namespace itax;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(ITAX_TEST_DATA) + "/docx/";

CheckGlyphs test_glyphs() {
  CheckGlyphs g;
  g.unicode = {{U'\u2610', false}, {U'\u2611', true}, {U'\u2612', true}};
  g.symbol = {{{"wingdings", 0xF0FE}, true},
              {{"wingdings", 0xF0A8}, false},
              {{"wingdings 2", 0xF052}, true},
              {{"wingdings 2", 0xF0A3}, false}};
  g.marks = {{"[X]", true}, {"[/]", true}, {"[ ]", false}, {"( )", false}};
  return g;
}

ReaderOptions opts_with(const CheckGlyphs* g) {
  ReaderOptions o;
  o.glyphs = g;
  return o;
}

Document read_ok(const std::string& path, const ReaderOptions& o) {
  auto r = read_docx(path, o);
  if (!r) FAIL(r.error().code << ": " << r.error().message);
  return std::move(r.value());
}

std::vector<const Paragraph*> paragraphs(const std::vector<Block>& blocks) {
  std::vector<const Paragraph*> out;
  for_each_paragraph(blocks, [&](const Paragraph& p) { out.push_back(&p); });
  return out;
}

const Paragraph& body_para(const Document& d, std::size_t i) {
  REQUIRE(i < d.body.size());
  const Paragraph* p = d.body[i].paragraph();
  REQUIRE(p != nullptr);
  return *p;
}

// The paragraph's content as one string: text as is, boxes as {1:enc} / {0:enc}.
std::string shape(const Paragraph& p) {
  std::string out;
  for (const Inline& in : p.content) {
    if (in.kind == Inline::Kind::Text)
      out += in.text;
    else
      out += std::string("{") + (in.box.checked ? "1" : "0") + ":" + in.box.encoding + "}";
  }
  return out;
}

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() /
          ("itax_docx_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::string file(const std::string& name, const std::string& bytes) const {
    std::string p = (dir / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Entry {
  std::string name, data;
  bool stored = false;
};

void write_zip(const std::string& path, const std::vector<Entry>& entries) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  for (const Entry& e : entries) {
    zip_source_t* s = zip_source_buffer(z, e.data.data(), e.data.size(), 0);
    REQUIRE(s != nullptr);
    zip_int64_t idx = zip_file_add(z, e.name.c_str(), s, ZIP_FL_OVERWRITE);
    REQUIRE(idx >= 0);
    if (e.stored) zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
  }
  REQUIRE(zip_close(z) == 0);
}

const char* kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"";

std::string doc_xml(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ") + kNs +
         "><w:body>" + body + "</w:body></w:document>";
}

std::string para(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }

std::string make_docx(const TempDir& t, const std::string& name, const std::string& document_xml,
                      std::vector<Entry> extra = {}) {
  std::vector<Entry> entries = {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", document_xml}};
  for (Entry& e : extra) entries.push_back(std::move(e));
  std::string p = t.path(name);
  write_zip(p, entries);
  return p;
}

// Runs f with stderr sent to a file; returns what was written there.
std::string stderr_of(const std::function<void()>& f) {
  std::fflush(stderr);
  char tmpl[] = "/tmp/itax_stderr_XXXXXX";
  int fd = ::mkstemp(tmpl);
  int saved = ::dup(2);
  ::dup2(fd, 2);
  auto restore = [&] {
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(fd);
  };
  try {
    f();
  } catch (...) {  // a failed REQUIRE inside f: give Catch its stderr back first
    restore();
    ::unlink(tmpl);
    throw;
  }
  restore();
  std::string out = slurp(tmpl);
  ::unlink(tmpl);
  return out;
}

// Sets bit 0 (encrypted) of the general-purpose flags of `name` in both the
// local and the central header.
std::string mark_encrypted(std::string zipbytes, const std::string& name) {
  auto u16 = [&](std::size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(zipbytes[at])) |
           static_cast<unsigned>(static_cast<unsigned char>(zipbytes[at + 1])) << 8;
  };
  for (std::size_t pos = 0; (pos = zipbytes.find("PK\x03\x04", pos)) != std::string::npos; pos += 4)
    if (zipbytes.compare(pos + 30, name.size(), name) == 0 && u16(pos + 26) == name.size())
      zipbytes[pos + 6] = static_cast<char>(zipbytes[pos + 6] | 1);
  for (std::size_t pos = 0; (pos = zipbytes.find("PK\x01\x02", pos)) != std::string::npos; pos += 4)
    if (zipbytes.compare(pos + 46, name.size(), name) == 0 && u16(pos + 28) == name.size())
      zipbytes[pos + 8] = static_cast<char>(zipbytes[pos + 8] | 1);
  return zipbytes;
}

}  // namespace

// --- structure -------------------------------------------------------------

TEST_CASE("docx: runs, tabs, breaks, styles", "[docx]") {
  CheckGlyphs g = test_glyphs();
  Document d = read_ok(kData + "basic.docx", opts_with(&g));
  CHECK(d.format == Format::Docx);
  CHECK(d.pages == 0);
  const Paragraph& p1 = body_para(d, 0);
  CHECK(p1.text() == "Hello\tWorld\nLine2\nx-y");  // the w:tab in w:tabs is a tab stop, not text
  CHECK(p1.style == "Title");                       // not the revised-away "OldStyle"
  CHECK(p1.where.locator == "paragraph 1");
  CHECK(body_para(d, 3).text() == "สวัสดีครับ ท่านผู้อ่าน");
}

TEST_CASE("docx: hyperlinks, smart tags, insertions kept; deletions dropped", "[docx]") {
  Document d = read_ok(kData + "basic.docx", opts_with(nullptr));
  const Paragraph& p = body_para(d, 1);
  CHECK(p.text() == "link text smart custom inserted moved");
  CHECK(p.text().find("DELETED") == std::string::npos);
  CHECK(p.text().find("MOVEDAWAY") == std::string::npos);
  bool noted = false;
  for (const std::string& n : d.notes) noted |= n.find("deleted") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("docx: field results kept, field codes skipped", "[docx]") {
  Document d = read_ok(kData + "basic.docx", opts_with(nullptr));
  CHECK(body_para(d, 2).text() == "Page 7 date 2024-01-01 end");
}

TEST_CASE("docx: text box follows its anchor paragraph, read once", "[docx]") {
  Document d = read_ok(kData + "basic.docx", opts_with(nullptr));
  CHECK(body_para(d, 4).text() == "anchor tail");
  CHECK(body_para(d, 5).text() == "box text");  // mc:Choice read, mc:Fallback skipped
  CHECK(body_para(d, 5).where.locator == "paragraph 6");
  int boxes = 0;
  for (const Paragraph* p : paragraphs(d.body)) boxes += p->text() == "box text";
  CHECK(boxes == 1);
  // A w:sym that is no check box comes out as its character.
  CHECK(body_para(d, 6).text() == "bullet \xEF\x82\xB7");  // U+F0B7
  CHECK(body_para(d, 7).text() == "after");
  CHECK(body_para(d, 7).where.locator == "paragraph 8");
  CHECK(d.body.size() == 8);
}

TEST_CASE("docx: headers and footers kept apart from the body", "[docx]") {
  Document d = read_ok(kData + "basic.docx", opts_with(nullptr));
  for (const Paragraph* p : paragraphs(d.body)) {
    CHECK(p->text().find("HEADER") == std::string::npos);
    CHECK(p->text().find("FOOTER") == std::string::npos);
  }
  auto f = paragraphs(d.furniture);
  REQUIRE(f.size() == 2);
  CHECK(f[0]->text() == "HEADER TEXT");
  CHECK(f[0]->style == "Header");
  CHECK(f[0]->where.locator == "header1 paragraph 1");
  CHECK(f[1]->text() == "FOOTER page 1");
  CHECK(f[1]->where.locator == "footer1 paragraph 1");
}

TEST_CASE("docx: tables with spans, merges, header rows and nesting", "[docx]") {
  Document d = read_ok(kData + "tables.docx", opts_with(nullptr));
  REQUIRE(d.body.size() == 5);
  CHECK(body_para(d, 0).text() == "before");
  const Table* t = d.body[1].table();
  REQUIRE(t != nullptr);
  CHECK(t->index == 1);
  CHECK(t->where.locator == "table 1");
  REQUIRE(t->rows.size() == 5);

  CHECK(t->rows[0].repeat_header);
  CHECK_FALSE(t->rows[1].repeat_header);
  CHECK(t->rows[0].where.locator == "table 1 row 1");
  REQUIRE(t->rows[0].cells.size() == 3);
  CHECK(t->rows[0].cells[2].text() == "H3");
  CHECK(t->rows[0].cells[2].grid_col == 2);

  const Row& r2 = t->rows[1];
  REQUIRE(r2.cells.size() == 2);
  CHECK(r2.cells[0].grid_span == 2);
  CHECK(r2.cells[0].grid_col == 0);
  CHECK(r2.cells[1].grid_col == 2);
  CHECK_FALSE(r2.cells[1].vmerge_continue);  // restart
  CHECK(r2.cells[1].where.locator == "table 1 row 2 cell 2");

  const Row& r3 = t->rows[2];
  REQUIRE(r3.cells.size() == 3);
  CHECK(r3.cells[2].vmerge_continue);  // w:vMerge with no value
  CHECK_FALSE(r3.cells[0].vmerge_continue);

  const Row& r4 = t->rows[3];  // w:gridBefore="1"
  REQUIRE(r4.cells.size() == 2);
  CHECK(r4.cells[0].grid_col == 1);
  CHECK(r4.cells[1].grid_col == 2);

  const Cell& outer = t->rows[4].cells.at(0);
  REQUIRE(outer.blocks.size() == 3);
  CHECK(outer.blocks[0].paragraph()->where.locator == "table 1 row 5 cell 1 paragraph 1");
  const Table* nested = outer.blocks[1].table();
  REQUIRE(nested != nullptr);
  CHECK(nested->index == 2);
  REQUIRE(nested->rows.size() == 1);
  CHECK(nested->rows[0].cells.at(1).text() == "n2");
  CHECK(nested->rows[0].cells.at(1).grid_col == 1);
  CHECK(nested->rows[0].cells[0].blocks.at(0).paragraph()->where.locator == "table 2 row 1 cell 1 paragraph 1");
  CHECK(outer.blocks[2].paragraph()->text() == "after nested");
  CHECK(outer.blocks[2].paragraph()->where.locator == "table 1 row 5 cell 1 paragraph 2");
  CHECK(outer.text() == "outer\nn1\tn2\nafter nested");

  // Body paragraphs count every w:p, table paragraphs included.
  CHECK(body_para(d, 2).text() == "between");
  CHECK(body_para(d, 2).where.locator == "paragraph 16");
  const Table* t3 = d.body[3].table();
  REQUIRE(t3 != nullptr);
  CHECK(t3->index == 3);
  CHECK(body_para(d, 4).where.locator == "paragraph 18");
}

// --- check boxes -------------------------------------------------------------

TEST_CASE("docx: every check box encoding", "[docx]") {
  CheckGlyphs g = test_glyphs();
  Document d = read_ok(kData + "checkboxes.docx", opts_with(&g));
  REQUIRE(d.body.size() == 12);
  CHECK(shape(body_para(d, 0)) == "{1:w14:checkbox} w14 yes");  // the ☒ inside is not read again
  CHECK(shape(body_para(d, 1)) == "{0:w14:checkbox} w14 no");
  CHECK(shape(body_para(d, 2)) == "{1:formfield} ff default");
  CHECK(shape(body_para(d, 3)) == "{1:formfield} ff checked");
  CHECK(shape(body_para(d, 4)) == "{0:formfield} ff unchecked");
  CHECK(shape(body_para(d, 5)) == "{1:sym Wingdings F0FE} sym yes {0:sym Wingdings F0A8} sym no");
  CHECK(shape(body_para(d, 6)) == "{1:glyph Wingdings U+F0FE} pua yes \xEF\x81\xAF pua other");
  CHECK(shape(body_para(d, 7)) == "{1:glyph Wingdings 2 U+0052} wd2 yes {0:glyph Wingdings 2 U+00A3} wd2 no R");
  CHECK(shape(body_para(d, 8)) == "{0:glyph U+2610} empty {1:glyph U+2611} tick {1:glyph U+2612} cross");
  CHECK(shape(body_para(d, 9)) == "{1:mark [X]} มี {0:mark ( )} ไม่มี");
  const Paragraph& p = body_para(d, 5);
  CHECK(p.content[0].box.where.locator == "paragraph 6");
  CHECK(p.has_boxes());
  CHECK(p.text() == " sym yes  sym no");

  const Table* t = d.body[10].table();
  REQUIRE(t != nullptr);
  const Paragraph* cp = t->rows.at(0).cells.at(0).blocks.at(0).paragraph();
  REQUIRE(cp != nullptr);
  CHECK(shape(*cp) == "{1:w14:checkbox} in cell");
  CHECK(cp->content[0].box.where.locator == "table 1 row 1 cell 1 paragraph 1");
  CHECK(shape(body_para(d, 11)) == "{1:glyph U+F0FE} styled");
}

TEST_CASE("docx: symbol font names are matched the way CheckGlyphs normalises them", "[docx]") {
  TempDir t;
  CheckGlyphs g = test_glyphs();
  std::string body =
      "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"WINGDINGS-Regular\" w:hAnsi=\"WINGDINGS-Regular\"/></w:rPr>"
      "<w:t>\xEF\x83\xBE\xEF\x82\xA8</w:t></w:r></w:p>";  // U+F0FE U+F0A8
  Document d = read_ok(make_docx(t, "norm.docx", doc_xml(body)), opts_with(&g));
  CHECK(shape(body_para(d, 0)) ==
        "{1:glyph WINGDINGS-Regular U+F0FE}{0:glyph WINGDINGS-Regular U+F0A8}");
}

TEST_CASE("docx: without a glyph table only structural boxes are found", "[docx]") {
  Document d = read_ok(kData + "checkboxes.docx", opts_with(nullptr));
  CHECK(shape(body_para(d, 0)) == "{1:w14:checkbox} w14 yes");
  CHECK(shape(body_para(d, 3)) == "{1:formfield} ff checked");
  CHECK(shape(body_para(d, 5)) == "\xEF\x83\xBE sym yes \xEF\x82\xA8 sym no");
  CHECK(shape(body_para(d, 8)) == "☐ empty ☑ tick ☒ cross");
  CHECK(shape(body_para(d, 9)) == "[X] มี ( ) ไม่มี");
}

// --- the real Word letter ---------------------------------------------------------

TEST_CASE("docx: real Thai government letter", "[docx]") {
  const std::string path = std::string(ITAX_SHARED) + "/corpora/thai-real/sawang_letter.docx";
  if (!fs::exists(path)) {
    WARN("missing " << path << "; skipped");
    return;
  }
  CheckGlyphs g = test_glyphs();
  auto r = read_document(path, opts_with(&g));
  REQUIRE(r.ok());
  const Document& d = r.value();
  std::string all;
  for (const Paragraph* p : paragraphs(d.body)) all += p->text() + "\n";
  CHECK(all.find("กรมส่งเสริมการปกครองท้องถิ่น") != std::string::npos);
  CHECK(all.find("จึงเรียนมาเพื่อโปรดพิจารณา") != std::string::npos);
  // Thai letters are 3-byte UTF-8 in E0 B8/B9 xx; there should be thousands.
  std::size_t thai = 0;
  for (std::size_t i = 0; i + 1 < all.size(); ++i)
    thai += static_cast<unsigned char>(all[i]) == 0xE0 &&
            (static_cast<unsigned char>(all[i + 1]) == 0xB8 || static_cast<unsigned char>(all[i + 1]) == 0xB9);
  CHECK(thai > 500);
  // Its text boxes are written twice (mc:Choice and mc:Fallback) but read once.
  int copies = 0;
  for (const Paragraph* p : paragraphs(d.body)) copies += p->text() == "สำเนาคู่ฉบับ";
  CHECK(copies == 1);
}

// --- hostile and broken input ---------------------------------------------------------

TEST_CASE("docx: broken zips", "[docx]") {
  TempDir t;
  ReaderOptions o;
  SECTION("truncated") {
    std::string bytes = slurp(kData + "basic.docx");
    auto r = read_docx(t.file("trunc.docx", bytes.substr(0, bytes.size() / 2)), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "bad_zip");
  }
  SECTION("not a zip at all") {
    auto r = read_docx(t.file("text.docx", "just some text, not a zip"), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "bad_zip");
    CHECK(r.error().message.find("zip") != std::string::npos);
  }
  SECTION("corrupt data (CRC mismatch in a stored entry)") {
    std::string p = t.path("crc.docx");
    write_zip(p, {{"[Content_Types].xml", "<Types/>"},
                  {"word/document.xml", doc_xml(para("QQQQQQQQQQ")), true}});
    std::string bytes = slurp(p);
    std::size_t at = bytes.find("QQQQQQQQQQ");
    REQUIRE(at != std::string::npos);
    bytes[at + 3] = 'Z';
    auto r = read_docx(t.file("crc2.docx", bytes), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "bad_zip");
  }
  SECTION("zip without word/document.xml") {
    std::string p = t.path("nodoc.docx");
    write_zip(p, {{"[Content_Types].xml", "<Types/>"}, {"hello.txt", "hi"}});
    auto r = read_docx(p, o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "not_docx");
    CHECK(r.error().message.find("hello.txt") != std::string::npos);
  }
  SECTION("encrypted entry") {
    std::string p = make_docx(t, "enc.docx", doc_xml(para("secret")));
    auto r = read_docx(t.file("enc2.docx", mark_encrypted(slurp(p), "word/document.xml")), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "encrypted");
  }
}

TEST_CASE("docx: zip bomb limits", "[docx]") {
  TempDir t;
  std::string big;
  for (int i = 0; i < 2000; ++i) big += para("repetitive padding text " + std::to_string(i % 10));
  SECTION("per-entry size, from the header") {
    ReaderOptions o;
    o.limits.max_entry_bytes = 10000;
    auto r = read_docx(make_docx(t, "big.docx", doc_xml(big)), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "zip_bomb");
    CHECK(r.error().message.find("entry size") != std::string::npos);
    CHECK(r.error().message.find("10000") != std::string::npos);
  }
  SECTION("per-entry size, while inflating, when the header lies") {
    ReaderOptions o;
    o.limits.max_entry_bytes = 10000;
    auto r = read_docx(kData + "lying_size.docx", o);  // claims 100 bytes, inflates to ~70 KB
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "zip_bomb");
    CHECK(r.error().message.find("inflated past") != std::string::npos);
    // Within the limits the lie is still caught, as a corrupt zip.
    auto r2 = read_docx(kData + "lying_size.docx", ReaderOptions{});
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().code == "bad_zip");
  }
  SECTION("total inflated bytes") {
    ReaderOptions o;
    o.limits.max_total_bytes = 30000;
    std::string medium;  // ~17 KB: each part passes alone, the two together do not
    for (int i = 0; i < 300; ++i) medium += para("repetitive padding text");
    std::string part = std::string("<w:hdr ") + kNs + ">" + medium + "</w:hdr>";
    auto r = read_docx(make_docx(t, "tot.docx", doc_xml(medium),
                                 {{"word/header1.xml", part}}),
                       o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "zip_bomb");
    CHECK(r.error().message.find("total") != std::string::npos);
  }
  SECTION("compression ratio over 1 MB") {
    std::string huge;
    while (huge.size() < (2u << 20)) huge += big;
    auto r = read_docx(make_docx(t, "ratio.docx", doc_xml(huge)), ReaderOptions{});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "zip_bomb");
    CHECK(r.error().message.find("ratio") != std::string::npos);
  }
  SECTION("number of entries") {
    ReaderOptions o;
    o.limits.max_zip_entries = 2;
    auto r = read_docx(make_docx(t, "many.docx", doc_xml(para("x")), {{"a.xml", "<a/>"}}), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "zip_bomb");
    CHECK(r.error().message.find("entries") != std::string::npos);
  }
}

TEST_CASE("docx: DTDs and entities are refused, silently", "[docx]") {
  TempDir t;
  ReaderOptions o;
  std::string out;
  SECTION("external entity") {
    std::string xml = std::string("<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<w:document ") +
                      kNs + "><w:body>" + para("&xxe;") + "</w:body></w:document>";
    std::string p = make_docx(t, "xxe.docx", xml);
    std::string err = stderr_of([&] {
      auto r = read_docx(p, o);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "xml_entities");
      CHECK(r.error().message.find("root:") == std::string::npos);
    });
    CHECK(err.empty());
  }
  SECTION("billion laughs after a comment") {
    std::string xml = "<?xml version=\"1.0\"?><!-- hi --><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                      "<lolz>&lol2;</lolz>";
    auto r = read_docx(make_docx(t, "lol.docx", xml), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "xml_entities");
  }
  SECTION("DOCTYPE in UTF-16, past the byte scan, caught at the DOCTYPE node") {
    std::string x = std::string("<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE w:document [<!ENTITY e \"v\">]><w:document ") +
                    kNs + "><w:body>" + para("x") + "</w:body></w:document>";
    std::string u16 = "\xFF\xFE";
    for (char c : x) {
      u16 += c;
      u16 += '\0';
    }
    std::string err = stderr_of([&] {
      auto r = read_docx(make_docx(t, "u16.docx", u16), o);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "xml_entities");
    });
    CHECK(err.empty());
  }
}

TEST_CASE("docx: bad XML gives bad_xml with a line, and prints nothing", "[docx]") {
  TempDir t;
  ReaderOptions o;
  SECTION("invalid UTF-8") {
    std::string p = make_docx(t, "utf8.docx", doc_xml("\n\n" + para("abc\xFF\xFE def")));
    std::string err = stderr_of([&] {
      auto r = read_docx(p, o);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "bad_xml");
      CHECK(r.error().message.find("word/document.xml line 4") != std::string::npos);
    });
    CHECK(err.empty());
  }
  SECTION("not well-formed") {
    std::string p = make_docx(t, "wf.docx", doc_xml("<w:p><w:r><w:t>open</w:r></w:p>"));
    std::string err = stderr_of([&] {
      auto r = read_docx(p, o);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "bad_xml");
      CHECK(r.error().message.find("line") != std::string::npos);
    });
    CHECK(err.empty());
  }
  SECTION("bad XML in a header part") {
    auto r = read_docx(make_docx(t, "hdr.docx", doc_xml(para("ok")), {{"word/header2.xml", "<w:hdr"}}), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "bad_xml");
    CHECK(r.error().message.find("word/header2.xml") != std::string::npos);
  }
}

TEST_CASE("docx: nesting limits", "[docx]") {
  TempDir t;
  SECTION("XML depth, our limit") {
    ReaderOptions o;
    o.limits.max_xml_depth = 20;
    std::string deep;
    for (int i = 0; i < 30; ++i) deep += "<w:customXml>";
    for (int i = 0; i < 30; ++i) deep += "</w:customXml>";
    auto r = read_docx(make_docx(t, "deep.docx", doc_xml(deep)), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "too_deep");
  }
  SECTION("XML depth, libxml2's own limit") {
    std::string deep;
    for (int i = 0; i < 400; ++i) deep += "<x>";
    for (int i = 0; i < 400; ++i) deep += "</x>";
    std::string err = stderr_of([&] {
      auto r = read_docx(make_docx(t, "deep2.docx", doc_xml(deep)), ReaderOptions{});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "too_deep");
    });
    CHECK(err.empty());
  }
  SECTION("table depth") {
    ReaderOptions o;
    o.limits.max_table_depth = 2;
    std::string x = para("cell");
    for (int i = 0; i < 3; ++i) x = "<w:tbl><w:tr><w:tc>" + x + "</w:tc></w:tr></w:tbl><w:p/>";
    auto r = read_docx(make_docx(t, "tbl.docx", doc_xml(x)), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "too_deep");
    o.limits.max_table_depth = 3;
    CHECK(read_docx(t.path("tbl.docx"), o).ok());
  }
}

// --- read_document ------------------------------------------------------------------------

TEST_CASE("read_document dispatches on leading bytes", "[docx]") {
  TempDir t;
  ReaderOptions o;
  auto code = [&](const std::string& path) {
    auto r = read_document(path, o);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  CHECK(code(kData + "tables.docx") == "ok");
  std::string renamed = t.file("report.pdf", slurp(kData + "tables.docx"));  // name is ignored
  CHECK(code(renamed) == "ok");
  CHECK(code(t.file("a.pdf", "%PDF-1.7\n...")) == "bad_pdf");  // sent to the PDF reader, which refuses it
  CHECK(code(t.file("b.bin", std::string(500, ' ') + "%PDF-1.4\n")) == "bad_pdf");
  CHECK(code(t.file("c.txt", "hello")) == "unsupported_format");
  auto ole = read_document(t.file("d.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "xxxx"), o);
  REQUIRE_FALSE(ole.ok());
  CHECK(ole.error().code == "unsupported_format");
  CHECK(ole.error().message.find(".doc") != std::string::npos);
  CHECK(code(t.file("empty.docx", "")) == "empty_file");
  CHECK(code(t.dir.string()) == "not_a_file");
  CHECK(code(t.path("missing.docx")) == "not_found");
  o.limits.max_file_bytes = 100;
  CHECK(code(kData + "tables.docx") == "file_too_large");
}

// --- smaller constructs, built at run time ------------------------------------------------

TEST_CASE("docx: nested fields, Fallback-only content, block-level check box control", "[docx]") {
  TempDir t;
  CheckGlyphs g = test_glyphs();
  auto fld = [](const std::string& type) { return "<w:r><w:fldChar w:fldCharType=\"" + type + "\"/></w:r>"; };
  auto instr = [](const std::string& code) { return "<w:r><w:instrText>" + code + "</w:instrText></w:r>"; };
  auto run = [](const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; };
  std::string body;
  // An IF field whose code holds a nested field: only the outer result shows.
  body += "<w:p>" + fld("begin") + instr(" IF ") + fld("begin") + instr(" PAGE ") + fld("separate") +
          run("HIDDEN") + fld("end") + instr(" = 1 ") + fld("separate") + run("shown") + fld("end") +
          run(" tail") + "</w:p>";
  // A result that holds a nested field: both results show.
  body += "<w:p>" + fld("begin") + instr(" HYPERLINK \"x\" ") + fld("separate") + run("see ") +
          fld("begin") + instr(" PAGEREF a ") + fld("separate") + run("3") + fld("end") + fld("end") + "</w:p>";
  // mc:AlternateContent with a Fallback only.
  body += "<w:p xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
          "<mc:AlternateContent><mc:Fallback>" + run("fallback") + "</mc:Fallback></mc:AlternateContent></w:p>";
  // A block-level check box control around a whole paragraph.
  body += "<w:sdt><w:sdtPr><w14:checkbox><w14:checked/></w14:checkbox></w:sdtPr><w:sdtContent>"
          "<w:p><w:r><w:t>☐</w:t></w:r></w:p></w:sdtContent></w:sdt>";
  // FORMCHECKBOX with w:checked w:val="false" and no w:default.
  body += "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:checked w:val=\"false\"/>"
          "</w:checkBox></w:ffData></w:fldChar></w:r>" + instr(" FORMCHECKBOX ") + fld("end") + run("x") + "</w:p>";
  // An empty paragraph still counts.
  body += "<w:p/>";
  Document d = read_ok(make_docx(t, "misc.docx", doc_xml(body)), opts_with(&g));
  REQUIRE(d.body.size() == 6);
  CHECK(shape(body_para(d, 0)) == "shown tail");
  CHECK(shape(body_para(d, 1)) == "see 3");
  CHECK(shape(body_para(d, 2)) == "fallback");
  CHECK(shape(body_para(d, 3)) == "{1:w14:checkbox}");
  CHECK(shape(body_para(d, 4)) == "{0:formfield}x");
  CHECK(body_para(d, 5).content.empty());
  CHECK(body_para(d, 5).where.locator == "paragraph 6");
}

TEST_CASE("docx: the shared bad inputs in tests/data/bad end in clean errors", "[docx]") {
  const std::string dir = std::string(ITAX_TEST_DATA) + "/bad/";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"truncated.docx", "bad_zip"},          {"not_a_zip.docx", "unsupported_format"},
      {"no_document_xml.docx", "not_docx"},   {"zip_bomb.docx", "zip_bomb"},
      {"xxe.docx", "xml_entities"},           {"xxe_parameter_entity.docx", "xml_entities"},
      {"billion_laughs.docx", "xml_entities"}, {"invalid_utf8.docx", "bad_xml"},
      {"empty.docx", "empty_file"},           {"html_renamed.pdf", "unsupported_format"},
      {"encrypted_zip.docx", "encrypted"},
  };
  for (const auto& [file, code] : cases) {
    if (!fs::exists(dir + file)) {
      WARN("missing " << dir + file << "; skipped");
      continue;
    }
    INFO(file);
    std::string err = stderr_of([&] {
      auto r = read_document(dir + file, ReaderOptions{});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == code);
      CHECK(r.error().message.find("root:") == std::string::npos);
    });
    CHECK(err.empty());
  }
}

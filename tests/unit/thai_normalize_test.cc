#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "thai/chars.h"
#include "thai/normalize.h"

using itax::thai::RepairCounts;
using itax::thai::normalize;

namespace {

std::vector<std::string> seed_lines() {
  std::ifstream in(ITAX_SHARED "/seed/000_825f8da4abddf54c.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// normalize() and the counts it left, as "kind=n,kind=n".
std::string tally(const RepairCounts& c) {
  std::string s;
  for (const auto& [k, v] : c.by_kind) s += (s.empty() ? "" : ",") + k + "=" + std::to_string(v);
  return s;
}

struct Fixed {
  std::string text;
  std::string counts;
};

Fixed fix(const std::string& in) {
  RepairCounts c;
  std::string out = normalize(in, &c);
  return {out, tally(c)};
}

}  // namespace

TEST_CASE("normalize leaves ASCII and clean Thai alone", "[thai]") {
  for (const std::string s : {"", "Facebook Twitter 2566", "a\tb\n", "สำนักปลัด กองคลัง",
                              "พ.ศ. ๒๕๖๖ และ 256๒", "ทั้ง ที่ ก็ ค่ำ น้ำ สิทธิ์"}) {
    const Fixed f = fix(s);
    CHECK(f.text == s);
    CHECK(f.counts.empty());
  }
}

TEST_CASE("normalize is NFC, never NFKC", "[thai]") {
  // NFKC would split SARA AM into NIKHAHIT + SARA AA.
  CHECK(fix("คำ").text == "คำ");
  // A tone mark typed before a lower vowel: NFC's canonical order.
  const Fixed f = fix("ก\u0E48\u0E38");
  CHECK(f.text == "ก\u0E38\u0E48");
  CHECK(f.counts == "nfc=1");
  CHECK(fix("e\u0301").text == "\u00E9");
}

TEST_CASE("normalize drops zero-width and soft characters", "[thai]") {
  const Fixed f = fix("ประ\u200Bชา\u00ADสัม\u200C\u200Dพันธ์\uFEFF");
  CHECK(f.text == "ประชาสัมพันธ์");
  CHECK(f.counts == "zero_width=5");
}

TEST_CASE("normalize rebuilds SARA AM", "[thai]") {
  SECTION("NIKHAHIT + SARA AA") {
    const Fixed f = fix("ค\u0E4D\u0E32ขอ");
    CHECK(f.text == "คำขอ");
    CHECK(f.counts == "sara_am_decomposed=1");
  }
  SECTION("with a tone mark before or inside the pair") {
    CHECK(fix("ค\u0E48\u0E4D\u0E32").text == "ค่ำ");
    CHECK(fix("ค\u0E4D\u0E48\u0E32").text == "ค่ำ");
  }
  SECTION("an extra SARA AA after SARA AM") {
    const Fixed f = fix("ด\u0E33\u0E32เนิน");
    CHECK(f.text == "ดำเนิน");
    CHECK(f.counts == "sara_am_doubled=1");
    const Fixed g = fix("ด\u0E4D\u0E32\u0E32เนิน");
    CHECK(g.text == "ดำเนิน");
    CHECK(g.counts == "sara_am_decomposed=1,sara_am_doubled=1");
  }
  SECTION("SARA AA elsewhere is untouched") {
    CHECK(fix("ว่า ท่าน ก้าว").counts.empty());
  }
}

TEST_CASE("normalize drops a doubled combining mark", "[thai]") {
  const Fixed f = fix("ที\u0E48\u0E48 กิ\u0E34น");
  CHECK(f.text == "ที่ กิน");
  CHECK(f.counts == "duplicate_mark=2");
}

TEST_CASE("normalize maps PUA positional glyphs back", "[thai]") {
  SECTION("Windows and Mac ranges") {
    const Fixed f = fix("ป\uF701 ก\uF70A \uF70Fู \uF700าน ก\uF88B ป\uF885 \uF89E");
    CHECK(f.text == "ปิ ก่ ญู ฐาน ก่ ปิ ฐ");
    CHECK(f.counts == "pua_glyph=7");
  }
  SECTION("a mapped tone mark is put after the lower vowel") {
    CHECK(fix("ก\uF70A\u0E38").text == "ก\u0E38\u0E48");
    CHECK(fix("ก\uF718\uF70A").text == "ก\u0E38\u0E48");
  }
  SECTION("a shifted copy next to the standard mark is a duplicate") {
    const Fixed f = fix("น\uF70B\u0E49ำ");
    CHECK(f.text == "น้ำ");
    CHECK(f.counts == "duplicate_mark=1,pua_glyph=1");
  }
  SECTION("every table entry lands on a Thai character") {
    std::vector<char32_t> pua;
    for (char32_t c = 0xF700; c <= 0xF71A; ++c) pua.push_back(c);
    for (char32_t c = 0xF884; c <= 0xF89E; ++c) pua.push_back(c);
    for (char32_t c : pua) {
      std::string s = "ก";
      // UTF-8 of a BMP code point above U+0800.
      s += static_cast<char>(0xE0 | (c >> 12));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (c & 0x3F));
      const std::string out = normalize(s);
      INFO("U+" << std::hex << static_cast<unsigned>(c));
      REQUIRE(out.size() == 6);
      CHECK(static_cast<unsigned char>(out[3]) == 0xE0);
      CHECK((static_cast<unsigned char>(out[4]) == 0xB8 || static_cast<unsigned char>(out[4]) == 0xB9));
    }
    CHECK(normalize("\uF6FF\uF71B\uF883\uF89F") == "\uF6FF\uF71B\uF883\uF89F");
    CHECK(normalize("\uF0FE \uF0A8") == "\uF0FE \uF0A8");  // check boxes are not ours
  }
}

TEST_CASE("normalize makes two SARA E into SARA AE", "[thai]") {
  const Fixed f = fix("\u0E40\u0E40ละ");
  CHECK(f.text == "และ");
  CHECK(f.counts == "sara_e_doubled=1");
}

TEST_CASE("normalize puts an upper vowel before the tone mark", "[thai]") {
  const Fixed f = fix("ท\u0E48\u0E35 ท\u0E49\u0E31ง สิทธ\u0E4C\u0E34");
  CHECK(f.text == "ที่ ทั้ง สิทธิ์");
  CHECK(f.counts == "mark_order=3");
  // MAITAIKHU never carries a tone mark: left as typed.
  CHECK(fix("ก\u0E48\u0E47").counts.empty());
}

TEST_CASE("normalize removes the space extraction put before a mark", "[thai]") {
  const Fixed f = fix("ต ัวชวี้ ัด");
  CHECK(f.text == "ตัวชวี้ัด");
  CHECK(f.counts == "space_before_mark=2");
  CHECK(fix("ประชาสัมพ   ันธ์").text == "ประชาสัมพันธ์");
  // Here the space follows the (displaced) mark and precedes a consonant:
  // a dictionary problem, not a character one.
  CHECK(fix("ขอ้ มูล").text == "ขอ้ มูล");
  // Only after Thai; tabs are cell borders.
  CHECK(fix("x \u0E31").text == "x \u0E31");
  CHECK(fix("ต\t\u0E31ว").text == "ต\t\u0E31ว");
}

TEST_CASE("normalize is idempotent on damaged text", "[thai]") {
  const std::string damaged =
      "ต ัวชวี้ ัด \u0E40\u0E40ละ ด\u0E4D\u0E32\u0E32เนิน ท\u0E48\u0E35 ก\uF70A\u0E38 ป\u200Bระ";
  const std::string once = normalize(damaged);
  CHECK(normalize(once) == once);
}

TEST_CASE("normalize keeps every line of the clean seed report byte-identical", "[thai]") {
  const auto lines = seed_lines();
  REQUIRE(lines.size() > 100);
  // The seed was typed by a person and has no character-level damage, so
  // there are no exceptions to list.
  int changed = 0;
  for (const auto& line : lines) {
    RepairCounts c;
    const std::string out = normalize(line, &c);
    if (out != line || c.total() != 0) {
      ++changed;
      UNSCOPED_INFO("changed: " << line << " [" << tally(c) << "]");
    }
  }
  CHECK(changed == 0);
  // And as one text, tabs and line breaks included.
  std::string all;
  for (const auto& line : lines) all += line + "\n";
  RepairCounts c;
  CHECK(normalize(all, &c) == all);
  CHECK(c.total() == 0);
}

TEST_CASE("collapse_spaces and one_line", "[thai]") {
  const std::string in = "  ก \t ข  \r\n \n\u00A0ค\u3000\u2003ง \n";
  CHECK(itax::thai::collapse_spaces(in) == "ก ข\nค ง");
  CHECK(itax::thai::one_line(in) == "ก ข ค ง");
  CHECK(itax::thai::collapse_spaces("") == "");
  CHECK(itax::thai::collapse_spaces(" \n\t ") == "");
  CHECK(itax::thai::collapse_spaces("a\rb") == "a\nb");
  // Zero-width space is not a space: normalize() drops it.
  CHECK(itax::thai::one_line("a\u200Bb") == "a\u200Bb");
}

TEST_CASE("fold_digits", "[thai]") {
  CHECK(itax::thai::fold_digits("พ.ศ. ๒๕๖๖ ข้อ 0๓1") == "พ.ศ. 2566 ข้อ 031");
  CHECK(itax::thai::fold_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789");
  CHECK(itax::thai::fold_digits("ไม่มีตัวเลข") == "ไม่มีตัวเลข");
}

TEST_CASE("parse_number", "[thai]") {
  const auto num = [](std::string_view s) {
    double v = -1;
    REQUIRE(itax::thai::parse_number(s, &v));
    return v;
  };
  CHECK(num("91.39") == Approx(91.39));
  CHECK(num("๙๑.๓๙") == Approx(91.39));
  CHECK(num("256๒") == 2562);
  CHECK(num("1,234.5") == Approx(1234.5));
  CHECK(num("12,345,678") == 12345678);
  CHECK(num(" 85 ") == 85);
  CHECK(num("-3.5") == Approx(-3.5));
  CHECK(num("0") == 0);
  for (const std::string_view bad : {"", " ", "abc", "9.1.2", "1,23", "1234,567", "1.", ".5",
                                     ",1", "1,", "12a", "--1", "๙๑.", "91.39%", "1 000"}) {
    double v = -1;
    INFO(bad);
    CHECK_FALSE(itax::thai::parse_number(bad, &v));
    CHECK(v == -1);
  }
}

namespace {

// What collapse_spaces / one_line mean, said plainly: split the text into
// code points (malformed bytes alone), drop leading and trailing white
// space, and replace each inner run of white space by a line separator if it
// holds a break, else by one space. The reference for the version that
// copies runs of bytes whole.
std::string collapse_reference(std::string_view text, char line_sep) {
  using namespace itax::thai::chars;
  enum Kind { Content, Space, Break };
  std::vector<std::pair<Kind, std::string_view>> cps;
  for (size_t i = 0; i < text.size();) {
    const size_t from = i;
    const char32_t c = next_cp(text, &i);
    const Kind k = (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) ? Break : is_hspace(c) ? Space : Content;
    cps.emplace_back(k, text.substr(from, i - from));
  }
  std::string out;
  for (size_t k = 0; k < cps.size();) {
    if (cps[k].first == Content) {
      out += cps[k++].second;
      continue;
    }
    size_t end = k;
    bool has_break = false;
    for (; end < cps.size() && cps[end].first != Content; ++end) has_break = has_break || cps[end].first == Break;
    if (!out.empty() && end < cps.size()) out += has_break ? line_sep : ' ';
    k = end;
  }
  return out;
}

}  // namespace

TEST_CASE("Space collapsing copies runs whole and agrees with a code point at a time", "[thai]") {
  // Pieces: Thai, ASCII, every space and break it knows, look-alikes with the
  // same lead bytes (©, —, あ), and broken UTF-8 (stray continuation, cut
  // sequences, a lead byte before a space).
  const std::vector<std::string> pieces = {
      "สำนักงาน", "abc", " ", "\t", "\n", "\r", "\v", "\f", "\xC2\xA0", "\xE2\x80\x80", "\xE2\x80\x8A",
      "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80", "\xC2\xA9",
      "\xE2\x80\x94", "\xE3\x81\x82", "\x80", "\xE2\x80", "\xC2", "\xE0 ", "๑๒", "\xF0\x9F\x98\x80"};
  uint32_t seed = 12345;
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const int len = static_cast<int>(seed % 12);
    for (int k = 0; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 8) % pieces.size()];
    }
    seed = seed * 1103515245u + 12345u;
    CHECK(itax::thai::collapse_spaces(text) == collapse_reference(text, '\n'));
    CHECK(itax::thai::one_line(text) == collapse_reference(text, ' '));
  }
}

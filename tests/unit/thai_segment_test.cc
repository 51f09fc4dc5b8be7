#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "thai/segment.h"

using itax::thai::join_wrapped;
using itax::thai::Lexicon;
using itax::thai::RepairCounts;
using itax::thai::Segmenter;

namespace {

std::vector<std::string> seed_lines() {
  std::ifstream in(ITAX_SHARED "/seed/000_825f8da4abddf54c.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// One Segmenter for the whole file: it is meant to be created once.
const Segmenter& seg() {
  static const Segmenter s;
  return s;
}

std::string join(const std::string& text, const Lexicon& lex = Lexicon(), int* joins = nullptr) {
  RepairCounts c;
  std::string out = join_wrapped(text, seg(), lex, &c);
  if (joins != nullptr) *joins = c.by_kind.count("wrap_join") ? c.by_kind.at("wrap_join") : 0;
  return out;
}

}  // namespace

TEST_CASE("Segmenter splits Thai into dictionary words", "[thai]") {
  using V = std::vector<std::string>;
  CHECK(seg().words("สำนักปลัดกองคลัง") == V{"สำนัก", "ปลัด", "กอง", "คลัง"});
  // Spaces and punctuation are left out; numbers and Latin stay.
  CHECK(seg().words("ขอยืม - คืน ปี 2566, Facebook") ==
        V{"ขอยืม", "คืน", "ปี", "2566", "Facebook"});
  CHECK(seg().words("").empty());
  // Reusable: a second call on other text is independent of the first.
  CHECK(seg().words("กองคลัง") == V{"กอง", "คลัง"});
}

TEST_CASE("Segmenter boundaries are UTF-8 byte offsets", "[thai]") {
  // Each Thai code point is 3 bytes: กอง = 9, คลัง = 12.
  CHECK(seg().boundaries("กอง คลัง") == std::vector<size_t>{0, 9, 10, 22});
  CHECK(seg().boundaries("ab ก") == std::vector<size_t>{0, 2, 3, 6});
  CHECK(seg().boundaries("") == std::vector<size_t>{0});
}

TEST_CASE("Segmenter reads ICU's Thai dictionary", "[thai]") {
  CHECK(seg().is_dictionary_word("ประมาณ"));
  CHECK(seg().is_dictionary_word("ประชาสัมพันธ์"));
  // Fragments left by wrapping are not words; ICU still gives them rule
  // status 200 like real words, hence the dictionary look-up.
  CHECK_FALSE(seg().is_dictionary_word("สัมพั"));
  CHECK_FALSE(seg().is_dictionary_word("นธ์"));
  CHECK_FALSE(seg().is_dictionary_word(""));
  CHECK_FALSE(seg().is_dictionary_word("abc"));
}

TEST_CASE("Segmenter::joins_across needs a dictionary word regrouping a fragment", "[thai]") {
  CHECK(seg().joins_across("งบประมา", "ณ"));
  CHECK(seg().joins_across("ประชาสัมพั", "นธ์"));
  CHECK_FALSE(seg().joins_across("ประจำปี", "งบประมาณ"));  // a compound of real words
  CHECK_FALSE(seg().joins_across("ปี", "พ.ศ."));           // ICU: no boundary, "ปีพ.ศ"
  CHECK_FALSE(seg().joins_across("ประชาชน", "ณ"));         // ICU: no boundary, "ชนณ"
  CHECK_FALSE(seg().joins_across("๐๘๐๘.๓/ว", "กรม"));      // "วก" would cut "กรม"
  CHECK_FALSE(seg().joins_across("", "ณ"));
}

TEST_CASE("Lexicon stores terms without spaces and finds terms across a join", "[thai]") {
  Lexicon lex;
  CHECK(lex.empty());
  CHECK_FALSE(lex.spans("กองยุทธศาสตร์และ", "งบประมาณ"));
  lex.add("กองยุทธศาสตร์และ งบประมาณ");
  lex.add("กองคลัง");
  lex.add("ก");  // a one-character term can never cross a join
  CHECK(lex.contains("กองยุทธศาสตร์และงบประมาณ"));
  CHECK(lex.contains("กอง คลัง"));
  CHECK_FALSE(lex.contains("กอง"));

  CHECK(lex.spans("สำนักปลัด, กองยุทธศาสตร์และ", "งบประมาณ, กองคลัง"));
  CHECK(lex.spans("สำนักปลัด,กอง", "ยุทธศาสตร์และ งบประมาณ"));  // spaces ignored
  CHECK(lex.spans("กองยุทธ ศาสตร์และ\n", "\nงบประมาณ"));
  CHECK(lex.spans("ดูที่กอง", "คลัง"));
  // The term must start in left and end in right.
  CHECK_FALSE(lex.spans("กองคลัง", "และ"));
  CHECK_FALSE(lex.spans("", "กองคลัง"));
  CHECK_FALSE(lex.spans("กองยุทธศาสตร์และ", "งบประมา"));
  CHECK_FALSE(lex.spans("ยุทธศาสตร์และ", "งบประมาณ"));
  // A tab is a cell border: no term runs across it.
  CHECK_FALSE(lex.spans("กอง\t", "คลัง"));
}

TEST_CASE("join_wrapped joins words broken by wrapping", "[thai]") {
  int n = 0;
  CHECK(join("ประชาสัมพั นธ์", Lexicon(), &n) == "ประชาสัมพันธ์");
  CHECK(n == 1);
  CHECK(join("เจ้าหน้าที่ประชาสัมพั\nนธ์ เพื่อ") == "เจ้าหน้าที่ประชาสัมพันธ์ เพื่อ");
  CHECK(join("ประชาสัมพ ันธ์") == "ประชาสัมพันธ์");    // right starts with a mark
  CHECK(join("ประช าสัมพันธ์") == "ประชาสัมพันธ์");    // right starts with SARA AA
  CHECK(join("เ ทศบาล") == "เทศบาล");                // left ends in a lead vowel
  CHECK(join("ทั้ งหมด") == "ทั้งหมด");               // MAI HAN-AKAT under a tone
  // The segmenter alone: ICU reads ประมาณ across the join, and ณ alone is
  // no dictionary word.
  CHECK(join("งบประมา ณ") == "งบประมาณ");
  CHECK(join("ใช้จ่ายงบประมา ณ ประจำปี") == "ใช้จ่ายงบประมาณ ประจำปี");
  // Breaks seen in text extracted from real Word-made PDFs.
  CHECK(join("ให้เปิดเผยข้อมู ล") == "ให้เปิดเผยข้อมูล");
  CHECK(join("ผู้รับผิดชอบ ซึ่ ง") == "ผู้รับผิดชอบ ซึ่ง");
  CHECK(join("แล ะการแลกเปลี่ยน") == "และการแลกเปลี่ยน");
  CHECK(join("ผ่ านเว็บไซต์") == "ผ่านเว็บไซต์");

  Lexicon lex;
  lex.add("กองยุทธศาสตร์และงบประมาณ");
  CHECK(join("กองยุทธศาสตร์และ งบประมาณ", lex, &n) == "กองยุทธศาสตร์และงบประมาณ");
  CHECK(n == 1);
  CHECK(join("สำนักปลัด,กอง ยุทธศาสตร์และ งบประมาณ, กองช่าง", lex, &n) ==
        "สำนักปลัด,กองยุทธศาสตร์และงบประมาณ, กองช่าง");
  CHECK(n == 2);
  // Without the lexicon the two real words stay apart.
  CHECK(join("กองยุทธศาสตร์และ งบประมาณ") == "กองยุทธศาสตร์และ งบประมาณ");
}

TEST_CASE("join_wrapped keeps spaces between real words", "[thai]") {
  Lexicon lex;
  lex.add("กองยุทธศาสตร์และงบประมาณ");
  lex.add("สำนักปลัด");
  lex.add("กองคลัง");
  for (const std::string s :
       {"สำนักปลัด กองคลัง", "ขอยืม - คืน", "Facebook Twitter", "2566 และ",
        "ผู้มาติดต่อ หรือ ผู้มีส่วนได้ส่วนเสีย", "ประจำปี งบประมาณ", "ปี พ.ศ. 2566",
        "ถึง ก.ย. 66", "ประชาชน ณ จุดบริการ", "ดำเนินการตาม พระราชบัญญัติ", "ต่าง ๆ",
        "ประชาสัมพั\tนธ์", "ประชาสัมพั\n\nนธ์", "ก ข", "",
        // From a clean DOCX letter: ICU reads "วก" and "ตก" across these.
        "ที่ มท ๐๘๐๘.๓/ว กรมส่งเสริมการปกครองท้องถิ่น", "เขตดุสิต กทม. 10300"}) {
    int n = -1;
    INFO(s);
    CHECK(join(s, lex, &n) == s);
    CHECK(n == 0);
  }
}

TEST_CASE("join_wrapped changes few lines of the clean seed report", "[thai]") {
  const auto lines = seed_lines();
  REQUIRE(lines.size() > 100);
  int changed = 0, joins = 0;
  std::string report;
  for (const auto& line : lines) {
    int n = 0;
    const std::string out = join(line, Lexicon(), &n);
    if (out == line) continue;
    ++changed;
    joins += n;
    report += "\n- " + line + "\n+ " + out;
  }
  INFO("changed lines:" << report);
  // The seed was typed by a person; its few wrap-broken words are phrases of
  // real words ("กองยุทธศาสตร์และ งบประมาณ") that only a lexicon can join.
  CHECK(changed <= 2);
  CHECK(joins <= 2);
}

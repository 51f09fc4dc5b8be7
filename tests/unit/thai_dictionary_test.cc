#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "thai/dictionary.h"
#include "thai/fidelity.h"
#include "thai/segment.h"
#include "thai/word_trie.h"

using itax::thai::Dictionary;
using itax::thai::measure_fidelity;
using itax::thai::Segmenter;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Segmenter& seg() {
  static const Segmenter s;
  return s;
}

}  // namespace

TEST_CASE("libthai's dictionary knows Thai words", "[thai]") {
  const Dictionary& d = Dictionary::libthai();
  REQUIRE(d.loaded());
  CHECK_FALSE(d.has_icu());
  for (const char* w : {"สำนักงาน", "อำเภอ", "ประจำ", "สาธารณสุข", "รายได้", "บาท", "จำนวน", "กำหนด"})
    CHECK(d.contains(std::string(w)));
  // The damage the repairs undo reads as no word.
  for (const char* w : {"สานักงาน", "อาเภอ", "ประจา", "สาธารณสข", "บำท", "จานวน", "กาหนด"})
    CHECK_FALSE(d.contains(std::string(w)));
  // Whole words only: no prefixes, no empty word, no spaces.
  CHECK_FALSE(d.contains(std::string("สำนัก งาน")));
  CHECK_FALSE(d.contains(std::string("")));
  CHECK_FALSE(d.contains(std::string("office")));
}

TEST_CASE("ICU's dictionary adds compounds libthai lacks", "[thai]") {
  const Dictionary& d = Dictionary::libthai_and_icu();
  REQUIRE(d.loaded());
  REQUIRE(d.has_icu());
  for (const char* w : {"คำขอ", "ปีงบประมาณ", "เว็บไซต์"}) {
    CHECK(d.contains(std::string(w)));
    CHECK_FALSE(Dictionary::libthai().contains(std::string(w)));
  }
  CHECK(d.contains(std::string("สำนักงาน")));
  CHECK_FALSE(d.contains(std::string("สานักงาน")));
}

TEST_CASE("Dictionary takes added words; copies keep their own", "[thai]") {
  Dictionary d = Dictionary::libthai();
  CHECK_FALSE(d.contains(std::string("กองยุทธศาสตร์และงบประมาณ")));
  d.add("กองยุทธศาสตร์และ งบประมาณ");  // stored without spaces
  d.add("Facebook");                   // not Thai: ignored
  CHECK(d.contains(std::string("กองยุทธศาสตร์และงบประมาณ")));
  CHECK_FALSE(d.contains(std::string("Facebook")));
  CHECK(d.contains(std::string("บาท")));  // the file is still there
  // The shared instance is untouched; a copy has the added word.
  CHECK_FALSE(Dictionary::libthai().contains(std::string("กองยุทธศาสตร์และงบประมาณ")));
  Dictionary copy = d;
  CHECK(copy.contains(std::string("กองยุทธศาสตร์และงบประมาณ")));
}

TEST_CASE("The built-in word lists are complete; an empty dictionary has no words", "[thai]") {
  // tools/make_word_trie compiled both lists at build time: libthai-data's
  // thbrk.tri and ICU 72's thaidict (a few thousand words are in both).
  const itax::thai::WordTrie& t = itax::thai::WordTrie::embedded();
  REQUIRE_FALSE(t.empty());
  CHECK(t.libthai_words() > 20000);
  CHECK(t.icu_words() > 20000);
  Dictionary d;
  CHECK_FALSE(d.loaded());
  CHECK_FALSE(d.contains(std::string("บาท")));
  d.add("บาท");
  CHECK(d.contains(std::string("บาท")));
  Dictionary empty;
  CHECK_FALSE(empty.start().alive());
}

TEST_CASE("Dictionary cursors walk every word from a place at once", "[thai]") {
  Dictionary d = Dictionary::libthai();
  d.add("สำนักงานปลัด");
  const std::u32string text = U"สำนักงานปลัดกระทรวง";
  std::vector<size_t> ends;  // lengths of the words text starts with
  Dictionary::Cursor c = d.start();
  for (size_t i = 0; i < text.size() && c.next(text[i]); ++i)
    if (c.is_word()) ends.push_back(i + 1);
  // สำ, สำนัก, สำนักงาน (libthai) and the added สำนักงานปลัด.
  CHECK(ends == std::vector<size_t>{2, 5, 8, 12});
  // A copy walks on independently.
  Dictionary::Cursor a = d.start();
  REQUIRE(a.next(U'บ'));
  Dictionary::Cursor b = a;
  CHECK(a.next(U'า'));
  CHECK(a.next(U'ท'));
  CHECK(a.is_word());
  CHECK(b.next(U'ำ'));  // บำ... walks (บำเพ็ญ)
  CHECK_FALSE(b.next(U'ท'));  // but บำท is no word's start
  CHECK_FALSE(b.alive());
}

TEST_CASE("Fidelity: the share of Thai letters in dictionary words", "[thai]") {
  const Dictionary& d = Dictionary::libthai();
  // Clean prose: the seed report scores about 0.95.
  const std::string seed = read_file(ITAX_SHARED "/seed/000_825f8da4abddf54c.txt");
  REQUIRE(!seed.empty());
  const auto clean = measure_fidelity(seed, seg(), d);
  CHECK(clean.share() > 0.94);
  CHECK(clean.thai_letters > 20000);
  // The same words damaged as in the real PDFs score lower.
  const auto good = measure_fidelity("สำนักงานสาธารณสุขอำเภอหนองใหญ่ รายได้ บาท", seg(), d);
  const auto bad = measure_fidelity("สานักงานสาธารณสขอาเภอหนองใหญ่ รำยได้ บำท", seg(), d);
  CHECK(good.thai_letters == bad.thai_letters + 1);  // the lost SARA U
  CHECK(bad.share() < good.share());
  // Digits, Latin and punctuation are no Thai letters; ๆ is not counted.
  const auto f = measure_fidelity("2566 ITA อื่นๆ", seg(), d);
  CHECK(f.thai_letters == 4);
  CHECK(f.in_words == 4);
  CHECK(measure_fidelity("", seg(), d).share() == 1.0);
}

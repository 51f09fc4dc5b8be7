#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "readers/reader.h"
#include "thai/damage_repair.h"
#include "thai/dictionary.h"
#include "thai/document_repair.h"
#include "thai/segment.h"

using itax::thai::DamageRepair;
using itax::thai::Dictionary;
using itax::thai::FontRuns;
using itax::thai::RepairCounts;
using itax::thai::repair_damage;
using itax::thai::RepairWords;
using itax::thai::unify_digits;

namespace {

const RepairWords& words() { return RepairWords::standard(); }

const itax::thai::Segmenter& seg() {
  static const itax::thai::Segmenter s;
  return s;
}

std::vector<std::string> seed_lines() {
  std::ifstream in(ITAX_SHARED "/seed/000_825f8da4abddf54c.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int count(const RepairCounts& c, const std::string& kind) {
  auto it = c.by_kind.find(kind);
  return it == c.by_kind.end() ? 0 : it->second;
}

std::string fix(const std::string& text, RepairCounts* c = nullptr) { return repair_damage(text, words(), c); }

size_t count_paragraphs(const std::vector<itax::Block>& blocks) {
  size_t n = 0;
  itax::for_each_paragraph(blocks, [&](const itax::Paragraph&) { ++n; });
  return n;
}

// Code points of `s` other than whitespace: FontRuns ordinals.
size_t visible(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80 && ch != ' ' && ch != '\n' && ch != '\t') ++n;
  return n;
}

}  // namespace

TEST_CASE("Lost SARA AM is restored where the dictionary reads the word", "[thai]") {
  RepairCounts c;
  // nysso_upload_ITA_EB1_1.1.pdf, as pdftotext reads it.
  CHECK(fix("ชื่อหน่วยงาน : สานักงานสาธารณสขอาเภอหนองใหญ่ จังหวัดชลบุรี", &c) ==
        "ชื่อหน่วยงาน : สำนักงานสาธารณสุขอำเภอหนองใหญ่ จังหวัดชลบุรี");
  CHECK(count(c, "sara_am_swap") == 2);
  CHECK(count(c, "sara_u_lost") == 1);
  CHECK(fix("หัวข้อ : รายงานผลการวิเคราะห์ การจัดซื้อจัดจ้างประจาปีงบประมาณ พ.ศ.2562") ==
        "หัวข้อ : รายงานผลการวิเคราะห์ การจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ.2562");
  // nysso_upload_ITA_EB1_1.3.pdf
  CHECK(fix("ได้ดาเนินการจัดซื้อจัดจ้างด้วยเงินงบประมาณ จานวน ๖ โครงการ") ==
        "ได้ดำเนินการจัดซื้อจัดจ้างด้วยเงินงบประมาณ จำนวน ๖ โครงการ");
  // In context a word that reads both ways is decided by its neighbours:
  // ทางาน is no ทา + งาน.
  CHECK(fix("เพื่อทางานทดแทน") == "เพื่อทำงานทดแทน");
}

TEST_CASE("SARA AM written for SARA AA is undone", "[thai]") {
  RepairCounts c;
  // sawang_dr02.pdf: every SARA AA of one font comes out as SARA AM.
  CHECK(fix("รำยได้รวมของครัวเรือน บำท/ปี รำยได้เฉลี่ยสมำชิกของครัวเรือน บำท/คน/ปี", &c) ==
        "รายได้รวมของครัวเรือน บาท/ปี รายได้เฉลี่ยสมาชิกของครัวเรือน บาท/คน/ปี");
  CHECK(count(c, "sara_aa_swap") == 5);
  CHECK(c.total() == 5);
  CHECK(fix("ข้ำพเจ้ำขอรับรองว่ำรำยชื่อที่ปรำกฏข้ำงต้น") == "ข้าพเจ้าขอรับรองว่ารายชื่อที่ปรากฏข้างต้น");
}

TEST_CASE("Clean words are never touched", "[thai]") {
  for (const char* w : {"ประจำปี", "บาท", "สำนักงาน", "อำเภอ", "ทำงาน", "นำเสนอ", "รายได้", "สาธารณสุข",
                        "ข้อมูล", "ผู้ดูแล", "กำหนด", "จำนวน", "ดำเนินการ", "ตำแหน่ง", "ประจำปีงบประมาณ"}) {
    RepairCounts c;
    CHECK(fix(w, &c) == w);
    CHECK(c.total() == 0);
  }
  // Words that read both ways stay as written when nothing says otherwise.
  for (const char* w : {"ทำ", "ทา", "นำ", "นา", "คำ", "คา", "จำ", "จา"}) CHECK(fix(w) == w);
  // Non-Thai text, digits and empty text pass as they are.
  CHECK(fix("ITA 2566, No Gift Policy") == "ITA 2566, No Gift Policy");
  CHECK(fix("") == "");
}

TEST_CASE("SARA U is inserted only where exactly one word results", "[thai]") {
  RepairCounts c;
  CHECK(fix("นายวิศิษฐ์ สขเจริญพร นักวิชาการสาธารณสขชำนาญการ", &c) ==
        "นายวิศิษฐ์ สุขเจริญพร นักวิชาการสาธารณสุขชำนาญการ");
  CHECK(count(c, "sara_u_lost") == 2);
  // Abbreviations are no words that lost a vowel: ชบ (Chonburi), อปท.
  CHECK(fix("ที่ ชบ ๐๘๓๒.๑/๕๐") == "ที่ ชบ ๐๘๓๒.๑/๕๐");
  CHECK(fix("ตามประกาศ (ชื่อ อปท.)") == "ตามประกาศ (ชื่อ อปท.)");
  CHECK(fix("กทม. 10300") == "กทม. 10300");
}

TEST_CASE("Marks the text layer put one letter late are moved back", "[thai]") {
  RepairCounts c;
  // nysso_upload_ITA_EB2_2.4.pdf and sawang_dr02.pdf through itax's reader.
  CHECK(fix("แบบฟอร์มการขอเผยแพร่ขอ้มูลผ่านเว็บไซต์", &c) == "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์");
  CHECK(count(c, "mark_displaced") == 1);
  CHECK(fix("๘.ผูบ้งัคับบัญชาต้องใช้ดุลยพินิจ") == "๘.ผู้บังคับบัญชาต้องใช้ดุลยพินิจ");
  CHECK(fix("ในหมู่บา้นหรือชุมชนทีต่งั้อยู่ในเขตพื้นที่") == "ในหมู่บ้านหรือชุมชนที่ตั้งอยู่ในเขตพื้นที่");
  CHECK(fix("เด็กแรกเกิดอาศัยอยูกั่บผู้ปกครอง") == "เด็กแรกเกิดอาศัยอยู่กับผู้ปกครอง");
  CHECK(fix("การเสริมสร้างมาตรฐานการปฏิบตังิานของ") == "การเสริมสร้างมาตรฐานการปฏิบัติงานของ");
  CHECK(fix("ตรวจสอบความเป็นปัจจุบนัของข้อมูล") == "ตรวจสอบความเป็นปัจจุบันของข้อมูล");
}

TEST_CASE("Zero repairs over every line of the clean seed report", "[thai]") {
  const std::vector<std::string> lines = seed_lines();
  REQUIRE(lines.size() > 40);
  DamageRepair dr(words());
  for (const std::string& l : lines) dr.observe(l);
  RepairCounts c;
  size_t changed = 0;
  for (const std::string& l : lines)
    if (dr.repair(l, {}, &c) != l) ++changed;
  CHECK(changed == 0);
  CHECK(c.total() == 0);
  // The evidence says the text draws both vowels: no swaps at all.
  CHECK(dr.trust_am("") == DamageRepair::Trust::Off);
  CHECK(dr.trust_aa("") == DamageRepair::Trust::Off);
  CHECK_FALSE(dr.trust_u(""));
  CHECK_FALSE(dr.trust_marks(""));
  // Line by line, without the evidence of the others, nothing changes either.
  for (const std::string& l : lines) CHECK(fix(l) == l);
}

TEST_CASE("Words cut by stray spaces are left alone", "[thai]") {
  // A space before every 23rd consonant of the seed: over a thousand cut
  // words (ตร|การ, หน่|วยงาน, อ|มูล) that a missed wrap join would leave.
  // Cut words read as fragments, and fragments can read as words with a ุ
  // or a moved mark (ตรุ, หุ่น, อูม); the per-font evidence (few such
  // readings against hundreds of words with ุ and marks) turns them off.
  std::vector<std::string> cut;
  int consonants = 0;
  for (const std::string& l : seed_lines()) {
    std::string out;
    auto byte = [&](size_t k) { return static_cast<unsigned char>(l[k]); };
    for (size_t i = 0; i < l.size(); ++i) {
      // A Thai consonant (U+0E01..0E2E: E0 B8 81..AE) after a Thai letter.
      const bool consonant = i + 2 < l.size() && byte(i) == 0xE0 && byte(i + 1) == 0xB8 && byte(i + 2) >= 0x81 &&
                             byte(i + 2) <= 0xAE;
      if (consonant && ++consonants % 23 == 0 && i > 0 && byte(i - 1) >= 0x80) out += ' ';
      out += l[i];
    }
    cut.push_back(out);
  }
  DamageRepair dr(words());
  for (const std::string& l : cut) dr.observe(l);
  CHECK_FALSE(dr.trust_u(""));
  CHECK_FALSE(dr.trust_marks(""));
  RepairCounts c;
  for (const std::string& l : cut) CHECK(dr.repair(l, {}, &c) == l);
  CHECK(c.total() == 0);
}

TEST_CASE("A font that draws every SARA AA as SARA AM is repaired as a whole", "[thai]") {
  // One text, two fonts: the regular font lost SARA AA (sawang_dr02.pdf),
  // the bold one draws both vowels (seed text). Both end in นำ, which reads
  // as a word either way.
  const std::string swapped =
      "ข้ำพเจ้ำขอรับรองว่ำรำยชื่อที่ปรำกฏข้ำงต้น เป็นสมำชิกในครัวเรือนที่อำศัยอยู่ติดต่อกันมำไม่น้อยกว่ำ 180 วัน "
      "ในรอบ 1 ปีที่ผ่ำนมำ และสถำนะของครัวเรือนของข้ำพเจ้ำเมื่อคำนวณแล้วมีรำยได้เฉลี่ยไม่เกิน 100,000 บำท นำ";
  std::string clean;
  for (const std::string& l : seed_lines())
    if (l.size() > 1000 && l.find('\t') == std::string::npos) {
      clean = l + " นำ";
      break;
    }
  REQUIRE(clean.size() > 1000);
  const std::string text = swapped + "\n" + clean;
  const FontRuns fonts = {{0, "TH SarabunPSK"}, {visible(swapped), "TH SarabunPSK,Bold"}};
  DamageRepair dr(words());
  dr.observe(text, fonts);
  CHECK(dr.trust_aa("TH SarabunPSK") == DamageRepair::Trust::WholeFont);
  CHECK(dr.trust_aa("TH SarabunPSK,Bold") == DamageRepair::Trust::Off);
  CHECK(dr.trust_am("TH SarabunPSK,Bold") == DamageRepair::Trust::Off);
  RepairCounts c;
  const std::string out = dr.repair(text, fonts, &c);
  const size_t nl = out.find('\n');
  REQUIRE(nl != std::string::npos);
  // The swapped font: every word read with า, even the ambiguous นำ -> นา;
  // คำนวณ, a word only with ำ, stays.
  CHECK(out.substr(0, nl) ==
        "ข้าพเจ้าขอรับรองว่ารายชื่อที่ปรากฏข้างต้น เป็นสมาชิกในครัวเรือนที่อาศัยอยู่ติดต่อกันมาไม่น้อยกว่า 180 วัน "
        "ในรอบ 1 ปีที่ผ่านมา และสถานะของครัวเรือนของข้าพเจ้าเมื่อคำนวณแล้วมีรายได้เฉลี่ยไม่เกิน 100,000 บาท นา");
  // The clean font: untouched, นำ included.
  CHECK(out.substr(nl + 1) == clean);
  CHECK(count(c, "sara_aa_swap") == 18);
  CHECK(c.total() == 18);
  // The evidence is summed up for logs.
  CHECK(dr.describe().find("TH SarabunPSK: า→ำ") != std::string::npos);
}

TEST_CASE("Numbers mixing ASCII and Thai digits are made one script", "[thai]") {
  RepairCounts c;
  CHECK(unify_digits("วันที่ ๑๓ พฤศจิกายน 256๒", &c) == "วันที่ ๑๓ พฤศจิกายน 2562");
  CHECK(count(c, "mixed_digits") == 1);
  CHECK(unify_digits("๒๕6๒") == "๒๕๖๒");           // most digits Thai
  CHECK(unify_digits("25๖๒") == "2562");           // a tie: ASCII
  CHECK(unify_digits("1,2๓4.5 บาท") == "1,234.5 บาท");  // separators inside a number
  CHECK(unify_digits("พ.ศ.256๑ และ 25๖๓") == "พ.ศ.2561 และ 2563");
  // Numbers in one script, and neighbouring numbers in different scripts,
  // are left alone.
  RepairCounts none;
  CHECK(unify_digits("๑๓ พฤศจิกายน 2562, ๘๗๓ ,๗๖๐ บาท 1. ๒.", &none) == "๑๓ พฤศจิกายน 2562, ๘๗๓ ,๗๖๐ บาท 1. ๒.");
  CHECK(none.total() == 0);
  CHECK(unify_digits("No digits") == "No digits");
}

TEST_CASE("repair_document: PDF pieces in fonts, DOCX digits as typed", "[thai]") {
  using namespace itax;
  Document pdf;
  pdf.format = Format::Pdf;
  Paragraph p;
  // The reader splits text wherever the font changes, even inside a word.
  auto piece = [](const std::string& t, const std::string& font) {
    Inline in;
    in.text = t;
    in.font = font;
    return in;
  };
  p.content = {piece("ชื่อหน่วยงาน : ส", "TH SarabunIT๙,Bold"), piece("านักงานสาธารณสขอาเภอ", "TH SarabunIT๙,Bold"),
               piece(" วันที่ ๑๓ พฤศจิกายน 256๒", "TH SarabunIT๙")};
  pdf.body.push_back(Block{p});
  thai::RepairCounts c;
  thai::repair_document(pdf, seg(), thai::Lexicon(), c);
  REQUIRE(pdf.body[0].paragraph()->content.size() == 1);
  CHECK(pdf.body[0].paragraph()->text() == "ชื่อหน่วยงาน : สำนักงานสาธารณสุขอำเภอ วันที่ ๑๓ พฤศจิกายน 2562");
  CHECK(count(c, "sara_am_swap") == 2);
  CHECK(count(c, "sara_u_lost") == 1);
  CHECK(count(c, "mixed_digits") == 1);

  // A DOCX holds what the author typed: ๒๕๖7 stays (sawang_letter.docx),
  // and so do the PDF repairs.
  Document docx;
  Paragraph q;
  q.content = {piece("มิถุนายน  ๒๕๖7 สานักงาน", "")};
  docx.body.push_back(Block{q});
  thai::RepairCounts d;
  thai::repair_document(docx, seg(), thai::Lexicon(), d);
  CHECK(docx.body[0].paragraph()->text() == "มิถุนายน  ๒๕๖7 สานักงาน");
  CHECK(d.total() == 0);
}

TEST_CASE("The real DOCX letter passes the Thai stage unchanged", "[thai]") {
  using namespace itax;
  ReaderOptions opts;
  auto raw = read_document(ITAX_SHARED "/corpora/thai-real/sawang_letter.docx", opts);
  REQUIRE(raw);
  Document doc = raw.value();
  thai::RepairCounts c;
  thai::repair_document(doc, seg(), thai::Lexicon(), c);
  CHECK(c.total() == 0);
  std::vector<std::string> before, after;
  for_each_paragraph(raw->body, [&](const Paragraph& p) { before.push_back(p.text()); });
  for_each_paragraph(doc.body, [&](const Paragraph& p) { after.push_back(p.text()); });
  CHECK(before == after);
  // Its text read as if from a PDF: the dictionary repairs change nothing
  // either (only its ๒๕๖7, typed so, would be made one script).
  DamageRepair dr(words());
  for (const std::string& t : before) dr.observe(t);
  RepairCounts d;
  for (const std::string& t : before) CHECK(dr.repair(t, {}, &d) == t);
  CHECK(d.total() == 0);
}

TEST_CASE("repair_document on several threads repairs as on one", "[thai]") {
  using namespace itax;
  // Real PDFs with damaged text layers (SARA AM, displaced marks) and a
  // clean one; each has well over the 128 texts that start a second thread.
  for (const char* path : {ITAX_SHARED "/corpora/thai-real/nysso_upload_ITA_EB1_1.1.pdf",
                           ITAX_SHARED "/corpora/thai-real/nysso_upload_ITA_EB2_2.4.pdf",
                           ITAX_SOURCE_DIR "/samples/ko_2566_content_controls.pdf"}) {
    ReaderOptions opts;
    auto raw = read_document(path, opts);
    REQUIRE(raw);
    // A short file's pages repeated, so that its damage is dealt to threads.
    const std::vector<Block> once = raw->body;
    while (count_paragraphs(raw->body) < 200) raw->body.insert(raw->body.end(), once.begin(), once.end());
    std::vector<std::string> texts[2];
    RepairCounts counts[2];
    for (int k = 0; k < 2; ++k) {
      Document doc = raw.value();
      thai::repair_document(doc, seg(), thai::Lexicon(), thai::repair_words(thai::Lexicon()), counts[k], k == 0 ? 1 : 3);
      for (const auto* blocks : {&doc.body, &doc.furniture})
        for_each_paragraph(*blocks, [&](const Paragraph& p) { texts[k].push_back(p.text()); });
    }
    CHECK(texts[0] == texts[1]);
    CHECK(counts[0].by_kind == counts[1].by_kind);
    if (std::string(path).find("nysso") != std::string::npos) CHECK(counts[0].total() > 0);  // damaged files
  }
}

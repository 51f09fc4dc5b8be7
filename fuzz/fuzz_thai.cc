// Thai repair and segmentation: the character repairs (normalize and the
// whitespace helpers), number parsing, ICU segmentation, the wrap-break join,
// and repair_document over a document built from the input (paragraphs of
// text pieces in several fonts, check boxes, tables; DOCX or PDF), which
// runs the dictionary-checked damage repair and the digit unification.
// The first byte picks whether text is made valid UTF-8 first (readers hand
// over valid UTF-8; raw bytes check that nothing breaks if one does not).
#include "fuzz_common.h"
#include "thai/document_repair.h"
#include "thai/normalize.h"

using namespace itax;

namespace {

const char* const kFonts[] = {"", "THSarabunPSK", "THSarabunPSK-Bold", "AngsanaNew", "Wingdings", "TH SarabunIT๙"};

Paragraph make_para(FuzzedDataProvider& fdp, bool valid) {
  Paragraph p;
  int n = fdp.ConsumeIntegralInRange<int>(0, 6);
  for (int i = 0; i < n && fdp.remaining_bytes() > 0; ++i) {
    Inline in;
    if (fdp.ConsumeIntegralInRange<int>(0, 7) == 0) {
      in.kind = Inline::Kind::Box;
      in.box.checked = fdp.ConsumeBool();
      in.box.encoding = "fuzz";
    } else {
      in.text = fuzz::fuzz_text(fdp, valid);
      in.font = kFonts[fdp.ConsumeIntegralInRange<int>(0, 5)];
    }
    p.content.push_back(std::move(in));
  }
  return p;
}

void make_blocks(FuzzedDataProvider& fdp, std::vector<Block>& out, int depth, bool valid) {
  int n = fdp.ConsumeIntegralInRange<int>(0, 8);
  for (int i = 0; i < n && fdp.remaining_bytes() > 0; ++i) {
    if (depth < 3 && fdp.ConsumeIntegralInRange<int>(0, 4) == 0) {
      Table t;
      int rows = fdp.ConsumeIntegralInRange<int>(0, 4);
      for (int r = 0; r < rows; ++r) {
        Row row;
        int cells = fdp.ConsumeIntegralInRange<int>(0, 4);
        for (int c = 0; c < cells; ++c) {
          Cell cell;
          cell.grid_col = c;
          make_blocks(fdp, cell.blocks, depth + 1, valid);
          row.cells.push_back(std::move(cell));
        }
        t.rows.push_back(std::move(row));
      }
      out.push_back(Block{std::move(t)});
    } else {
      out.push_back(Block{make_para(fdp, valid)});
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  fuzz::Stages& st = fuzz::stages();
  const bool valid = (data[0] & 1) == 0;
  std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string text = valid ? fuzz::make_valid_utf8(raw) : std::string(raw);

  thai::RepairCounts counts;
  std::string norm = thai::normalize(text, &counts);
  if (thai::normalize(norm) != norm && valid) {
    // normalize is meant to be idempotent on valid text; a difference is
    // worth a look but not a crash: only count it.
    static int reported = 0;
    if (reported++ < 3) std::fprintf(stderr, "fuzz_thai: normalize not idempotent\n");
  }
  (void)thai::collapse_spaces(text);
  (void)thai::one_line(norm);
  (void)thai::fold_digits(text);
  double num = 0;
  (void)thai::parse_number(text, &num);
  (void)thai::join_wrapped(norm, st.seg, st.lexicon, &counts);
  (void)st.seg.words(norm);
  std::vector<std::size_t> b = st.seg.boundaries(norm);
  for (std::size_t i = 1; i < b.size(); ++i)
    if (b[i] < b[i - 1] || b[i] > norm.size()) __builtin_trap();
  std::size_t half = norm.size() / 2;
  (void)st.seg.joins_across(std::string_view(norm).substr(0, half), std::string_view(norm).substr(half));
  (void)st.seg.is_dictionary_word(norm);
  (void)st.lexicon.spans(std::string_view(norm).substr(0, half), std::string_view(norm).substr(half));

  FuzzedDataProvider fdp(data + 1, size - 1);
  Document doc;
  doc.format = fdp.ConsumeBool() ? Format::Pdf : Format::Docx;
  make_blocks(fdp, doc.body, 0, valid);
  make_blocks(fdp, doc.furniture, 1, valid);
  thai::RepairCounts dc;
  thai::repair_document(doc, st.seg, st.lexicon, st.words, dc);
  return 0;
}

// The table-record builder (extract/table_records.h) and the rest of the
// extract and validate stages on a document built from the input: tables of
// rows and cells (grid columns and spans as the DOCX reader allows them,
// vertical merges, repeated header rows, nested tables) whose paragraphs hold
// report vocabulary (table headers, item codes, unit names, status phrases),
// raw text and check boxes, with paragraphs between the tables.
#include "extract/table_records.h"
#include "fuzz_common.h"
#include "validate/validator.h"

using namespace itax;

namespace {

Paragraph make_para(FuzzedDataProvider& fdp, const std::string& locator) {
  Paragraph p;
  p.where.locator = locator;
  int n = fdp.ConsumeIntegralInRange<int>(0, 5);
  for (int i = 0; i < n && fdp.remaining_bytes() > 0; ++i) {
    Inline in;
    if (fdp.ConsumeIntegralInRange<int>(0, 5) == 0) {
      in.kind = Inline::Kind::Box;
      in.box.checked = fdp.ConsumeBool();
      in.box.encoding = "fuzz";
      in.box.where.locator = locator;
    } else {
      in.text = fuzz::fuzz_text(fdp);
    }
    p.content.push_back(std::move(in));
  }
  return p;
}

int g_tables = 0;

Table make_table(FuzzedDataProvider& fdp, int depth);

void make_cell_blocks(FuzzedDataProvider& fdp, Cell& cell, int depth) {
  int n = fdp.ConsumeIntegralInRange<int>(0, 3);
  for (int i = 0; i < n && fdp.remaining_bytes() > 0; ++i) {
    if (depth < 3 && fdp.ConsumeIntegralInRange<int>(0, 15) == 0)
      cell.blocks.push_back(Block{make_table(fdp, depth + 1)});
    else
      cell.blocks.push_back(Block{make_para(fdp, cell.where.locator + " paragraph " + std::to_string(i + 1))});
  }
}

Table make_table(FuzzedDataProvider& fdp, int depth) {
  Table t;
  t.index = ++g_tables;
  t.where.locator = "table " + std::to_string(t.index);
  int rows = fdp.ConsumeIntegralInRange<int>(0, 14);
  for (int r = 0; r < rows && fdp.remaining_bytes() > 0; ++r) {
    Row row;
    row.where.locator = t.where.locator + " row " + std::to_string(r + 1);
    row.repeat_header = fdp.ConsumeIntegralInRange<int>(0, 7) == 0;
    int grid = fdp.ConsumeIntegralInRange<int>(0, 7) == 0 ? fdp.ConsumeIntegralInRange<int>(0, 4096) : 0;
    int cells = fdp.ConsumeIntegralInRange<int>(0, 9);
    for (int c = 0; c < cells && fdp.remaining_bytes() > 0; ++c) {
      Cell cell;
      cell.grid_col = grid;
      cell.grid_span = fdp.ConsumeIntegralInRange<int>(0, 7) == 0 ? fdp.ConsumeIntegralInRange<int>(1, 4096) : 1;
      grid += cell.grid_span;
      cell.vmerge_continue = fdp.ConsumeIntegralInRange<int>(0, 5) == 0;
      cell.where.locator = row.where.locator + " cell " + std::to_string(c + 1);
      make_cell_blocks(fdp, cell, depth);
      row.cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Rulebook& rules = *fuzz::rules();
  FuzzedDataProvider fdp(data, size);
  g_tables = 0;
  Document doc;
  doc.format = fdp.ConsumeBool() ? Format::Pdf : Format::Docx;
  int blocks = fdp.ConsumeIntegralInRange<int>(0, 12);
  for (int i = 0; i < blocks && fdp.remaining_bytes() > 0; ++i) {
    if (fdp.ConsumeBool())
      doc.body.push_back(Block{make_table(fdp, 0)});
    else
      doc.body.push_back(Block{make_para(fdp, "paragraph " + std::to_string(i + 1))});
  }
  TableScan scan = scan_tables(doc, rules);
  for (TableRecord& r : scan.records) {
    read_box_labels(r.boxes, rules);
    (void)decide_status(r.boxes);
  }
  Report report = fuzz::stages().extractor.extract(doc);
  validate_report(report, rules);
  return 0;
}

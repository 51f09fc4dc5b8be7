// The files a batch keeps beside its store, regenerated from the store at
// the end of every run (and by itax merge), so each lists every stored
// document exactly once, whatever runs, kills and reruns came before:
//   results.jsonl  one itax.report/1 record per line
//   summary.csv    one row per document (agency, place, year, score, item counts, flag codes)
//   flags.csv      one row per flag
// The CSV files are UTF-8 with a byte-order mark and CRLF line ends, so
// Excel shows Thai text correctly. Rows are ordered by path.
#pragma once
#include <string>
#include <vector>

#include "batch/store.h"

namespace itax::batch {

struct OutputFiles {
  std::string jsonl, summary_csv, flags_csv;
  std::vector<std::string> all() const { return {jsonl, summary_csv, flags_csv}; }
};

OutputFiles output_files(const std::string& dir);

// Writes the three files into `dir` (each via a temporary file and rename).
// Returns "" or what went wrong (disk full, ...); store errors throw StoreError.
std::string write_outputs(Store& store, const std::string& dir);

// One CSV field (RFC 4180 quoting). Text that a spreadsheet would run as a
// formula (=, +, -, @ first) gets a leading apostrophe.
std::string csv_field(const std::string& s);

}  // namespace itax::batch

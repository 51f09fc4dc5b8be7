// Everything known about one input after the pipeline ran: the file, the
// outcome (a report or an error), repair counts and timings.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "extract/report.h"
#include "pipeline/stage_stats.h"
#include "thai/repair_counts.h"
#include "util/result.h"

namespace itax {

struct InputInfo {
  std::string path;    // as given
  std::string file;    // file name
  std::string sha256;  // empty if unreadable
  std::uint64_t bytes = 0;
  std::string format;  // "docx", "pdf", or "" when unknown
  std::optional<int> pages;
};

struct Record {
  InputInfo input;
  std::optional<Error> error;  // set: status "error"
  Report report;
  thai::RepairCounts repairs;
  std::vector<std::string> notes;
  std::string rules_version;
  StageTimes times;  // read, thai, rules, validate (the caller adds output)
};

}  // namespace itax

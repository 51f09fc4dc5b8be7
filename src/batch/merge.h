// itax merge: shard stores into one. Documents are keyed by content hash, so
// stores of disjoint shards simply add up; a document held by several
// stores keeps its most recently processed version. Merging is idempotent.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/store.h"

namespace itax::batch {

// An input that is missing or not an itax store (a usage error).
class MergeInputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct MergeReport {
  MergeStats stats;            // summed over the inputs
  std::int64_t documents = 0;  // in the output store afterwards
  std::vector<std::string> outputs;
};

// Merges `inputs` into `out` (created if missing), then regenerates
// results.jsonl, summary.csv and flags.csv beside `out` when write_files.
// Throws MergeInputError (bad input) or StoreError (the output failed).
MergeReport merge_stores(const std::vector<std::string>& inputs, const std::string& out, bool write_files);

}  // namespace itax::batch

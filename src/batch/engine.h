// itax batch as a library: many documents through worker processes into the
// results store, with the outputs regenerated beside it. The CLI
// (cli/cmd_batch.cc) only parses options and maps the result to an exit code.
//
// The parent process hashes each input (sha256 of its bytes) just before it
// is needed, keeps those of its shard, drops repeats of the same bytes and
// skips what the store already holds for these rules; the rest go to the
// workers. Every record is committed to the store, with its rows, in one
// transaction as it arrives.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "batch/progress.h"
#include "batch/shard.h"
#include "pipeline/stage_stats.h"

namespace itax {
class Rulebook;
}

namespace itax::batch {

struct BatchOptions {
  std::vector<std::string> inputs;  // files (collect_inputs), in order
  std::string out_dir = "output";
  std::string store_path;           // "" -> out_dir/itax.sqlite
  unsigned jobs = 0;                // 0 -> the number of cores
  double timeout_s = 60;
  std::uint64_t max_memory_mb = 1024;
  Shard shard;
  bool force = false;         // redo documents already stored
  bool retry_errors = false;  // redo documents stored with an error record
  bool json_files = true;     // DIR/<file name>.json per document
  bool jsonl = false;         // also stream every record of this run to stdout, one per line
  bool progress = true;       // progress and summary on stderr
  bool handle_signals = true; // SIGINT/SIGTERM stop the run cleanly (exit 3)
  std::function<void()> worker_start;  // runs first in each worker process (the CLI's allocator policy)
};

// Where the parent's own time goes (--stats): with as many workers as cores
// every CPU millisecond here is taken from a worker.
struct ParentCost {
  StageTime inputs;   // hashing inputs, store lookups for skips
  StageTime answers;  // waiting for and reading the workers' answers
  StageTime store;    // rows and records into the store, commits
  StageTime outputs;  // results.jsonl, summary.csv, flags.csv at the end
};

struct BatchResult {
  BatchCounts counts;
  ParentCost parent;
  std::string run_error;  // the run itself failed (disk full, store locked, interrupted)
  std::vector<std::string> outputs;
  bool run_failed() const { return !run_error.empty(); }
  bool some_failed() const { return counts.error_records() > 0; }
};

// The cores this process may run on.
unsigned default_jobs();

BatchResult run_batch(const BatchOptions& options, std::shared_ptr<const Rulebook> rules);

}  // namespace itax::batch

// What a batch tells the person watching it, on stderr: a live line on a
// terminal (done/total, documents per second, ETA, errors), a plain line
// every few seconds otherwise, and a final summary either way.
#pragma once
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace itax::batch {

struct BatchCounts {
  std::size_t total = 0;          // inputs given
  std::size_t ok = 0;             // processed in this run, ok records
  std::size_t failed = 0;         // processed in this run, error records
  std::size_t stored = 0;         // skipped: already in the store (same sha256 and rules version)
  std::size_t stored_failed = 0;  // ... of which error records
  std::size_t duplicates = 0;     // same bytes as an earlier input: one document
  std::size_t other_shard = 0;    // left to the other shards (--shard)
  std::size_t unsaved = 0;        // finished in this run, then lost when the store failed (not in ok/failed)
  std::size_t in_flight = 0;
  std::size_t workers_started = 0;
  std::map<std::string, std::size_t> errors;  // error code -> documents (processed and stored)
  std::map<std::string, std::size_t> flags;   // flag code -> documents raising it

  std::size_t processed() const { return ok + failed; }
  std::size_t settled() const { return ok + failed + stored + duplicates + other_shard; }
  std::size_t error_records() const { return failed + stored_failed; }
};

class Progress {
 public:
  // enabled=false prints nothing (itax -q). tty: the live line; else a plain
  // line every `plain_every_s` seconds.
  Progress(std::FILE* out, bool enabled, bool tty, double plain_every_s = 5);

  // Called often; prints when due. `to_process` estimates the documents
  // still to parse (for the ETA).
  void tick(const BatchCounts& c, double to_process);
  // A message line (an error record, ...), printed above the live line,
  // even when progress is off (the caller decides).
  void note(const std::string& line);
  // Clears the live line and prints the summary.
  void finish(const BatchCounts& c, const std::vector<std::string>& outputs);

  double elapsed_s() const;

 private:
  std::string line(const BatchCounts& c, double to_process) const;
  void clear();
  std::FILE* out_;
  bool enabled_, tty_;
  double plain_every_s_;
  std::chrono::steady_clock::time_point start_, last_;
  bool live_shown_ = false;
  std::string last_line_;
};

// "1h02m", "4m05s", "12s"
std::string format_duration(double seconds);

}  // namespace itax::batch

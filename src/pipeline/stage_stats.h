// Per-stage cost counters (`itax extract --stats`): wall and CPU time of each
// stage, kept inside the library so the benchmark can split a run's cost by
// stage without a profiler. CPU time is the calling thread's, so it is
// unaffected by other processes on a shared machine.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace itax {

// Startup: rules compile, ICU segmenter and lexicon (once per process).
// Read: file hash + reader (PDF graphics pass and layout, DOCX unzip and XML).
// Thai: soft-wrap joins, normalisation, damage repair, segmentation.
// Rules: extraction (header fields, tables, status, units).
// Validate: checklist checks and flags. Output: JSON build, dump and write.
enum class Stage { Startup, Read, Thai, Rules, Validate, Output };
inline constexpr std::size_t kStageCount = 6;
const char* stage_name(Stage s);

struct StageTime {
  double wall_ms = 0, cpu_ms = 0;
  long calls = 0;
};

struct StageTimes {
  std::array<StageTime, kStageCount> t{};
  StageTime& operator[](Stage s) { return t[static_cast<std::size_t>(s)]; }
  const StageTime& operator[](Stage s) const { return t[static_cast<std::size_t>(s)]; }
  void add(const StageTimes& o);
};

// Measures from construction to stop(); stop() adds the elapsed wall and
// thread-CPU time to one stage.
class StageTimer {
 public:
  StageTimer();
  void stop(StageTime& into);
  void restart();

 private:
  double wall0_ = 0, cpu0_ = 0;
};

// One document's cost: the sum of its stages (start-up excluded).
struct DocumentCost {
  std::string file;
  long pages = 0;
  double wall_ms = 0, cpu_ms = 0;
};

// A run's totals: what `--stats` prints.
struct RunStats {
  StageTimes times;
  std::vector<DocumentCost> per_document;  // in input order (JSON only)
  // Adds one document's stage times (output included) to the totals.
  void add_document(const std::string& file, long pages, const StageTimes& t);
  long documents = 0, pages = 0, errors = 0;
  double wall_ms = 0;     // whole command, start-up included
  double peak_rss_mb = 0;  // this process's high-water mark
  // Small aligned table for stderr.
  std::string table() const;
  // One line of JSON (stable keys, for the benchmark).
  std::string json() const;
};

// Peak resident set size of this process so far, in MB (getrusage).
double peak_rss_mb();

}  // namespace itax

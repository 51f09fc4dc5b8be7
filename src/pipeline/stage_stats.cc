#include "pipeline/stage_stats.h"

#include <sys/resource.h>
#include <time.h>

#include <fmt/format.h>

namespace itax {

namespace {

double clock_ms(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

const char* stage_name(Stage s) {
  switch (s) {
    case Stage::Startup: return "startup";
    case Stage::Read: return "read";
    case Stage::Thai: return "thai";
    case Stage::Rules: return "rules";
    case Stage::Validate: return "validate";
    case Stage::Output: return "output";
  }
  return "?";
}

void StageTimes::add(const StageTimes& o) {
  for (std::size_t i = 0; i < kStageCount; ++i) {
    t[i].wall_ms += o.t[i].wall_ms;
    t[i].cpu_ms += o.t[i].cpu_ms;
    t[i].calls += o.t[i].calls;
  }
}

StageTimer::StageTimer() { restart(); }

// CPU of the whole process, not the calling thread: a stage of one document
// may run on several threads (itax extract --threads), and a process works
// on one document at a time, so all of its CPU in a stage is that stage's.
void StageTimer::restart() {
  wall0_ = clock_ms(CLOCK_MONOTONIC);
  cpu0_ = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

void StageTimer::stop(StageTime& into) {
  into.wall_ms += clock_ms(CLOCK_MONOTONIC) - wall0_;
  into.cpu_ms += clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu0_;
  ++into.calls;
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void RunStats::add_document(const std::string& file, long doc_pages, const StageTimes& t) {
  times.add(t);
  DocumentCost c{file, doc_pages, 0, 0};
  for (std::size_t i = 1; i < kStageCount; ++i) {  // every stage but start-up
    c.wall_ms += t.t[i].wall_ms;
    c.cpu_ms += t.t[i].cpu_ms;
  }
  per_document.push_back(std::move(c));
}

std::string RunStats::table() const {
  std::string out = fmt::format("{:<9} {:>10} {:>10} {:>6}\n", "stage", "wall ms", "cpu ms", "calls");
  double wall = 0, cpu = 0;
  for (std::size_t i = 0; i < kStageCount; ++i) {
    const StageTime& s = times.t[i];
    wall += s.wall_ms;
    cpu += s.cpu_ms;
    out += fmt::format("{:<9} {:>10.2f} {:>10.2f} {:>6}\n", stage_name(static_cast<Stage>(i)), s.wall_ms, s.cpu_ms,
                       s.calls);
  }
  out += fmt::format("{:<9} {:>10.2f} {:>10.2f}\n", "stages", wall, cpu);
  out += fmt::format("documents {} ({} errors), pages {}, command wall {:.2f} ms, peak RSS {:.1f} MB\n", documents,
                     errors, pages, wall_ms, peak_rss_mb);
  return out;
}

std::string RunStats::json() const {
  std::string out = "{\"stages\":{";
  for (std::size_t i = 0; i < kStageCount; ++i) {
    const StageTime& s = times.t[i];
    out += fmt::format("{}\"{}\":{{\"wall_ms\":{:.3f},\"cpu_ms\":{:.3f},\"calls\":{}}}", i ? "," : "",
                       stage_name(static_cast<Stage>(i)), s.wall_ms, s.cpu_ms, s.calls);
  }
  out += "},\"per_document\":[";
  for (std::size_t i = 0; i < per_document.size(); ++i) {
    const DocumentCost& d = per_document[i];
    std::string file;  // JSON string escaping for the few characters a file name may hold
    for (char c : d.file) {
      if (c == '"' || c == '\\') file += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) file += c;
    }
    out += fmt::format("{}{{\"file\":\"{}\",\"pages\":{},\"wall_ms\":{:.3f},\"cpu_ms\":{:.3f}}}", i ? "," : "", file,
                       d.pages, d.wall_ms, d.cpu_ms);
  }
  out += fmt::format("],\"documents\":{},\"errors\":{},\"pages\":{},\"wall_ms\":{:.3f},\"peak_rss_mb\":{:.1f}}}",
                     documents, errors, pages, wall_ms, peak_rss_mb);
  return out;
}

}  // namespace itax

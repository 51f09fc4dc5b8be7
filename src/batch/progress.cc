#include "batch/progress.h"

#include <algorithm>
#include <cmath>

#include <sys/resource.h>

namespace itax::batch {

using Clock = std::chrono::steady_clock;

std::string format_duration(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  long t = std::lround(s);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
  else if (t >= 60)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else if (s >= 10)
    std::snprintf(buf, sizeof buf, "%lds", t);
  else
    std::snprintf(buf, sizeof buf, "%.1fs", s);
  return buf;
}

Progress::Progress(std::FILE* out, bool enabled, bool tty, double plain_every_s)
    : out_(out), enabled_(enabled), tty_(tty), plain_every_s_(plain_every_s), start_(Clock::now()), last_(start_) {}

double Progress::elapsed_s() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

std::string Progress::line(const BatchCounts& c, double to_process) const {
  double secs = elapsed_s();
  double rate = secs > 0 ? static_cast<double>(c.processed()) / secs : 0;
  std::string eta = rate > 0 ? format_duration(to_process / rate) : "?";
  char buf[256];
  std::snprintf(buf, sizeof buf, "%zu/%zu done, %.1f docs/s, ETA %s, %zu error%s", c.settled(), c.total, rate,
                eta.c_str(), c.error_records(), c.error_records() == 1 ? "" : "s");
  std::string s = buf;
  if (c.stored) s += ", " + std::to_string(c.stored) + " already stored";
  if (c.other_shard) s += ", " + std::to_string(c.other_shard) + " in other shards";
  return s;
}

void Progress::clear() {
  if (tty_ && live_shown_) {
    std::fputs("\r\033[K", out_);
    live_shown_ = false;
  }
}

void Progress::tick(const BatchCounts& c, double to_process) {
  if (!enabled_) return;
  auto now = Clock::now();
  double since = std::chrono::duration<double>(now - last_).count();
  if (tty_) {
    if (since < 0.2 && live_shown_) return;
    std::string l = line(c, to_process);
    std::fprintf(out_, "\r\033[K%s", l.c_str());
    std::fflush(out_);
    live_shown_ = true;
    last_ = now;
  } else {
    if (since < plain_every_s_) return;
    std::fprintf(out_, "itax batch: %s\n", line(c, to_process).c_str());
    std::fflush(out_);
    last_ = now;
  }
}

void Progress::note(const std::string& l) {
  clear();
  std::fprintf(out_, "%s\n", l.c_str());
  std::fflush(out_);
  if (tty_) last_ = Clock::time_point{};  // redraw the live line at the next tick
}

void Progress::finish(const BatchCounts& c, const std::vector<std::string>& outputs) {
  if (!enabled_) return;
  clear();
  double secs = elapsed_s();
  std::fprintf(out_, "itax batch: %zu input(s) in %s: %zu processed (%zu ok, %zu error records), %.2f docs/s",
               c.total, format_duration(secs).c_str(), c.processed(), c.ok, c.failed,
               secs > 0 ? static_cast<double>(c.processed()) / secs : 0.0);
  if (c.stored) std::fprintf(out_, "; %zu already stored (%zu error records)", c.stored, c.stored_failed);
  if (c.duplicates) std::fprintf(out_, "; %zu duplicate(s)", c.duplicates);
  if (c.other_shard) std::fprintf(out_, "; %zu in other shards", c.other_shard);
  if (c.unsaved) std::fprintf(out_, "; %zu finished but not stored (the store failed)", c.unsaved);
  std::fprintf(out_, "\n");
  if (!c.errors.empty()) {
    std::string s;
    for (const auto& [code, n] : c.errors) s += (s.empty() ? "" : ", ") + code + " " + std::to_string(n);
    std::fprintf(out_, "  errors: %s\n", s.c_str());
  }
  if (!c.flags.empty()) {
    std::vector<std::pair<std::string, std::size_t>> top(c.flags.begin(), c.flags.end());
    std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (top.size() > 8) top.resize(8);
    std::string s;
    for (const auto& [code, n] : top) s += (s.empty() ? "" : ", ") + code + " " + std::to_string(n);
    std::fprintf(out_, "  top flags (documents): %s\n", s.c_str());
  }
  rusage self{}, children{};
  ::getrusage(RUSAGE_SELF, &self);
  ::getrusage(RUSAGE_CHILDREN, &children);
  auto cpu = [](const rusage& r) {
    return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
           static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
  };
  std::fprintf(out_, "  cpu: workers %.2f s, batch process %.2f s; %zu worker process(es) started\n", cpu(children),
               cpu(self), c.workers_started);
  if (!outputs.empty()) {
    std::string s;
    for (const std::string& o : outputs) s += (s.empty() ? "" : ", ") + o;
    std::fprintf(out_, "  outputs: %s\n", s.c_str());
  }
  std::fflush(out_);
}

}  // namespace itax::batch

// The parent's side of the batch workers: up to `jobs` forked processes
// (worker.h), each parsing one document at a time, with the next one already
// sent (kDepth tasks per worker): a worker that finishes starts the next
// document at once instead of waiting for this process to read its answer
// and hand out another, which on a machine with as many workers as cores
// left a tenth of the cores idle. The pool hands out tasks,
// collects answers, and turns a worker that dies, overruns its deadline or
// outgrows its memory into a failure outcome for that document alone. A
// worker is reused for the next document and replaced after a failure.
//
// Workers are forked from the calling process, which must hold a built
// Pipeline (rules, ICU, lexicon: paid once, shared copy-on-write) and must
// be single-threaded.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/types.h>

#include "batch/rows.h"

namespace itax {
class Pipeline;
}

namespace itax::batch {

struct PoolOptions {
  unsigned jobs = 1;
  double timeout_s = 60;               // per document
  std::uint64_t max_memory_mb = 1024;  // per worker, on top of what it holds at start
  std::function<void()> worker_start;  // runs first in each new worker process, if set
};

struct Task {
  std::size_t id = 0;
  std::string path;
  std::string json_out;  // where the worker writes the indented record ("" for none)
};

struct Outcome {
  enum class Kind { Record, Crashed, Timeout, OutOfMemory };
  std::size_t id = 0;
  Kind kind = Kind::Record;
  std::string path;
  std::string record_line;  // Kind::Record: the record, one line of JSON
  std::optional<DocumentRows> rows;  // Kind::Record: its store rows
  std::string write_error;  // Kind::Record: the JSON file could not be written
  std::string detail;       // the others: what happened ("killed by signal 11 (Segmentation fault)")
  double elapsed_ms = 0;
};

class PoolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class WorkerPool {
 public:
  WorkerPool(const Pipeline& pipeline, PoolOptions options);
  ~WorkerPool();  // stops every worker
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Tasks a worker holds: the one it works on and the ones queued behind it.
  static constexpr std::size_t kDepth = 2;

  unsigned jobs() const { return static_cast<unsigned>(slots_.size()); }
  std::size_t busy() const;  // tasks given out and not finished
  bool has_idle() const;     // some worker can take another task

  // Gives the task to the least loaded worker, starting one if needed.
  // Throws PoolError when no process can be started (fork fails).
  void submit(Task task);

  // Waits up to max_ms for answers and failures; enforces deadlines and the
  // memory limit meanwhile. Returns what finished (possibly nothing).
  std::vector<Outcome> wait(int max_ms);

  void shutdown();                            // kills every worker now
  unsigned started() const { return started_; }  // processes started so far

 private:
  using Clock = std::chrono::steady_clock;
  struct Slot {
    pid_t pid = -1;
    int fd = -1;
    std::string buf;  // answers read, not yet taken
    std::deque<Task> tasks;  // front: the one being worked on; all sent
    Clock::time_point started, deadline, next_memory_check;  // of the front task
  };
  void spawn(Slot& s);
  // Sends the task's request to the slot's worker, starting one if there is
  // none or it died while idle. Throws PoolError as submit.
  void send(Slot& s, const Task& task);
  // The front task starts now (a new one, or the next after an answer).
  void start_front(Slot& s);
  // After the worker of a slot was stopped: its queued tasks never started,
  // so they go to a new worker.
  void resend_queued(Slot& s);
  // Stops the slot's worker (SIGKILL unless it is already gone) and returns its wait status.
  int stop(Slot& s, bool kill_first);
  Outcome fail(Slot& s, Outcome::Kind kind, std::string detail);
  std::uint64_t resident_bytes(pid_t pid) const;

  const Pipeline& pipeline_;
  PoolOptions opt_;
  std::vector<Slot> slots_;
  std::uint64_t rss_limit_ = 0;
  unsigned started_ = 0;
};

}  // namespace itax::batch

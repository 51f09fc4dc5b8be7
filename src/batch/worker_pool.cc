#include "batch/worker_pool.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch/worker.h"

namespace itax::batch {

namespace {

std::uint64_t statm_field(const std::string& file, int field) {
  std::FILE* f = std::fopen(file.c_str(), "r");
  if (!f) return 0;
  unsigned long v[2] = {0, 0};
  int got = std::fscanf(f, "%lu %lu", &v[0], &v[1]);
  std::fclose(f);
  if (got <= field) return 0;
  return static_cast<std::uint64_t>(v[field]) * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

std::string signal_text(int sig) {
  const char* name = ::strsignal(sig);
  return "signal " + std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
}

}  // namespace

WorkerPool::WorkerPool(const Pipeline& pipeline, PoolOptions options)
    : pipeline_(pipeline), opt_(options), slots_(std::max(1u, options.jobs)) {
  // The resident-size watch: what the parent holds now (shared with each
  // worker after fork) plus the per-worker allowance.
  rss_limit_ = statm_field("/proc/self/statm", 1) + opt_.max_memory_mb * (1ull << 20);
}

WorkerPool::~WorkerPool() { shutdown(); }

std::size_t WorkerPool::busy() const {
  std::size_t n = 0;
  for (const Slot& s : slots_) n += s.tasks.size();
  return n;
}

bool WorkerPool::has_idle() const {
  return std::any_of(slots_.begin(), slots_.end(), [](const Slot& s) { return s.tasks.size() < kDepth; });
}

void WorkerPool::spawn(Slot& s) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    throw PoolError(std::string("cannot create a worker socket: ") + std::strerror(errno));
  WorkerSetup setup;
  setup.fd = sv[1];
  setup.close_fds.push_back(sv[0]);
  for (const Slot& o : slots_)
    if (o.fd >= 0) setup.close_fds.push_back(o.fd);
  setup.max_memory_bytes = opt_.max_memory_mb * (1ull << 20);
  setup.parent_pid = static_cast<int>(::getpid());
  setup.on_start = opt_.worker_start;
  std::fflush(nullptr);  // nothing buffered may be written twice
  pid_t pid = ::fork();
  if (pid < 0) {
    int e = errno;
    ::close(sv[0]);
    ::close(sv[1]);
    throw PoolError(std::string("cannot start a worker process: ") + std::strerror(e));
  }
  if (pid == 0) worker_main(pipeline_, setup);  // never returns
  ::close(sv[1]);
  ::fcntl(sv[0], F_SETFL, ::fcntl(sv[0], F_GETFL) | O_NONBLOCK);
  s.pid = pid;
  s.fd = sv[0];
  s.buf.clear();
  ++started_;
}

int WorkerPool::stop(Slot& s, bool kill_first) {
  int status = 0;
  if (s.pid > 0) {
    if (kill_first) ::kill(s.pid, SIGKILL);
    while (::waitpid(s.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (s.fd >= 0) ::close(s.fd);
  s.pid = -1;
  s.fd = -1;
  s.buf.clear();
  return status;
}

Outcome WorkerPool::fail(Slot& s, Outcome::Kind kind, std::string detail) {
  Outcome o;
  o.kind = kind;
  o.detail = std::move(detail);
  if (!s.tasks.empty()) {
    o.id = s.tasks.front().id;
    o.path = s.tasks.front().path;
    s.tasks.pop_front();
  }
  o.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - s.started).count();
  stop(s, true);
  resend_queued(s);
  return o;
}

std::uint64_t WorkerPool::resident_bytes(pid_t pid) const {
  return statm_field("/proc/" + std::to_string(pid) + "/statm", 1);
}

void WorkerPool::submit(Task task) {
  auto it = std::min_element(slots_.begin(), slots_.end(),
                             [](const Slot& a, const Slot& b) { return a.tasks.size() < b.tasks.size(); });
  if (it == slots_.end() || it->tasks.size() >= kDepth) throw PoolError("no idle worker");
  Slot& s = *it;
  send(s, task);
  s.tasks.push_back(std::move(task));
  if (s.tasks.size() == 1) start_front(s);
}

void WorkerPool::send(Slot& s, const Task& task) {
  const std::string req = make_request(task.path, task.json_out);
  for (int attempt = 0;; ++attempt) {
    if (s.pid < 0) spawn(s);
    size_t off = 0;
    bool broken = false;
    while (off < req.size()) {
      ssize_t n = ::send(s.fd, req.data() + off, req.size() - off, MSG_NOSIGNAL);
      if (n > 0) {
        off += static_cast<size_t>(n);
      } else if (n < 0 && (errno == EINTR)) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        pollfd p{s.fd, POLLOUT, 0};
        ::poll(&p, 1, 1000);
      } else {
        broken = true;
        break;
      }
    }
    if (!broken) return;
    // It died before this request went out. Idle, it is replaced and the
    // request sent again; with a task in hand, that task's outcome comes
    // from wait() (its end of stream), so this one waits in the queue to be
    // resent by resend_queued().
    if (!s.tasks.empty()) return;
    stop(s, true);
    if (attempt >= 2) throw PoolError("workers die before they can take a document");
  }
}

void WorkerPool::start_front(Slot& s) {
  s.started = Clock::now();
  s.deadline = s.started + std::chrono::microseconds(static_cast<std::int64_t>(opt_.timeout_s * 1e6));
  s.next_memory_check = s.started + std::chrono::milliseconds(50);
}

void WorkerPool::resend_queued(Slot& s) {
  if (s.tasks.empty()) return;
  std::deque<Task> queued;
  queued.swap(s.tasks);
  for (Task& t : queued) {
    send(s, t);
    s.tasks.push_back(std::move(t));
  }
  start_front(s);
}

std::vector<Outcome> WorkerPool::wait(int max_ms) {
  std::vector<Outcome> done;
  auto now = Clock::now();
  auto until = now + std::chrono::milliseconds(std::max(0, max_ms));
  for (const Slot& s : slots_)
    if (!s.tasks.empty()) until = std::min({until, s.deadline, s.next_memory_check});
  int timeout = static_cast<int>(std::ceil(std::chrono::duration<double, std::milli>(until - now).count()));

  std::vector<pollfd> fds;
  std::vector<Slot*> owners;
  for (Slot& s : slots_)
    if (s.fd >= 0) {
      fds.push_back({s.fd, POLLIN, 0});
      owners.push_back(&s);
    }
  int ready = ::poll(fds.data(), fds.size(), std::max(0, timeout));
  if (ready < 0 && errno != EINTR) throw PoolError(std::string("poll: ") + std::strerror(errno));

  static char chunk[1 << 18];
  for (size_t i = 0; ready > 0 && i < fds.size(); ++i) {
    if (!fds[i].revents) continue;
    Slot& s = *owners[i];
    for (;;) {
      ssize_t n = ::read(s.fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0) {  // end of stream: the worker is gone
        if (s.tasks.empty()) {
          stop(s, true);
          break;
        }
        Task task = std::move(s.tasks.front());
        s.tasks.pop_front();
        int status = stop(s, true);
        Outcome o;
        o.id = task.id;
        o.path = task.path;
        o.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - s.started).count();
        if (WIFEXITED(status) && WEXITSTATUS(status) == kExitOutOfMemory) {
          o.kind = Outcome::Kind::OutOfMemory;
          o.detail = "the worker ran out of memory (limit " + std::to_string(opt_.max_memory_mb) + " MB)";
        } else if (WIFSIGNALED(status)) {
          o.kind = Outcome::Kind::Crashed;
          o.detail = "the worker was killed by " + signal_text(WTERMSIG(status));
        } else {
          o.kind = Outcome::Kind::Crashed;
          o.detail = "the worker exited with status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                     " without an answer";
        }
        done.push_back(std::move(o));
        resend_queued(s);
        break;
      }
      s.buf.append(chunk, static_cast<size_t>(n));
      // Every whole answer in the buffer: with a task queued, a worker can
      // send two before this process reads, and no more data may follow.
      bool gone = false;
      while (!gone) {
        Response resp;
        Answer a = take_answer(s.buf, resp);
        if (a == Answer::Incomplete) break;
        if (s.tasks.empty()) {  // an answer nobody asked for: not a worker we can trust
          stop(s, true);
          gone = true;
          break;
        }
        if (a == Answer::Malformed) {
          done.push_back(fail(s, Outcome::Kind::Crashed, "the worker sent a malformed answer"));
          gone = true;
          break;
        }
        Outcome o;
        o.id = s.tasks.front().id;
        o.path = s.tasks.front().path;
        o.kind = Outcome::Kind::Record;
        o.record_line = std::move(resp.record_line);
        o.rows = std::move(resp.rows);
        o.write_error = std::move(resp.write_error);
        o.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - s.started).count();
        s.tasks.pop_front();
        done.push_back(std::move(o));
        if (resp.exiting) {
          stop(s, false);  // it ends by itself right after answering, its queue unread
          resend_queued(s);
          gone = true;
          break;
        }
        if (!s.tasks.empty()) start_front(s);  // the worker went straight on to it
      }
      if (gone) break;  // the slot's stream is another worker's now, or none
    }
  }

  now = Clock::now();
  for (Slot& s : slots_) {
    if (s.tasks.empty()) continue;
    if (now >= s.deadline) {
      char secs[32];
      std::snprintf(secs, sizeof secs, "%g", opt_.timeout_s);
      done.push_back(fail(s, Outcome::Kind::Timeout,
                          std::string("no result within ") + secs + " s (--timeout); the worker was stopped"));
    } else if (now >= s.next_memory_check) {
      std::uint64_t rss = resident_bytes(s.pid);
      if (rss > rss_limit_) {
        done.push_back(fail(s, Outcome::Kind::OutOfMemory,
                            "the worker used " + std::to_string(rss >> 20) + " MB of memory, over the limit of " +
                                std::to_string(opt_.max_memory_mb) + " MB (--max-memory); it was stopped"));
      } else {
        s.next_memory_check = now + std::chrono::milliseconds(250);
      }
    }
  }
  return done;
}

void WorkerPool::shutdown() {
  for (Slot& s : slots_) {
    s.tasks.clear();
    if (s.pid > 0 || s.fd >= 0) stop(s, true);
  }
}

}  // namespace itax::batch

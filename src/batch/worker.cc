#include "batch/worker.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <new>
#include <stdexcept>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "batch/test_fault.h"
#include "emit/json_record.h"
#include "pipeline/inputs.h"
#include "pipeline/pipeline.h"

#if defined(__SANITIZE_ADDRESS__)
#define ITAX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ITAX_ASAN 1
#endif
#endif

namespace itax::batch {
namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t g_memory_ran_out = 0;

// First failed allocation: remember it, then let operator new throw
// std::bad_alloc as usual (the pipeline turns that into an out_of_memory record).
void on_out_of_memory() {
  g_memory_ran_out = 1;
  std::set_new_handler(nullptr);
}

// A crash after memory ran out is an out-of-memory failure, not a bug.
void on_fatal_signal(int sig) {
  if (g_memory_ran_out) ::_exit(kExitOutOfMemory);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

[[maybe_unused]] std::uint64_t address_space_now() {  // unused under ASan (see below)
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (f) {
    if (std::fscanf(f, "%lu", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

bool write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

void set_up_process(const WorkerSetup& setup) {
  for (int fd : setup.close_fds) ::close(fd);
  // Die with the parent (a SIGKILLed batch leaves no workers behind).
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != setup.parent_pid) ::_exit(0);
  // Ctrl-C is for the parent, which stops the workers itself.
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGPIPE, SIG_DFL);
  // Nothing a worker does may reach the batch's stdout (JSON lines) or stdin (a path list).
  int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull >= 0) {
    ::dup2(devnull, STDIN_FILENO);
    ::dup2(devnull, STDOUT_FILENO);
    ::close(devnull);
  }
  std::set_new_handler(on_out_of_memory);
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | SA_NODEFER;
  for (int sig : {SIGSEGV, SIGABRT, SIGBUS}) ::sigaction(sig, &sa, nullptr);
#ifndef ITAX_ASAN
  // The address-space limit makes allocations fail (std::bad_alloc) instead
  // of the machine swapping. AddressSanitizer reserves terabytes of address
  // space, so under it only the parent's resident-size watch applies.
  if (setup.max_memory_bytes) {
    rlimit rl{};
    rl.rlim_cur = rl.rlim_max = address_space_now() + setup.max_memory_bytes;
    ::setrlimit(RLIMIT_AS, &rl);
  }
#endif
}

Record out_of_memory_record(const std::string& path) {
  Record r;
  r.input.path = path;
  r.input.file = fs::path(path).filename().string();
  r.error = Error{"out_of_memory", "ran out of memory while processing " + path};
  return r;
}

}  // namespace

std::string make_request(const std::string& path, const std::string& json_out) {
  nlohmann::json j = {{"path", path}, {"json_out", json_out}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

constexpr char kAnswerMagic[4] = {'I', 'X', 'A', '1'};
constexpr std::size_t kAnswerHead = 20;
constexpr std::uint32_t kExiting = 1;
// No part of an answer is near this (a 320-page record is a few MB); more
// means the stream is not an answer.
constexpr std::uint32_t kMaxAnswerPart = 1u << 30;

void put_u32(std::string& out, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}

std::uint32_t get_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

std::string make_answer(const std::string& write_error, bool exiting, const DocumentRows& rows,
                        const std::string& record_line) {
  const std::string& r = rows.bytes();
  if (write_error.size() > kMaxAnswerPart || r.size() > kMaxAnswerPart || record_line.size() > kMaxAnswerPart)
    throw std::length_error("an answer part over 1 GiB");
  std::string out;
  out.reserve(kAnswerHead + write_error.size() + r.size() + record_line.size());
  out.append(kAnswerMagic, 4);
  put_u32(out, exiting ? kExiting : 0);
  put_u32(out, static_cast<std::uint32_t>(write_error.size()));
  put_u32(out, static_cast<std::uint32_t>(r.size()));
  put_u32(out, static_cast<std::uint32_t>(record_line.size()));
  out += write_error;
  out += r;
  out += record_line;
  return out;
}

Answer take_answer(std::string& buf, Response& out) {
  if (buf.size() < kAnswerHead) {
    // A wrong magic is wrong however little has come.
    return std::memcmp(buf.data(), kAnswerMagic, std::min<std::size_t>(buf.size(), 4)) ? Answer::Malformed
                                                                                       : Answer::Incomplete;
  }
  if (std::memcmp(buf.data(), kAnswerMagic, 4) != 0) return Answer::Malformed;
  const std::uint32_t flags = get_u32(buf.data() + 4);
  const std::uint32_t n_error = get_u32(buf.data() + 8), n_rows = get_u32(buf.data() + 12),
                      n_record = get_u32(buf.data() + 16);
  if ((flags & ~kExiting) || n_error > kMaxAnswerPart || n_rows > kMaxAnswerPart || n_record > kMaxAnswerPart)
    return Answer::Malformed;
  const std::size_t total = kAnswerHead + std::size_t{n_error} + n_rows + n_record;
  if (buf.size() < total) return Answer::Incomplete;
  const char* p = buf.data() + kAnswerHead;
  out.exiting = flags & kExiting;
  out.write_error.assign(p, n_error);
  out.rows = DocumentRows::parse(std::string(p + n_error, n_rows));
  out.record_line.assign(p + n_error + n_rows, n_record);
  buf.erase(0, total);
  return out.rows && !out.record_line.empty() ? Answer::Taken : Answer::Malformed;
}

void worker_main(const Pipeline& pipeline, const WorkerSetup& setup) {
  set_up_process(setup);
  if (setup.on_start) setup.on_start();
  const TestFault fault = TestFault::from_env();  // test only; empty in production
  std::string buf;
  char chunk[4096];
  for (;;) {
    size_t nl;
    while ((nl = buf.find('\n')) == std::string::npos) {
      ssize_t n = ::read(setup.fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) ::_exit(0);  // the parent closed the socket or is gone
      buf.append(chunk, static_cast<size_t>(n));
    }
    std::string line = buf.substr(0, nl);
    buf.erase(0, nl + 1);
    auto req = nlohmann::json::parse(line, nullptr, false);
    if (req.is_discarded() || !req.is_object() || !req.contains("path")) ::_exit(2);
    std::string path = req.value("path", "");
    std::string json_out = req.value("json_out", "");

    g_memory_ran_out = 0;
    std::set_new_handler(on_out_of_memory);
    Record rec;
    try {
      if (!fault.empty()) fault.inject(fs::path(path).filename().string());
      rec = pipeline.run(path);
    } catch (const std::bad_alloc&) {
      rec = out_of_memory_record(path);
    }
    bool exiting = g_memory_ran_out || (rec.error && rec.error->code == "out_of_memory");
    std::string out;
    try {
      const auto j = to_json(rec);
      std::string record = dump_json(j, true);
      std::string write_error;
      if (!json_out.empty()) write_error = write_file_atomic(json_out, dump_json(j, false) + "\n");
      out = make_answer(write_error, exiting, DocumentRows::from_record(j), record);
    } catch (const std::bad_alloc&) {
      ::_exit(kExitOutOfMemory);
    }
    if (!write_all(setup.fd, out)) ::_exit(0);
    if (exiting) ::_exit(kExitOutOfMemory);
  }
}

}  // namespace itax::batch

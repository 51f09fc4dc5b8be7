#include "batch/worker.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <new>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "batch/store.h"
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

std::optional<Response> parse_response(std::string&& line) {
  size_t tab = line.find('\t');
  if (tab == std::string::npos || tab + 1 >= line.size()) return std::nullopt;
  auto head = nlohmann::json::parse(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(tab), nullptr, false);
  if (head.is_discarded() || !head.is_object()) return std::nullopt;
  Response r;
  if (auto it = head.find("write_error"); it != head.end() && it->is_string()) r.write_error = it->get<std::string>();
  if (auto it = head.find("exiting"); it != head.end() && it->is_boolean()) r.exiting = it->get<bool>();
  if (auto it = head.find("rows"); it != head.end()) r.rows = std::move(*it);
  line.erase(0, tab + 1);
  r.record_line = std::move(line);
  return r;
}

void worker_main(const Pipeline& pipeline, const WorkerSetup& setup) {
  set_up_process(setup);
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
      nlohmann::json head = {{"write_error", write_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(write_error)},
                             {"exiting", exiting},
                             {"rows", document_rows(j)}};
      out = head.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      out += '\t';
      out += record;
      out += '\n';
    } catch (const std::bad_alloc&) {
      ::_exit(kExitOutOfMemory);
    }
    if (!write_all(setup.fd, out)) ::_exit(0);
    if (exiting) ::_exit(kExitOutOfMemory);
  }
}

}  // namespace itax::batch

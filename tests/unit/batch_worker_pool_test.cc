// Worker processes: reused between documents; a crash, a hang and a memory
// hog (the test-only ITAX_TEST_FAULT switch) each cost one document only.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "batch/test_fault.h"
#include "batch/worker_pool.h"
#include "pipeline/pipeline.h"

using namespace itax;
using namespace itax::batch;
namespace fs = std::filesystem;

namespace {

const Pipeline& pipeline() {
  static Pipeline p(Rulebook::load(ITAX_RULES).value());
  return p;
}

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("itax_batch_pool_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Runs every task through the pool; outcomes by task id.
std::map<std::size_t, Outcome> run_all(WorkerPool& pool, std::vector<Task> tasks) {
  std::map<std::size_t, Outcome> got;
  size_t next = 0;
  const size_t n = tasks.size();
  while (got.size() < n) {
    while (next < n && pool.has_idle()) pool.submit(tasks[next++]);
    for (Outcome& o : pool.wait(200)) got[o.id] = std::move(o);
  }
  return got;
}

// The e2e scale factors (scripts/test.sh sets them for the slower, bigger sanitizer build).
double scale(const char* env) {
  const char* v = std::getenv(env);
  double f = v ? std::atof(v) : 1.0;
  return f > 1.0 ? f : 1.0;
}

std::string status_of(const Outcome& o) {
  auto j = nlohmann::json::parse(o.record_line);
  return j["status"] == "ok" ? "ok" : j["error"]["code"].get<std::string>();
}

}  // namespace

TEST_CASE("workers answer with records and are reused between documents", "[batch]") {
  ::unsetenv(kTestFaultEnv);
  WorkerPool pool(pipeline(), PoolOptions{2, 120, 1024});
  fs::path d = temp_dir("reuse");
  std::vector<Task> tasks;
  const char* docs[] = {"ko_2566_content_controls.docx", "other_agency_wingdings.docx", "thai_digits_formfields.docx",
                        "ko_2566_content_controls.docx"};
  for (size_t i = 0; i < 4; ++i)
    tasks.push_back({i, std::string(ITAX_SAMPLES) + "/" + docs[i], (d / (std::to_string(i) + ".json")).string()});
  tasks.push_back({4, "/nonexistent/x.docx", ""});
  auto got = run_all(pool, tasks);
  for (size_t i = 0; i < 4; ++i) {
    REQUIRE(got[i].kind == Outcome::Kind::Record);
    CHECK(status_of(got[i]) == "ok");
    CHECK(got[i].write_error.empty());
    CHECK(fs::exists(d / (std::to_string(i) + ".json")));  // the worker wrote the indented record
  }
  REQUIRE(got[4].kind == Outcome::Kind::Record);
  CHECK(status_of(got[4]) == "not_found");
  CHECK(pool.started() == 2);  // no failure: no replacement
  fs::remove_all(d);
}

TEST_CASE("a crash, a hang and a memory hog each give their failure, the rest succeed", "[batch]") {
  ::setenv(kTestFaultEnv, "crash:crashme,abort:abortme,hang:hangme,oom:hogme", 1);
  fs::path d = temp_dir("faults");
  const std::string sample = std::string(ITAX_SAMPLES) + "/ko_2566_content_controls.docx";
  std::vector<Task> tasks;
  const char* names[] = {"fine1.docx", "crashme.docx", "hangme.docx", "fine2.docx", "hogme.docx", "abortme.docx",
                         "fine3.docx"};
  for (size_t i = 0; i < 7; ++i) {
    fs::copy_file(sample, d / names[i]);
    tasks.push_back({i, (d / names[i]).string(), ""});
  }
  // No bound here is tight for a good document, which takes ~0.02 s of CPU and grows its worker by a
  // few MB: 8 s is 40 times that even on a machine slowed tenfold by other work, and the hang's record
  // can only come late, never early (no upper bound on time). Both scale for sanitizer builds.
  const double timeout_s = 8.0 * scale("ITAX_E2E_TIME_FACTOR");
  const auto max_memory_mb = static_cast<std::uint64_t>(96 * scale("ITAX_E2E_MEM_FACTOR"));
  WorkerPool pool(pipeline(), PoolOptions{2, timeout_s, max_memory_mb});
  auto got = run_all(pool, tasks);
  ::unsetenv(kTestFaultEnv);

  std::string outcomes;  // shown with any failure below
  for (size_t i = 0; i < 7; ++i)
    outcomes += std::string(names[i]) + ": kind " + std::to_string(int(got[i].kind)) + " after " +
                std::to_string(got[i].elapsed_ms) + " ms " + got[i].detail + "; ";
  INFO(outcomes);

  for (size_t i : {0u, 3u, 6u}) {
    REQUIRE(got[i].kind == Outcome::Kind::Record);
    CHECK(status_of(got[i]) == "ok");
  }
  CHECK(got[1].kind == Outcome::Kind::Crashed);
  CHECK_THAT(got[1].detail, Catch::Contains("signal 11"));
  CHECK(got[5].kind == Outcome::Kind::Crashed);
  CHECK_THAT(got[5].detail, Catch::Contains("signal 6"));
  CHECK(got[2].kind == Outcome::Kind::Timeout);
  CHECK(got[2].elapsed_ms >= timeout_s * 1000 - 100);  // stopped by its deadline, not before
  // Out of memory either as the pipeline's own record or as a stopped worker.
  bool oom = got[4].kind == Outcome::Kind::OutOfMemory ||
             (got[4].kind == Outcome::Kind::Record && status_of(got[4]) == "out_of_memory");
  INFO("kind " << int(got[4].kind) << ": " << got[4].detail << " " << got[4].record_line.substr(0, 300));
  CHECK(oom);
  CHECK(pool.started() >= 5);  // every failure cost its worker, which was replaced
  fs::remove_all(d);
}

TEST_CASE("one worker with a task queued: failures cost their own document, queued ones are sent again", "[batch]") {
  ::setenv(kTestFaultEnv, "crash:crashme,hang:hangme,oom:hogme", 1);
  fs::path d = temp_dir("queued");
  const std::string sample = std::string(ITAX_SAMPLES) + "/ko_2566_content_controls.docx";
  // Each failing document has a task queued behind it in the same worker;
  // the missing files answer at once, so answers also arrive back to back.
  const char* names[] = {"crashme.docx", "fine1.docx", "hangme.docx", "fine2.docx", "hogme.docx", "fine3.docx"};
  std::vector<Task> tasks;
  for (size_t i = 0; i < 6; ++i) {
    fs::copy_file(sample, d / names[i]);
    tasks.push_back({i, (d / names[i]).string(), ""});
  }
  for (size_t i = 6; i < 10; ++i) tasks.push_back({i, "/nonexistent/x" + std::to_string(i) + ".docx", ""});
  const double timeout_s = 4.0 * scale("ITAX_E2E_TIME_FACTOR");
  const auto max_memory_mb = static_cast<std::uint64_t>(96 * scale("ITAX_E2E_MEM_FACTOR"));
  WorkerPool pool(pipeline(), PoolOptions{1, timeout_s, max_memory_mb});
  REQUIRE(WorkerPool::kDepth >= 2);
  auto got = run_all(pool, tasks);
  ::unsetenv(kTestFaultEnv);
  REQUIRE(got.size() == 10);
  CHECK(got[0].kind == Outcome::Kind::Crashed);
  CHECK(got[2].kind == Outcome::Kind::Timeout);
  CHECK(got[2].elapsed_ms >= timeout_s * 1000 - 100);  // its own deadline, from when it started
  CHECK((got[4].kind == Outcome::Kind::OutOfMemory ||
         (got[4].kind == Outcome::Kind::Record && status_of(got[4]) == "out_of_memory")));
  for (size_t i : {1u, 3u, 5u}) {
    INFO(names[i] << ": kind " << int(got[i].kind) << " " << got[i].detail);
    REQUIRE(got[i].kind == Outcome::Kind::Record);
    CHECK(status_of(got[i]) == "ok");
  }
  for (size_t i = 6; i < 10; ++i) {
    REQUIRE(got[i].kind == Outcome::Kind::Record);
    CHECK(status_of(got[i]) == "not_found");
  }
  CHECK(pool.started() >= 4);  // the first worker and one per failure
  fs::remove_all(d);
}

TEST_CASE("the fault switch is inert unless asked", "[batch]") {
  CHECK(TestFault::parse("").empty());
  CHECK(TestFault::parse("nonsense").empty());
  CHECK_FALSE(TestFault::parse("crash:x").empty());
  TestFault::parse("crash:zzz").inject("fine.docx");  // no match: returns
}

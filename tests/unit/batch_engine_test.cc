// run_batch end to end in-process: store, outputs, reruns, --force, shards.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>

#include "batch/engine.h"
#include "batch/store.h"
#include "rules/rulebook.h"

using namespace itax;
using namespace itax::batch;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const Rulebook> rules() {
  static auto r = Rulebook::load(ITAX_RULES).value();
  return r;
}

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("itax_batch_engine_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::vector<std::string> inputs(const fs::path& in) {
  std::vector<std::string> v;
  for (const char* s : {"ko_2566_content_controls.docx", "other_agency_wingdings.docx", "thai_digits_formfields.docx"}) {
    fs::copy_file(fs::path(ITAX_SAMPLES) / s, in / s);
    v.push_back((in / s).string());
  }
  v.push_back((in / "again.docx").string());  // the same bytes as the first: one document
  fs::copy_file(fs::path(ITAX_SAMPLES) / "ko_2566_content_controls.docx", in / "again.docx");
  std::ofstream(in / "empty.docx").close();
  v.push_back((in / "empty.docx").string());
  v.push_back((in / "missing.docx").string());
  return v;
}

BatchOptions options(const std::vector<std::string>& in, const fs::path& out) {
  BatchOptions o;
  o.inputs = in;
  o.out_dir = out.string();
  o.jobs = 2;
  o.progress = false;
  o.handle_signals = false;
  return o;
}

std::int64_t count(const fs::path& store, const std::string& sql) {
  Store s(store.string());
  Stmt q(s.db(), sql);
  return q.step() ? q.int64(0) : -1;
}

}  // namespace

TEST_CASE("a batch stores each document once; a rerun skips them; --force redoes them", "[batch]") {
  fs::path d = temp_dir("rerun");
  fs::create_directories(d / "in");
  auto in = inputs(d / "in");
  BatchOptions o = options(in, d / "out");

  BatchResult r = run_batch(o, rules());
  REQUIRE_FALSE(r.run_failed());
  CHECK(r.counts.total == 6);
  CHECK(r.counts.ok == 3);
  CHECK(r.counts.failed == 2);  // empty, missing
  CHECK(r.counts.duplicates == 1);
  CHECK(r.some_failed());
  CHECK(r.counts.errors.at("empty_file") == 1);
  CHECK(r.counts.errors.at("not_found") == 1);
  fs::path store = d / "out" / "itax.sqlite";
  CHECK(count(store, "SELECT count(*) FROM documents") == 5);
  CHECK(count(store, "SELECT count(*) FROM documents WHERE status='ok' AND items_done > 0") == 3);
  for (const char* f : {"results.jsonl", "summary.csv", "flags.csv", "ko_2566_content_controls.docx.json",
                        "empty.docx.json", "missing.docx.json"})
    CHECK(fs::exists(d / "out" / f));
  CHECK_FALSE(fs::exists(d / "out" / "again.docx.json"));

  fs::remove(d / "out" / "thai_digits_formfields.docx.json");
  r = run_batch(o, rules());
  CHECK(r.counts.stored == 3);
  CHECK(r.counts.ok == 0);
  CHECK(r.counts.failed == 2);  // unreadable inputs are always redone (they cost nothing)
  CHECK(count(store, "SELECT count(*) FROM documents") == 5);
  CHECK(fs::exists(d / "out" / "thai_digits_formfields.docx.json"));  // restored from the store

  o.force = true;
  r = run_batch(o, rules());
  CHECK(r.counts.stored == 0);
  CHECK(r.counts.ok == 3);
  CHECK(count(store, "SELECT count(*) FROM documents") == 5);
  fs::remove_all(d);
}

TEST_CASE("shards split the inputs without overlap", "[batch]") {
  fs::path d = temp_dir("shards");
  fs::create_directories(d / "in");
  auto in = inputs(d / "in");
  std::size_t processed = 0, other = 0;
  for (unsigned k = 0; k < 3; ++k) {
    BatchOptions o = options(in, d / ("out" + std::to_string(k)));
    o.shard = Shard{k, 3};
    BatchResult r = run_batch(o, rules());
    REQUIRE_FALSE(r.run_failed());
    processed += r.counts.processed() + r.counts.duplicates;
    other += r.counts.other_shard;
  }
  CHECK(processed == 6);
  CHECK(other == 12);
  fs::remove_all(d);
}

TEST_CASE("a store that cannot be written fails the run", "[batch]") {
  fs::path d = temp_dir("nostore");
  std::ofstream(d / "file").close();
  BatchOptions o = options({std::string(ITAX_SAMPLES) + "/ko_2566_content_controls.docx"}, d / "file" / "out");
  BatchResult r = run_batch(o, rules());
  CHECK(r.run_failed());
  fs::remove_all(d);
}

TEST_CASE("a store that fails mid-run: the summary counts only what it holds", "[batch]") {
  // The store's file may not grow past a limit (RLIMIT_FSIZE, in a child
  // process so the limit binds nothing else): a commit fails with the disk
  // "full". The documents of the rolled-back group must not be counted as
  // processed; they are unsaved, and a rerun without the limit does them.
  fs::path d = temp_dir("storefull");
  std::vector<std::string> in;
  for (const auto& e : fs::directory_iterator(ITAX_SAMPLES))
    if (e.path().extension() == ".pdf" || e.path().extension() == ".docx") in.push_back(e.path().string());
  std::sort(in.begin(), in.end());
  REQUIRE(in.size() >= 6);
  BatchOptions o = options(in, d / "out");
  o.jobs = 1;
  const fs::path store = d / "out" / "itax.sqlite";
  fs::create_directories(d / "out");
  { Store empty(store.string()); }
  std::uintmax_t start = 0;
  for (const auto& e : fs::directory_iterator(d / "out")) start = std::max(start, fs::file_size(e.path()));

  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead
    rlimit lim{start + (256u << 10), start + (256u << 10)};
    ::setrlimit(RLIMIT_FSIZE, &lim);
    BatchResult r = run_batch(o, rules());
    const std::size_t out[] = {r.run_failed() ? 1u : 0u, r.counts.ok, r.counts.failed, r.counts.unsaved,
                               r.run_error.find("rerun the same command") != std::string::npos ? 1u : 0u};
    (void)!::write(fds[1], out, sizeof out);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::size_t got[5] = {};
  const ssize_t n = ::read(fds[0], got, sizeof got);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(n == static_cast<ssize_t>(sizeof got));
  CHECK(got[0] == 1);  // the run failed
  CHECK(got[3] > 0);   // some finished documents were lost with the group
  CHECK(got[4] == 1);  // and the message says what to do
  const std::int64_t held = count(store, "SELECT count(*) FROM documents");
  CHECK(static_cast<std::int64_t>(got[1] + got[2]) == held);
  CHECK(got[1] + got[2] + got[3] <= in.size());

  BatchResult again = run_batch(o, rules());
  CHECK_FALSE(again.run_failed());
  CHECK(static_cast<std::int64_t>(again.counts.stored) == held);
  CHECK(again.counts.stored + again.counts.ok + again.counts.failed == in.size());
  CHECK(again.counts.unsaved == 0);
  fs::remove_all(d);
}

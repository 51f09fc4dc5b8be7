// run_batch end to end in-process: store, outputs, reruns, --force, shards.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

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

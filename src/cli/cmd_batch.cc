// itax batch: many documents through worker processes into a results store
// (src/batch); this file only reads options and maps the outcome to an exit code.
#include <sys/resource.h>

#include <cstdio>
#include <iostream>

#include <spdlog/spdlog.h>

#include "batch/engine.h"
#include "batch/input_list.h"
#include "cli/allocator.h"
#include "cli/common.h"
#include "pipeline/stage_stats.h"

namespace itax::cli {

namespace {

struct BatchCliOptions {
  std::vector<std::string> inputs;
  std::string rules_dir, shard;
  bool no_json_files = false;
  bool stats = false;
  batch::BatchOptions b;
};

// --stats for a batch: the stages run in the workers, so this reports what
// the parent sees: wall time, CPU of the parent (and where it went) and of
// its (reaped) workers, and the largest worker's peak RSS.
void print_batch_stats(const batch::BatchResult& r, const StageTime& startup, double wall_ms) {
  rusage self{}, kids{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &kids);
  auto cpu_ms = [](const rusage& u) {
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
  };
  std::fprintf(stderr,
               "{\"documents\":%zu,\"errors\":%zu,\"wall_ms\":%.1f,\"startup_ms\":%.2f,\"parent_cpu_ms\":%.1f,"
               "\"parent_split_cpu_ms\":{\"inputs\":%.1f,\"answers\":%.1f,\"store\":%.1f,\"outputs\":%.1f},"
               "\"workers_cpu_ms\":%.1f,\"parent_peak_rss_mb\":%.1f,\"worker_peak_rss_mb\":%.1f}\n",
               r.counts.processed(), r.counts.failed, wall_ms, startup.wall_ms, cpu_ms(self), r.parent.inputs.cpu_ms,
               r.parent.answers.cpu_ms, r.parent.store.cpu_ms, r.parent.outputs.cpu_ms, cpu_ms(kids),
               self.ru_maxrss / 1024.0, kids.ru_maxrss / 1024.0);
}

int run_batch_command(BatchCliOptions& o) {
  StageTimer command;
  if (!o.shard.empty()) {
    std::string err;
    auto s = batch::parse_shard(o.shard, &err);
    if (!s) {
      std::fprintf(stderr, "itax: %s\n", err.c_str());
      return kUsage;
    }
    o.b.shard = *s;
  }
  if (o.b.timeout_s <= 0) {
    std::fprintf(stderr, "itax: --timeout must be above 0 seconds\n");
    return kUsage;
  }
  if (o.b.max_memory_mb < 64) {
    std::fprintf(stderr, "itax: --max-memory must be at least 64 MB\n");
    return kUsage;
  }
  StageTimer startup_timer;
  auto rules = load_rules_or_report(find_rules_dir(o.rules_dir));
  if (!rules) return kUsage;
  StageTime startup;
  startup_timer.stop(startup);
  o.b.inputs = batch::collect_inputs(o.inputs, std::cin);
  if (o.b.inputs.empty()) spdlog::warn("no .docx or .pdf files found in the inputs");
  o.b.json_files = !o.no_json_files;
  o.b.progress = spdlog::default_logger()->should_log(spdlog::level::info);
  keep_freed_memory(true);  // this process: see cli/allocator.h
  o.b.worker_start = [] { keep_freed_memory(false); };
  batch::BatchResult r = batch::run_batch(o.b, rules);
  if (o.stats) {
    StageTime total;
    command.stop(total);
    print_batch_stats(r, startup, total.wall_ms);
  }
  if (r.run_failed()) {
    std::fprintf(stderr, "itax: the run failed: %s\n", r.run_error.c_str());
    return kRunFailed;
  }
  return r.some_failed() ? kSomeFailed : kOk;
}

}  // namespace

Command add_batch_command(CLI::App& app) {
  auto o = std::make_shared<BatchCliOptions>();
  CLI::App* sub = app.add_subcommand(
      "batch", "Process many documents in worker processes into a results store (SQLite) with CSV/JSONL outputs");
  sub->add_option("INPUT", o->inputs, ".docx/.pdf files, directories (recursive), or - for paths on stdin")
      ->required();
  sub->add_option("--out", o->b.out_dir, "Directory for the store, results.jsonl, summary.csv, flags.csv and <file>.json")
      ->capture_default_str();
  sub->add_option("--store", o->b.store_path, "Results store (default: DIR/itax.sqlite)");
  sub->add_option("--jobs,-j", o->b.jobs, "Worker processes (default: the number of cores)")
      ->check(CLI::Range(1u, 1024u));
  sub->add_option("--timeout", o->b.timeout_s, "Seconds one document may take before its worker is stopped")
      ->capture_default_str();
  sub->add_option("--max-memory", o->b.max_memory_mb, "Memory (MB) one worker may use for one document")
      ->capture_default_str();
  sub->add_option("--shard", o->shard, "Take only shard K of N (K counts from 0), chosen by content hash");
  sub->add_flag("--force", o->b.force, "Redo documents the store already holds for these rules");
  sub->add_flag("--retry-errors", o->b.retry_errors, "Redo documents stored with an error record");
  sub->add_flag("--jsonl", o->b.jsonl, "Also write each record of this run to stdout, one per line");
  sub->add_flag("--no-json-files", o->no_json_files, "Do not write DIR/<file>.json per document");
  sub->add_option("--rules", o->rules_dir, "Rules directory (default: $ITAX_RULES, ./rules, built-in)");
  sub->add_flag("--stats", o->stats, "Print wall time, CPU and peak worker RSS to stderr (one JSON line) at the end");
  return {sub, [o] { return run_batch_command(*o); }};
}

}  // namespace itax::cli

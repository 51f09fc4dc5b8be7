// itax extract: one JSON record per input, to files or as JSON lines.
#include <cstdio>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "cli/common.h"
#include "emit/json_record.h"
#include "pipeline/inputs.h"
#include "pipeline/pipeline.h"
#include "pipeline/stage_stats.h"

namespace itax::cli {
namespace fs = std::filesystem;

namespace {

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string out_dir = "output";
  std::string rules_dir;
  bool jsonl = false;
  std::string stats;  // "", "table" or "json": per-stage counters to stderr at the end
  // Threads working on one PDF. Documents go one after another, so the
  // cores are used within each (itax batch runs documents in parallel).
  int threads = default_page_threads();
};

int run_extract(const ExtractOptions& o) {
  RunStats stats;
  StageTimer command, startup;
  auto rules = load_rules_or_report(find_rules_dir(o.rules_dir));
  if (!rules) return kUsage;
  std::vector<std::string> files = expand_inputs(o.inputs);
  if (files.empty()) {
    spdlog::warn("no .docx or .pdf files found in the inputs");
    return kOk;
  }
  if (!o.jsonl) {
    std::error_code ec;
    fs::create_directories(o.out_dir, ec);
    if (ec) {
      std::fprintf(stderr, "itax: cannot create output directory %s: %s\n", o.out_dir.c_str(),
                   ec.message().c_str());
      return kUsage;
    }
  }
  Pipeline pipeline(rules, ReaderLimits{}, o.threads);
  startup.stop(stats.times[Stage::Startup]);
  OutputNamer namer(o.out_dir);
  size_t failed = 0;
  for (const std::string& path : files) {
    Record rec = pipeline.run(path);
    StageTimer output;
    ++stats.documents;
    stats.pages += rec.input.pages.value_or(0);
    if (rec.error) {
      ++stats.errors;
      ++failed;
      spdlog::error("{}: {} ({})", path, rec.error->message, rec.error->code);
    } else {
      spdlog::info("{}: {} items, {} indicators, {} measures, {} flags", path, rec.report.items.size(),
                   rec.report.indicators.size(), rec.report.measures.size(), rec.report.flags.size());
    }
    auto j = to_json(rec);
    if (o.jsonl) {
      std::string line = dump_json(j, true);
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fflush(stdout);
    } else {
      std::string target = namer.name_for(rec.input.file, rec.input.sha256);
      if (std::string err = write_file_atomic(target, dump_json(j, false) + "\n"); !err.empty()) {
        spdlog::error("{}", err);
        ++failed;
      }
    }
    output.stop(rec.times[Stage::Output]);
    stats.add_document(rec.input.file, rec.input.pages.value_or(0), rec.times);
  }
  if (!o.stats.empty()) {
    StageTime total;
    command.stop(total);
    stats.wall_ms = total.wall_ms;
    stats.peak_rss_mb = peak_rss_mb();
    std::string text = o.stats == "json" ? stats.json() + "\n" : stats.table();
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  spdlog::info("{} input(s), {} ok, {} error record(s){}", files.size(), files.size() - failed, failed,
               o.jsonl ? "" : ", written to " + o.out_dir);
  return failed ? kSomeFailed : kOk;
}

}  // namespace

Command add_extract_command(CLI::App& app) {
  auto o = std::make_shared<ExtractOptions>();
  CLI::App* sub = app.add_subcommand("extract", "Extract one JSON record per input document");
  sub->add_option("INPUT", o->inputs, ".docx/.pdf files or directories (searched recursively)")->required();
  sub->add_option("--out", o->out_dir, "Directory for <file>.json records")->capture_default_str();
  sub->add_option("--rules", o->rules_dir, "Rules directory (default: $ITAX_RULES, ./rules, built-in)");
  sub->add_option("--threads", o->threads, "Threads working on each PDF: reading pages, repairing text (default: the cores, at most 4)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  sub->add_flag("--jsonl", o->jsonl, "Write one JSON record per line to stdout instead of files");
  sub->add_flag_callback("--stats", [o] { o->stats = "table"; },
                         "Print per-stage wall/CPU time and peak RSS to stderr at the end");
  sub->add_flag_callback("--stats-json", [o] { o->stats = "json"; }, "As --stats, as one line of JSON");
  return {sub, [o] { return run_extract(*o); }};
}

}  // namespace itax::cli

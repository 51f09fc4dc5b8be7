// itax: the command line. Parses arguments and hands work to libitax.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "emit/json_record.h"
#include "pipeline/inputs.h"
#include "pipeline/pipeline.h"
#include "rules/rulebook.h"

namespace fs = std::filesystem;
using namespace itax;

namespace {

// Exit codes (README "Exit codes").
constexpr int kOk = 0, kSomeFailed = 1, kUsage = 2;

// --rules, else $ITAX_RULES, else ./rules, else the source tree's rules/.
std::string find_rules_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ITAX_RULES"); env && *env) return env;
  std::error_code ec;
  if (fs::is_regular_file("rules/patterns.yaml", ec)) return "rules";
  return std::string(ITAX_SOURCE_DIR) + "/rules";
}

std::shared_ptr<const Rulebook> load_rules_or_report(const std::string& dir) {
  auto book = Rulebook::load(dir);
  if (!book) {
    std::fprintf(stderr, "itax: rule errors in %s:\n%s\n", dir.c_str(), book.error().message.c_str());
    return nullptr;
  }
  return book.value();
}

int cmd_extract(const std::vector<std::string>& inputs, const std::string& out_dir, const std::string& rules_dir,
                bool jsonl) {
  auto rules = load_rules_or_report(find_rules_dir(rules_dir));
  if (!rules) return kUsage;
  std::vector<std::string> files = expand_inputs(inputs);
  if (files.empty()) {
    spdlog::warn("no .docx or .pdf files found in the inputs");
    return kOk;
  }
  if (!jsonl) {
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) {
      std::fprintf(stderr, "itax: cannot create output directory %s: %s\n", out_dir.c_str(), ec.message().c_str());
      return kUsage;
    }
  }
  Pipeline pipeline(rules);
  OutputNamer namer(out_dir);
  int failed = 0;
  for (const std::string& path : files) {
    Record rec = pipeline.run(path);
    if (rec.error) {
      ++failed;
      spdlog::error("{}: {} ({})", path, rec.error->message, rec.error->code);
    } else {
      spdlog::info("{}: {} items, {} indicators, {} measures, {} flags", path, rec.report.items.size(),
                   rec.report.indicators.size(), rec.report.measures.size(), rec.report.flags.size());
    }
    auto j = to_json(rec);
    if (jsonl) {
      std::string line = dump_json(j, true);
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fputc('\n', stdout);
      std::fflush(stdout);
    } else {
      std::string target = namer.name_for(rec.input.file, rec.input.sha256);
      if (std::string err = write_file_atomic(target, dump_json(j, false) + "\n"); !err.empty()) {
        spdlog::error("{}", err);
        ++failed;
      }
    }
  }
  spdlog::info("{} input(s), {} ok, {} error record(s){}", files.size(), files.size() - failed, failed,
               jsonl ? "" : ", written to " + out_dir);
  return failed ? kSomeFailed : kOk;
}

int cmd_rules_check(const std::string& dir_arg) {
  std::string dir = find_rules_dir(dir_arg);
  auto rules = load_rules_or_report(dir);
  if (!rules) return kUsage;
  std::vector<std::string> failures = rules->check_examples();
  for (const std::string& f : failures) std::fprintf(stderr, "%s/%s\n", dir.c_str(), f.c_str());
  size_t examples = 0;
  for (const PatternRule& r : rules->patterns()) examples += r.examples.size();
  for (const StatusRule& r : rules->status_rules()) examples += r.examples.size();
  if (!failures.empty()) {
    std::fprintf(stderr, "itax: %zu of %zu rule examples failed\n", failures.size(), examples);
    return kUsage;
  }
  std::printf("rules OK: %s (version %s): %zu patterns, %zu status rules, %zu table kinds, %zu units, "
              "%zu checklists; %zu examples pass\n",
              dir.c_str(), rules->version().c_str(), rules->patterns().size(), rules->status_rules().size(),
              rules->table_rules().size(), rules->units().size(), rules->checklists().size(), examples);
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"itax: read Thai ITA reports (DOCX, PDF) into structured JSON"};
  app.set_version_flag("--version", std::string("itax ") + ITAX_VERSION);
  app.require_subcommand(1);
  bool verbose = false, quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output (stderr)");
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");

  std::vector<std::string> inputs;
  std::string out_dir = "output", rules_dir;
  bool jsonl = false;
  auto* extract = app.add_subcommand("extract", "Extract one JSON record per input document");
  extract->add_option("INPUT", inputs, ".docx/.pdf files or directories (searched recursively)")->required();
  extract->add_option("--out", out_dir, "Directory for <file>.json records")->capture_default_str();
  extract->add_option("--rules", rules_dir, "Rules directory (default: $ITAX_RULES, ./rules, built-in)");
  extract->add_flag("--jsonl", jsonl, "Write one JSON record per line to stdout instead of files");
  extract->add_flag("-v,--verbose", verbose, "More log output (stderr)");
  extract->add_flag("-q,--quiet", quiet, "Only errors on stderr");

  auto* rules = app.add_subcommand("rules", "Work with rule files");
  rules->require_subcommand(1);
  std::string check_dir;
  auto* check = rules->add_subcommand("check", "Load, compile and run the examples of every rule; exit 2 on failure");
  check->add_option("DIR", check_dir, "Rules directory");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kUsage;
  }

  auto logger = spdlog::stderr_color_mt("itax");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(quiet ? spdlog::level::err : verbose ? spdlog::level::debug : spdlog::level::info);

  if (*extract) return cmd_extract(inputs, out_dir, rules_dir, jsonl);
  if (*check) return cmd_rules_check(check_dir);
  return kUsage;
}

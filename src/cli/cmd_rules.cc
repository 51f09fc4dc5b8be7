// itax rules check: compile every rule and run every inline example.
#include <cstdio>

#include "cli/common.h"

namespace itax::cli {
namespace {

int run_check(const std::string& dir_arg) {
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

Command add_rules_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  CLI::App* rules = app.add_subcommand("rules", "Work with rule files");
  rules->require_subcommand(1);
  CLI::App* check = rules->add_subcommand("check", "Load, compile and run the examples of every rule; exit 2 on failure");
  check->add_option("DIR", *dir, "Rules directory");
  return {check, [dir] { return run_check(*dir); }};
}

}  // namespace itax::cli

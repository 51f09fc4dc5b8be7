// Shared by the itax subcommands: exit codes, rule loading, registration.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "rules/rulebook.h"

namespace itax::cli {

// Exit codes (README "Exit codes").
constexpr int kOk = 0, kSomeFailed = 1, kUsage = 2, kRunFailed = 3;

// A subcommand and what runs when it was chosen. State captured by `run`
// lives in the closure; each command file owns its options.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// --rules, else $ITAX_RULES, else ./rules, else the source tree's rules/.
std::string find_rules_dir(const std::string& flag);
// Loads rules; prints every file:line problem to stderr and returns null on failure.
std::shared_ptr<const Rulebook> load_rules_or_report(const std::string& dir);
// Threads for reading one PDF's pages when documents go one at a time: the
// machine's cores, at most 4 (beyond that the pages wait on layout).
int default_page_threads();

Command add_extract_command(CLI::App& app);
Command add_rules_command(CLI::App& app);
Command add_explain_command(CLI::App& app);
Command add_text_command(CLI::App& app);
Command add_batch_command(CLI::App& app);
Command add_merge_command(CLI::App& app);

}  // namespace itax::cli

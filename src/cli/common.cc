#include "cli/common.h"

#include <algorithm>
#include <thread>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace itax::cli {

std::string find_rules_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ITAX_RULES"); env && *env) return env;
  std::error_code ec;
  if (std::filesystem::is_regular_file("rules/patterns.yaml", ec)) return "rules";
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

int default_page_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 1u, 4u));
}

}  // namespace itax::cli

// The rule-file loader: the input replaces one YAML file of a private copy
// of rules/ (the first byte picks which), then the whole directory is
// loaded; rules that load have their inline examples run. Rule files are
// written by maintainers, not uploaded, but `itax rules check` must still
// answer a broken file with file:line errors, never a crash.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz_common.h"

using namespace itax;
namespace fs = std::filesystem;

namespace {

struct RulesCopy {
  std::string dir;
  std::vector<std::string> files;      // relative paths of the YAML files
  std::vector<std::string> originals;  // their bytes
  RulesCopy() {
    const char* env = std::getenv("ITAX_RULES");
    fs::path src = env && *env ? env : ITAX_SOURCE_DIR "/rules";
    dir = fuzz::temp_path("rules", "");
    fs::remove_all(dir);
    fs::copy(src, dir, fs::copy_options::recursive);
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".yaml") continue;
      files.push_back(fs::relative(e.path(), dir).string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      std::ifstream in(fs::path(dir) / f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      originals.push_back(ss.str());
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static RulesCopy* copy = new RulesCopy();
  if (size == 0 || copy->files.empty()) return 0;
  std::size_t k = data[0] % copy->files.size();
  const std::string path = (fs::path(copy->dir) / copy->files[k]).string();
  fuzz::write_file(path, data + 1, size - 1);
  auto loaded = Rulebook::load(copy->dir);
  if (loaded) {
    (void)loaded.value()->check_examples();
  } else if (loaded.error().message.empty()) {
    __builtin_trap();
  }
  fuzz::write_file(path, copy->originals[k]);
  return 0;
}

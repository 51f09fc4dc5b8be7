// Replays kept fuzz inputs through the fuzz targets without libFuzzer, so the
// normal and the ASan + UBSan builds (g++) run every input a fuzzer once
// crashed on (fuzz/regressions/TARGET/) as a ctest, fuzz_replay_TARGET.
//
//   fuzz_replay TARGET FILE_OR_DIR...
//
// Each target's LLVMFuzzerTestOneInput is compiled under the name
// itax_<target> (tests/CMakeLists.txt), so all of them live in one binary.
// Exit 0 when every input ran; a crash, trap or sanitizer report ends the
// process as it would end the fuzzer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#define ITAX_FUZZ_TARGETS(X) X(fuzz_docx) X(fuzz_docx_xml) X(fuzz_pdf) X(fuzz_thai) X(fuzz_rules) \
  X(fuzz_dates) X(fuzz_tables) X(fuzz_layout) X(fuzz_answer)

#define DECLARE(t) extern "C" int itax_##t(const std::uint8_t* data, std::size_t size);
ITAX_FUZZ_TARGETS(DECLARE)
#undef DECLARE

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: fuzz_replay TARGET FILE_OR_DIR...\n");
    return 2;
  }
  int (*fn)(const std::uint8_t*, std::size_t) = nullptr;
#define PICK(t) if (std::strcmp(argv[1], #t) == 0) fn = itax_##t;
  ITAX_FUZZ_TARGETS(PICK)
#undef PICK
  if (!fn) {
    std::fprintf(stderr, "fuzz_replay: unknown target %s\n", argv[1]);
    return 2;
  }
  std::vector<fs::path> inputs;
  for (int i = 2; i < argc; ++i) {
    fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file() && e.path().filename() != "README.md") inputs.push_back(e.path());
    } else if (fs::exists(p)) {
      inputs.push_back(p);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& p : inputs) {
    std::ifstream in(p, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "fuzz_replay %s: %s (%zu bytes)\n", argv[1], p.filename().c_str(), bytes.size());
    // A copy of exactly the input's size, as libFuzzer hands it over (so
    // ASan sees a read past the end).
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    fn(data.empty() ? nullptr : data.data(), data.size());
  }
  std::printf("fuzz_replay %s: %zu input(s) ran clean\n", argv[1], inputs.size());
  return 0;
}

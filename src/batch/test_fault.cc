#include "batch/test_fault.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <unistd.h>

namespace itax::batch {

TestFault TestFault::from_env() {
  const char* v = std::getenv(kTestFaultEnv);
  return v ? parse(v) : TestFault{};
}

TestFault TestFault::parse(const std::string& spec) {
  TestFault f;
  size_t i = 0;
  while (i <= spec.size()) {
    size_t j = spec.find(',', i);
    if (j == std::string::npos) j = spec.size();
    std::string one = spec.substr(i, j - i);
    size_t colon = one.find(':');
    if (colon != std::string::npos && colon + 1 < one.size()) f.rules_.push_back({one.substr(0, colon), one.substr(colon + 1)});
    i = j + 1;
  }
  return f;
}

void TestFault::inject(const std::string& file) const {
  for (const Rule& r : rules_) {
    if (file.find(r.part) == std::string::npos) continue;
    if (r.kind == "crash") {
      std::signal(SIGSEGV, SIG_DFL);
      std::raise(SIGSEGV);
    } else if (r.kind == "abort") {
      std::abort();
    } else if (r.kind == "hang") {
      for (;;) ::pause();
    } else if (r.kind == "slow") {
      ::usleep(150'000);
    } else if (r.kind == "oom") {
      // Touch every page so the resident size grows too (the parent's RSS
      // watch catches it where the address-space limit is not set).
      std::vector<std::unique_ptr<char[]>> hog;
      for (;;) {
        constexpr size_t kBlock = 32u << 20;
        hog.emplace_back(new char[kBlock]);
        std::memset(hog.back().get(), 0x5a, kBlock);
      }
    }
  }
}

}  // namespace itax::batch

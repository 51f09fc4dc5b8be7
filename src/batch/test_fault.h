// TEST ONLY. A fault switch that lets the tests make one batch worker crash,
// hang or run out of memory on chosen documents, to check that the batch
// records the failure and goes on. Only a batch worker reads it, and only
// from the environment variable
//
//   ITAX_TEST_FAULT=crash:<name part>,abort:<name part>,hang:<name part>,oom:<name part>,slow:<name part>
//
// (any subset, comma separated): a document whose file name contains <name
// part> triggers the fault just before the worker parses it. `slow` only
// waits 150 ms, so that a test can kill a batch while it is busy however
// fast the machine is. Unset, it does
// nothing; production runs never set it.
#pragma once
#include <string>
#include <vector>

namespace itax::batch {

inline constexpr const char* kTestFaultEnv = "ITAX_TEST_FAULT";

class TestFault {
 public:
  static TestFault from_env();                    // reads ITAX_TEST_FAULT
  static TestFault parse(const std::string& spec);
  bool empty() const { return rules_.empty(); }
  // Crashes (SIGSEGV / SIGABRT), hangs forever, allocates until memory runs
  // out (std::bad_alloc) or waits a little when `file` matches a rule; else returns.
  void inject(const std::string& file) const;

 private:
  struct Rule {
    std::string kind, part;
  };
  std::vector<Rule> rules_;
};

}  // namespace itax::batch

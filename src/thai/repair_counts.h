// Per-document tally of every text repair, so a reviewer sees how damaged
// the source was (emitted as "text_repairs": {kind: count}).
#pragma once
#include <map>
#include <string>

namespace itax::thai {

struct RepairCounts {
  std::map<std::string, int> by_kind;
  void add(const std::string& kind, int n = 1) {
    if (n > 0) by_kind[kind] += n;
  }
  int total() const {
    int t = 0;
    for (const auto& [k, v] : by_kind) t += v;
    return t;
  }
};

}  // namespace itax::thai

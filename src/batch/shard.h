// --shard K/N: a deterministic 1/N of the inputs, chosen by content, so N
// machines given the same input list each take a disjoint share and together
// cover it. K counts from 0 (Kubernetes' JOB_COMPLETION_INDEX).
#pragma once
#include <optional>
#include <string>

namespace itax::batch {

struct Shard {
  unsigned k = 0, n = 1;  // the whole input: 0/1
  bool all() const { return n == 1; }
  std::string str() const { return std::to_string(k) + "/" + std::to_string(n); }
};

// "2/8" -> {2, 8}; nullopt (and a message in *error) unless 0 <= K < N.
std::optional<Shard> parse_shard(const std::string& spec, std::string* error);

// Whether the document with this sha256 (hex) belongs to the shard: the
// first 8 bytes of the hash, big-endian, modulo N. Inputs that cannot be read
// have no content hash: pass sha256_hex(path) for them.
bool in_shard(const Shard& shard, const std::string& sha256_hex);

}  // namespace itax::batch

#include "batch/shard.h"

#include <cstdint>

namespace itax::batch {

std::optional<Shard> parse_shard(const std::string& spec, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Shard> {
    if (error) *error = "--shard " + spec + ": " + why;
    return std::nullopt;
  };
  size_t slash = spec.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == spec.size()) return fail("expected K/N, e.g. 0/4");
  auto number = [](const std::string& s, unsigned& out) {
    if (s.empty() || s.size() > 9) return false;
    unsigned v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + static_cast<unsigned>(c - '0');
    }
    out = v;
    return true;
  };
  Shard s;
  if (!number(spec.substr(0, slash), s.k) || !number(spec.substr(slash + 1), s.n))
    return fail("K and N must be whole numbers");
  if (s.n == 0) return fail("N must be at least 1");
  if (s.k >= s.n) return fail("K counts from 0 and must be below N");
  return s;
}

bool in_shard(const Shard& shard, const std::string& sha256_hex) {
  if (shard.n <= 1) return true;
  std::uint64_t v = 0;
  for (size_t i = 0; i < 16 && i < sha256_hex.size(); ++i) {
    char c = sha256_hex[i];
    unsigned d = c >= '0' && c <= '9' ? unsigned(c - '0') : c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
               : c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10) : 0;
    v = (v << 4) | d;
  }
  return v % shard.n == shard.k;
}

}  // namespace itax::batch

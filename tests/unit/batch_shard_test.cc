// --shard K/N: parsing and a deterministic partition by content hash.
#include <catch2/catch.hpp>

#include <set>

#include "batch/shard.h"
#include "util/sha256.h"

using namespace itax;
using namespace itax::batch;

TEST_CASE("parse_shard accepts K/N with 0 <= K < N", "[batch]") {
  std::string err;
  auto s = parse_shard("2/8", &err);
  REQUIRE(s);
  CHECK(s->k == 2);
  CHECK(s->n == 8);
  CHECK(s->str() == "2/8");
  CHECK(parse_shard("0/1", &err));
  for (const char* bad : {"", "3", "/4", "4/", "4/4", "5/4", "1/0", "a/b", "-1/4", "1/4/2", "1.5/4"}) {
    err.clear();
    CHECK_FALSE(parse_shard(bad, &err));
    CHECK_FALSE(err.empty());
  }
}

TEST_CASE("every hash falls in exactly one shard, and the shards are about even", "[batch]") {
  const unsigned n = 3;
  std::vector<int> sizes(n);
  for (int i = 0; i < 3000; ++i) {
    std::string h = sha256_hex("document " + std::to_string(i));
    int in = 0;
    for (unsigned k = 0; k < n; ++k)
      if (in_shard(Shard{k, n}, h)) {
        ++in;
        ++sizes[k];
      }
    CHECK(in == 1);
    CHECK(in_shard(Shard{}, h));  // no --shard: everything
  }
  for (int s : sizes) CHECK((s > 900 && s < 1100));
}

TEST_CASE("shard choice depends only on the hash", "[batch]") {
  std::string h = sha256_hex("same bytes");
  for (unsigned k = 0; k < 5; ++k) CHECK(in_shard(Shard{k, 5}, h) == in_shard(Shard{k, 5}, std::string(h)));
  // The first 8 bytes, big-endian, modulo N.
  CHECK(in_shard(Shard{0, 2}, "0000000000000002" + std::string(48, 'f')));
  CHECK(in_shard(Shard{1, 2}, "0000000000000003" + std::string(48, '0')));
  CHECK(in_shard(Shard{1, 16}, "0000000000000011" + std::string(48, '0')));
}

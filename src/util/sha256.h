// SHA-256 (FIPS 180-4): identifies inputs in records and stores.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace itax {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t n);
  std::array<std::uint8_t, 32> finish();
  std::string finish_hex();

 private:
  void block(const std::uint8_t* p);
  std::uint32_t h_[8];
  std::uint8_t buf_[64];
  size_t fill_ = 0;
  std::uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view data);

}  // namespace itax

// SHA-256 (FIPS 180-4): identifies inputs in records and stores. OpenSSL's
// libcrypto does the work: it uses the CPU's SHA instructions where there
// are some, several times faster than plain C on the inputs' bytes. Its
// low-level SHA256_* calls, not EVP: EVP's first digest initializes the
// provider machinery, about 5 M instructions per process (1 ms), more than
// hashing a whole report.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>


namespace itax {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, size_t n);
  std::array<std::uint8_t, 32> finish();
  std::string finish_hex();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

std::string sha256_hex(std::string_view data);

}  // namespace itax

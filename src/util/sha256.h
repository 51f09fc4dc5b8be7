// SHA-256 (FIPS 180-4): identifies inputs in records and stores. OpenSSL's
// libcrypto does the work: it uses the CPU's SHA instructions where there
// are some, several times faster than plain C on the inputs' bytes.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;

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
  EVP_MD_CTX* ctx_;
};

std::string sha256_hex(std::string_view data);

}  // namespace itax

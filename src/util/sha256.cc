#include "util/sha256.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP (see
// the header for why they are used) but remain part of its API.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace itax {

struct Sha256::State {
  SHA256_CTX ctx;
};

Sha256::Sha256() : s_(std::make_unique<State>()) { SHA256_Init(&s_->ctx); }

Sha256::~Sha256() = default;

void Sha256::update(const void* data, size_t n) {
  if (n > 0) SHA256_Update(&s_->ctx, data, n);
}

std::array<std::uint8_t, 32> Sha256::finish() {
  std::array<std::uint8_t, 32> out{};
  SHA256_Final(out.data(), &s_->ctx);
  return out;
}

std::string Sha256::finish_hex() {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(64);
  for (std::uint8_t b : finish()) {
    s.push_back(kHex[b >> 4]);
    s.push_back(kHex[b & 15]);
  }
  return s;
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return h.finish_hex();
}

}  // namespace itax

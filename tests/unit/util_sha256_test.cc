#include <catch2/catch.hpp>

#include "util/sha256.h"
#include "util/utf8.h"

using namespace itax;

TEST_CASE("sha256 matches FIPS 180-4 test vectors", "[util]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 h;  // fed in uneven pieces
  std::string million(1000000, 'a');
  h.update(million.data(), 3);
  h.update(million.data() + 3, million.size() - 3);
  CHECK(h.finish_hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("utf8 helpers", "[util]") {
  std::string s = "ก้อ";
  CHECK(utf8::decode(s).size() == 3);
  CHECK(utf8::decode_at(s, 0) == 0x0E01);
  CHECK(utf8::decode_before(s, s.size()) == 0x0E2D);
  CHECK(utf8::encode(utf8::decode(s)) == s);
  CHECK(utf8::decode_at("\xE0\x80", 0) == 0xFFFD);  // truncated sequence
}

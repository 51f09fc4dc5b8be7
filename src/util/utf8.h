// Small UTF-8 helpers for scanning text byte-wise without ICU round trips.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace itax::utf8 {

// Length of the sequence a lead byte starts (1 for invalid bytes).
inline size_t seq_len(unsigned char c) {
  return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

// Code point at byte `i` (U+FFFD for a broken sequence).
char32_t decode_at(std::string_view s, size_t i);
// Code point that ends just before byte `i`.
char32_t decode_before(std::string_view s, size_t i);
std::u32string decode(std::string_view s);
void append(std::string& out, char32_t cp);
std::string encode(std::u32string_view s);

// A letter of any script, Thai vowels and marks included.
bool is_letter(char32_t c);
inline bool is_thai(char32_t c) { return c >= 0x0E01 && c <= 0x0E5B; }

}  // namespace itax::utf8

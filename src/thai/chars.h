// Thai character classes by code point, and a minimal UTF-8 decoder/encoder.
// Internal to src/thai/: the mechanism the repairs are built from. The
// classes follow the Unicode Thai block layout (U+0E00..U+0E7F).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace itax::thai::chars {

// --- classes ---------------------------------------------------------------

constexpr bool is_consonant(char32_t c) { return c >= 0x0E01 && c <= 0x0E2E; }

// Vowels written before the consonant they are pronounced after: a word
// never ends on one.
constexpr bool is_lead_vowel(char32_t c) { return c >= 0x0E40 && c <= 0x0E44; }

// Vowels written after the consonant (SARA A, SARA AA, SARA AM, LAKKHANGYAO):
// spacing, but a word never starts with one.
constexpr bool is_follow_vowel(char32_t c) {
  return c == 0x0E30 || c == 0x0E32 || c == 0x0E33 || c == 0x0E45;
}

// Vowels drawn above the consonant. MAITAIKHU (U+0E47) and NIKHAHIT
// (U+0E4D) sit there too but are listed separately: they never carry a
// tone mark above them the way these do.
constexpr bool is_upper_vowel(char32_t c) {
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E37);
}

constexpr bool is_tone_mark(char32_t c) { return c >= 0x0E48 && c <= 0x0E4B; }

// Marks drawn on top of the stack, after any upper vowel: tone marks and
// THANTHAKHAT.
constexpr bool is_top_mark(char32_t c) { return is_tone_mark(c) || c == 0x0E4C; }

// Non-spacing marks: they belong to the consonant before them and can never
// start a word (upper/lower vowels, PHINTHU, MAITAIKHU .. YAMAKKAN).
constexpr bool is_combining(char32_t c) {
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

constexpr bool is_thai_digit(char32_t c) { return c >= 0x0E50 && c <= 0x0E59; }

// Letters and marks that make up Thai words: the block minus digits, the
// currency sign and the punctuation-like PAIYANNOI, MAIYAMOK, FONGMAN,
// ANGKHANKHU, KHOMUT (these take spaces around them by convention).
constexpr bool is_thai_letter(char32_t c) {
  return (c >= 0x0E01 && c <= 0x0E3A && c != 0x0E2F) ||
         (c >= 0x0E40 && c <= 0x0E4E && c != 0x0E46);
}

// Zero-width and invisible formatting characters that carry no text:
// ZWSP, ZWNJ, ZWJ, BOM/ZWNBSP, soft hyphen.
constexpr bool is_invisible(char32_t c) {
  return (c >= 0x200B && c <= 0x200D) || c == 0xFEFF || c == 0x00AD;
}

// Horizontal spaces collapse_spaces folds into one ASCII space.
constexpr bool is_hspace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0x00A0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

// --- UTF-8 -----------------------------------------------------------------

constexpr char32_t kBad = 0xFFFD;

// Decodes the code point at s[*i] and advances *i past it. Malformed
// sequences yield U+FFFD and advance one byte, so decoding always progresses.
inline char32_t next_cp(std::string_view s, size_t* i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const size_t n = s.size();
  const unsigned char c0 = b(*i);
  if (c0 < 0x80) {
    ++*i;
    return c0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c0 & 0xE0) == 0xC0) len = 2, cp = c0 & 0x1F;
  else if ((c0 & 0xF0) == 0xE0) len = 3, cp = c0 & 0x0F;
  else if ((c0 & 0xF8) == 0xF0) len = 4, cp = c0 & 0x07;
  if (len == 0 || *i + len > n) {
    ++*i;
    return kBad;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char ck = b(*i + k);
    if ((ck & 0xC0) != 0x80) {
      ++*i;
      return kBad;
    }
    cp = (cp << 6) | (ck & 0x3F);
  }
  *i += len;
  return cp;
}

// Decodes the code point that ends just before s[*i] and moves *i to its start.
inline char32_t prev_cp(std::string_view s, size_t* i) {
  size_t start = *i - 1;
  while (start > 0 && *i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
    --start;
  size_t j = start;
  const char32_t cp = next_cp(s, &j);
  if (j != *i) {  // malformed tail: step back one byte only
    *i -= 1;
    return kBad;
  }
  *i = start;
  return cp;
}

inline void append_utf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// No early exit on purpose: the OR reduction vectorizes, which beats
// branching per byte on the mostly-short strings we see.
inline bool is_ascii(std::string_view s) {
  unsigned char acc = 0;
  for (unsigned char c : s) acc |= c;
  return acc < 0x80;
}

}  // namespace itax::thai::chars

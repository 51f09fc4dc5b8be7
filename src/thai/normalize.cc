// Character-level repair of Thai text. Every repair here is decided by code
// point classes alone (no dictionary), so it is safe on any input: each rule
// fires only on sequences that never occur in correctly typed Thai.
//
// Shape of normalize(): pure ASCII returns at once; otherwise NFC (only if
// the text is not NFC already), then one scan that looks for anything to
// repair, and only if it finds something the code-point repair pass and a
// second NFC. Clean Thai text therefore costs two linear scans and no
// allocation beyond the returned copy.
#include "thai/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <array>
#include <charconv>
#include <vector>

#include "thai/chars.h"

namespace itax::thai {
namespace {

using namespace chars;

// --- NFC -------------------------------------------------------------------

// ICU's instance is itself a process-wide singleton; caching the pointer
// saves the lookup and the error plumbing on every call.
const icu::Normalizer2* nfc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

// Returns true and replaces *s if NFC changes it.
bool apply_nfc(std::string* s) {
  const icu::Normalizer2* n = nfc();
  if (n == nullptr) return false;
  UErrorCode status = U_ZERO_ERROR;
  if (n->isNormalizedUTF8(*s, status) || U_FAILURE(status)) return false;
  std::string out;
  out.reserve(s->size());
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  n->normalizeUTF8(0, *s, sink, nullptr, status);
  if (U_FAILURE(status) || out == *s) return false;
  *s = std::move(out);
  return true;
}

// --- PUA positional glyphs ---------------------------------------------------

// Shifted glyph copies some Thai fonts carry (HarfBuzz's Thai shaper tables,
// see docs/reference): index = code point - table start.
constexpr std::array<char32_t, 27> kPuaWindows = {
    0x0E10,                                  // F700 THO THAN, no descender
    0x0E34, 0x0E35, 0x0E36, 0x0E37,          // F701..F704 upper vowels, left
    0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,  // F705..F709 tones, down-left
    0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,  // F70A..F70E tones, down
    0x0E0D,                                  // F70F YO YING, no descender
    0x0E31, 0x0E4D, 0x0E47,                  // F710..F712 left
    0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,  // F713..F717 tones, left
    0x0E38, 0x0E39, 0x0E3A,                  // F718..F71A lower, down
};
constexpr std::array<char32_t, 27> kPuaMac = {
    0x0E31,                                  // F884 MAI HAN-AKAT, left
    0x0E34, 0x0E35, 0x0E36, 0x0E37,          // F885..F888 upper vowels, left
    0x0E47,                                  // F889 MAITAIKHU, left
    0x0E48, 0x0E48, 0x0E48,                  // F88A..F88C each tone: left,
    0x0E49, 0x0E49, 0x0E49,                  //   down, down-left
    0x0E4A, 0x0E4A, 0x0E4A,                  //
    0x0E4B, 0x0E4B, 0x0E4B,                  //
    0x0E4C, 0x0E4C, 0x0E4C,                  // F896..F898 THANTHAKHAT
    0x0E4D,                                  // F899 NIKHAHIT, left
    0x0E0D,                                  // F89A YO YING, no descender
    0x0E38, 0x0E39, 0x0E3A,                  // F89B..F89D lower, down
    0x0E10,                                  // F89E THO THAN, no descender
};

// Standard Thai for a PUA glyph, or 0 if `c` is not one.
constexpr char32_t pua_to_thai(char32_t c) {
  if (c >= 0xF700 && c < 0xF700 + kPuaWindows.size()) return kPuaWindows[c - 0xF700];
  if (c >= 0xF884 && c < 0xF884 + kPuaMac.size()) return kPuaMac[c - 0xF884];
  return 0;
}

// --- tallies -----------------------------------------------------------------

// Counted locally and flushed once: RepairCounts keys are strings, too
// costly to build per repaired character.
enum Kind {
  kZeroWidth, kSaraAmDecomposed, kSaraAmDoubled, kDuplicateMark, kPuaGlyph,
  kSaraEDoubled, kMarkOrder, kSpaceBeforeMark, kKindCount
};
constexpr const char* kKindNames[kKindCount] = {
    "zero_width", "sara_am_decomposed", "sara_am_doubled", "duplicate_mark",
    "pua_glyph",  "sara_e_doubled",     "mark_order",      "space_before_mark"};

struct Tally {
  std::array<int, kKindCount> n{};
  void flush(RepairCounts* counts) const {
    if (counts == nullptr) return;
    for (int k = 0; k < kKindCount; ++k) counts->add(kKindNames[k], n[k]);
  }
};

constexpr char32_t kNikhahit = 0x0E4D, kSaraAa = 0x0E32, kSaraAm = 0x0E33,
                   kSaraE = 0x0E40, kSaraAe = 0x0E41;

// --- detection -----------------------------------------------------------------

// True if `c`, after `p1` (and `p2` before that), starts something the
// repair pass would change. Kept in step with repair_pass() below.
bool triggers(char32_t p2, char32_t p1, char32_t c) {
  if (is_invisible(c) || pua_to_thai(c) != 0) return true;
  if (c == kSaraAa)
    return p1 == kNikhahit || p1 == kSaraAm || (is_tone_mark(p1) && p2 == kNikhahit);
  if (c == kSaraE) return p1 == kSaraE;
  if (is_combining(c)) return c == p1 || p1 == ' ' || (is_upper_vowel(c) && is_top_mark(p1));
  return false;
}

bool needs_repair(std::string_view s) {
  char32_t p2 = 0, p1 = 0;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = next_cp(s, &i);
    if (triggers(p2, p1, c)) return true;
    p2 = p1;
    p1 = c;
  }
  return false;
}

// --- repair ----------------------------------------------------------------------

// Decodes `s`, mapping PUA glyphs and dropping invisible characters first so
// the contextual rules below see standard Thai only.
std::vector<char32_t> decode_mapped(std::string_view s, Tally* t) {
  std::vector<char32_t> cps;
  cps.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c = next_cp(s, &i);
    if (is_invisible(c)) {
      ++t->n[kZeroWidth];
      continue;
    }
    if (const char32_t m = pua_to_thai(c)) {
      ++t->n[kPuaGlyph];
      c = m;
    }
    cps.push_back(c);
  }
  return cps;
}

// SARA AA after NIKHAHIT (optionally with a tone mark between, the order
// legacy input produced for e.g. a toned SARA AM) is a decomposed SARA AM;
// after a SARA AM it is a stray copy. Returns true if `out` absorbed it.
bool absorb_sara_aa(std::vector<char32_t>* out, Tally* t) {
  const size_t n = out->size();
  if (n >= 1 && (*out)[n - 1] == kNikhahit) {
    (*out)[n - 1] = kSaraAm;
    ++t->n[kSaraAmDecomposed];
    return true;
  }
  if (n >= 2 && is_tone_mark((*out)[n - 1]) && (*out)[n - 2] == kNikhahit) {
    (*out)[n - 2] = (*out)[n - 1];  // tone stays on the consonant,
    (*out)[n - 1] = kSaraAm;        // SARA AM follows it
    ++t->n[kSaraAmDecomposed];
    return true;
  }
  if (n >= 1 && (*out)[n - 1] == kSaraAm) {
    ++t->n[kSaraAmDoubled];
    return true;
  }
  return false;
}

// An upper vowel typed after the tone mark of the same consonant: NFC leaves
// this alone (upper vowels have combining class 0), so swap them here.
bool reorder_upper_vowel(std::vector<char32_t>* out, char32_t vowel, Tally* t) {
  const size_t n = out->size();
  if (n < 2 || !is_top_mark((*out)[n - 1]) || !is_consonant((*out)[n - 2])) return false;
  const char32_t mark = (*out)[n - 1];
  (*out)[n - 1] = vowel;
  out->push_back(mark);
  ++t->n[kMarkOrder];
  return true;
}

// End of the run of ASCII spaces starting at `i`.
size_t skip_spaces(const std::vector<char32_t>& in, size_t i) {
  while (i < in.size() && in[i] == ' ') ++i;
  return i;
}

std::string repair_pass(std::string_view s, Tally* t) {
  const std::vector<char32_t> in = decode_mapped(s, t);
  std::vector<char32_t> out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    const char32_t prev = out.empty() ? 0 : out.back();
    if (c == ' ') {
      // Spaces PDF extraction put between a Thai character and the mark
      // that belongs on it ("ต ัว"): a mark never starts a word.
      const size_t j = skip_spaces(in, i);
      if (j < in.size() && is_combining(in[j]) && is_thai_letter(prev)) {
        ++t->n[kSpaceBeforeMark];
        i = j - 1;
        continue;
      }
      out.insert(out.end(), in.begin() + i, in.begin() + j);
      i = j - 1;
      continue;
    }
    if (c == kSaraAa && absorb_sara_aa(&out, t)) continue;
    if (c == kSaraE && prev == kSaraE) {  // "เเ" typed for SARA AE
      out.back() = kSaraAe;
      ++t->n[kSaraEDoubled];
      continue;
    }
    if (is_combining(c) && c == prev) {  // no Thai mark is ever doubled
      ++t->n[kDuplicateMark];
      continue;
    }
    if (is_upper_vowel(c) && reorder_upper_vowel(&out, c, t)) continue;
    out.push_back(c);
  }
  std::string result;
  result.reserve(s.size());
  for (char32_t c : out) append_utf8(&result, c);
  return result;
}

// --- whitespace --------------------------------------------------------------

// Shared by collapse_spaces and one_line: horizontal space runs become one
// space, lines are trimmed, blank lines dropped; line breaks (\n, \r\n, \r,
// U+2028/2029) become `line_sep`.
// Bytes that may start a space or a line break: ASCII controls and space,
// and the lead bytes of U+00A0, U+2000..U+205F and U+3000. Every other byte
// is content (Thai letters lead with E0), so runs of them are copied whole.
constexpr bool may_be_space(unsigned char b) {
  return b == ' ' || (b >= '\t' && b <= '\r') || b == 0xC2 || b == 0xE2 || b == 0xE3;
}

std::string collapse(std::string_view text, char line_sep) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;  // a space run seen inside the current line
  bool pending_break = false;  // a line break seen after some content
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    if (!may_be_space(static_cast<unsigned char>(text[i]))) {
      while (i < text.size() && !may_be_space(static_cast<unsigned char>(text[i]))) ++i;
      if (pending_break) out.push_back(line_sep);
      else if (pending_space) out.push_back(' ');
      pending_break = pending_space = false;
      out.append(text.substr(start, i - start));
      continue;
    }
    const char32_t c = next_cp(text, &i);
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
      pending_break = !out.empty();
      pending_space = false;
      continue;
    }
    if (is_hspace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_break) out.push_back(line_sep);
    else if (pending_space) out.push_back(' ');
    pending_break = pending_space = false;
    out.append(text.substr(start, i - start));
  }
  return out;
}

// Value of an ASCII or Thai digit, or -1.
int digit_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (is_thai_digit(c)) return static_cast<int>(c - 0x0E50);
  return -1;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// Folds digits to ASCII and keeps only sign, '.' and ','; false on any
// other character.
bool fold_number_chars(std::string_view text, std::string* out) {
  for (size_t i = 0; i < text.size();) {
    const char32_t c = next_cp(text, &i);
    const int d = digit_value(c);
    if (d >= 0) out->push_back(static_cast<char>('0' + d));
    else if (c == '.' || c == ',' || c == '-' || c == '+') out->push_back(static_cast<char>(c));
    else return false;
  }
  return true;
}

size_t count_digits(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
  return j - i;
}

// True if `s` (ASCII) is: optional sign, an integer part written plainly or
// with thousands commas in groups of three ("1,234"), then optionally '.'
// and at least one digit. Rejects "9.1.2", "1,23", "1.", ".5".
bool is_decimal(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  const size_t lead = count_digits(s, i);
  if (lead == 0) return false;
  i += lead;
  if (i < s.size() && s[i] == ',') {
    if (lead > 3) return false;
    while (i < s.size() && s[i] == ',') {
      if (count_digits(s, i + 1) != 3) return false;
      i += 4;
    }
  }
  if (i < s.size() && s[i] == '.') {
    const size_t frac = count_digits(s, i + 1);
    if (frac == 0) return false;
    i += 1 + frac;
  }
  return i == s.size();
}

std::string without_commas_and_plus(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ',' && c != '+') out.push_back(c);
  return out;
}

}  // namespace

std::string normalize(std::string_view text, RepairCounts* counts) {
  std::string s(text);
  if (is_ascii(s)) return s;
  if (apply_nfc(&s) && counts != nullptr) counts->add("nfc");
  Tally tally;
  // A repair can expose another: a PUA tone mark mapped back may precede a
  // lower vowel, and once NFC orders them, two copies of that vowel may meet.
  // Each round only drops or rewrites characters, so this settles quickly;
  // the bound is a guard, not a limit real text reaches. needs_repair() may
  // flag a sequence no rule changes (a tone mark before an upper vowel on
  // no consonant): the round then leaves the text as it was, and we stop.
  for (int round = 0; round < 4 && needs_repair(s); ++round) {
    std::string repaired = repair_pass(s, &tally);
    apply_nfc(&repaired);
    if (repaired == s) break;
    s = std::move(repaired);
  }
  tally.flush(counts);
  return s;
}

std::string collapse_spaces(std::string_view text) { return collapse(text, '\n'); }

std::string one_line(std::string_view text) { return collapse(text, ' '); }

std::string fold_digits(std::string_view text) {
  // Thai digits are E0 B9 90..99 in UTF-8: rewrite in place, bytes only.
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    if (b(i) == 0xE0 && i + 2 < text.size() && b(i + 1) == 0xB9 && b(i + 2) >= 0x90 &&
        b(i + 2) <= 0x99) {
      out.push_back(static_cast<char>('0' + (b(i + 2) - 0x90)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

bool parse_number(std::string_view text, double* out) {
  std::string folded;
  folded.reserve(text.size());
  if (!fold_number_chars(trim_ascii(text), &folded) || !is_decimal(folded)) return false;
  // from_chars takes neither '+' nor grouping commas.
  const std::string plain = without_commas_and_plus(folded);
  double value = 0;
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size()) return false;
  if (out != nullptr) *out = value;
  return true;
}

}  // namespace itax::thai

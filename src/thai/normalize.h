// Character-level repair of Thai text: what any reader may hand us, made
// into the NFC text the author typed. Pure functions, no dictionary.
#pragma once
#include <string>
#include <string_view>

#include "thai/repair_counts.h"

namespace itax::thai {

// NFC; zero-width and soft characters dropped; NIKHAHIT+SARA AA (and the
// doubled SARA AM+SARA AA) made SARA AM; duplicated combining marks dropped;
// Thai PUA positional glyphs (U+F700..F71A, U+F884..F89E) mapped back;
// "เเ" made "แ"; a tone mark written before an upper vowel reordered;
// spaces between a Thai character and a following combining mark removed
// ("ต ัว"). Thai digits are kept as typed. Other whitespace is left to
// collapse_spaces. Counts each kind of repair in `counts` (if given):
// zero_width, sara_am_decomposed, sara_am_doubled, duplicate_mark, pua_glyph,
// sara_e_doubled, mark_order, space_before_mark, and nfc when the input was
// not NFC. Clean text is unchanged (same bytes, no counts); pure ASCII is
// returned without looking further.
std::string normalize(std::string_view text, RepairCounts* counts = nullptr);

// Runs of spaces/tabs/NBSP become one space; lines trimmed; blank lines
// dropped; keeps "\n" between lines.
std::string collapse_spaces(std::string_view text);

// Same, and newlines become spaces too: one line.
std::string one_line(std::string_view text);

// Thai digits (U+0E50..0E59) to ASCII digits; nothing else changes.
std::string fold_digits(std::string_view text);

// Parses a decimal number written in ASCII, Thai or mixed digits
// ("๙๑.๓๙" -> 91.39, "256๒" -> 2562). Returns false if `text` is no number.
bool parse_number(std::string_view text, double* out);

}  // namespace itax::thai

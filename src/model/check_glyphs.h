// Which characters and symbol-font codes are check boxes, and their state.
// Filled from rules/checkboxes.yaml; readers consult it while reading text.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace itax {

struct CheckGlyphs {
  // Unicode check box characters, whatever the font (U+2610 -> false).
  std::map<char32_t, bool> unicode;
  // Symbol-font codes, keyed by lower-case font name and code point in the
  // font's private range (U+F0xx); ("wingdings", 0xF0FE) -> true.
  std::map<std::pair<std::string, char32_t>, bool> symbol;
  // Plain-text marks such as "[X]" or "( )", matched literally.
  std::vector<std::pair<std::string, bool>> marks;

  // State for a character drawn in `font`; nullopt if it is no check box.
  // A symbol font code may come as U+00xx or U+F0xx: both are tried. Font
  // names are compared as written (case ignored) and then normalised (see
  // normalize_font), so "Wingdings-Regular" finds the "Wingdings" entries.
  std::optional<bool> lookup(std::string_view font, char32_t cp) const;
  bool is_symbol_font(std::string_view font) const;

  // State of a private-use symbol code (U+F000..U+F0FF, or the plain byte
  // U+0000..U+00FF) whatever symbol font it came from: set when the table
  // knows the code in at least one font and every font that knows it agrees.
  // For text whose symbol font was replaced on the way (LibreOffice draws
  // Wingdings codes with OpenSymbol and keeps U+F0FE in the text layer).
  std::optional<bool> lookup_any_symbol(char32_t cp) const;

  // The font name as keyed in `symbol` ("wingdings 2") that `font` names once
  // both are normalised; empty when `font` is no symbol font of the table.
  // Callers that look up many characters of one font can look this up once
  // and pass the key to lookup(), which then finds it directly.
  std::string symbol_font_key(std::string_view font) const;

  // Font name folded for comparison: ASCII lower case, subset prefix
  // ("ABCDEF+") dropped, spaces, '-', '_' and ',' removed, and style suffixes
  // (regular, bold, italic, oblique, psmt, mt) stripped from the end:
  // "Wingdings-Regular" -> "wingdings", "Wingdings 2" -> "wingdings2",
  // "MS-Gothic" -> "msgothic", "SegoeUISymbol" -> "segoeuisymbol".
  static std::string normalize_font(std::string_view font);
};

}  // namespace itax

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
  // A symbol font code may come as U+00xx or U+F0xx: both are tried.
  std::optional<bool> lookup(std::string_view font, char32_t cp) const;
  bool is_symbol_font(std::string_view font) const;
};

}  // namespace itax

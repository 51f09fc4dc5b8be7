#include "model/check_glyphs.h"

#include <algorithm>
#include <cctype>

namespace itax {

static std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool CheckGlyphs::is_symbol_font(std::string_view font) const {
  std::string f = lower(font);
  for (const auto& [key, _] : symbol)
    if (key.first == f) return true;
  return false;
}

std::optional<bool> CheckGlyphs::lookup(std::string_view font, char32_t cp) const {
  if (!font.empty()) {
    std::string f = lower(font);
    char32_t pua = cp < 0x100 ? (cp | 0xF000) : cp;
    if (auto it = symbol.find({f, pua}); it != symbol.end()) return it->second;
  }
  if (auto it = unicode.find(cp); it != unicode.end()) return it->second;
  return std::nullopt;
}

}  // namespace itax

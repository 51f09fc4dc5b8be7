#include "model/check_glyphs.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace itax {

static std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string CheckGlyphs::normalize_font(std::string_view font) {
  // A PDF subset tag: six upper-case ASCII letters and '+'.
  if (font.size() > 7 && font[6] == '+' &&
      std::all_of(font.begin(), font.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }))
    font.remove_prefix(7);
  std::string out;
  out.reserve(font.size());
  for (char c : font) {
    if (c == ' ' || c == '-' || c == '_' || c == ',') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  static constexpr std::array<std::string_view, 6> kSuffixes = {"regular", "bold", "italic",
                                                                "oblique", "psmt", "mt"};
  for (bool again = true; again;) {
    again = false;
    for (std::string_view s : kSuffixes) {
      if (out.size() > s.size() && std::string_view(out).substr(out.size() - s.size()) == s) {
        out.resize(out.size() - s.size());
        again = true;
      }
    }
  }
  return out;
}

std::string CheckGlyphs::symbol_font_key(std::string_view font) const {
  if (font.empty() || symbol.empty()) return {};
  std::string f = lower(font);
  auto it = symbol.lower_bound({f, 0});
  if (it != symbol.end() && it->first.first == f) return f;
  std::string norm = normalize_font(font);
  if (norm.empty()) return {};
  // The map is sorted by font name: visit each distinct name once.
  for (auto k = symbol.begin(); k != symbol.end();) {
    const std::string& name = k->first.first;
    if (normalize_font(name) == norm) return name;
    k = symbol.upper_bound({name, static_cast<char32_t>(0x10FFFF)});
  }
  return {};
}

bool CheckGlyphs::is_symbol_font(std::string_view font) const {
  return !symbol_font_key(font).empty();
}

std::optional<bool> CheckGlyphs::lookup_any_symbol(char32_t cp) const {
  if (cp < 0x100) cp |= 0xF000;
  if (cp < 0xF000 || cp > 0xF0FF) return std::nullopt;
  std::optional<bool> state;
  for (const auto& [key, checked] : symbol) {
    if (key.second != cp) continue;
    if (state && *state != checked) return std::nullopt;
    state = checked;
  }
  return state;
}

std::optional<bool> CheckGlyphs::lookup(std::string_view font, char32_t cp) const {
  if (!font.empty() && !symbol.empty()) {
    char32_t pua = cp < 0x100 ? (cp | 0xF000) : cp;
    std::string f = lower(font);
    if (auto it = symbol.find({f, pua}); it != symbol.end()) return it->second;
    std::string key = symbol_font_key(font);
    if (!key.empty() && key != f)
      if (auto it = symbol.find({key, pua}); it != symbol.end()) return it->second;
  }
  if (auto it = unicode.find(cp); it != unicode.end()) return it->second;
  return std::nullopt;
}

}  // namespace itax

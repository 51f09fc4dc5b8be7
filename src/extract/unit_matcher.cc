#include "extract/unit_matcher.h"

#include <algorithm>

#include "thai/normalize.h"
#include "util/utf8.h"

namespace itax {
namespace {

// Separators that always end a unit name in a list.
bool is_separator(char32_t c) {
  return c == ',' || c == '/' || c == ';' || c == '|' || c == 0x3001 || c == '+' ||
         c == '&';
}

std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

// Drops list numbering and bullets around an entry: "1.", "2)", "(3)", "-", "•".
std::string clean_entry(std::string_view s) {
  // Digits folded: list numbers are written "๑." as often as "1.".
  std::string t = thai::fold_digits(thai::one_line(s));
  size_t i = 0;
  auto skip_spaces = [&] { while (i < t.size() && t[i] == ' ') ++i; };
  for (bool changed = true; changed;) {
    changed = false;
    skip_spaces();
    size_t j = i;
    if (j < t.size() && t[j] == '(') ++j;
    size_t digits = j;
    while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
    if (j > digits && j < t.size() && (t[j] == '.' || t[j] == ')')) {
      i = j + 1;
      changed = true;
      continue;
    }
    if (i < t.size() && (t[i] == '-' || t[i] == '*')) {
      ++i;
      changed = true;
    } else if (t.compare(i, 3, "\xE2\x80\xA2") == 0) {  // •
      i += 3;
      changed = true;
    }
  }
  std::string out = t.substr(i);
  // Trailing punctuation and the number of the next entry ("... 2.").
  for (bool changed = true; changed;) {
    changed = false;
    while (!out.empty() && (out.back() == ' ' || out.back() == '-' || out.back() == '.' || out.back() == ')')) {
      out.pop_back();
      changed = true;
    }
    size_t k = out.size();
    while (k > 0 && out[k - 1] >= '0' && out[k - 1] <= '9') --k;
    if (k < out.size() && (k == 0 || out[k - 1] == ' ' || out[k - 1] == '(')) {
      out.resize(k);
      changed = true;
    }
  }
  return out;
}

}  // namespace

UnitMatcher::UnitMatcher(const Rulebook& rules) : connectors_(rules.connectors()) {
  for (const Unit& u : rules.units()) {
    size_t idx = names_.size();
    names_.push_back(u.name);
    aliases_.push_back({squeeze(u.name), idx});
    for (const std::string& a : u.aliases) aliases_.push_back({squeeze(a), idx});
  }
  std::stable_sort(aliases_.begin(), aliases_.end(),
                   [](const Alias& a, const Alias& b) { return a.key.size() > b.key.size(); });
}

const UnitMatcher::Alias* UnitMatcher::longest_at(std::string_view squeezed, size_t at) const {
  std::string_view rest = squeezed.substr(at);
  for (const Alias& a : aliases_)
    if (rest.size() >= a.key.size() && rest.compare(0, a.key.size(), a.key) == 0) return &a;
  return nullptr;
}

void UnitMatcher::add_unknown(std::string_view text, std::vector<ResponsibleUnit>& out) const {
  std::string name = clean_entry(text);
  if (name.empty()) return;
  for (const std::string& c : connectors_)
    if (name == c) return;
  // Something like "-" or "1" alone is no unit.
  bool has_letter = false;
  for (char32_t c : utf8::decode(name)) has_letter |= utf8::is_letter(c);
  if (!has_letter) return;
  out.push_back({name, false, std::string(thai::one_line(text))});
}

std::vector<ResponsibleUnit> UnitMatcher::match(std::string_view text) const {
  std::vector<ResponsibleUnit> found;
  // Work on a copy without spaces, remembering where each byte came from, so
  // "กองยุทธศาสตร์และ งบประมาณ" and "กอง ยุทธศาสตร์" match like the real name.
  std::string sq;
  std::vector<size_t> origin;  // sq byte -> text byte
  std::vector<bool> word_start;  // a space or separator precedes this sq byte
  bool after_gap = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // Line breaks count as spaces: in PDFs and narrow cells they are mostly
    // wrapping, and a list of known units still splits at each name.
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      after_gap = true;
      continue;
    }
    sq += c;
    origin.push_back(i);
    word_start.push_back(after_gap);
    after_gap = false;
  }
  origin.push_back(text.size());

  size_t pending = 0;  // start (sq) of text not yet assigned to a unit
  auto flush_unknown = [&](size_t end) {
    if (end > pending) add_unknown(text.substr(origin[pending], origin[end] - origin[pending]), found);
  };
  size_t i = 0;
  while (i < sq.size()) {
    unsigned char c = static_cast<unsigned char>(sq[i]);
    size_t len = utf8::seq_len(c);
    char32_t cp = utf8::decode_at(sq, i);
    if (is_separator(cp)) {
      flush_unknown(i);
      i += len;
      pending = i;
      continue;
    }
    // A unit name starts a word: after a gap, a separator, punctuation or
    // digits, or right after another match.
    bool can_start = i == pending || word_start[i] ||
                     (i > 0 && !utf8::is_letter(utf8::decode_before(sq, i)));
    if (can_start) {
      if (const Alias* a = longest_at(sq, i)) {
        flush_unknown(i);
        std::string written = thai::one_line(text.substr(origin[i], origin[i + a->key.size() - 1] + 1 - origin[i]));
        found.push_back({names_[a->unit], true, written});
        i += a->key.size();
        pending = i;
        continue;
      }
    }
    i += len;
  }
  flush_unknown(sq.size());

  // Keep the first mention of each unit.
  std::vector<ResponsibleUnit> out;
  for (ResponsibleUnit& u : found) {
    bool dup = std::any_of(out.begin(), out.end(), [&](const ResponsibleUnit& o) { return o.name == u.name; });
    if (!dup) out.push_back(std::move(u));
  }
  return out;
}

}  // namespace itax

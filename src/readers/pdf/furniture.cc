#include "readers/pdf/furniture.h"

#include <algorithm>
#include <map>

#include "util/utf8.h"

namespace itax::pdf {
namespace {

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x200B; }
bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0x0E50 && c <= 0x0E59); }
bool is_dash(char32_t c) {
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212 ||
         c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|' || c == '.';
}

std::u32string lower_ascii(std::u32string s) {
  for (char32_t& c : s)
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  return s;
}

bool eat(const std::u32string& s, size_t& i, std::u32string_view word) {
  if (s.compare(i, word.size(), word) != 0) return false;
  i += word.size();
  return true;
}

// Digits at i; returns how many.
size_t digits(const std::u32string& s, size_t& i) {
  size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i - start;
}

}  // namespace

bool is_page_number(std::string_view text) {
  std::u32string s;
  for (char32_t c : utf8::decode(text))
    if (!is_space(c)) s += c;
  s = lower_ascii(std::move(s));
  if (s.empty() || s.size() > 24) return false;
  size_t i = 0;
  bool decorated = eat(s, i, U"หน้าที่") || eat(s, i, U"หน้า") || eat(s, i, U"page") || eat(s, i, U"p.");
  size_t dashes = 0;
  while (i < s.size() && is_dash(s[i])) ++i, ++dashes;
  size_t nd = digits(s, i);
  if (nd == 0 || nd > 4) return false;
  while (i < s.size() && is_dash(s[i])) ++i, ++dashes;
  if (i < s.size()) {  // "/41", "of 41", "จาก 41"
    if (!(eat(s, i, U"/") || eat(s, i, U"of") || eat(s, i, U"จาก"))) return false;
    size_t nt = digits(s, i);
    if (nt == 0 || nt > 4) return false;
    decorated = true;
    while (i < s.size() && is_dash(s[i])) ++i;
    if (i < s.size()) return false;
  }
  return decorated || dashes > 0 || nd <= 3;
}

std::string repeat_key(std::string_view text) {
  std::string out;
  bool in_digits = false;
  for (size_t i = 0; i < text.size();) {
    char32_t c = utf8::decode_at(text, i);
    i += utf8::seq_len(static_cast<unsigned char>(text[i]));
    if (is_space(c)) continue;
    if (is_digit(c)) {
      if (!in_digits) out += '#';
      in_digits = true;
      continue;
    }
    in_digits = false;
    utf8::append(out, c);
  }
  return out;
}

void RepeatFinder::add(int id, int page, Band band, double distance, double tolerance, std::string key) {
  if (key.empty()) return;
  all_.push_back(Candidate{id, page, band, distance, tolerance, std::move(key)});
}

std::vector<int> RepeatFinder::repeated(int pages) const {
  std::vector<const Candidate*> v;
  v.reserve(all_.size());
  for (const Candidate& c : all_) v.push_back(&c);
  std::sort(v.begin(), v.end(), [](const Candidate* a, const Candidate* b) {
    if (a->band != b->band) return a->band < b->band;
    if (a->key != b->key) return a->key < b->key;
    return a->distance < b->distance;
  });
  // Within each (band, key) group, sorted by distance: a window of
  // candidates within the tolerance of its first one that covers enough
  // distinct pages repeats. Sliding window; marks via a difference array.
  std::vector<int> mark(v.size() + 1, 0);
  for (size_t g = 0; g < v.size();) {
    size_t e = g;
    while (e < v.size() && v[e]->band == v[g]->band && v[e]->key == v[g]->key) ++e;
    std::map<int, int> on;  // page -> candidates in the window
    size_t hi = g;          // window is [lo, hi)
    for (size_t lo = g; lo < e; ++lo) {
      while (hi < e && v[hi]->distance - v[lo]->distance <= v[lo]->tolerance) ++on[v[hi++]->page];
      int count = static_cast<int>(on.size());
      if (count >= 3 || (count >= 2 && 2 * count > pages)) {
        ++mark[lo];
        --mark[hi];
      }
      if (--on[v[lo]->page] == 0) on.erase(v[lo]->page);
    }
    g = e;
  }
  std::vector<bool> take(v.size(), false);
  int depth = 0;
  for (size_t k = 0; k < v.size(); ++k) take[k] = (depth += mark[k]) > 0;
  std::vector<int> ids;
  for (size_t k = 0; k < v.size(); ++k)
    if (take[k]) ids.push_back(v[k]->id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace itax::pdf

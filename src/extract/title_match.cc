#include "extract/title_match.h"

#include <algorithm>
#include <string>
#include <vector>

#include "util/utf8.h"

namespace itax {
namespace {

std::u32string squeeze(std::string_view s) {
  std::u32string out;
  for (char32_t c : utf8::decode(s))
    if (c != ' ' && c != '\n' && c != '\t') out += c;
  return out;
}

}  // namespace

double title_similarity(std::string_view a, std::string_view b) {
  std::u32string x = squeeze(a), y = squeeze(b);
  if (x.empty() || y.empty()) return 0;
  // Containment counts as a match only when the shorter is most of the
  // longer ("คู่มือหรือมาตรฐานการให้บริการ" in a title with a trailing word).
  const std::u32string& shorter = x.size() < y.size() ? x : y;
  const std::u32string& longer = x.size() < y.size() ? y : x;
  if (longer.find(shorter) != std::u32string::npos && shorter.size() * 10 >= longer.size() * 6) return 1;
  if (x.size() < 2 || y.size() < 2) return 0;
  std::vector<std::u32string> bx, by;
  for (size_t i = 0; i + 1 < x.size(); ++i) bx.push_back(x.substr(i, 2));
  for (size_t i = 0; i + 1 < y.size(); ++i) by.push_back(y.substr(i, 2));
  std::sort(bx.begin(), bx.end());
  std::sort(by.begin(), by.end());
  std::vector<std::u32string> common;
  std::set_intersection(bx.begin(), bx.end(), by.begin(), by.end(), std::back_inserter(common));
  return 2.0 * static_cast<double>(common.size()) / static_cast<double>(bx.size() + by.size());
}

const ChecklistItem* best_title_match(const Checklist& list, std::string_view title, double min, double* score) {
  const ChecklistItem* best = nullptr;
  double best_score = 0;
  for (const ChecklistItem& i : list.items) {
    double s = title_similarity(title, i.title);
    if (s > best_score) {
      best_score = s;
      best = &i;
    }
  }
  if (score) *score = best_score;
  return best_score >= min ? best : nullptr;
}

}  // namespace itax

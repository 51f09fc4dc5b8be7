#include "extract/thai_date.h"

#include <fmt/format.h>

namespace itax {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

// Any written year to the Christian Era; 0 if it cannot be one.
int to_ce(int written, size_t digits) {
  if (digits == 2) return written + 2500 - 543;  // "65" = 2565 BE
  if (written >= 2400 && written <= 2700) return written - 543;
  if (written >= 1900 && written <= 2200) return written;
  return 0;
}

}  // namespace

std::string CivilDate::iso() const { return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day); }

std::string DateSpan::iso() const {
  if (!is_range && has_day) return start.iso();
  return start.iso() + "/" + end.iso();
}

DateSpan fiscal_year_span(int be) {
  DateSpan s;
  s.start = {be - 543 - 1, 10, 1};
  s.end = {be - 543, 9, 30};
  s.is_range = true;
  s.text = fmt::format("FY{}", be);
  return s;
}

std::vector<DateSpan> find_dates(std::string_view text, const Rulebook& rules) {
  std::vector<DateSpan> out;
  std::string view = rule_view(text);
  if (view.empty()) return out;
  const RE2& single = *rules.pattern("date.single").re;
  const RE2& joint = *rules.pattern("date.range_joint").re;

  struct Found {
    DateSpan span;
    size_t begin = 0, end = 0;  // bytes in view
  };
  std::vector<Found> found;
  re2::StringPiece g[4];
  size_t pos = 0;
  while (pos < view.size() && single.Match(view, pos, view.size(), RE2::UNANCHORED, g, 4)) {
    size_t match_end = static_cast<size_t>(g[3].data() - view.data()) + g[3].size();
    auto month = rules.months().find(std::string_view(g[2].data(), g[2].size()));
    int year = to_ce(std::atoi(std::string(g[3]).c_str()), g[3].size());
    int day = g[1].data() ? std::atoi(std::string(g[1]).c_str()) : 0;
    if (month != rules.months().end() && year) {
      int m = month->second;
      Found f;
      f.begin = static_cast<size_t>((g[1].data() ? g[1] : g[2]).data() - view.data());
      f.end = match_end;
      f.span.has_day = day >= 1 && day <= days_in(year, m);
      f.span.start = {year, m, f.span.has_day ? day : 1};
      f.span.end = {year, m, f.span.has_day ? day : days_in(year, m)};
      f.span.text = view.substr(f.begin, f.end - f.begin);
      found.push_back(std::move(f));
    }
    pos = match_end;  // the year ends the date; the next may start right after
  }
  for (size_t i = 0; i < found.size(); ++i) {
    if (i + 1 < found.size()) {
      std::string between = view.substr(found[i].end, found[i + 1].begin - found[i].end);
      if (RE2::FullMatch(between, joint)) {
        DateSpan r;
        r.start = found[i].span.start;
        r.end = found[i + 1].span.end;
        r.is_range = true;
        r.has_day = found[i].span.has_day && found[i + 1].span.has_day;
        r.text = view.substr(found[i].begin, found[i + 1].end - found[i].begin);
        out.push_back(std::move(r));
        ++i;
        continue;
      }
    }
    out.push_back(found[i].span);
  }
  return out;
}

}  // namespace itax

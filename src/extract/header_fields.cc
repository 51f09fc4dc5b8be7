#include "extract/header_fields.h"

#include <algorithm>

#include "thai/normalize.h"

namespace itax {
namespace {

// The title block: reports name themselves, their year and score first;
// names met later may be another agency's, pasted from a template.
constexpr size_t kTitleParagraphs = 25;

struct Hit {
  size_t paragraph = 0;
  std::string view;  // rule view of that paragraph
  re2::StringPiece groups[3];
};

Source source_of(const Paragraph& p, const std::string& rule) {
  return Source{p.where, thai::one_line(p.text()), rule};
}

bool find_first(const std::vector<std::string>& views, size_t limit, const RE2& re, int ngroups,
                Hit& hit) {
  for (size_t i = 0; i < views.size() && i < limit; ++i) {
    re2::StringPiece in(views[i]);
    if (re.Match(in, 0, in.size(), RE2::UNANCHORED, hit.groups, ngroups + 1)) {
      hit.paragraph = i;
      return true;
    }
  }
  return false;
}

// First capture of `re` in `text` starting at byte `from`.
std::string capture_after(const std::string& text, size_t from, const RE2& re) {
  re2::StringPiece g[2];
  if (from > text.size() || !re.Match(text, from, text.size(), RE2::UNANCHORED, g, 2)) return {};
  return std::string(g[1]);
}

}  // namespace

void find_header_fields(const std::vector<const Paragraph*>& paragraphs, const Rulebook& rules,
                        Report& report) {
  std::vector<std::string> views;
  views.reserve(paragraphs.size());
  for (const Paragraph* p : paragraphs) views.push_back(rule_view(p->text()));

  // Agency: "<kind><place>" in the title block, else anywhere.
  Hit hit;
  const PatternRule& name_rule = rules.pattern("agency.name");
  const PatternRule& whole_rule = rules.pattern("agency.whole_name");
  bool found = find_first(views, kTitleParagraphs, *name_rule.re, 2, hit) ||
               find_first(views, views.size(), *name_rule.re, 2, hit);
  const PatternRule* used = &name_rule;
  if (found) {
    report.agency.kind = std::string(hit.groups[1]);
    report.agency.name = report.agency.kind + std::string(hit.groups[2]);
  } else if (find_first(views, kTitleParagraphs, *whole_rule.re, 1, hit)) {
    found = true;
    used = &whole_rule;
    report.agency.kind = report.agency.name = std::string(hit.groups[1]);
  }
  if (found) {
    report.agency.source = source_of(*paragraphs[hit.paragraph], used->id);
    // The address follows the name, in the same paragraph or the next ones.
    const re2::StringPiece& last = used == &name_rule ? hit.groups[2] : hit.groups[1];
    size_t after = static_cast<size_t>(last.data() - views[hit.paragraph].data()) + last.size();
    std::string tail = views[hit.paragraph].substr(std::min(after, views[hit.paragraph].size()));
    for (size_t k = hit.paragraph + 1; k < views.size() && k <= hit.paragraph + 2; ++k) tail += " " + views[k];
    tail = " " + tail;
    report.agency.subdistrict = capture_after(tail, 0, *rules.pattern("address.subdistrict").re);
    report.agency.district = capture_after(tail, 0, *rules.pattern("address.district").re);
    report.agency.province = capture_after(tail, 0, *rules.pattern("address.province").re);
  }

  // Fiscal year, Buddhist Era.
  const PatternRule& year_rule = rules.pattern("report.fiscal_year");
  if (find_first(views, views.size(), *year_rule.re, 1, hit)) {
    int y = std::atoi(std::string(hit.groups[1]).c_str());
    if (y < 100) y += 2500;
    if (y > 1900 && y < 2400) y += 543;  // written in the Christian Era
    if (y >= 2500 && y <= 2700) {
      report.fiscal_year = y;
      report.fiscal_year_source = source_of(*paragraphs[hit.paragraph], year_rule.id);
    }
  }

  // Score, and the result stated with it.
  const PatternRule& score_rule = rules.pattern("report.score");
  const PatternRule& result_rule = rules.pattern("report.result");
  if (find_first(views, views.size(), *score_rule.re, 1, hit)) {
    double score = 0;
    if (thai::parse_number(std::string(hit.groups[1]), &score) && score >= 0 && score <= 100) {
      report.ita.score = score;
      report.ita.source = source_of(*paragraphs[hit.paragraph], score_rule.id);
      size_t after = static_cast<size_t>(hit.groups[1].data() - views[hit.paragraph].data());
      report.ita.result = capture_after(views[hit.paragraph], after, *result_rule.re);
      if (!report.ita.result.empty()) report.ita.source->rule += "," + result_rule.id;
    }
  }
  if (report.ita.result.empty() && find_first(views, kTitleParagraphs, *result_rule.re, 1, hit)) {
    report.ita.result = std::string(hit.groups[1]);
    if (!report.ita.source) report.ita.source = source_of(*paragraphs[hit.paragraph], result_rule.id);
  }
}

}  // namespace itax

#include "validate/validator.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace itax {
namespace {

void flag(Report& r, std::string code, std::string severity, std::string target, std::string message) {
  r.flags.push_back({std::move(code), std::move(severity), std::move(target), std::move(message)});
}

void check_status(Report& r, Status s, const std::string& target) {
  switch (s) {
    case Status::NotDone:
      flag(r, "not_done", "warning", target, target + ": the box 'not done' is checked");
      break;
    case Status::Ambiguous:
      flag(r, "ambiguous_status", "error", target, target + ": both boxes or neither box is checked");
      break;
    case Status::Unknown:
      flag(r, "unknown_status", "error", target, target + ": no status check box found");
      break;
    case Status::Done:
      break;
  }
}

void check_units(Report& r, const std::vector<ResponsibleUnit>& units, const std::string& target) {
  if (units.empty()) {
    flag(r, "missing_responsible", "warning", target, target + ": no responsible unit given");
    return;
  }
  for (const ResponsibleUnit& u : units)
    if (!u.known)
      flag(r, "unknown_unit", "info", target, target + ": '" + u.name + "' is not a known unit");
}

}  // namespace

void validate_report(Report& r, const Rulebook& rules) {
  if (r.no_text_layer) {
    flag(r, "no_text_layer", "error", "document",
         "the PDF has no text layer (a scan?): nothing can be read without OCR");
    return;
  }
  if (r.items.empty() && r.indicators.empty()) {
    flag(r, "not_ita_report", "error", "document",
         "no ITA items or indicators found: this does not look like an ITA report");
    return;
  }
  int year = r.fiscal_year.value_or(0);
  const Checklist* list = rules.checklist_for(year ? year : 9999);
  if (list && year && list->fiscal_year != year)
    flag(r, "unknown_checklist", "warning", "fiscal_year",
         fmt::format("no checklist for fiscal year {}; used {}", year, list->fiscal_year));

  std::map<std::string, int> seen;
  for (const ItemRecord& it : r.items) {
    std::string target = it.code.empty() ? "item '" + it.code_text + "'" : it.code;
    if (it.code.empty())
      flag(r, "unreadable_code", "error", target, "item code '" + it.code_text + "' cannot be read");
    else if (++seen[it.code] == 2)
      flag(r, "duplicate_item", "error", it.code, it.code + " appears more than once");
    check_status(r, it.status, target);
    check_units(r, it.responsible, target);
  }
  std::set<int> indicators;
  for (const IndicatorRecord& ind : r.indicators) {
    std::string target = "indicator " + std::to_string(ind.no);
    indicators.insert(ind.no);
    check_status(r, ind.status, target);
    check_units(r, ind.responsible, target);
  }
  if (list) {
    for (const ChecklistItem& ci : list->items)
      if (!seen.count(ci.code))
        flag(r, "missing_item", "error", ci.code, ci.code + " (" + ci.title + ") is not in the report");
    for (int no : list->reported_indicators)
      if (!indicators.count(no))
        flag(r, "missing_indicator", "error", "indicator " + std::to_string(no),
             "indicator " + std::to_string(no) + " is not in the report");
    if (r.ita.score && !r.ita.result.empty() && !list->results.empty()) {
      std::string expected;
      for (const ResultBand& b : list->results)
        if (*r.ita.score >= b.min) {
          expected = b.result;
          break;
        }
      bool known_word = false;
      for (const ResultBand& b : list->results) known_word |= b.result == r.ita.result;
      if (known_word && expected != r.ita.result)
        flag(r, "score_result_mismatch", "error", "ita",
             fmt::format("score {} gives '{}' in {}, the report states '{}'", *r.ita.score, expected,
                         list->fiscal_year, r.ita.result));
    }
  }
}

}  // namespace itax

#include "extract/extractor.h"

#include <algorithm>

#include "extract/header_fields.h"
#include "extract/table_records.h"
#include "extract/thai_date.h"
#include "extract/title_match.h"
#include "thai/normalize.h"

namespace itax {
namespace {

std::string field(const TableRecord& r, const char* role) {
  auto it = r.field.find(role);
  return it == r.field.end() ? std::string() : it->second;
}

Source record_source(const TableRecord& r, std::string rule) {
  Source s;
  s.where = r.key_where.locator.empty() ? r.row_where : r.key_where;
  s.text = r.key_text;
  s.rule = std::move(rule);
  return s;
}

int capture_int(const RE2& re, const std::string& text) {
  std::string g;
  if (!RE2::PartialMatch(text, re, &g)) return 0;
  return std::atoi(g.c_str());
}

// The checklist item whose title this text is, for rows whose code cannot
// be read; only a close match places a row.
constexpr double kPlaceByTitle = 0.75;
const ChecklistItem* item_by_title(const Checklist* list, const std::string& title) {
  if (!list || title.empty()) return nullptr;
  return best_title_match(*list, title, kPlaceByTitle);
}

}  // namespace

Extractor::Extractor(std::shared_ptr<const Rulebook> rules, const thai::Segmenter& seg)
    : rules_(std::move(rules)), units_(*rules_), mentions_(*rules_, seg), lists_(*rules_) {}

namespace {

std::optional<DateSpan> first_date(const std::string& text, const Rulebook& rules) {
  std::vector<DateSpan> d = find_dates(text, rules);
  if (d.empty()) return std::nullopt;
  return d.front();
}

void add_dates(const std::string& text, const Rulebook& rules, std::vector<DateSpan>& out) {
  for (DateSpan& d : find_dates(text, rules)) out.push_back(std::move(d));
}

}  // namespace

Report Extractor::extract(const Document& doc) const {
  const Rulebook& rules = *rules_;
  Report report;
  report.no_text_layer = !doc.text_layer;
  TableScan scan = scan_tables(doc, rules);
  lists_.scan(scan);
  find_header_fields(scan.loose_paragraphs, rules, report);
  const Checklist* list = rules.checklist_for(report.fiscal_year.value_or(9999));
  for (const Paragraph* p : scan.loose_paragraphs)
    mentions_.find(p->text(), "document", p->where, report.mentions);

  const RE2& code_re = *rules.pattern("item.code").re;
  const RE2& bare_re = *rules.pattern("item.code_bare").re;
  const RE2& ind_re = *rules.pattern("indicator.row").re;
  const RE2& ref_re = *rules.pattern("indicator.ref").re;
  const RE2& measure_re = *rules.pattern("measure.no").re;

  for (TableRecord& rec : scan.records) {
    read_box_labels(rec.boxes, rules);
    std::string key = rule_view(rec.key_text);

    if (rec.kind == "items") {
      ItemRecord it;
      it.code_text = rec.key_text;
      it.title = thai::one_line(field(rec, "title"));
      std::string rule = rec.key_rule.empty() ? "item.code" : rec.key_rule;
      // A code cell holds only the code, but narrow cells wrap it ("0" above
      // "๓1"): read it without spaces.
      std::string code_key;
      for (char c : key)
        if (c != ' ') code_key += c;
      int n = capture_int(code_re, code_key);
      if (n == 0 && (n = capture_int(bare_re, code_key)) != 0) rule = "item.code_bare";
      if (n == 0) {
        if (const ChecklistItem* ci = item_by_title(list, it.title)) {
          n = ci->number;
          rule = "item.title";
        }
      }
      if (n > 0) it.code = "O" + std::to_string(n);
      const ChecklistItem* ci = list && n > 0 ? list->item(n) : nullptr;
      it.subindicator = ci ? ci->subindicator : rec.heading;
      if (it.title.empty() && ci) it.title = ci->title;
      it.components = field(rec, "components");
      it.responsible = units_.match(field(rec, "responsible"));
      it.progress = field(rec, "progress");
      it.boxes = std::move(rec.boxes);
      it.status = decide_status(it.boxes);
      add_dates(it.progress, rules, it.dates);
      it.source = record_source(rec, n > 0 ? rule : "");
      mentions_.find(it.title + "\n" + it.progress, it.code.empty() ? "item " + it.code_text : it.code,
                     it.source.where, report.mentions);
      report.items.push_back(std::move(it));
    } else if (rec.kind == "indicators") {
      IndicatorRecord ind;
      std::string no, title;
      std::string rule = "indicator.row";
      if (RE2::PartialMatch(key, ind_re, &no, &title)) {
        ind.no = std::atoi(no.c_str());
        ind.title = thai::one_line(title);
      } else {
        ind.title = thai::one_line(rec.key_text);
        rule.clear();
      }
      if (ind.title.empty() && list)
        if (const ChecklistIndicator* ci = list->indicator(ind.no)) ind.title = ci->title;
      ind.approach = field(rec, "approach");
      ind.responsible = units_.match(field(rec, "responsible"));
      ind.period = thai::one_line(field(rec, "period"));
      ind.progress = field(rec, "progress");
      ind.boxes = std::move(rec.boxes);
      ind.status = decide_status(ind.boxes);
      ind.period_span = first_date(ind.period, rules);
      add_dates(ind.approach + "\n" + ind.progress, rules, ind.dates);
      ind.source = record_source(rec, rule);
      mentions_.find(ind.approach + "\n" + ind.progress, "indicator " + std::to_string(ind.no), ind.source.where,
                     report.mentions);
      report.indicators.push_back(std::move(ind));
    } else if (rec.kind == "measures") {
      MeasureRecord m;
      m.no = capture_int(measure_re, key);
      m.title = thai::one_line(field(rec, "title"));
      m.method = field(rec, "method");
      m.period = thai::one_line(field(rec, "period"));
      m.responsible = units_.match(field(rec, "responsible"));
      m.summary = field(rec, "summary");
      m.outcome = field(rec, "outcome");
      std::string cited = rule_view(m.title + " " + m.method);
      re2::StringPiece in(cited);
      std::string ref;
      while (RE2::FindAndConsume(&in, ref_re, &ref))
        if (std::find(m.indicator_refs.begin(), m.indicator_refs.end(), ref) == m.indicator_refs.end())
          m.indicator_refs.push_back(ref);
      m.period_span = first_date(m.period, rules);
      add_dates(m.method + "\n" + m.summary + "\n" + m.outcome, rules, m.dates);
      m.source = record_source(rec, m.no ? "measure.no" : "");
      mentions_.find(m.title + "\n" + m.method + "\n" + m.summary + "\n" + m.outcome,
                     "measure " + std::to_string(m.no), m.source.where, report.mentions);
      report.measures.push_back(std::move(m));
    }
  }
  return report;
}

}  // namespace itax

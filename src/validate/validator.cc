#include "validate/validator.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "extract/thai_date.h"
#include "validate/flag_builder.h"
#include "extract/title_match.h"

namespace itax {
namespace {

// Titles this alike are the same item; below, a reviewer should look.
constexpr double kSameTitle = 0.6;
// A title must be this close to another item's to place a row by it.
constexpr double kPlaceByTitle = 0.75;

class Validator {
 public:
  Validator(Report& r, const Rulebook& rules) : r_(r), rules_(rules), flags_(rules, r) {}

  void run() {
    if (r_.no_text_layer) {
      flags_.add("no_text_layer", "document");
      return;
    }
    if (r_.items.empty() && r_.indicators.empty()) {
      flags_.add("not_ita_report", "document");
      return;
    }
    choose_checklist();
    items();
    indicators();
    score();
    dates();
    foreign_agencies();
  }

 private:
  void choose_checklist() {
    int year = r_.fiscal_year.value_or(0);
    list_ = rules_.checklist_for(year ? year : 9999);
    if (!list_) return;
    if (!year)
      flags_.add("missing_fiscal_year", "fiscal_year", {{"used", std::to_string(list_->fiscal_year)}});
    else if (list_->fiscal_year != year)
      flags_.add("unknown_checklist", "fiscal_year",
                 {{"year", std::to_string(year)}, {"used", std::to_string(list_->fiscal_year)}});
  }

  void status(Status s, const std::string& target, const std::vector<StatusBox>& boxes, const Source& src) {
    switch (s) {
      case Status::NotDone:
        flags_.add("not_done", target, {}, src);
        break;
      case Status::Ambiguous: {
        bool any_checked = false;
        for (const StatusBox& b : boxes) any_checked |= b.checked && !b.meaning.empty();
        flags_.add("ambiguous_status", target,
                   {{"detail", any_checked ? "both 'done' and 'not done' are checked" : "neither box is checked"},
                    {"detail_th", any_checked ? "เลือกทั้ง ดำเนินการ และ ยังไม่ได้ดำเนินการ" : "ไม่ได้เลือกช่องใดเลย"}},
                   src);
        break;
      }
      case Status::Unknown:
        flags_.add("unknown_status", target, {}, src);
        break;
      case Status::Done:
        break;
    }
  }

  void units(const std::vector<ResponsibleUnit>& units, const std::string& target, const Source& src) {
    if (units.empty()) {
      flags_.add("missing_responsible", target, {}, src);
      return;
    }
    for (const ResponsibleUnit& u : units)
      if (!u.known) flags_.add("unknown_unit", target, {{"unit", u.name}}, src);
  }

  void items() {
    std::map<std::string, int> count;
    for (const ItemRecord& it : r_.items)
      if (!it.code.empty()) ++count[it.code];
    std::set<std::string> reported_dup;
    for (ItemRecord& it : r_.items) {
      std::string target = it.code.empty() ? "item '" + it.code_text + "'" : it.code;
      const ChecklistItem* ci = list_ && !it.code.empty() ? list_->item(std::atoi(it.code.c_str() + 1)) : nullptr;
      if (it.code.empty()) {
        flags_.add("unreadable_code", target, {{"text", it.code_text}, {"hint", ""}, {"hint_th", ""}}, it.source);
      } else if (count[it.code] > 1 && reported_dup.insert(it.code).second) {
        flags_.add("duplicate_item", it.code, {{"count", std::to_string(count[it.code])}}, it.source);
      }
      if (ci && !it.title.empty() && title_similarity(it.title, ci->title) < kSameTitle) {
        double score = 0;
        const ChecklistItem* other = best_title_match(*list_, it.title, kPlaceByTitle, &score);
        std::string hint, hint_th;
        if (other && other != ci) {
          hint = ", it reads like " + other->code + " (" + other->title + ")";
          hint_th = " ซึ่งตรงกับ " + other->code + " (" + other->title + ")";
        }
        flags_.add("title_mismatch", target,
                   {{"title", it.title}, {"expected", ci->title}, {"hint", hint}, {"hint_th", hint_th}}, it.source);
      }
      status(it.status, target, it.boxes, it.source);
      units(it.responsible, target, it.source);
    }
    if (!list_) return;
    for (const ChecklistItem& ci : list_->items)
      if (!count.count(ci.code)) flags_.add("missing_item", ci.code, {{"title", ci.title}});
  }

  void indicators() {
    std::set<int> seen;
    for (const IndicatorRecord& ind : r_.indicators) {
      std::string target = "indicator " + std::to_string(ind.no);
      seen.insert(ind.no);
      status(ind.status, target, ind.boxes, ind.source);
      units(ind.responsible, target, ind.source);
    }
    if (!list_) return;
    for (int no : list_->reported_indicators)
      if (!seen.count(no)) {
        const ChecklistIndicator* ci = list_->indicator(no);
        flags_.add("missing_indicator", "indicator " + std::to_string(no),
                   {{"no", std::to_string(no)}, {"title", ci ? ci->title : ""}});
      }
  }

  void score() {
    if (!list_ || !r_.ita.score || r_.ita.result.empty() || list_->results.empty()) return;
    std::string expected;
    for (const ResultBand& b : list_->results)
      if (*r_.ita.score >= b.min) {
        expected = b.result;
        break;
      }
    bool known_word = false;
    for (const ResultBand& b : list_->results) known_word |= b.result == r_.ita.result;
    if (known_word && expected != r_.ita.result)
      flags_.add("score_result_mismatch", "ita",
                 {{"score", fmt::format("{}", *r_.ita.score)},
                  {"expected", expected},
                  {"year", std::to_string(list_->fiscal_year)},
                  {"result", r_.ita.result}},
                 r_.ita.source);
  }

  bool covers_whole_year(const std::string& period) const {
    for (const std::string& w : rules_.whole_fiscal_year())
      if (period.find(w) != std::string::npos) return true;
    return false;
  }

  void check_dates(const std::vector<DateSpan>& dates, const std::string& target, const Source& src,
                   const DateSpan& fy, int year) {
    for (const DateSpan& d : dates) {
      // A period that overlaps the year is a plan or report about it; only
      // what lies wholly outside is a slip.
      if (d.end < fy.start || fy.end < d.start)
        flags_.add("date_outside_fiscal_year", target,
                   {{"text", d.text}, {"iso", d.iso()}, {"year", std::to_string(year)},
                    {"fy_start", fy.start.iso()}, {"fy_end", fy.end.iso()}},
                   src);
    }
  }

  void check_period(const std::optional<DateSpan>& p, const std::string& target, const Source& src,
                    const DateSpan& fy, int year) {
    if (!p || !p->is_range) return;
    if (!(p->start <= fy.start && fy.end <= p->end))
      flags_.add("period_mismatch", target,
                 {{"text", p->text}, {"iso", p->iso()}, {"year", std::to_string(year)},
                  {"fy_start", fy.start.iso()}, {"fy_end", fy.end.iso()}},
                 src);
  }

  void dates() {
    if (!r_.fiscal_year) return;
    int year = *r_.fiscal_year;
    DateSpan fy = fiscal_year_span(year);
    for (const MeasureRecord& m : r_.measures) {
      std::string target = "measure " + std::to_string(m.no);
      check_dates(m.dates, target, m.source, fy, year);
      if (!covers_whole_year(m.period)) check_period(m.period_span, target, m.source, fy, year);
    }
    for (const IndicatorRecord& ind : r_.indicators) {
      std::string target = "indicator " + std::to_string(ind.no);
      check_dates(ind.dates, target, ind.source, fy, year);
      if (!covers_whole_year(ind.period)) check_period(ind.period_span, target, ind.source, fy, year);
    }
    for (const ItemRecord& it : r_.items) check_dates(it.dates, it.code, it.source, fy, year);
  }

  // The report's own name and place: what any mention is compared with.
  static bool same_place(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return false;
    return a.rfind(b, 0) == 0 || b.rfind(a, 0) == 0;
  }

  void foreign_agencies() {
    const Agency& own = r_.agency;
    if (own.name.empty()) return;
    std::string own_place = own.name.substr(own.kind.size());
    std::set<std::pair<std::string, std::string>> seen;
    for (const Mention& m : r_.mentions) {
      bool foreign = false;
      std::string what, own_text;
      if (m.kind == "agency") {
        // Another kind with the same place (the อบจ. of one's own province,
        // a municipality named after its tambon) is not a pasted name.
        std::string place;
        for (const AgencyKind& k : rules_.agency_kinds())
          if (m.name.rfind(k.kind, 0) == 0 && k.kind.size() > place.size()) place = k.kind;
        place = m.name.substr(place.size());
        foreign = !same_place(place, own_place) && !same_place(place, own.subdistrict) &&
                  !same_place(place, own.district) && !same_place(place, own.province);
        what = m.name;
        own_text = own.name;
      } else if (m.kind == "district" && !own.district.empty()) {
        foreign = !same_place(m.name, own.district);
        what = "อำเภอ" + m.name;
        own_text = "อำเภอ" + own.district;
      } else if (m.kind == "province" && !own.province.empty()) {
        foreign = m.name != own.province;
        what = "จังหวัด" + m.name;
        own_text = "จังหวัด" + own.province;
      }
      if (foreign && seen.insert({m.target, what}).second)
        flags_.add("foreign_agency", m.target, {{"mention", what}, {"own", own_text}}, m.source);
    }
  }

  Report& r_;
  const Rulebook& rules_;
  FlagBuilder flags_;
  const Checklist* list_ = nullptr;
};

}  // namespace

void validate_report(Report& report, const Rulebook& rules) { Validator(report, rules).run(); }

}  // namespace itax

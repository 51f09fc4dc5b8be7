#include <catch2/catch.hpp>

#include <algorithm>

#include "validate/flag_builder.h"
#include "extract/title_match.h"
#include "validate/validator.h"

using namespace itax;

namespace {
const Rulebook& rules() {
  static auto r = Rulebook::load(ITAX_RULES).value();
  return *r;
}

// A report with every 2566 item and indicator done, as a baseline.
Report complete_report() {
  Report r;
  r.agency.name = "เทศบาลตำบลก้อ";
  r.agency.kind = "เทศบาลตำบล";
  r.agency.district = "ถ้ำ";
  r.agency.province = "ลำพูน";
  r.fiscal_year = 2566;
  r.ita.score = 91.39;
  r.ita.result = "ผ่าน";
  const Checklist* list = rules().checklist_for(2566);
  for (const ChecklistItem& ci : list->items) {
    ItemRecord it;
    it.code = ci.code;
    it.code_text = ci.code;
    it.title = ci.title;
    it.status = Status::Done;
    it.responsible.push_back({"สำนักปลัด", true, "สำนักปลัด"});
    r.items.push_back(it);
  }
  for (int no = 1; no <= 8; ++no) {
    IndicatorRecord ind;
    ind.no = no;
    ind.status = Status::Done;
    ind.responsible.push_back({"กองคลัง", true, "กองคลัง"});
    r.indicators.push_back(ind);
  }
  return r;
}

std::vector<std::string> codes(const Report& r) {
  std::vector<std::string> out;
  for (const Flag& f : r.flags) out.push_back(f.code + " " + f.target);
  std::sort(out.begin(), out.end());
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("validate: a complete, clean report has no flags", "[validate]") {
  Report r = complete_report();
  validate_report(r, rules());
  CHECK(codes(r).empty());
}

TEST_CASE("validate: missing, not done, ambiguous, unknown, duplicate", "[validate]") {
  Report r = complete_report();
  r.items.erase(r.items.begin() + 4);  // O5
  r.items[0].status = Status::NotDone;
  r.items[1].status = Status::Ambiguous;
  r.items[2].status = Status::Unknown;
  r.items[3].responsible.clear();
  r.items.push_back(r.items[5]);  // O7 twice
  r.indicators.pop_back();        // indicator 8
  validate_report(r, rules());
  CHECK(codes(r) == V{"ambiguous_status O2", "duplicate_item O7", "missing_indicator indicator 8", "missing_item O5",
                      "missing_responsible O4", "not_done O1", "unknown_status O3"});
  for (const Flag& f : r.flags) {
    CHECK_FALSE(f.message.empty());
    CHECK_FALSE(f.message_th.empty());
  }
}

TEST_CASE("validate: title that belongs to another item", "[validate]") {
  Report r = complete_report();
  r.items[11].title = "รายงานผลการดำเนินงานประจำปี";  // O12 row carrying O13's title
  validate_report(r, rules());
  REQUIRE(codes(r) == V{"title_mismatch O12"});
  CHECK_THAT(r.flags[0].message, Catch::Contains("O13"));
}

TEST_CASE("validate: score against the year's result bands", "[validate]") {
  Report r = complete_report();
  r.ita.score = 78.5;  // below the pass mark of 85 but stated as passed
  validate_report(r, rules());
  CHECK(codes(r) == V{"score_result_mismatch ita"});
  Report ok = complete_report();
  ok.ita.score = 78.5;
  ok.ita.result = "ไม่ผ่าน";
  validate_report(ok, rules());
  CHECK(codes(ok).empty());
}

TEST_CASE("validate: dates outside the fiscal year and periods that miss it", "[validate]") {
  Report r = complete_report();
  MeasureRecord m;
  m.no = 1;
  m.dates.push_back(DateSpan{"16 กุมภาพันธ์ 2567", {2024, 2, 16}, {2024, 2, 16}, true, false});
  m.dates.push_back(DateSpan{"1 มีนาคม 2566", {2023, 3, 1}, {2023, 3, 1}, true, false});
  r.measures.push_back(m);
  r.indicators[0].period = "ต.ค. 65 ถึง มี.ค. 66";
  r.indicators[0].period_span = DateSpan{"ต.ค. 65 ถึง มี.ค. 66", {2022, 10, 1}, {2023, 3, 31}, false, true};
  r.indicators[1].period = "ต.ค. 65 ถึง ก.ย. 66";
  r.indicators[1].period_span = DateSpan{"ต.ค. 65 ถึง ก.ย. 66", {2022, 10, 1}, {2023, 9, 30}, false, true};
  validate_report(r, rules());
  CHECK(codes(r) == V{"date_outside_fiscal_year measure 1", "period_mismatch indicator 1"});
}

TEST_CASE("validate: another agency's name pasted from a template", "[validate]") {
  Report r = complete_report();
  r.mentions.push_back({"agency", "เทศบาลตำบลร้อยเอ็ด", "indicator 4", {}});
  r.mentions.push_back({"district", "โพธิ์ทอง", "indicator 7", {}});
  r.mentions.push_back({"agency", "เทศบาลตำบลก้อ", "indicator 6", {}});  // its own name
  r.mentions.push_back({"district", "ถ้ำ", "document", {}});
  r.mentions.push_back({"province", "ลำพูน", "document", {}});
  r.mentions.push_back({"agency", "องค์การบริหารส่วนจังหวัดลำพูน", "O5", {}});  // its province's อบจ.
  validate_report(r, rules());
  CHECK(codes(r) == V{"foreign_agency indicator 4", "foreign_agency indicator 7"});
}

TEST_CASE("validate: no items at all is not an ITA report; a scan has no text", "[validate]") {
  Report r;
  validate_report(r, rules());
  CHECK(codes(r) == V{"not_ita_report document"});
  Report scan;
  scan.no_text_layer = true;
  validate_report(scan, rules());
  CHECK(codes(scan) == V{"no_text_layer document"});
}

TEST_CASE("validate: a year without a checklist uses the nearest earlier one", "[validate]") {
  Report r = complete_report();
  r.fiscal_year = 2568;
  validate_report(r, rules());
  CHECK(codes(r) == V{"unknown_checklist fiscal_year"});
}

TEST_CASE("title similarity", "[validate]") {
  CHECK(title_similarity("คู่มือหรือมาตรฐาน การให้บริการ", "คู่มือหรือมาตรฐานการให้บริการ") == 1.0);
  CHECK(title_similarity("โครงสร้าง", "ข้อมูลผู้บริหาร") < 0.3);
  const Checklist& list = *rules().checklist_for(2566);
  const ChecklistItem* best = best_title_match(list, "แผนดำเนินงานและการใช้จ่าย งบประมาณประจำปี", 0.75);
  REQUIRE(best);
  CHECK(best->code == "O11");
}

TEST_CASE("flag templates fill named fields", "[validate]") {
  CHECK(fill_template("{target} ({title}) {missing}", {{"target", "O5"}, {"title", "x"}}) == "O5 (x) {missing}");
}

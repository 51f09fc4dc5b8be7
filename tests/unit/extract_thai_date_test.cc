#include <catch2/catch.hpp>

#include "extract/thai_date.h"

using namespace itax;

namespace {
const Rulebook& rules() {
  static auto r = Rulebook::load(ITAX_RULES).value();
  return *r;
}
std::vector<std::string> isos(const std::string& text) {
  std::vector<std::string> out;
  for (const DateSpan& d : find_dates(text, rules())) out.push_back(d.iso());
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("dates: full and abbreviated months, BE and CE years", "[dates]") {
  CHECK(isos("เมื่อวันที่ 16 กุมภาพันธ์ 2567") == V{"2024-02-16"});
  CHECK(isos("๑๖ กุมภาพันธ์ ๒๕๖๗") == V{"2024-02-16"});  // Thai digits
  CHECK(isos("16 ก.พ. 67") == V{"2024-02-16"});           // two-digit year
  CHECK(isos("16 ก.พ 67") == V{"2024-02-16"});            // no final dot
  CHECK(isos("1 มกราคม 2023") == V{"2023-01-01"});        // Christian Era
  CHECK(isos("ตุลาคม พ. ศ. 2565") == V{"2022-10-01/2022-10-31"});  // a month: the whole month
  CHECK(isos("29 ก.พ. 2567") == V{"2024-02-29"});         // leap year
  CHECK(isos("256๖ ก.ย.") == V{});                         // no month before the year
}

TEST_CASE("dates: periods with ถึง, - and –", "[dates]") {
  CHECK(isos("ต.ค. 65 ถึง ก.ย. 66") == V{"2022-10-01/2023-09-30"});
  CHECK(isos("(1 ต.ค 65 - 31 มี.ค. 66)") == V{"2022-10-01/2023-03-31"});
  CHECK(isos("ตุลาคม 2565 – กันยายน 2566") == V{"2022-10-01/2023-09-30"});
  auto d = find_dates("ต.ค. 65 ถึง ก.ย. 66", rules());
  REQUIRE(d.size() == 1);
  CHECK(d[0].is_range);
  CHECK(d[0].text == "ต.ค. 65 ถึง ก.ย. 66");
  // Two dates joined by something else stay two dates.
  CHECK(isos("1 ม.ค. 66 และ 5 ม.ค. 66") == V{"2023-01-01", "2023-01-05"});
}

TEST_CASE("dates: text without dates", "[dates]") {
  CHECK(isos("").empty());
  CHECK(isos("เป็นข้อมูลในปี พ.ศ. 2566").empty());
  CHECK(isos("ตามระเบียบ ข้อ 12").empty());
}

TEST_CASE("fiscal year span", "[dates]") {
  DateSpan fy = fiscal_year_span(2566);
  CHECK(fy.start.iso() == "2022-10-01");
  CHECK(fy.end.iso() == "2023-09-30");
}

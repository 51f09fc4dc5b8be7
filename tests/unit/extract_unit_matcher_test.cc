#include <catch2/catch.hpp>

#include "extract/unit_matcher.h"

using namespace itax;

namespace {
std::vector<std::string> names(const std::vector<ResponsibleUnit>& units) {
  std::vector<std::string> out;
  for (const auto& u : units) out.push_back(u.name);
  return out;
}
const UnitMatcher& matcher() {
  static auto rules = Rulebook::load(ITAX_RULES).value();
  static UnitMatcher m(*rules);
  return m;
}
}  // namespace

using V = std::vector<std::string>;

TEST_CASE("units: wrap-broken and abbreviated names become canonical", "[extract]") {
  CHECK(names(matcher().match("กองยุทธศาสตร์และ งบประมาณ")) == V{"กองยุทธศาสตร์และงบประมาณ"});
  CHECK(names(matcher().match("กองยุทธศาสตร์และ\nงบประมาณ, กองคลัง")) == V{"กองยุทธศาสตร์และงบประมาณ", "กองคลัง"});
  CHECK(names(matcher().match("สำนักปลัด,กอง ยุทธศาสตร์และ งบประมาณ, กองช่าง, กองคลัง")) ==
        V{"สำนักปลัด", "กองยุทธศาสตร์และงบประมาณ", "กองช่าง", "กองคลัง"});
  CHECK(names(matcher().match("กองยุทธฯ/สำนักปลัด / กองคลัง")) == V{"กองยุทธศาสตร์และงบประมาณ", "สำนักปลัด", "กองคลัง"});
  CHECK(names(matcher().match("สป.")) == V{"สำนักปลัด"});
  CHECK(names(matcher().match("สำนักปลัดกองคลัง")) == V{"สำนักปลัด", "กองคลัง"});
}

TEST_CASE("units: unknown entries are kept as cleaned text", "[extract]") {
  CHECK(names(matcher().match("1.เจ้าหน้าที่ประชาสัมพันธ์ 2.สำนักปลัด กองคลัง กองช่าง กองสวัสดิการสังคม "
                              "กองยุทธศาสตร์และงบประมาณ")) ==
        V{"เจ้าหน้าที่ประชาสัมพันธ์", "สำนักปลัด", "กองคลัง", "กองช่าง", "กองสวัสดิการสังคม",
          "กองยุทธศาสตร์และงบประมาณ"});
  auto u = matcher().match("งานประชาสัมพันธ์");
  REQUIRE(u.size() == 1);
  CHECK(u[0].name == "งานประชาสัมพันธ์");
  CHECK_FALSE(u[0].known);
  CHECK(matcher().match("ทุกส่วนงาน")[0].known);  // "every unit" is an answer rules/units.yaml knows
  CHECK(names(matcher().match("1.คณะกรรมการทบทวนปรับปรุงการจัดทำคู่มือการใช้ทรัพย์สินของทางราชการ 2.กองคลัง")) ==
        V{"คณะกรรมการทบทวนปรับปรุงการจัดทำคู่มือการใช้ทรัพย์สินของทางราชการ", "กองคลัง"});
}

TEST_CASE("units: connectors, numbering and duplicates dropped", "[extract]") {
  CHECK(names(matcher().match("กองคลัง และ กองช่าง")) == V{"กองคลัง", "กองช่าง"});
  CHECK(names(matcher().match("- กองคลัง\n- กองคลัง")) == V{"กองคลัง"});
  CHECK(matcher().match("").empty());
  CHECK(matcher().match(" - ").empty());
}

TEST_CASE("units: a unit name inside a longer word is not a match", "[extract]") {
  // "ของกองคลัง" is part of a committee's name, not a unit of its own.
  auto u = matcher().match("คณะทำงานของกองคลัง");
  REQUIRE(u.size() == 1);
  CHECK_FALSE(u[0].known);
}

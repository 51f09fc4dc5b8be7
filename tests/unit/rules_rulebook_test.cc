#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "rules/rulebook.h"

using namespace itax;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const Rulebook> project_rules() {
  auto r = Rulebook::load(ITAX_RULES);
  REQUIRE(r.ok());
  return r.value();
}

// A copy of rules/ in a temp dir with one file replaced.
std::string rules_with(const std::string& file, const std::string& content) {
  fs::path dir = fs::temp_directory_path() / ("itax_rules_" + std::to_string(::rand()));
  fs::remove_all(dir);
  fs::copy(ITAX_RULES, dir, fs::copy_options::recursive);
  std::ofstream(dir / file) << content;
  return dir.string();
}

}  // namespace

TEST_CASE("project rules load and every inline example passes", "[rules]") {
  auto rules = project_rules();
  CHECK(rules->check_examples().empty());
  for (const std::string& f : rules->check_examples()) FAIL(f);
  CHECK(rules->units().size() >= 10);
  CHECK(rules->provinces().size() == 77);
  CHECK(rules->version().size() == 12);
}

TEST_CASE("checklist 2566 has 43 items in 7 sub-indicators", "[rules]") {
  auto rules = project_rules();
  const Checklist* c = rules->checklist_for(2566);
  REQUIRE(c);
  CHECK(c->fiscal_year == 2566);
  CHECK(c->items.size() == 43);
  CHECK(c->item(14)->subindicator == "9.2");
  CHECK(c->item(31)->subindicator == "10.1");
  CHECK(c->item(43)->subindicator == "10.2");
  // A later year with no checklist of its own falls back to the nearest earlier one.
  CHECK(rules->checklist_for(2570)->fiscal_year == 2566);
}

TEST_CASE("glyph table from checkboxes.yaml", "[rules]") {
  auto rules = project_rules();
  const CheckGlyphs& g = rules->glyphs();
  CHECK(g.lookup("Wingdings", 0xF0FE) == std::optional<bool>(true));
  CHECK(g.lookup("WINGDINGS", 0xFE) == std::optional<bool>(true));  // plain byte form
  CHECK(g.lookup("Wingdings", 0xF0A8) == std::optional<bool>(false));
  CHECK(g.lookup("Wingdings 2", 'R') == std::optional<bool>(true));
  CHECK(g.lookup("TH SarabunPSK", 0x2610) == std::optional<bool>(false));
  CHECK(g.lookup("TH SarabunPSK", 'R') == std::nullopt);
}

TEST_CASE("rule errors name file and line", "[rules]") {
  SECTION("bad regular expression") {
    std::string dir = rules_with("extra.yaml", "rules:\n  - id: x.bad\n    pattern: '(unclosed'\n");
    auto r = Rulebook::load(dir);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("extra.yaml:2: bad pattern"));
    fs::remove_all(dir);
  }
  SECTION("broken YAML") {
    std::string dir = rules_with("extra.yaml", "rules:\n  - id: [unclosed\n");
    auto r = Rulebook::load(dir);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("extra.yaml:"));
    fs::remove_all(dir);
  }
  SECTION("required rule missing") {
    fs::path dir = fs::temp_directory_path() / "itax_rules_missing";
    fs::remove_all(dir);
    fs::copy(ITAX_RULES, dir, fs::copy_options::recursive);
    fs::remove(dir / "patterns.yaml");
    auto r = Rulebook::load(dir.string());
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("required rule 'item.code' is missing"));
    fs::remove_all(dir);
  }
  SECTION("failing example is reported with its line") {
    std::string dir = rules_with("extra.yaml",
                                 "rules:\n  - id: x.digits\n    pattern: '([0-9]+)'\n    examples:\n"
                                 "      - {text: \"abc\", match: true}\n      - {text: \"๑๒\", capture: \"12\"}\n");
    auto r = Rulebook::load(dir);
    REQUIRE(r.ok());
    auto failures = r.value()->check_examples();
    REQUIRE(failures.size() == 1);  // Thai digits are folded before matching
    CHECK_THAT(failures[0], Catch::StartsWith("extra.yaml:5: x.digits"));
    fs::remove_all(dir);
  }
}

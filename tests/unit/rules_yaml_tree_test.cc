#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>
#include <vector>

#include "rules/yaml_tree.h"

using namespace itax;

namespace {

// The yaml::Error that `f` throws.
yaml::Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const yaml::Error& e) {
    return e;
  }
  FAIL("no yaml::Error thrown");
  throw std::logic_error("unreachable");
}

yaml::Node first(const yaml::Node& n) { return *n.begin(); }

std::vector<std::string> items(const yaml::Node& n) {
  std::vector<std::string> out;
  for (const yaml::Node& e : n) out.push_back(e.as<std::string>());
  return out;
}

}  // namespace

TEST_CASE("yaml scalars and null", "[rules][yaml]") {
  yaml::Document doc = yaml::parse(
      "int: 42\nneg: -7\nhex: 0x1F\nreal: 85.5\nyes: true\nno: False\ntext: hello world\n"
      "empty:\ntilde: ~\nquoted_null: 'null'\n");
  yaml::Node r = doc.root();
  REQUIRE(r.IsMap());
  CHECK(r["int"].as<int>() == 42);
  CHECK(r["neg"].as<int>() == -7);
  CHECK(r["hex"].as<int>() == 31);  // yaml-cpp read ints in any C base
  CHECK(r["real"].as<double>() == 85.5);
  CHECK(r["int"].as<double>() == 42.0);
  CHECK(r["yes"].as<bool>());
  CHECK_FALSE(r["no"].as<bool>());
  CHECK(r["text"].as<std::string>() == "hello world");
  CHECK(r["text"].IsScalar());
  CHECK(r["empty"]);  // present, with a null value
  CHECK(r["empty"].IsNull());
  CHECK_FALSE(r["empty"].IsScalar());
  CHECK(r["tilde"].IsNull());
  CHECK(r["tilde"].as<std::string>() == "null");  // as yaml-cpp
  CHECK(r["quoted_null"].IsScalar());
  CHECK(r["quoted_null"].Scalar() == "null");
}

TEST_CASE("yaml nested maps and sequences", "[rules][yaml]") {
  yaml::Document doc = yaml::parse(
      "rules:\n"
      "  - id: a\n"
      "    examples:\n"
      "      - {text: x, match: true}\n"
      "      - text: y\n"
      "        capture: [1, 2]\n"
      "  - id: b\n"
      "columns: {code: 'a', title: 'b', note: 'c'}\n"
      "flat:\n"
      "- one\n"
      "- two\n");
  yaml::Node r = doc.root();
  std::vector<std::string> ids;
  for (const yaml::Node& rule : r["rules"]) ids.push_back(rule["id"].as<std::string>());
  CHECK(ids == std::vector<std::string>{"a", "b"});
  yaml::Node ex = first(r["rules"])["examples"];
  REQUIRE(ex.IsSequence());
  CHECK(items(r["flat"]) == std::vector<std::string>{"one", "two"});
  int n = 0;
  for (const yaml::Node& e : ex) {
    if (n++ == 1) CHECK(items(e["capture"]) == std::vector<std::string>{"1", "2"});
  }
  CHECK(n == 2);
  std::vector<std::string> roles;
  for (const auto& [k, v] : r["columns"].entries()) roles.push_back(k.as<std::string>() + "=" + v.as<std::string>());
  CHECK(roles == std::vector<std::string>{"code=a", "title=b", "note=c"});  // file order
  // Maps are not lists: iterating one is an error, not silently nothing.
  CHECK_THAT(error_of([&] { items(r["columns"]); }).what(), Catch::Contains("expected a list, found a map"));
  // Scalars and null iterate as empty, as in yaml-cpp.
  CHECK(items(first(r["rules"])["id"]).empty());
}

TEST_CASE("yaml missing keys", "[rules][yaml]") {
  yaml::Document doc = yaml::parse("a:\n  b: 1\nlist: [x]\nscalar: s\n");
  yaml::Node r = doc.root();
  CHECK_FALSE(r["nope"]);
  CHECK(!r["nope"]);
  CHECK_FALSE(r["nope"]["deeper"]);
  CHECK_FALSE(r["list"]["b"]);  // a sequence has no keys
  CHECK_FALSE(r["nope"].IsNull());
  CHECK(r["a"]["b"].as<int>() == 1);
  yaml::Error e = error_of([&] { r["a"]["c"].as<int>(); });
  CHECK(std::string(e.what()) == "missing 'c'");
  CHECK(e.mark.line == 1);  // where its map starts
  CHECK(error_of([&] { r["nope"]["deeper"].as<bool>(); }).what() == std::string("missing 'nope'"));
  e = error_of([&] { r["scalar"]["k"]; });
  CHECK_THAT(e.what(), Catch::Contains("expected a map with 'k', found 's'"));
  CHECK(e.mark.line == 3);
  // An empty document is a null root, and nothing is in it.
  yaml::Document empty = yaml::parse("# only a comment\n");
  CHECK(empty.root().IsNull());
  CHECK_FALSE(empty.root()["rules"]);
}

TEST_CASE("yaml node lines", "[rules][yaml]") {
  yaml::Document doc = yaml::parse(
      "# comment\n"
      "rules:\n"
      "  - id: a\n"
      "    pattern: 'x'\n"
      "\n"
      "  - {id: b, pattern: y}\n"
      "aliases:\n"
      "next: 1\n");
  yaml::Node r = doc.root();
  CHECK(r.Mark().line == 1);
  CHECK(r["rules"].Mark().line == 2);
  std::vector<int> lines;
  for (const yaml::Node& e : r["rules"]) lines.push_back(e.Mark().line);
  CHECK(lines == std::vector<int>{2, 5});
  CHECK(first(r["rules"])["pattern"].Mark().line == 3);
  CHECK(first(r["rules"])["pattern"].Mark().column == 13);
  // An empty value is where the next token starts, as yaml-cpp had it, so
  // errors about it keep their line numbers.
  CHECK(r["aliases"].IsNull());
  CHECK(r["aliases"].Mark().line == 7);
}

TEST_CASE("yaml syntax errors carry libyaml's message and line", "[rules][yaml]") {
  yaml::Error e = error_of([] { yaml::parse("a: 1\nb: c: d\n"); });
  CHECK(e.mark.line == 1);
  CHECK_THAT(e.what(), Catch::Contains("mapping values are not allowed"));
  e = error_of([] { yaml::parse("rules:\n  - id: [unclosed\n  - id: x\n"); });
  CHECK_THAT(e.what(), Catch::Contains("while parsing a flow sequence on line 2"));
  e = error_of([] { yaml::parse("a: 1\nb: 'never closed\n"); });
  CHECK_THAT(e.what(), Catch::Contains("quoted scalar on line 2"));
  // Bad UTF-8: libyaml gives a byte offset, turned into a line.
  e = error_of([] { yaml::parse("a: 1\nb: 2\nc: \xff\n"); });
  CHECK(e.mark.line == 2);
  CHECK_THAT(e.what(), Catch::Contains("UTF-8"));
}

TEST_CASE("yaml conversions reject wrong types with the node's line", "[rules][yaml]") {
  yaml::Document doc = yaml::parse("n: twelve\nlist: [1]\nflag: maybe\nx: 12abc\nbig: 99999999999\nmap: {a: 1}\n");
  yaml::Node r = doc.root();
  yaml::Error e = error_of([&] { r["n"].as<int>(); });
  CHECK(e.mark.line == 0);
  CHECK(std::string(e.what()) == "expected an integer, found 'twelve'");
  e = error_of([&] { r["list"].as<bool>(); });
  CHECK(e.mark.line == 1);
  CHECK(std::string(e.what()) == "expected true or false, found a list");
  CHECK(error_of([&] { r["flag"].as<bool>(); }).mark.line == 2);
  CHECK(error_of([&] { r["x"].as<double>(); }).what() == std::string("expected a number, found '12abc'"));
  CHECK(error_of([&] { r["big"].as<int>(); }).mark.line == 4);
  CHECK(error_of([&] { r["map"].as<std::string>(); }).what() == std::string("expected a string, found a map"));
  CHECK_THROWS_AS(r["map"].entries().at(0).first.as<int>(), yaml::Error);
  CHECK_THROWS_AS(r["n"].entries(), yaml::Error);
  yaml::Document spellings = yaml::parse("[on, Off, YES, n, tRUE]");  // yaml-cpp's
  std::vector<int> got;
  for (const yaml::Node& b : spellings.root()) {
    try {
      got.push_back(b.as<bool>());
    } catch (const yaml::Error&) {
      got.push_back(-1);
    }
  }
  CHECK(got == std::vector<int>{1, 0, 1, 0, -1});
}

TEST_CASE("yaml Thai UTF-8 scalars", "[rules][yaml]") {
  yaml::Document doc = yaml::parse(
      "provinces: [กรุงเทพมหานคร, เชียงใหม่]\n"
      "ชื่อ: องค์การบริหารส่วนตำบล\n"
      "escaped: \"\\u0E01\\u0E02\"\n");
  yaml::Node r = doc.root();
  CHECK(items(r["provinces"]) == std::vector<std::string>{"กรุงเทพมหานคร", "เชียงใหม่"});
  CHECK(r["ชื่อ"].as<std::string>() == "องค์การบริหารส่วนตำบล");
  CHECK(r["escaped"].as<std::string>() == "กข");
  CHECK(first(r["provinces"]).Mark().column == 12);  // columns count characters
}

TEST_CASE("yaml block scalars and quoted escapes", "[rules][yaml]") {
  yaml::Document doc = yaml::parse(
      "literal: |\n  line 1\n  line 2\n"
      "folded: >\n  one\n  two\n\n  three\n"
      "stripped: |-\n  no newline\n"
      "double: \"tab\\there \\\"quoted\\\" back\\\\slash\\nnewline\"\n"
      "single: 'it''s \\n raw'\n");
  yaml::Node r = doc.root();
  CHECK(r["literal"].as<std::string>() == "line 1\nline 2\n");
  CHECK(r["folded"].as<std::string>() == "one two\nthree\n");
  CHECK(r["stripped"].as<std::string>() == "no newline");
  CHECK(r["double"].as<std::string>() == "tab\there \"quoted\" back\\slash\nnewline");
  CHECK(r["single"].as<std::string>() == "it's \\n raw");
}

TEST_CASE("yaml aliases and later documents", "[rules][yaml]") {
  yaml::Document doc = yaml::parse("base: &b [x, y]\ncopy: *b\nname: &n z\nagain: *n\n---\nignored: 1\n");
  yaml::Node r = doc.root();
  CHECK(items(r["copy"]) == std::vector<std::string>{"x", "y"});
  CHECK(r["copy"].Mark().line == 0);  // the anchored node itself
  CHECK(r["again"].as<std::string>() == "z");
  CHECK_FALSE(r["ignored"]);
  CHECK_THAT(error_of([] { yaml::parse("a: *nowhere\n"); }).what(), Catch::Contains("alias *nowhere"));
  CHECK(error_of([] { yaml::parse("a: &r\n  - *r\n"); }).mark.line == 1);  // no cycles
}

// A record's store rows in their binary form: what the worker makes is what
// the parent reads back, and damaged bytes are refused, never misread.
#include <catch2/catch.hpp>

#include "batch/rows.h"

using namespace itax::batch;
using ojson = nlohmann::ordered_json;

namespace {

ojson sample_record() {
  ojson r;
  r["schema"] = "itax.report/1";
  r["tool"] = {{"name", "itax"}, {"version", "0.9"}, {"rules_version", "r1"}};
  r["source"] = {{"path", "in/a.pdf"}, {"file", "a.pdf"}, {"sha256", "ab12"}, {"format", "pdf"}, {"bytes", 1234}, {"pages", 3}};
  r["status"] = "ok";
  r["error"] = nullptr;
  r["agency"] = {{"name", "อบต.หนึ่ง"}, {"kind", "อบต."}, {"subdistrict", nullptr}, {"district", "เมือง"}, {"province", "ขอนแก่น"}};
  r["fiscal_year"] = 2566;
  r["ita"] = {{"score", 91.25}, {"result", "ผ่าน"}};
  r["measures"] = ojson::array({{{"no", 1}, {"title", "มาตรการ"}, {"responsible", {"กองคลัง"}}, {"indicator_refs", {"1", "2"}}}});
  r["indicators"] = ojson::array({{{"no", 4}, {"title", "ตัวชี้วัด"}, {"status", "done"}, {"responsible", ojson::array()}}});
  r["items"] = ojson::array({
      {{"code", "O1"}, {"code_text", "0๑"}, {"title", "โครงสร้าง"}, {"status", "done"}, {"responsible", {"สำนักปลัด"}},
       {"source", {{"page", 2}, {"locator", "table 1 row 3"}}}},
      {{"code", nullptr}, {"status", "ambiguous"}, {"source", {{"page", nullptr}}}},
      {{"code", "O3"}, {"status", "not_done"}},
  });
  r["flags"] = ojson::array({{{"code", "not_done"}, {"severity", "warning"}, {"target", "O3"}, {"message", "n"}},
                             {{"code", "missing_item"}, {"severity", "error"}, {"target", "O33"}, {"message", "m"},
                              {"message_th", "ไม่พบ"}}});
  return r;
}

std::string text(const DocumentRows& d, const Cell& c) {
  REQUIRE(c.kind == Cell::Kind::Text);
  return std::string(d.text(c));
}

}  // namespace

TEST_CASE("rows: a record's rows carry its values with their SQL types", "[batch]") {
  DocumentRows d = DocumentRows::from_record(sample_record());
  REQUIRE(d.rows(RowTable::Document) == 1);
  const Cell* doc = d.row(RowTable::Document, 0);
  CHECK(text(d, doc[0]) == "ab12");        // sha256
  CHECK(text(d, doc[1]) == "in/a.pdf");    // path
  CHECK(doc[4].kind == Cell::Kind::Integer);
  CHECK(doc[4].integer == 1234);           // bytes
  CHECK(text(d, doc[6]) == "ok");          // status
  CHECK(doc[7].kind == Cell::Kind::Null);  // error code
  CHECK(text(d, doc[9]) == "อบต.หนึ่ง");
  CHECK(doc[11].kind == Cell::Kind::Null);  // subdistrict
  CHECK(doc[14].integer == 2566);
  CHECK(doc[15].kind == Cell::Kind::Real);
  CHECK(doc[15].real == 91.25);
  // done, not done, ambiguous, unknown, missing
  CHECK(doc[17].integer == 1);
  CHECK(doc[18].integer == 1);
  CHECK(doc[19].integer == 1);
  CHECK(doc[20].integer == 0);
  CHECK(doc[21].integer == 1);
  CHECK(text(d, doc[22]) == "missing_item not_done");
  CHECK(text(d, doc[23]) == "r1");
  CHECK(text(d, doc[24]) == "0.9");

  REQUIRE(d.rows(RowTable::Items) == 3);
  const Cell* item = d.row(RowTable::Items, 0);
  CHECK(text(d, item[0]) == "O1");
  CHECK(text(d, item[1]) == "0๑");
  CHECK(item[2].kind == Cell::Kind::Null);
  CHECK(text(d, item[5]) == "[\"สำนักปลัด\"]");
  CHECK(item[7].integer == 2);
  CHECK(text(d, item[8]) == "table 1 row 3");
  const Cell* second = d.row(RowTable::Items, 1);
  CHECK(second[0].kind == Cell::Kind::Null);
  CHECK(text(d, second[5]) == "[]");  // no responsible units: an empty array, as SQL's json_each reads it
  CHECK(second[7].kind == Cell::Kind::Null);
  CHECK(d.rows(RowTable::Indicators) == 1);
  CHECK(d.row(RowTable::Indicators, 0)[0].integer == 4);
  REQUIRE(d.rows(RowTable::Measures) == 1);
  CHECK(text(d, d.row(RowTable::Measures, 0)[3]) == "[\"1\",\"2\"]");
  REQUIRE(d.rows(RowTable::Flags) == 2);
  CHECK(text(d, d.row(RowTable::Flags, 1)[4]) == "ไม่พบ");
  CHECK(d.row(RowTable::Flags, 0)[4].kind == Cell::Kind::Null);

  const RowFacts& f = d.facts();
  CHECK(f.sha256 == "ab12");
  CHECK(f.status == "ok");
  CHECK(f.rules_version == "r1");
  CHECK(f.flag_codes == std::vector<std::string>{"missing_item", "not_done"});
}

TEST_CASE("rows: the bytes read back to the same rows", "[batch]") {
  DocumentRows d = DocumentRows::from_record(sample_record());
  auto back = DocumentRows::parse(d.bytes());
  REQUIRE(back);
  CHECK(back->bytes() == d.bytes());
  for (RowTable t : {RowTable::Document, RowTable::Items, RowTable::Indicators, RowTable::Measures, RowTable::Flags}) {
    REQUIRE(back->rows(t) == d.rows(t));
    const std::size_t w = kRowWidths[static_cast<std::size_t>(t)];
    for (std::size_t r = 0; r < d.rows(t); ++r)
      for (std::size_t i = 0; i < w; ++i) {
        const Cell& a = d.row(t, r)[i];
        const Cell& b = back->row(t, r)[i];
        CHECK(a.kind == b.kind);
        CHECK(a.integer == b.integer);
        CHECK(a.real == b.real);
        CHECK(d.text(a) == back->text(b));
      }
  }
  // A copy holds its own bytes: its text stays readable when the original goes.
  std::optional<DocumentRows> copy;
  {
    DocumentRows tmp = DocumentRows::from_record(sample_record());
    copy = tmp;
  }
  CHECK(copy->text(copy->row(RowTable::Document, 0)[2]) == "a.pdf");
}

TEST_CASE("rows: a record with parts missing gives nulls and empty tables", "[batch]") {
  DocumentRows d = DocumentRows::from_record(ojson::object());
  const Cell* doc = d.row(RowTable::Document, 0);
  CHECK(doc[0].kind == Cell::Kind::Null);
  CHECK(d.text(doc[1]).empty());  // path: never null in the schema
  CHECK(d.text(doc[6]) == "error");
  CHECK(d.rows(RowTable::Items) == 0);
  CHECK(d.rows(RowTable::Flags) == 0);
  CHECK(d.facts().status == "error");
  // Members of the wrong type are not read as something else.
  ojson odd = sample_record();
  odd["items"] = "not a list";
  odd["source"] = ojson::array({1, 2});
  odd["fiscal_year"] = "2566";
  DocumentRows o = DocumentRows::from_record(odd);
  CHECK(o.rows(RowTable::Items) == 0);
  CHECK(o.row(RowTable::Document, 0)[0].kind == Cell::Kind::Null);
  CHECK(o.row(RowTable::Document, 0)[14].kind == Cell::Kind::Null);
}

TEST_CASE("rows: numbers too large for an integer column stay numbers", "[batch]") {
  // Found by fuzz_answer: 2.56667e+86 in an integer member was converted to
  // int64, which is undefined behaviour. Such numbers are kept as reals.
  ojson r = sample_record();
  r["fiscal_year"] = 2.56667e+86;
  r["source"]["bytes"] = 18446744073709551615ull;
  r["source"]["pages"] = 3.0;
  r["items"][0]["source"]["page"] = -1e300;
  DocumentRows d = DocumentRows::from_record(r);
  const Cell* doc = d.row(RowTable::Document, 0);
  CHECK(doc[14].kind == Cell::Kind::Real);
  CHECK(doc[14].real == 2.56667e+86);
  CHECK(doc[4].kind == Cell::Kind::Real);
  CHECK(doc[4].real == 18446744073709551615.0);
  CHECK(doc[5].kind == Cell::Kind::Real);
  CHECK(doc[5].real == 3.0);
  CHECK(d.row(RowTable::Items, 0)[7].kind == Cell::Kind::Real);
  r["source"]["bytes"] = 9223372036854775807ull;
  CHECK(DocumentRows::from_record(r).row(RowTable::Document, 0)[4].integer == INT64_MAX);
}

TEST_CASE("rows: damaged bytes are refused", "[batch]") {
  const std::string good = DocumentRows::from_record(sample_record()).bytes();
  for (std::size_t n = 0; n < good.size(); ++n) {
    INFO("cut at " << n);
    CHECK_FALSE(DocumentRows::parse(good.substr(0, n)));
  }
  CHECK_FALSE(DocumentRows::parse(good + '\0'));  // trailing bytes

  // An unknown tag where the first cell starts (after the documents count).
  std::string bad_tag = good;
  bad_tag[4] = 9;
  CHECK_FALSE(DocumentRows::parse(bad_tag));

  // A row count far beyond the bytes: refused without allocating for it.
  std::string huge = good;
  huge[0] = huge[1] = huge[2] = huge[3] = '\xff';
  CHECK_FALSE(DocumentRows::parse(huge));

  // A status other than ok or error.
  ojson r = sample_record();
  r["status"] = "fine";
  CHECK_THROWS_AS(DocumentRows::from_record(r), std::invalid_argument);
}

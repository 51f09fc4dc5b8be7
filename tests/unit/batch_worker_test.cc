// The worker's answer on the wire: taken whole however the bytes arrive,
// back to back or cut anywhere; anything else is refused as malformed.
#include <catch2/catch.hpp>

#include "batch/worker.h"

using namespace itax::batch;
using ojson = nlohmann::ordered_json;

namespace {

DocumentRows rows_for(const std::string& sha) {
  ojson r = {{"source", {{"path", "a.pdf"}, {"file", "a.pdf"}, {"sha256", sha}}}, {"status", "ok"}};
  return DocumentRows::from_record(r);
}

}  // namespace

TEST_CASE("worker answers: taken whole, in order, however they arrive", "[batch]") {
  const std::string a = make_answer("", false, rows_for("aa"), R"({"n":1,"t":"ก\tข\nค"})");
  const std::string b = make_answer("cannot write x.json", true, rows_for("bb"), R"({"n":2})");
  std::string buf = a + b;
  Response r;
  REQUIRE(take_answer(buf, r) == Answer::Taken);
  CHECK(r.record_line == R"({"n":1,"t":"ก\tข\nค"})");
  CHECK_FALSE(r.exiting);
  CHECK(r.write_error.empty());
  REQUIRE(r.rows);
  CHECK(r.rows->facts().sha256 == "aa");
  CHECK(buf == b);
  Response s;
  REQUIRE(take_answer(buf, s) == Answer::Taken);
  CHECK(s.record_line == R"({"n":2})");
  CHECK(s.exiting);
  CHECK(s.write_error == "cannot write x.json");
  CHECK(s.rows->facts().sha256 == "bb");
  CHECK(buf.empty());
  CHECK(take_answer(buf, s) == Answer::Incomplete);

  // Cut anywhere: incomplete, and the buffer is left as it was.
  for (std::size_t n = 0; n < a.size(); ++n) {
    std::string part = a.substr(0, n);
    Response p;
    INFO("cut at " << n);
    REQUIRE(take_answer(part, p) == Answer::Incomplete);
    CHECK(part.size() == n);
  }
}

TEST_CASE("worker answers: what is not an answer is malformed", "[batch]") {
  const std::string good = make_answer("", false, rows_for("aa"), "{}");
  Response r;
  std::string text = "{\"rows\": {}}\t{}\n";  // the old line protocol, or stray output
  CHECK(take_answer(text, r) == Answer::Malformed);
  std::string one = "X";
  CHECK(take_answer(one, r) == Answer::Malformed);

  std::string flags = good;
  flags[4] = 2;  // an unknown flag
  CHECK(take_answer(flags, r) == Answer::Malformed);

  std::string huge = good;
  huge[19] = '\x7f';  // a record length near 2 GB: not waited for
  CHECK(take_answer(huge, r) == Answer::Malformed);

  std::string bad_rows = good;
  bad_rows[20] = '\x05';  // the documents count of the rows: five
  CHECK(take_answer(bad_rows, r) == Answer::Malformed);

  std::string no_record = make_answer("", false, rows_for("aa"), "");
  CHECK(take_answer(no_record, r) == Answer::Malformed);
}

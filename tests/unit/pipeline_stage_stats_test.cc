// The --stats counters are filled by a real run (no timing assertions: the
// machine may be busy; only that each stage was entered and measured).
#include <catch2/catch.hpp>

#include <memory>

#include "pipeline/pipeline.h"
#include "pipeline/stage_stats.h"

using namespace itax;

namespace {
std::shared_ptr<const Rulebook> rules() {
  static auto r = Rulebook::load(ITAX_RULES).value();
  return r;
}
}  // namespace

TEST_CASE("pipeline stage counters are filled for a PDF and a DOCX", "[pipeline][stats]") {
  Pipeline p(rules());
  for (const char* name : {"/ko_2566_content_controls.pdf", "/ko_2566_content_controls.docx"}) {
    Record rec = p.run(std::string(ITAX_SAMPLES) + name);
    INFO(name);
    REQUIRE_FALSE(rec.error);
    for (Stage s : {Stage::Read, Stage::Thai, Stage::Rules, Stage::Validate}) {
      INFO(stage_name(s));
      CHECK(rec.times[s].calls == 1);
      CHECK(rec.times[s].wall_ms >= 0);
      CHECK(rec.times[s].cpu_ms >= 0);
    }
    // Reading a 33-page file cannot take zero time.
    CHECK(rec.times[Stage::Read].wall_ms > 0);
    CHECK(rec.times[Stage::Startup].calls == 0);  // start-up is the caller's
    CHECK(rec.times[Stage::Output].calls == 0);
  }
}

TEST_CASE("run stats add up and print every stage", "[pipeline][stats]") {
  RunStats st;
  StageTimes a;
  a[Stage::Read] = {2.0, 1.5, 1};
  a[Stage::Thai] = {1.0, 1.0, 1};
  st.times.add(a);
  st.add_document("a \"b\".pdf", 3, a);
  CHECK(st.times[Stage::Read].wall_ms == Approx(4.0));
  CHECK(st.times[Stage::Read].calls == 2);
  REQUIRE(st.per_document.size() == 1);
  CHECK(st.per_document[0].cpu_ms == Approx(2.5));
  CHECK(st.per_document[0].pages == 3);
  StageTimer t;
  t.stop(st.times[Stage::Output]);
  CHECK(st.times[Stage::Output].calls == 1);
  const std::string table = st.table();
  const std::string json = st.json();
  for (const char* name : {"startup", "read", "thai", "rules", "validate", "output"}) {
    CHECK(table.find(name) != std::string::npos);
    CHECK(json.find(std::string("\"") + name + "\"") != std::string::npos);
  }
  CHECK(json.find("a \\\"b\\\".pdf") != std::string::npos);  // the file name, escaped
}

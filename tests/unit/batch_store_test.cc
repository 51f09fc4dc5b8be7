// The results store: one document per content hash with its rows, replaced
// whole; lookups for reruns; merge that adds up shards and is idempotent.
#include <catch2/catch.hpp>

#include <filesystem>

#include <unistd.h>

#include "batch/store.h"

using namespace itax::batch;
namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("itax_batch_store_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

ojson record(const std::string& path, const std::string& sha, int items, const std::string& rules = "r1") {
  ojson r;
  r["schema"] = "itax.report/1";
  r["tool"] = {{"name", "itax"}, {"version", "0"}, {"rules_version", rules}};
  r["source"] = {{"path", path}, {"file", fs::path(path).filename().string()}, {"sha256", sha}, {"format", "docx"},
                 {"bytes", 10}, {"pages", nullptr}};
  r["status"] = "ok";
  r["error"] = nullptr;
  r["agency"] = {{"name", "อบต.หนึ่ง"}, {"kind", "อบต."}, {"subdistrict", nullptr}, {"district", "เมือง"}, {"province", "ขอนแก่น"}};
  r["fiscal_year"] = 2566;
  r["ita"] = {{"score", 90.0}, {"result", "ผ่าน"}};
  r["measures"] = ojson::array({{{"no", 1}, {"title", "m"}, {"responsible", {"กองคลัง"}}, {"indicator_refs", {"1"}}}});
  r["indicators"] = ojson::array({{{"no", 1}, {"title", "i"}, {"status", "done"}, {"responsible", ojson::array()}}});
  r["items"] = ojson::array();
  for (int i = 1; i <= items; ++i)
    r["items"].push_back({{"code", "O" + std::to_string(i)}, {"status", i % 2 ? "done" : "ambiguous"},
                          {"responsible", {"สำนักปลัด"}}, {"source", {{"page", nullptr}, {"locator", "table 1 row " + std::to_string(i)}}}});
  r["flags"] = ojson::array({{{"code", "missing_item"}, {"severity", "error"}, {"target", "O33"}, {"message", "m"}},
                             {{"code", "not_done"}, {"severity", "warning"}, {"target", "O2"}, {"message", "n"}}});
  return r;
}

ojson error_record(const std::string& path, const std::string& code) {
  ojson r = record(path, "", 0);
  r["source"]["sha256"] = nullptr;
  r["status"] = "error";
  r["error"] = {{"code", code}, {"message", "it failed"}};
  r["measures"] = r["indicators"] = r["flags"] = ojson::array();
  return r;
}

void put(Store& s, const ojson& r) {
  std::string sha = r["source"]["sha256"].is_string() ? r["source"]["sha256"].get<std::string>() : "";
  s.put(document_key(sha, r["source"]["path"]), r, r.dump(), 12.5);
}

std::int64_t count(Store& s, const std::string& sql) {
  Stmt q(s.db(), sql);
  return q.step() ? q.int64(0) : -1;
}

// Every row of every table, timestamps left out.
std::vector<std::string> rows(Store& s) {
  std::vector<std::string> out;
  for (const char* sql :
       {"SELECT doc||'|'||path||'|'||status||'|'||coalesce(error_code,'')||'|'||record||'|'||items_done||flag_codes FROM documents ORDER BY doc",
        "SELECT doc||'|'||seq||'|'||coalesce(code,'')||status||responsible FROM items ORDER BY doc, seq",
        "SELECT doc||'|'||seq||'|'||no||status FROM indicators ORDER BY doc, seq",
        "SELECT doc||'|'||seq||'|'||no||responsible||indicator_refs FROM measures ORDER BY doc, seq",
        "SELECT doc||'|'||seq||'|'||code||target FROM flags ORDER BY doc, seq"}) {
    Stmt q(s.db(), sql);
    while (q.step()) out.push_back(q.text(0));
  }
  return out;
}

}  // namespace

TEST_CASE("document_key: the content hash, or the path when unreadable", "[batch]") {
  CHECK(document_key(std::string(64, 'a'), "/x.docx") == std::string(64, 'a'));
  CHECK(document_key("", "/x.docx") == "path:/x.docx");
}

TEST_CASE("put stores a document with its rows and replaces it whole", "[batch]") {
  fs::path d = temp_dir("put");
  Store s((d / "itax.sqlite").string());
  std::string sha(64, 'c');
  put(s, record("/in/c.docx", sha, 5));
  CHECK(count(s, "SELECT count(*) FROM documents") == 1);
  CHECK(count(s, "SELECT count(*) FROM items") == 5);
  CHECK(count(s, "SELECT items_done FROM documents") == 3);
  CHECK(count(s, "SELECT items_ambiguous FROM documents") == 2);
  CHECK(count(s, "SELECT items_missing FROM documents") == 1);
  CHECK(count(s, "SELECT count(*) FROM flags WHERE code='missing_item' AND target='O33'") == 1);
  CHECK(count(s, "SELECT count(*) FROM items, json_each(items.responsible) WHERE value='สำนักปลัด'") == 5);

  put(s, record("/in/c.docx", sha, 2, "r2"));  // redone under new rules: replaced, rows too
  CHECK(count(s, "SELECT count(*) FROM documents") == 1);
  CHECK(count(s, "SELECT count(*) FROM items") == 2);
  auto f = s.find(sha);
  REQUIRE(f);
  CHECK(f->rules_version == "r2");
  CHECK(f->status == "ok");
  CHECK(f->flag_codes == std::vector<std::string>{"missing_item", "not_done"});
  CHECK(ojson::parse(s.record_line(sha))["tool"]["rules_version"] == "r2");
  CHECK_FALSE(s.find(std::string(64, 'd')));

  put(s, error_record("/in/gone.docx", "not_found"));
  auto g = s.find("path:/in/gone.docx");
  REQUIRE(g);
  CHECK(g->status == "error");
  CHECK(g->error_code == "not_found");
  fs::remove_all(d);
}

TEST_CASE("the store survives reopening and refuses foreign databases", "[batch]") {
  fs::path d = temp_dir("reopen");
  {
    Store s((d / "itax.sqlite").string());
    put(s, record("/in/a.docx", std::string(64, 'a'), 3));
  }
  {
    Store s((d / "itax.sqlite").string());
    CHECK(s.count() == 1);
  }
  {
    Db other((d / "other.sqlite").string());
    other.exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('schema','something/9')");
  }
  CHECK_THROWS_AS(Store((d / "other.sqlite").string()), StoreError);
  fs::remove_all(d);
}

TEST_CASE("merging shards gives the single store, and merging again changes nothing", "[batch]") {
  fs::path d = temp_dir("merge");
  std::vector<ojson> recs;
  for (int i = 0; i < 9; ++i) recs.push_back(record("/in/" + std::to_string(i) + ".docx", std::string(63, 'a') + char('0' + i), i));
  recs.push_back(error_record("/in/missing.docx", "not_found"));
  Store whole((d / "whole.sqlite").string());
  for (const ojson& r : recs) put(whole, r);
  for (int k = 0; k < 3; ++k) {
    Store shard((d / ("shard" + std::to_string(k) + ".sqlite")).string());
    for (size_t i = k; i < recs.size(); i += 3) put(shard, recs[i]);
  }
  Store merged((d / "merged.sqlite").string());
  for (int k = 0; k < 3; ++k) {
    MergeStats st = merged.merge_from((d / ("shard" + std::to_string(k) + ".sqlite")).string());
    CHECK(st.replaced == 0);
  }
  CHECK(rows(merged) == rows(whole));
  auto before = rows(merged);
  for (int k = 0; k < 3; ++k) {
    MergeStats st = merged.merge_from((d / ("shard" + std::to_string(k) + ".sqlite")).string());
    CHECK(st.added == 0);
    CHECK(st.replaced == 0);
  }
  CHECK(rows(merged) == before);
  CHECK(merged.merge_from(merged.path()).added == 0);  // into itself: nothing
  CHECK_THROWS_AS(merged.merge_from((d / "nope.sqlite").string()), StoreError);
  fs::remove_all(d);
}

TEST_CASE("merge keeps the most recently processed version", "[batch]") {
  fs::path d = temp_dir("newer");
  std::string sha(64, 'e');
  {
    Store old_store((d / "old.sqlite").string());
    put(old_store, record("/in/e.docx", sha, 1, "old"));
  }
  {
    Store new_store((d / "new.sqlite").string());
    ::usleep(5000);  // processed_at has millisecond resolution
    put(new_store, record("/in/e.docx", sha, 4, "new"));
  }
  Store a((d / "a.sqlite").string());
  a.merge_from((d / "old.sqlite").string());
  MergeStats st = a.merge_from((d / "new.sqlite").string());
  CHECK(st.replaced == 1);
  CHECK(a.find(sha)->rules_version == "new");
  st = a.merge_from((d / "old.sqlite").string());
  CHECK(st.replaced == 0);
  CHECK(st.kept == 1);
  CHECK(a.find(sha)->rules_version == "new");
  CHECK(count(a, "SELECT count(*) FROM items") == 4);
  fs::remove_all(d);
}

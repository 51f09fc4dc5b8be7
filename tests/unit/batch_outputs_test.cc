// results.jsonl, summary.csv and flags.csv regenerated from the store.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "batch/input_list.h"
#include "batch/outputs.h"
#include "batch/store.h"

using namespace itax::batch;
namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("itax_batch_outputs_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ojson record(const std::string& path, const std::string& sha, const std::string& agency) {
  ojson r;
  r["schema"] = "itax.report/1";
  r["tool"] = {{"name", "itax"}, {"version", "0"}, {"rules_version", "r1"}};
  r["source"] = {{"path", path}, {"file", fs::path(path).filename().string()}, {"sha256", sha}, {"format", "docx"},
                 {"bytes", 10}, {"pages", nullptr}};
  r["status"] = "ok";
  r["error"] = nullptr;
  r["agency"] = {{"name", agency}, {"kind", "อบต."}, {"subdistrict", nullptr}, {"district", "เมือง"}, {"province", "ขอนแก่น"}};
  r["fiscal_year"] = 2566;
  r["ita"] = {{"score", 91.5}, {"result", "ผ่าน"}};
  r["measures"] = ojson::array();
  r["indicators"] = ojson::array();
  r["items"] = ojson::array({{{"code", "O1"}, {"status", "done"}, {"responsible", {"สำนักปลัด"}}},
                             {{"code", "O2"}, {"status", "not_done"}, {"responsible", ojson::array()}}});
  r["flags"] = ojson::array({{{"code", "missing_item"}, {"severity", "error"}, {"target", "O33"},
                              {"message", "O33 is not in the report, \"quoted\""}, {"message_th", "ไม่พบ"}}});
  return r;
}

}  // namespace

TEST_CASE("csv_field quotes what needs quoting and defuses formulas", "[batch]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("เทศบาลตำบล") == "เทศบาลตำบล");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("-1") == "'-1");
  CHECK(csv_field("") == "");
}

TEST_CASE("outputs list every stored document once, CSVs with a BOM", "[batch]") {
  fs::path d = temp_dir("files");
  {
    Store store((d / "itax.sqlite").string());
    auto a = record("/in/b.docx", std::string(64, 'b'), "อบต.บี");
    auto b = record("/in/a.docx", std::string(64, 'a'), "อบต.เอ");
    store.put(std::string(64, 'b'), a, a.dump(), 1);
    store.put(std::string(64, 'a'), b, b.dump(), 1);
    store.put(std::string(64, 'a'), b, b.dump(), 1);  // again: replaced, not doubled
    REQUIRE(write_outputs(store, d.string()).empty());
  }
  std::string jsonl = slurp(d / "results.jsonl");
  std::istringstream lines(jsonl);
  std::vector<std::string> paths;
  for (std::string l; std::getline(lines, l);) paths.push_back(ojson::parse(l)["source"]["path"]);
  CHECK(paths == std::vector<std::string>{"/in/a.docx", "/in/b.docx"});  // ordered by path

  std::string summary = slurp(d / "summary.csv");
  REQUIRE(summary.rfind("\xEF\xBB\xBF" "file,status,error,agency,kind,", 0) == 0);
  CHECK(summary.find("a.docx,ok,,อบต.เอ,อบต.,,เมือง,ขอนแก่น,2566,91.50,ผ่าน,1,1,1,0,0,missing_item,/in/a.docx,") !=
        std::string::npos);
  CHECK(std::count(summary.begin(), summary.end(), '\n') == 3);
  CHECK(summary.find("\r\n") != std::string::npos);

  std::string flags = slurp(d / "flags.csv");
  REQUIRE(flags.rfind("\xEF\xBB\xBF" "file,agency,province,code,", 0) == 0);
  CHECK(flags.find("missing_item,error,O33,\"O33 is not in the report, \"\"quoted\"\"\",ไม่พบ") != std::string::npos);
  CHECK(std::count(flags.begin(), flags.end(), '\n') == 3);
  fs::remove_all(d);
}

TEST_CASE("collect_inputs reads - as a list of paths", "[batch]") {
  std::istringstream list("/x/a.docx\r\n\n/x/b.pdf\n");
  auto got = collect_inputs({"/y/first.docx", "-", "-", "/y/last.pdf"}, list);
  CHECK(got == std::vector<std::string>{"/y/first.docx", "/x/a.docx", "/x/b.pdf", "/y/last.pdf"});
}

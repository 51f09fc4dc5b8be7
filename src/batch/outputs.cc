#include "batch/outputs.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <unistd.h>

namespace itax::batch {
namespace fs = std::filesystem;

namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

// A file written under a temporary name and renamed into place on commit().
class AtomicFile {
 public:
  explicit AtomicFile(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp." + std::to_string(::getpid())) {
    f_ = std::fopen(tmp_.c_str(), "wb");
    if (!f_) error_ = "cannot write " + tmp_ + ": " + std::strerror(errno);
  }
  ~AtomicFile() {
    if (f_) std::fclose(f_);
    if (!committed_) std::remove(tmp_.c_str());
  }
  void put(const std::string& s) {
    if (f_ && error_.empty() && std::fwrite(s.data(), 1, s.size(), f_) != s.size())
      error_ = "write failed for " + tmp_ + ": " + std::strerror(errno);
  }
  std::string commit() {
    if (!f_) return error_;
    if (std::fflush(f_) != 0 && error_.empty()) error_ = "write failed for " + tmp_ + ": " + std::strerror(errno);
    if (std::fclose(f_) != 0 && error_.empty()) error_ = "write failed for " + tmp_ + ": " + std::strerror(errno);
    f_ = nullptr;
    if (!error_.empty()) return error_;
    std::error_code ec;
    fs::rename(tmp_, path_, ec);
    if (ec) return "cannot rename " + tmp_ + " to " + path_ + ": " + ec.message();
    committed_ = true;
    return "";
  }

 private:
  std::string path_, tmp_, error_;
  std::FILE* f_ = nullptr;
  bool committed_ = false;
};

std::string csv_row(std::initializer_list<std::string> fields) {
  std::string row;
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) row += ',';
    row += f;
    first = false;
  }
  return row + "\r\n";
}

std::string num(std::int64_t v) { return std::to_string(v); }

std::string score_text(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}

}  // namespace

OutputFiles output_files(const std::string& dir) {
  fs::path d(dir);
  return {(d / "results.jsonl").string(), (d / "summary.csv").string(), (d / "flags.csv").string()};
}

std::string csv_field(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos && (v.empty() || (v.front() != ' ' && v.back() != ' ')))
    return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

std::string write_outputs(Store& store, const std::string& dir) {
  OutputFiles files = output_files(dir);
  {
    AtomicFile f(files.jsonl);
    store.for_each_record([&](const std::string& line) {
      f.put(line);
      f.put("\n");
    });
    if (std::string e = f.commit(); !e.empty()) return e;
  }
  {
    AtomicFile f(files.summary_csv);
    f.put(kBom);
    f.put(csv_row({"file", "status", "error", "agency", "kind", "subdistrict", "district", "province", "year",
                   "score", "result", "items_done", "items_not_done", "items_missing", "items_ambiguous",
                   "items_unknown", "flags", "path", "sha256"}));
    store.for_each_summary([&](const SummaryRow& r) {
      f.put(csv_row({csv_field(r.file), r.status, csv_field(r.error_code), csv_field(r.agency), csv_field(r.kind),
                     csv_field(r.subdistrict), csv_field(r.district), csv_field(r.province),
                     r.fiscal_year ? num(*r.fiscal_year) : "", score_text(r.score), csv_field(r.result),
                     num(r.items_done), num(r.items_not_done), num(r.items_missing), num(r.items_ambiguous),
                     num(r.items_unknown), csv_field(r.flag_codes), csv_field(r.path), r.sha256}));
    });
    if (std::string e = f.commit(); !e.empty()) return e;
  }
  {
    AtomicFile f(files.flags_csv);
    f.put(kBom);
    f.put(csv_row({"file", "agency", "province", "code", "severity", "target", "message", "message_th", "path"}));
    store.for_each_flag([&](const FlagRow& r) {
      f.put(csv_row({csv_field(r.file), csv_field(r.agency), csv_field(r.province), r.code, r.severity,
                     csv_field(r.target), csv_field(r.message), csv_field(r.message_th), csv_field(r.path)}));
    });
    if (std::string e = f.commit(); !e.empty()) return e;
  }
  return "";
}

}  // namespace itax::batch

#include "batch/rows.h"

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <set>
#include <stdexcept>

namespace itax::batch {
using json = nlohmann::ordered_json;

namespace {

// Index of each cell in the documents row (kDocumentColumns in store.cc
// without doc, record, processed_at and elapsed_ms).
enum DocField {
  kSha256, kPath, kFile, kFormat, kBytes, kPages, kStatus, kErrorCode, kErrorMessage, kAgency, kAgencyKind,
  kSubdistrict, kDistrict, kProvince, kFiscalYear, kScore, kResult, kItemsDone, kItemsNotDone, kItemsAmbiguous,
  kItemsUnknown, kItemsMissing, kFlagCodes, kRulesVersion, kToolVersion, kDocFieldCount
};
static_assert(kDocFieldCount == kRowWidths[0]);

enum Tag : std::uint8_t { kNull = 0, kInteger = 1, kReal = 2, kText = 3 };

const json& member(const json& j, const char* key) {
  static const json null_json;
  if (!j.is_object()) return null_json;
  auto it = j.find(key);
  return it == j.end() ? null_json : *it;
}

const json& array_of(const json& j, const char* key) {
  static const json empty = json::array();
  const json& a = member(j, key);
  return a.is_array() ? a : empty;
}

const std::string* text_of(const json& j, const char* key) {
  const json& v = member(j, key);
  return v.is_string() ? &v.get_ref<const std::string&>() : nullptr;
}

std::string_view text_or_empty(const json& j, const char* key) {
  const std::string* s = text_of(j, key);
  return s ? std::string_view(*s) : std::string_view();
}

class Writer {
 public:
  void count(std::size_t n) { put(static_cast<std::uint32_t>(n)); }
  void null() { out_ += static_cast<char>(kNull); }
  void integer(std::int64_t v) {
    out_ += static_cast<char>(kInteger);
    put(v);
  }
  void real(double v) {
    out_ += static_cast<char>(kReal);
    put(v);
  }
  void text(std::string_view s) {
    out_ += static_cast<char>(kText);
    put(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  // A member of `j` as a cell: text, integer or real as it is, else null.
  void text_member(const json& j, const char* key) {
    const std::string* s = text_of(j, key);
    s ? text(*s) : null();
  }
  void text_members(const json& j, std::initializer_list<const char*> keys) {
    for (const char* k : keys) text_member(j, k);
  }
  void integer_member(const json& j, const char* key) {
    const json& v = member(j, key);
    if (v.is_number_integer() && !v.is_number_unsigned()) return integer(v.get<std::int64_t>());
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) return integer(static_cast<std::int64_t>(u));
      return real(static_cast<double>(u));
    }
    // A float where an integer belongs is kept as it is: SQLite columns take
    // any type, and converting 1e86 to int64 would be undefined behaviour.
    v.is_number() ? real(v.get<double>()) : null();
  }
  void real_member(const json& j, const char* key) {
    const json& v = member(j, key);
    v.is_number() ? real(v.get<double>()) : null();
  }
  // A JSON array as its text ("[]" when absent), as SQL's json functions read it.
  void array_member(const json& j, const char* key) {
    const json& v = member(j, key);
    text(v.is_array() ? v.dump(-1, ' ', false, json::error_handler_t::replace) : "[]");
  }
  std::string take() { return std::move(out_); }

 private:
  template <class T>
  void put(T v) {
    char b[sizeof v];
    std::memcpy(b, &v, sizeof v);
    out_.append(b, sizeof v);
  }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  bool count(std::size_t& n) {
    std::uint32_t v;
    if (!get(v)) return false;
    n = v;
    return true;
  }
  bool cell(Cell& c) {
    if (pos_ >= b_.size()) return false;
    switch (static_cast<std::uint8_t>(b_[pos_++])) {
      case kNull: c.kind = Cell::Kind::Null; return true;
      case kInteger: c.kind = Cell::Kind::Integer; return get(c.integer);
      case kReal: c.kind = Cell::Kind::Real; return get(c.real);
      case kText: {
        c.kind = Cell::Kind::Text;
        if (!get(c.length) || c.length > b_.size() - pos_) return false;
        c.offset = static_cast<std::uint32_t>(pos_);
        pos_ += c.length;
        return true;
      }
      default: return false;
    }
  }
  bool at_end() const { return pos_ == b_.size(); }
  std::size_t left() const { return b_.size() - pos_; }

 private:
  template <class T>
  bool get(T& v) {
    if (b_.size() - pos_ < sizeof v) return false;
    std::memcpy(&v, b_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  const std::string& b_;
  std::size_t pos_ = 0;
};

}  // namespace

DocumentRows DocumentRows::from_record(const json& rec) {
  const json& src = member(rec, "source");
  const json& err = member(rec, "error");
  const json& ag = member(rec, "agency");
  const json& ita = member(rec, "ita");
  const json& tool = member(rec, "tool");

  std::int64_t done = 0, not_done = 0, ambiguous = 0, unknown = 0, missing = 0;
  for (const json& it : array_of(rec, "items")) {
    std::string_view st = text_or_empty(it, "status");
    if (st == "done") ++done;
    else if (st == "not_done") ++not_done;
    else if (st == "ambiguous") ++ambiguous;
    else ++unknown;
  }
  std::set<std::string_view> codes;
  for (const json& f : array_of(rec, "flags")) {
    std::string_view c = text_or_empty(f, "code");
    if (c == "missing_item") ++missing;
    if (!c.empty()) codes.insert(c);
  }
  std::string flag_codes;
  for (std::string_view c : codes) {
    if (!flag_codes.empty()) flag_codes += ' ';
    flag_codes += c;
  }

  Writer w;
  w.count(1);
  w.text_member(src, "sha256");
  w.text(text_or_empty(src, "path"));
  w.text(text_or_empty(src, "file"));
  w.text_member(src, "format");
  w.integer_member(src, "bytes");
  w.integer_member(src, "pages");
  const std::string* status = text_of(rec, "status");
  if (status && *status != "ok" && *status != "error")
    throw std::invalid_argument("a record whose status is \"" + *status + "\", neither ok nor error");
  w.text(status ? std::string_view(*status) : "error");
  if (err.is_object()) {
    w.text_members(err, {"code", "message"});
  } else {
    w.null();
    w.null();
  }
  w.text_members(ag, {"name", "kind", "subdistrict", "district", "province"});
  w.integer_member(rec, "fiscal_year");
  w.real_member(ita, "score");
  w.text_member(ita, "result");
  for (std::int64_t n : {done, not_done, ambiguous, unknown, missing}) w.integer(n);
  w.text(flag_codes);
  w.text(text_or_empty(tool, "rules_version"));
  w.text(text_or_empty(tool, "version"));

  const json& items = array_of(rec, "items");
  w.count(items.size());
  for (const json& it : items) {
    const json& s = member(it, "source");
    w.text_members(it, {"code", "code_text", "subindicator", "title", "status"});
    w.array_member(it, "responsible");
    w.text_member(it, "progress");
    w.integer_member(s, "page");
    w.text_member(s, "locator");
  }
  const json& indicators = array_of(rec, "indicators");
  w.count(indicators.size());
  for (const json& it : indicators) {
    w.integer_member(it, "no");
    w.text_members(it, {"title", "status"});
    w.array_member(it, "responsible");
    w.text_member(it, "progress");
  }
  const json& measures = array_of(rec, "measures");
  w.count(measures.size());
  for (const json& it : measures) {
    w.integer_member(it, "no");
    w.text_member(it, "title");
    w.array_member(it, "responsible");
    w.array_member(it, "indicator_refs");
  }
  const json& flags = array_of(rec, "flags");
  w.count(flags.size());
  for (const json& f : flags) {
    w.text(text_or_empty(f, "code"));
    w.text_members(f, {"severity", "target", "message", "message_th"});
  }
  auto rows = parse(w.take());
  if (!rows) throw std::logic_error("DocumentRows: the encoder made rows its reader refuses");
  return std::move(*rows);
}

std::optional<DocumentRows> DocumentRows::parse(std::string bytes) {
  // Records beyond 4 GB cannot be described by u32 offsets (nor sent).
  if (bytes.size() > UINT32_MAX) return std::nullopt;
  DocumentRows d;
  d.bytes_ = std::move(bytes);
  Reader r(d.bytes_);
  for (std::size_t t = 0; t < kRowTableCount; ++t) {
    std::size_t n;
    // Every cell takes at least a byte: a count beyond what is left is a lie.
    if (!r.count(n) || n > r.left() / kRowWidths[t]) return std::nullopt;
    d.first_[t] = d.cells_.size();
    d.count_[t] = n;
    for (std::size_t i = 0; i < n * kRowWidths[t]; ++i) {
      Cell c;
      if (!r.cell(c)) return std::nullopt;
      d.cells_.push_back(c);
    }
  }
  if (!r.at_end() || d.count_[0] != 1) return std::nullopt;

  const Cell* doc = d.row(RowTable::Document, 0);
  auto str = [&](int i) { return doc[i].kind == Cell::Kind::Text ? std::string(d.text(doc[i])) : std::string(); };
  RowFacts& f = d.facts_;
  f.sha256 = str(kSha256);
  f.status = str(kStatus);
  f.error_code = str(kErrorCode);
  f.error_message = str(kErrorMessage);
  f.rules_version = str(kRulesVersion);
  std::string codes = str(kFlagCodes);
  for (std::size_t i = 0; i < codes.size();) {
    std::size_t j = codes.find(' ', i);
    if (j == std::string::npos) j = codes.size();
    if (j > i) f.flag_codes.push_back(codes.substr(i, j - i));
    i = j + 1;
  }
  if (f.status != "ok" && f.status != "error") return std::nullopt;
  return d;
}

}  // namespace itax::batch

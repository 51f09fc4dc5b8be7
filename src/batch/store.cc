#include "batch/store.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <stdexcept>

#include <sqlite3.h>

namespace itax::batch {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

// Column lists, shared by the schema, the inserts and merge.
const char* const kDocumentColumns =
    "doc, sha256, path, file, format, bytes, pages, status, error_code, error_message, "
    "agency, agency_kind, subdistrict, district, province, fiscal_year, score, result, "
    "items_done, items_not_done, items_ambiguous, items_unknown, items_missing, flag_codes, "
    "rules_version, tool_version, record, processed_at, elapsed_ms";
const char* const kItemColumns =
    "doc, seq, code, code_text, subindicator, title, status, responsible, progress, page, locator";
const char* const kIndicatorColumns = "doc, seq, no, title, status, responsible, progress";
const char* const kMeasureColumns = "doc, seq, no, title, responsible, indicator_refs";
const char* const kFlagColumns = "doc, seq, code, severity, target, message, message_th";

const char* const kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL);

-- One row per document (distinct file contents).
CREATE TABLE IF NOT EXISTS documents(
  doc           TEXT PRIMARY KEY,  -- sha256 of the bytes, or 'path:<path>' when unreadable
  sha256        TEXT,
  path          TEXT NOT NULL,     -- as given to itax batch
  file          TEXT NOT NULL,
  format        TEXT,              -- docx | pdf | NULL
  bytes         INTEGER,
  pages         INTEGER,
  status        TEXT NOT NULL,     -- ok | error
  error_code    TEXT,              -- bad_zip, timeout, crashed, out_of_memory, ...
  error_message TEXT,
  agency        TEXT,
  agency_kind   TEXT,
  subdistrict   TEXT,
  district      TEXT,
  province      TEXT,
  fiscal_year   INTEGER,           -- Buddhist Era
  score         REAL,
  result        TEXT,              -- the ITA result as written
  items_done      INTEGER NOT NULL DEFAULT 0,
  items_not_done  INTEGER NOT NULL DEFAULT 0,
  items_ambiguous INTEGER NOT NULL DEFAULT 0,
  items_unknown   INTEGER NOT NULL DEFAULT 0,
  items_missing   INTEGER NOT NULL DEFAULT 0,  -- missing_item flags
  flag_codes    TEXT NOT NULL DEFAULT '',      -- distinct flag codes, space separated
  rules_version TEXT NOT NULL,
  tool_version  TEXT NOT NULL,
  record        TEXT NOT NULL,     -- the whole itax.report/1 record, one line of JSON
  processed_at  TEXT NOT NULL,     -- UTC, ISO 8601 with milliseconds
  elapsed_ms    REAL);
CREATE INDEX IF NOT EXISTS documents_place  ON documents(province, district, agency);
CREATE INDEX IF NOT EXISTS documents_agency ON documents(agency, fiscal_year);
CREATE INDEX IF NOT EXISTS documents_year   ON documents(fiscal_year, province);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status, error_code);
CREATE INDEX IF NOT EXISTS documents_path   ON documents(path);

CREATE TABLE IF NOT EXISTS items(
  doc          TEXT NOT NULL,
  seq          INTEGER NOT NULL,  -- order in the record
  code         TEXT,              -- O1..O43, NULL when unreadable
  code_text    TEXT,
  subindicator TEXT,
  title        TEXT,
  status       TEXT,              -- done | not_done | ambiguous | unknown
  responsible  TEXT,              -- JSON array of unit names
  progress     TEXT,
  page         INTEGER,
  locator      TEXT,
  PRIMARY KEY(doc, seq));
CREATE INDEX IF NOT EXISTS items_code ON items(code, status);

CREATE TABLE IF NOT EXISTS indicators(
  doc         TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  no          INTEGER,
  title       TEXT,
  status      TEXT,
  responsible TEXT,
  progress    TEXT,
  PRIMARY KEY(doc, seq));
CREATE INDEX IF NOT EXISTS indicators_no ON indicators(no, status);

CREATE TABLE IF NOT EXISTS measures(
  doc            TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  no             INTEGER,
  title          TEXT,
  responsible    TEXT,
  indicator_refs TEXT,            -- JSON array
  PRIMARY KEY(doc, seq));

CREATE TABLE IF NOT EXISTS flags(
  doc        TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  code       TEXT NOT NULL,       -- missing_item, foreign_agency, ...
  severity   TEXT,
  target     TEXT,                -- O33, indicator 4, agency, ...
  message    TEXT,
  message_th TEXT,
  PRIMARY KEY(doc, seq));
CREATE INDEX IF NOT EXISTS flags_code ON flags(code, target);
)sql";

std::string placeholders(const char* columns) {
  size_t n = std::count(columns, columns + std::char_traits<char>::length(columns), ',') + 1;
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

}  // namespace

std::string document_key(const std::string& sha256, const std::string& path) {
  return sha256.empty() ? "path:" + path : sha256;
}

std::string utc_timestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

Store::Store(const std::string& path, bool read_only) : db_(path, read_only) {
  if (!read_only) {
    // WAL: readers (sqlite3, the merge of a live store) never block the
    // batch; synchronous=NORMAL keeps every commit across a process kill.
    // Records are ~100 kB of JSON: 64 kB pages hold one in two overflow
    // pages instead of thirty (a tenth of the writes; set when the file is
    // created), and a 64 MB page cache keeps the indexes in memory.
    db_.exec("PRAGMA page_size=65536");
    db_.exec("PRAGMA cache_size=-65536");
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=NORMAL");
    // Checkpoints (WAL -> database, two fsyncs) stall the batch process: a
    // few large ones (1024 pages: 64 MB of WAL) cost far less than many small ones.
    db_.exec("PRAGMA wal_autocheckpoint=1024");
    create_schema();
  } else {
    Stmt s(db_, "SELECT value FROM meta WHERE key='schema'");
    if (!s.step() || s.text(0) != kStoreSchema) throw StoreError(SQLITE_MISMATCH, path + " is not an itax store");
    return;
  }
  find_.emplace(db_,
                "SELECT path, file, status, error_code, rules_version, flag_codes FROM documents WHERE doc=?");
  record_.emplace(db_, "SELECT record FROM documents WHERE doc=?");
  del_doc_.emplace(db_, "DELETE FROM documents WHERE doc=?");
  del_items_.emplace(db_, "DELETE FROM items WHERE doc=?");
  del_ind_.emplace(db_, "DELETE FROM indicators WHERE doc=?");
  del_meas_.emplace(db_, "DELETE FROM measures WHERE doc=?");
  del_flags_.emplace(db_, "DELETE FROM flags WHERE doc=?");
  auto insert = [](const char* table, const char* cols) {
    return std::string("INSERT INTO ") + table + "(" + cols + ") VALUES(" + placeholders(cols) + ")";
  };
  ins_doc_.emplace(db_, insert("documents", kDocumentColumns));
  ins_item_.emplace(db_, insert("items", kItemColumns));
  ins_ind_.emplace(db_, insert("indicators", kIndicatorColumns));
  ins_meas_.emplace(db_, insert("measures", kMeasureColumns));
  ins_flag_.emplace(db_, insert("flags", kFlagColumns));
}

void Store::create_schema() {
  Transaction tx(db_);
  {
    Stmt s(db_, "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'");
    if (s.step()) {
      Stmt v(db_, "SELECT value FROM meta WHERE key='schema'");
      if (!v.step() || v.text(0) != kStoreSchema)
        throw StoreError(SQLITE_MISMATCH, db_.path() + " is not an itax store of schema " + kStoreSchema);
    }
  }
  db_.exec(kSchemaSql);
  db_.exec(std::string("INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '") + kStoreSchema + "')");
  tx.commit();
}

std::optional<StoredDocument> Store::find(const std::string& key) {
  Stmt& s = *find_;
  s.bind(1, key);
  std::optional<StoredDocument> d;
  if (s.step()) {
    d.emplace();
    d->key = key;
    d->path = s.text(0);
    d->file = s.text(1);
    d->status = s.text(2);
    d->error_code = s.text(3);
    d->rules_version = s.text(4);
    std::string codes = s.text(5);
    for (size_t i = 0; i < codes.size();) {
      size_t j = codes.find(' ', i);
      if (j == std::string::npos) j = codes.size();
      if (j > i) d->flag_codes.push_back(codes.substr(i, j - i));
      i = j + 1;
    }
  }
  s.reset();
  return d;
}

std::string Store::record_line(const std::string& key) {
  Stmt& s = *record_;
  s.bind(1, key);
  std::string line = s.step() ? s.text(0) : "";
  s.reset();
  return line;
}

void Store::put(const std::string& key, const json& rec, const std::string& record_line, double elapsed_ms) {
  std::optional<DocumentRows> rows;
  try {
    rows = DocumentRows::from_record(rec);
  } catch (const std::invalid_argument& e) {
    throw StoreError(SQLITE_MISMATCH, "document " + key + ": " + e.what());
  }
  put_rows(key, *rows, record_line, elapsed_ms);
}

namespace {

void bind_cell(Stmt& q, int i, const DocumentRows& rows, const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Null: q.bind_null(i); break;
    case Cell::Kind::Integer: q.bind(i, c.integer); break;
    case Cell::Kind::Real: q.bind(i, c.real); break;
    case Cell::Kind::Text: q.bind_static(i, rows.text(c)); break;  // the rows outlive run()
  }
}

}  // namespace

void Store::put_rows(const std::string& key, const DocumentRows& rows, const std::string& record_line,
                     double elapsed_ms) {
  std::optional<Transaction> tx;
  if (!group_) tx.emplace(db_);
  for (auto* del : {&del_doc_, &del_items_, &del_ind_, &del_meas_, &del_flags_}) {
    (*del)->bind(1, key);
    (*del)->run();
  }
  const int width = static_cast<int>(kRowWidths[0]);
  Stmt& d = *ins_doc_;
  d.bind(1, key);
  const Cell* doc = rows.row(RowTable::Document, 0);
  for (int i = 0; i < width; ++i) bind_cell(d, i + 2, rows, doc[i]);
  d.bind_static(width + 2, record_line);  // run() below resets the statement
  d.bind(width + 3, utc_timestamp());
  d.bind(width + 4, elapsed_ms);
  d.run();

  struct Child {
    RowTable table;
    Stmt* stmt;
  };
  for (const Child& c : {Child{RowTable::Items, &*ins_item_}, Child{RowTable::Indicators, &*ins_ind_},
                         Child{RowTable::Measures, &*ins_meas_}, Child{RowTable::Flags, &*ins_flag_}}) {
    const std::size_t w = kRowWidths[static_cast<std::size_t>(c.table)];
    for (std::size_t r = 0; r < rows.rows(c.table); ++r) {
      Stmt& q = *c.stmt;
      q.bind(1, key).bind(2, static_cast<std::int64_t>(r));
      const Cell* row = rows.row(c.table, r);
      for (std::size_t i = 0; i < w; ++i) bind_cell(q, static_cast<int>(i) + 3, rows, row[i]);
      q.run();
    }
  }
  if (tx) tx->commit();
  else ++group_size_;
}

void Store::begin_group() {
  if (!group_) group_.emplace(db_);
  group_size_ = 0;
}

void Store::commit_group() {
  if (!group_) return;
  group_->commit();
  group_.reset();
  group_size_ = 0;
}

std::int64_t Store::count() {
  Stmt s(db_, "SELECT count(*) FROM documents");
  return s.step() ? s.int64(0) : 0;
}

void Store::for_each_record(const std::function<void(const std::string&)>& fn) {
  Stmt s(db_, "SELECT record FROM documents ORDER BY path, doc");
  while (s.step()) fn(s.text(0));
}

void Store::for_each_summary(const std::function<void(const SummaryRow&)>& fn) {
  Stmt s(db_,
         "SELECT file, path, sha256, status, error_code, agency, agency_kind, subdistrict, district, province, "
         "fiscal_year, score, result, items_done, items_not_done, items_missing, items_ambiguous, items_unknown, "
         "flag_codes FROM documents ORDER BY path, doc");
  while (s.step()) {
    SummaryRow r;
    r.file = s.text(0);
    r.path = s.text(1);
    r.sha256 = s.text(2);
    r.status = s.text(3);
    r.error_code = s.text(4);
    r.agency = s.text(5);
    r.kind = s.text(6);
    r.subdistrict = s.text(7);
    r.district = s.text(8);
    r.province = s.text(9);
    if (!s.is_null(10)) r.fiscal_year = s.int64(10);
    if (!s.is_null(11)) r.score = s.real(11);
    r.result = s.text(12);
    r.items_done = s.int64(13);
    r.items_not_done = s.int64(14);
    r.items_missing = s.int64(15);
    r.items_ambiguous = s.int64(16);
    r.items_unknown = s.int64(17);
    r.flag_codes = s.text(18);
    fn(r);
  }
}

void Store::for_each_flag(const std::function<void(const FlagRow&)>& fn) {
  Stmt s(db_,
         // Documents in path order, each one's flags by its key: no sort of every flag (half the time).
         "SELECT d.file, d.path, d.agency, d.province, f.code, f.severity, f.target, f.message, f.message_th "
         "FROM documents d CROSS JOIN flags f ON f.doc = d.doc ORDER BY d.path, d.doc, f.seq");
  while (s.step()) {
    FlagRow r{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)};
    fn(r);
  }
}

MergeStats Store::merge_from(const std::string& other) {
  std::error_code ec;
  if (!fs::is_regular_file(other, ec)) throw StoreError(SQLITE_CANTOPEN, "no such store: " + other);
  if (fs::equivalent(other, path(), ec)) return {};  // merging a store into itself changes nothing
  {
    Store check(other, /*read_only=*/true);  // refuses files that are not itax stores
  }
  MergeStats st;
  Stmt attach(db_, "ATTACH DATABASE ? AS src");
  attach.bind(1, other);
  attach.run();
  try {
    Transaction tx(db_);
    db_.exec("DROP TABLE IF EXISTS temp.merge_take");
    // A document is taken when this store lacks it or holds an older one.
    db_.exec(
        "CREATE TEMP TABLE merge_take AS SELECT s.doc AS doc, (m.doc IS NOT NULL) AS had "
        "FROM src.documents s LEFT JOIN main.documents m ON m.doc = s.doc "
        "WHERE m.doc IS NULL OR s.processed_at > m.processed_at");
    {
      Stmt c(db_, "SELECT coalesce(sum(had = 0), 0), coalesce(sum(had), 0) FROM temp.merge_take");
      if (c.step()) {
        st.added = c.int64(0);
        st.replaced = c.int64(1);
      }
      Stmt t(db_, "SELECT count(*) FROM src.documents");
      if (t.step()) st.kept = t.int64(0) - st.added - st.replaced;
    }
    struct Table {
      const char* name;
      const char* cols;
    };
    const Table tables[] = {{"documents", kDocumentColumns},
                            {"items", kItemColumns},
                            {"indicators", kIndicatorColumns},
                            {"measures", kMeasureColumns},
                            {"flags", kFlagColumns}};
    for (const Table& t : tables)
      db_.exec(std::string("DELETE FROM main.") + t.name + " WHERE doc IN (SELECT doc FROM temp.merge_take)");
    for (const Table& t : tables)
      db_.exec(std::string("INSERT INTO main.") + t.name + "(" + t.cols + ") SELECT " + t.cols + " FROM src." +
               t.name + " WHERE doc IN (SELECT doc FROM temp.merge_take)");
    db_.exec("DROP TABLE temp.merge_take");
    tx.commit();
  } catch (...) {
    sqlite3_exec(db_.handle(), "DETACH DATABASE src", nullptr, nullptr, nullptr);
    throw;
  }
  db_.exec("DETACH DATABASE src");
  return st;
}

}  // namespace itax::batch

#include "batch/sqlite.h"

#include <sqlite3.h>

#include <cstring>

namespace itax::batch {

bool StoreError::locked() const { return code_ == SQLITE_BUSY || code_ == SQLITE_LOCKED; }
bool StoreError::disk_full() const { return code_ == SQLITE_FULL; }

Db::Db(const std::string& path, bool read_only, int busy_ms) : path_(path) {
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(rc & 0xff, "cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 0);
  sqlite3_busy_timeout(db_, busy_ms);
}

Db::~Db() { sqlite3_close_v2(db_); }

// What the user can act on: SQLite says "disk I/O error" for a full disk, a
// file-size limit or a failing disk alike; the OS error, or else the
// extended code, tells them apart.
std::string Db::hint(int rc) const {
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return " (another process holds the store)";
  if (primary != SQLITE_IOERR && primary != SQLITE_FULL && primary != SQLITE_CANTOPEN) return "";
  if (int e = sqlite3_system_errno(db_); e != 0) return std::string(" (") + std::strerror(e) + ")";
  switch (sqlite3_extended_errcode(db_)) {
    case SQLITE_FULL:
    case SQLITE_IOERR_WRITE: return " (a write failed: is the disk full, or a file-size limit reached?)";
    case SQLITE_IOERR_FSYNC:
    case SQLITE_IOERR_DIR_FSYNC: return " (flushing to disk failed)";
    case SQLITE_IOERR_READ:
    case SQLITE_IOERR_SHORT_READ: return " (a read failed: is the disk failing, or the store cut short?)";
    default: return primary == SQLITE_FULL ? " (disk full)" : "";
  }
}

void Db::fail(int rc, const std::string& context) const {
  std::string msg = sqlite3_errmsg(db_);
  throw StoreError(rc & 0xff, path_ + ": " + context + ": " + msg + hint(rc));
}

void Db::exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    std::string head = sql.substr(0, sql.find_first_of("(\n"));
    throw StoreError(rc & 0xff, path_ + ": " + head + ": " + msg + hint(rc));
  }
}

Stmt::Stmt(Db& db, const std::string& sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db.handle(), sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &st_, nullptr);
  if (rc != SQLITE_OK) db_.fail(rc, "prepare " + sql.substr(0, 60));
}

Stmt::~Stmt() { sqlite3_finalize(st_); }

Stmt& Stmt::bind(int i, const std::string& v) {
  int rc = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind_static(int i, std::string_view v) {
  int rc = sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind(int i, const char* v) { return v ? bind(i, std::string(v)) : bind_null(i); }

Stmt& Stmt::bind(int i, std::int64_t v) {
  int rc = sqlite3_bind_int64(st_, i, v);
  if (rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind(int i, double v) {
  int rc = sqlite3_bind_double(st_, i, v);
  if (rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind_null(int i) {
  int rc = sqlite3_bind_null(st_, i);
  if (rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(st_);
  db_.fail(rc, "step");
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(st_, col);
  int n = sqlite3_column_bytes(st_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

std::int64_t Stmt::int64(int col) const { return sqlite3_column_int64(st_, col); }
double Stmt::real(int col) const { return sqlite3_column_double(st_, col); }

Transaction::Transaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace itax::batch

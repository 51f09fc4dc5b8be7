// A thin RAII layer over the SQLite C API: a connection, prepared statements,
// transactions. Every failure throws StoreError with SQLite's message, so the
// batch can tell "disk full" or "locked" apart and stop with exit code 3.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace itax::batch {

class StoreError : public std::runtime_error {
 public:
  StoreError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }  // SQLite's primary result code (SQLITE_FULL, SQLITE_BUSY, ...)
  bool locked() const;                // another process holds the database
  bool disk_full() const;

 private:
  int code_;
};

class Db {
 public:
  // Opens (and creates, unless read_only) the database file; waits up to
  // busy_ms when another process holds a lock.
  Db(const std::string& path, bool read_only = false, int busy_ms = 5000);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const std::string& sql);  // one or more statements, no results
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(int rc, const std::string& context) const;
  std::string hint(int rc) const;  // " (why)" for an error code, or empty

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Stmt {
 public:
  Stmt(Db& db, const std::string& sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Parameters are 1-based, as in SQLite.
  Stmt& bind(int i, const std::string& v);
  Stmt& bind(int i, const char* v);
  // Without a copy: `v` must stay unchanged until the statement is reset.
  Stmt& bind_static(int i, std::string_view v);
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind_null(int i);
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  bool step();   // true: a row is ready; false: done
  void run();    // step to the end (for statements without results), then reset
  void reset();  // ready to bind and run again

  bool is_null(int col) const;  // columns are 0-based, as in SQLite
  std::string text(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;

 private:
  Db& db_;
  sqlite3_stmt* st_ = nullptr;
};

// BEGIN IMMEDIATE .. COMMIT; rolls back when left without commit().
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool open_ = true;
};

}  // namespace itax::batch

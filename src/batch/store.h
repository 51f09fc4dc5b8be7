// The results store: one SQLite file (WAL mode) holding every document a
// batch has processed — the full JSON record plus its items, indicators,
// measures and flags as rows — so the questions of a national run are SQL.
//
// A document is keyed by the sha256 of its bytes ("path:<path>" when the file
// could not be read), so the same report under two names is stored once and
// a rerun can skip what is already there. Each put() replaces the document
// and all its rows in one transaction (or a group of documents in one): a
// kill at any moment leaves either the whole document or none of it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/rows.h"
#include "batch/sqlite.h"

namespace itax::batch {

inline constexpr const char* kStoreSchema = "itax.store/1";

// sha256 when known, else "path:<path>".
std::string document_key(const std::string& sha256, const std::string& path);

// What a rerun needs to know about a stored document.
struct StoredDocument {
  std::string key, path, file, status, error_code, rules_version;
  std::vector<std::string> flag_codes;  // distinct, sorted
};

// One row of summary.csv.
struct SummaryRow {
  std::string file, path, sha256, status, error_code;
  std::string agency, kind, subdistrict, district, province, result;
  std::optional<std::int64_t> fiscal_year;
  std::optional<double> score;
  std::int64_t items_done = 0, items_not_done = 0, items_missing = 0, items_ambiguous = 0, items_unknown = 0;
  std::string flag_codes;  // distinct codes, space separated
};

// One row of flags.csv.
struct FlagRow {
  std::string file, path, agency, province, code, severity, target, message, message_th;
};

struct MergeStats {
  std::int64_t added = 0, replaced = 0, kept = 0;  // kept: the output already had them, as new or newer
};

class Store {
 public:
  // Opens or creates the store; throws StoreError (exit code 3 material).
  explicit Store(const std::string& path, bool read_only = false);

  const std::string& path() const { return db_.path(); }
  Db& db() { return db_; }

  std::optional<StoredDocument> find(const std::string& key);
  // The stored record (one line of JSON), or "" when absent.
  std::string record_line(const std::string& key);

  // Stores one record (schema itax.report/1): `record` is the parsed
  // `record_line`. Replaces the key's document and rows in one transaction.
  void put(const std::string& key, const nlohmann::ordered_json& record, const std::string& record_line,
           double elapsed_ms);
  // The same with the rows already made (a worker makes them, so the parent
  // never parses records).
  void put_rows(const std::string& key, const DocumentRows& rows, const std::string& record_line, double elapsed_ms);

  // Group commit: between begin_group() and commit_group() every put goes
  // into one transaction (fewer, larger writes when documents come fast).
  // A kill or an error before commit_group() loses the whole group, never
  // part of a document. Without a group each put commits by itself.
  void begin_group();
  void commit_group();
  bool in_group() const { return group_.has_value(); }
  std::size_t group_size() const { return group_size_; }

  std::int64_t count();

  // Exports, ordered by path then key (deterministic whatever the run order).
  void for_each_record(const std::function<void(const std::string& line)>& fn);
  void for_each_summary(const std::function<void(const SummaryRow&)>& fn);
  void for_each_flag(const std::function<void(const FlagRow&)>& fn);

  // Copies every document of the store at `other` into this one. A document
  // both hold is taken only if `other` processed it later (processed_at), so
  // merging is idempotent: merging the same store twice changes nothing.
  MergeStats merge_from(const std::string& other);

 private:
  void create_schema();
  Db db_;
  std::optional<Transaction> group_;
  std::size_t group_size_ = 0;
  std::optional<Stmt> find_, record_, del_doc_, del_items_, del_ind_, del_meas_, del_flags_, ins_doc_, ins_item_,
      ins_ind_, ins_meas_, ins_flag_;
};

// "2024-11-24T01:02:03.456Z"
std::string utc_timestamp();

}  // namespace itax::batch

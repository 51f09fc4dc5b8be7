// A record's rows as the results store keeps them: one row for `documents`
// and the rows of items, indicators, measures and flags (store.h), in a
// compact binary form.
//
// A batch worker makes them from the record it has just built and sends the
// bytes with the record, so the parent stores a document without parsing
// any JSON: reading the rows is one bounds-checked walk over the bytes. The
// parent's CPU is taken from the workers when there are as many workers as
// cores, which is why this is not JSON (parsing that cost the parent a
// fifth of its time per document).
//
// Bytes: for each table in RowTable order a row count (u32), then that many
// rows of kRowWidths[table] cells. A cell is a tag byte (0 null, 1 integer,
// 2 real, 3 text) and, for 1 and 2, eight bytes, for 3 a u32 length and the
// UTF-8 bytes. Numbers are in the machine's byte order: the bytes only
// travel between processes of one itax binary on one machine.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace itax::batch {

enum class RowTable { Document, Items, Indicators, Measures, Flags };
inline constexpr std::size_t kRowTableCount = 5;
// Columns per table: the schema's columns without doc and seq (and, for
// documents, without record, processed_at and elapsed_ms, which the store adds).
inline constexpr std::array<std::size_t, kRowTableCount> kRowWidths = {25, 9, 5, 4, 5};

struct Cell {
  enum class Kind : std::uint8_t { Null, Integer, Real, Text };
  Kind kind = Kind::Null;
  std::int64_t integer = 0;
  double real = 0;
  std::uint32_t offset = 0, length = 0;  // Text: where in DocumentRows::bytes()
};

// What a batch needs to know of a document besides storing it.
struct RowFacts {
  std::string sha256, status, error_code, error_message, rules_version;
  std::vector<std::string> flag_codes;  // distinct, sorted
};

class DocumentRows {
 public:
  // The rows of an itax.report/1 record. A record with missing parts gives
  // nulls and empty tables; a status other than ok or error throws
  // std::invalid_argument.
  static DocumentRows from_record(const nlohmann::ordered_json& record);
  // Reads bytes made by from_record(); nullopt when they are malformed
  // (truncated, trailing bytes, an unknown tag, no row for documents, a
  // status other than ok or error).
  static std::optional<DocumentRows> parse(std::string bytes);

  const std::string& bytes() const { return bytes_; }
  std::size_t rows(RowTable t) const { return count_[index(t)]; }
  // Row r (< rows(t)) of table t: kRowWidths[t] cells.
  const Cell* row(RowTable t, std::size_t r) const { return &cells_[first_[index(t)] + r * kRowWidths[index(t)]]; }
  std::string_view text(const Cell& c) const { return std::string_view(bytes_).substr(c.offset, c.length); }
  const RowFacts& facts() const { return facts_; }

 private:
  static std::size_t index(RowTable t) { return static_cast<std::size_t>(t); }
  std::string bytes_;
  std::vector<Cell> cells_;
  std::array<std::size_t, kRowTableCount> first_{}, count_{};
  RowFacts facts_;
};

}  // namespace itax::batch

// A bounded, read-only view of a zip archive (libzip underneath), private to
// the readers. Every byte read is counted against ReaderLimits: the sizes in
// the zip headers are checked up front, and the real inflated counts are
// checked again while reading, because headers can lie.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/reader.h"
#include "util/result.h"

struct zip;
struct zip_file;

namespace itax::detail {

struct ZipEntryInfo {
  std::string name;
  std::uint64_t index = 0;
  std::uint64_t size = 0;       // inflated size, as the central directory claims
  std::uint64_t comp_size = 0;  // compressed size
  bool encrypted = false;
};

class ZipArchive;

// One entry being inflated. read() returns bytes read, 0 at the end, -1 on an
// error (then error() says what: bad_zip or zip_bomb).
class ZipEntryStream {
 public:
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;
  ~ZipEntryStream();

  long read(char* buf, std::size_t n);
  const std::optional<Error>& error() const { return error_; }
  const ZipEntryInfo& entry() const { return entry_; }
  std::uint64_t bytes_read() const { return read_; }

 private:
  friend class ZipArchive;
  ZipEntryStream(ZipArchive& owner, zip_file* f, const ZipEntryInfo& e)
      : owner_(owner), file_(f), entry_(e) {}
  ZipArchive& owner_;
  zip_file* file_;
  ZipEntryInfo entry_;
  std::uint64_t read_ = 0;
  bool eof_ = false;
  std::optional<Error> error_;
};

class ZipArchive {
 public:
  // Opens `path` read-only. Errors: bad_zip (not a zip, truncated, corrupt
  // central directory), zip_bomb (too many entries).
  static Result<std::unique_ptr<ZipArchive>> open(const std::string& path,
                                                  const ReaderLimits& limits);
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive();

  const std::vector<ZipEntryInfo>& entries() const { return entries_; }
  // Exact name first, then ignoring ASCII case; nullptr if absent.
  const ZipEntryInfo* find(std::string_view name) const;
  // "[Content_Types].xml, _rels/.rels, ... (12 entries)".
  std::string describe_entries(std::size_t max_names = 8) const;

  // Starts inflating one entry. Errors: encrypted, zip_bomb (header sizes
  // over the limits), bad_zip (libzip cannot open it).
  Result<std::unique_ptr<ZipEntryStream>> open_entry(const ZipEntryInfo& e);
  // Reads a whole (small) entry into memory, with the same limits.
  Result<std::string> read_all(const ZipEntryInfo& e);

  std::uint64_t total_read() const { return total_; }
  const ReaderLimits& limits() const { return limits_; }

 private:
  friend class ZipEntryStream;
  ZipArchive(zip* za, const ReaderLimits& limits) : za_(za), limits_(limits) {}
  zip* za_;
  ReaderLimits limits_;
  std::uint64_t total_ = 0;  // inflated bytes handed out so far, all entries
  std::vector<ZipEntryInfo> entries_;
};

// Entries over this many inflated bytes must respect ReaderLimits::max_ratio.
inline constexpr std::uint64_t kRatioCheckFrom = 1ull << 20;

}  // namespace itax::detail

#include "readers/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>

namespace itax::detail {

namespace {

std::string zip_code_message(int code) {
  zip_error_t ze;
  zip_error_init_with_code(&ze, code);
  std::string msg = zip_error_strerror(&ze);
  zip_error_fini(&ze);
  return msg;
}

bool is_encryption_error(int code) {
  return code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    unsigned char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return false;
  }
  return true;
}

std::string mib(std::uint64_t n) {
  char buf[64];
  if (n >= (1u << 20))
    std::snprintf(buf, sizeof buf, "%llu bytes (%.1f MiB)", static_cast<unsigned long long>(n),
                  static_cast<double>(n) / (1 << 20));
  else
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

std::string ratio_text(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", r);
  return buf;
}

}  // namespace

// --- ZipArchive -------------------------------------------------------------

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(const std::string& path,
                                                     const ReaderLimits& limits) {
  int code = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (za == nullptr) {
    if (code == ZIP_ER_NOZIP)
      return make_error("bad_zip", path + ": not a zip archive, or truncated (" +
                                       zip_code_message(code) + ")");
    return make_error("bad_zip", path + ": cannot open as a zip archive (" +
                                     zip_code_message(code) + ")");
  }
  std::unique_ptr<ZipArchive> a(new ZipArchive(za, limits));
  zip_int64_t n = zip_get_num_entries(za, 0);
  if (n < 0) return make_error("bad_zip", path + ": cannot list the zip entries");
  if (n > limits.max_zip_entries)
    return make_error("zip_bomb", path + ": the archive has " + std::to_string(n) +
                                      " entries, over the limit of " +
                                      std::to_string(limits.max_zip_entries));
  a->entries_.reserve(static_cast<std::size_t>(n));
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0)
      return make_error("bad_zip", path + ": entry " + std::to_string(i) + " is unreadable (" +
                                       zip_error_strerror(zip_get_error(za)) + ")");
    ZipEntryInfo e;
    e.index = static_cast<std::uint64_t>(i);
    if (st.valid & ZIP_STAT_NAME) e.name = st.name;
    if (st.valid & ZIP_STAT_SIZE) e.size = st.size;
    if (st.valid & ZIP_STAT_COMP_SIZE) e.comp_size = st.comp_size;
    if (st.valid & ZIP_STAT_ENCRYPTION_METHOD) e.encrypted = st.encryption_method != ZIP_EM_NONE;
    a->entries_.push_back(std::move(e));
  }
  return a;
}

ZipArchive::~ZipArchive() {
  if (za_ != nullptr) zip_discard(za_);
}

const ZipEntryInfo* ZipArchive::find(std::string_view name) const {
  for (const ZipEntryInfo& e : entries_)
    if (e.name == name) return &e;
  for (const ZipEntryInfo& e : entries_)
    if (iequals(e.name, name)) return &e;
  return nullptr;
}

std::string ZipArchive::describe_entries(std::size_t max_names) const {
  if (entries_.empty()) return "the archive is empty";
  std::string out;
  for (std::size_t i = 0; i < entries_.size() && i < max_names; ++i) {
    if (i) out += ", ";
    out += entries_[i].name;
  }
  if (entries_.size() > max_names) out += ", ...";
  out += " (" + std::to_string(entries_.size()) + (entries_.size() == 1 ? " entry)" : " entries)");
  return out;
}

Result<std::unique_ptr<ZipEntryStream>> ZipArchive::open_entry(const ZipEntryInfo& e) {
  if (e.encrypted)
    return make_error("encrypted", e.name + " is encrypted; password-protected input is not supported");
  // Header checks first: cheap, and they catch the honest bombs early.
  if (e.size > limits_.max_entry_bytes)
    return make_error("zip_bomb", e.name + ": entry size limit exceeded: the header says it inflates to " +
                                      mib(e.size) + ", limit " + mib(limits_.max_entry_bytes));
  if (total_ + e.size > limits_.max_total_bytes)
    return make_error("zip_bomb", e.name + ": total size limit exceeded: " + mib(total_ + e.size) +
                                      " inflated in all, limit " + mib(limits_.max_total_bytes));
  if (e.size > kRatioCheckFrom &&
      (e.comp_size == 0 ||
       static_cast<double>(e.size) / static_cast<double>(e.comp_size) > limits_.max_ratio))
    return make_error("zip_bomb", e.name + ": compression ratio limit exceeded: " + mib(e.size) +
                                      " from " + mib(e.comp_size) + " compressed (ratio " +
                                      ratio_text(e.comp_size ? double(e.size) / double(e.comp_size) : 0) +
                                      ", limit " + ratio_text(limits_.max_ratio) + ")");
  zip_file_t* f = zip_fopen_index(za_, e.index, 0);
  if (f == nullptr) {
    zip_error_t* ze = zip_get_error(za_);
    int code = zip_error_code_zip(ze);
    std::string msg = zip_error_strerror(ze);
    if (is_encryption_error(code))
      return make_error("encrypted", e.name + " is encrypted (" + msg + ")");
    return make_error("bad_zip", e.name + ": cannot open the zip entry (" + msg + ")");
  }
  return std::unique_ptr<ZipEntryStream>(new ZipEntryStream(*this, f, e));
}

Result<std::string> ZipArchive::read_all(const ZipEntryInfo& e) {
  auto s = open_entry(e);
  if (!s) return s.error();
  std::string out;
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(e.size, 1 << 20)));
  char buf[16384];
  for (;;) {
    long n = (*s)->read(buf, sizeof buf);
    if (n < 0) return *(*s)->error();
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// --- ZipEntryStream ---------------------------------------------------------

ZipEntryStream::~ZipEntryStream() {
  if (file_ != nullptr) zip_fclose(file_);
}

long ZipEntryStream::read(char* buf, std::size_t n) {
  if (error_) return -1;
  if (eof_ || n == 0) return 0;
  const ReaderLimits& lim = owner_.limits_;
  // Never ask for more than one byte past the per-entry limit, so a lying
  // header cannot make us inflate far beyond it before we notice.
  std::uint64_t room = lim.max_entry_bytes >= read_ ? lim.max_entry_bytes - read_ + 1 : 1;
  if (n > room) n = static_cast<std::size_t>(room);
  zip_int64_t got = zip_fread(file_, buf, n);
  if (got < 0) {
    zip_error_t* ze = zip_file_get_error(file_);
    int code = zip_error_code_zip(ze);
    std::string msg = zip_error_strerror(ze);
    if (is_encryption_error(code))
      error_ = make_error("encrypted", entry_.name + " is encrypted (" + msg + ")");
    else
      error_ = make_error("bad_zip", entry_.name + ": corrupt zip data after " + std::to_string(read_) +
                                         " bytes (" + msg + ")");
    return -1;
  }
  if (got == 0) {
    eof_ = true;
    if (read_ != entry_.size) {
      error_ = make_error("bad_zip", entry_.name + ": inflated to " + std::to_string(read_) +
                                         " bytes but the zip header says " +
                                         std::to_string(entry_.size));
      return -1;
    }
    return 0;
  }
  read_ += static_cast<std::uint64_t>(got);
  owner_.total_ += static_cast<std::uint64_t>(got);
  if (read_ > lim.max_entry_bytes) {
    error_ = make_error("zip_bomb", entry_.name + ": entry size limit exceeded: inflated past " +
                                        mib(lim.max_entry_bytes) + " (header claimed " +
                                        mib(entry_.size) + ")");
    return -1;
  }
  if (owner_.total_ > lim.max_total_bytes) {
    error_ = make_error("zip_bomb", entry_.name + ": total size limit exceeded: " +
                                        mib(owner_.total_) + " inflated in all, limit " +
                                        mib(lim.max_total_bytes));
    return -1;
  }
  if (read_ > kRatioCheckFrom &&
      (entry_.comp_size == 0 ||
       static_cast<double>(read_) > lim.max_ratio * static_cast<double>(entry_.comp_size))) {
    error_ = make_error("zip_bomb", entry_.name + ": compression ratio limit exceeded: " + mib(read_) +
                                        " inflated from " + mib(entry_.comp_size) +
                                        " compressed (limit " + ratio_text(lim.max_ratio) + ")");
    return -1;
  }
  return static_cast<long>(got);
}

}  // namespace itax::detail

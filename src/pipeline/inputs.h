// Which files a run covers, and where each record goes.
#pragma once
#include <set>
#include <string>
#include <vector>

namespace itax {

// Files named directly are kept whatever their name (each gets a record,
// maybe an error); directories are searched recursively for .docx and .pdf
// files (any case), sorted so runs are reproducible. A missing path is kept
// so that it yields its own error record.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args);

// "<dir>/<file name>.json", or, when that name is already taken in this
// run, "<dir>/<file name>.<sha8>.json".
class OutputNamer {
 public:
  explicit OutputNamer(std::string dir) : dir_(std::move(dir)) {}
  std::string name_for(const std::string& file, const std::string& sha256);

 private:
  std::string dir_;
  std::set<std::string> used_;
};

// Writes `data` to `path` via a temporary file and rename, so a reader never
// sees half a record. Returns an error message, or "" on success.
std::string write_file_atomic(const std::string& path, const std::string& data);

}  // namespace itax

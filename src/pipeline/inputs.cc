#include "pipeline/inputs.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace itax {
namespace fs = std::filesystem;

static bool is_document_name(const fs::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e == ".docx" || e == ".pdf";
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    // skip_permission_denied: an unreadable sub-folder must not end the walk.
    auto it = fs::recursive_directory_iterator(a, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code ec2;
      if (!it->is_directory(ec2) && is_document_name(it->path())) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

std::string OutputNamer::name_for(const std::string& file, const std::string& sha256) {
  std::string base = file.empty() ? "input" : file;
  std::string name = base + ".json";
  if (used_.count(name)) name = base + "." + (sha256.empty() ? std::to_string(used_.size()) : sha256.substr(0, 8)) + ".json";
  while (used_.count(name)) name = base + "." + std::to_string(used_.size()) + ".json";
  used_.insert(name);
  return (fs::path(dir_) / name).string();
}

std::string write_file_atomic(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot write " + tmp;
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return "write failed for " + tmp + " (disk full?)";
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return "cannot rename " + tmp + " to " + path + ": " + ec.message();
  }
  return "";
}

}  // namespace itax

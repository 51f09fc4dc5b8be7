// read_document: picks the reader from the file's leading bytes, never from
// its name.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string_view>

#include "readers/input_file.h"
#include "readers/reader.h"

namespace itax {

namespace detail {

std::optional<Error> check_input_file(const std::string& path, const ReaderLimits& limits,
                                      std::uint64_t* size) {
  if (path.empty()) return make_error("not_found", "no input file given");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int e = errno;
    if (e == ENOENT || e == ENOTDIR) return make_error("not_found", path + ": no such file");
    return make_error("unreadable", path + ": " + std::strerror(e));
  }
  if (S_ISDIR(st.st_mode)) return make_error("not_a_file", path + " is a directory, not a file");
  if (!S_ISREG(st.st_mode)) return make_error("not_a_file", path + " is not a regular file");
  if (st.st_size == 0) return make_error("empty_file", path + " is empty (0 bytes)");
  auto n = static_cast<std::uint64_t>(st.st_size);
  if (n > limits.max_file_bytes)
    return make_error("file_too_large", path + " is " + std::to_string(n) +
                                            " bytes, over the limit of " +
                                            std::to_string(limits.max_file_bytes));
  if (size) *size = n;
  return std::nullopt;
}

}  // namespace detail

Result<Document> read_document(const std::string& path, const ReaderOptions& opts) {
  if (auto e = detail::check_input_file(path, opts.limits)) return *e;
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("unreadable", path + ": cannot open for reading: " + std::strerror(errno));
  char head[1024];
  in.read(head, sizeof head);
  std::streamsize got = in.gcount();
  if (got <= 0) return make_error("unreadable", path + ": cannot read the first bytes");
  std::string_view h(head, static_cast<std::size_t>(got));

  if (h.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return read_docx(path, opts);
  if (h.find("%PDF-") != std::string_view::npos) return read_pdf(path, opts);

  std::string hint;
  if (h.substr(0, 4) == std::string_view("PK\x05\x06", 4))
    hint = " (an empty zip archive)";
  else if (h.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    hint = " (an OLE compound file: a legacy .doc, or a password-protected Office file)";
  else if (h.substr(0, 5) == "{\\rtf")
    hint = " (an RTF file)";
  else if (h.substr(0, 5) == "<?xml" || h.substr(0, 1) == "<")
    hint = " (text or XML, perhaps a Word 2003 XML or HTML file)";
  return make_error("unsupported_format",
                    path + ": neither a DOCX (zip) nor a PDF by its leading bytes" + hint);
}

}  // namespace itax

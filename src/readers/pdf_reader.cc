// Placeholder until the PDF reader lands: says so as an Error value.
#include "readers/input_file.h"
#include "readers/reader.h"

namespace itax {

Result<Document> read_pdf(const std::string& path, const ReaderOptions& opts) {
  if (auto e = detail::check_input_file(path, opts.limits)) return *e;
  return make_error("pdf_not_supported",
                    "PDF input is not supported yet: " + path + " (convert it to DOCX, or wait for the PDF reader)");
}

}  // namespace itax

// PDF reader: the graphics pass (pdf/graphics_pass.h) reads each page's
// words, check boxes and rulings; the layout layer (pdf/layout.h) turns them
// into the document model page by page, so memory stays bounded by the laid
// out text, not by the PDF's pages.
#include "readers/pdf/graphics_pass.h"
#include "readers/pdf/layout.h"
#include "readers/reader.h"

namespace itax {

Result<Document> read_pdf(const std::string& path, const ReaderOptions& opts) {
  pdf::LayoutBuilder builder(opts);
  Result<pdf::PassInfo> pass =
      pdf::run_graphics_pass(path, opts, [&](pdf::RawPage&& page) { builder.add_page(std::move(page)); });
  if (!pass) return pass.error();
  return builder.finish();
}

}  // namespace itax

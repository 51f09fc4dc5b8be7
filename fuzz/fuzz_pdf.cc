// The PDF reader (Poppler graphics pass, then the layout layer) on raw file
// bytes; documents that read go through the later stages too. At most 8
// pages are read (fuzz_reader_options). Seeds: the PDF samples and
// fixtures, and small PDFs of the pdf.js corpus (fuzz/make_seeds.py).
#include "fuzz_common.h"

using namespace itax;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ReaderOptions opts = fuzz::fuzz_reader_options();
  static const std::string path = fuzz::temp_path("pdf", ".pdf");
  fuzz::write_file(path, data, size);
  Result<Document> doc = read_pdf(path, opts);
  if (doc) fuzz::run_stages(*doc);
  else if (doc.error().code.empty() || doc.error().message.empty()) __builtin_trap();
  return 0;
}

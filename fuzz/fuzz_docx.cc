// The DOCX reader on raw file bytes: zip container, libzip limits, then the
// XML of every part it reads; documents that read go through the later
// stages too. Seeds: the DOCX samples and fixtures (fuzz/make_seeds.py).
#include "fuzz_common.h"

using namespace itax;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ReaderOptions opts = fuzz::fuzz_reader_options();
  static const std::string path = fuzz::temp_path("docx", ".docx");
  fuzz::write_file(path, data, size);
  Result<Document> doc = read_docx(path, opts);
  if (doc) fuzz::run_stages(*doc);
  else if (doc.error().code.empty() || doc.error().message.empty()) __builtin_trap();
  return 0;
}

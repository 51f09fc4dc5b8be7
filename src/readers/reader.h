// Readers turn a file into the document model. Each is a pure function of the
// file's bytes and the options; failures come back as Error values.
#pragma once
#include <cstdint>
#include <string>

#include "model/check_glyphs.h"
#include "model/document.h"
#include "util/result.h"

namespace itax {

// Limits that keep hostile files from exhausting the machine.
struct ReaderLimits {
  std::uint64_t max_file_bytes = 512ull << 20;    // whole input file
  std::uint64_t max_entry_bytes = 256ull << 20;   // one inflated zip entry
  std::uint64_t max_total_bytes = 512ull << 20;   // all inflated entries read
  double max_ratio = 200.0;                       // inflated / compressed, for entries over 1 MB
  int max_zip_entries = 10000;
  int max_xml_depth = 256;                        // element nesting
  int max_table_depth = 32;                       // tables inside tables
  int max_pdf_pages = 2000;                       // PDF pages (refused above this)
  int max_pdf_paths_per_page = 200000;            // path pieces kept per PDF page; more are ignored
  // Content-stream operators interpreted per PDF page; the page stops there
  // (a note says so). A dense Word page runs some 10,000; a stream that
  // inflates to millions of drawing operators would otherwise cost seconds.
  long max_pdf_ops_per_page = 2'000'000;
};

struct ReaderOptions {
  ReaderLimits limits;
  const CheckGlyphs* glyphs = nullptr;  // check box characters; may be null
  // Threads reading the pages of one PDF (each with a document of its own).
  // 1 in batch workers, which run in parallel over documents instead.
  int page_threads = 1;
};

// Reads a .docx or .pdf, chosen by the file's leading bytes (not its name).
Result<Document> read_document(const std::string& path, const ReaderOptions& opts);

Result<Document> read_docx(const std::string& path, const ReaderOptions& opts);
Result<Document> read_pdf(const std::string& path, const ReaderOptions& opts);

}  // namespace itax

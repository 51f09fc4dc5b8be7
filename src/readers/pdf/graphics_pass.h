// The PDF graphics pass: the lowest layer of the PDF reader. One Poppler pass
// per page collects words (font, size, per-character boxes), check boxes
// (glyphs, vector drawings, AcroForm widgets) and ruling lines into a RawPage.
// The layout layer (pdf/layout.*) turns these into the document model.
#pragma once
#include <functional>
#include <string>

#include "readers/pdf/raw_page.h"
#include "readers/reader.h"
#include "util/result.h"

namespace itax::pdf {

struct PassInfo {
  int pages = 0;
  bool any_text = false;
};

// Opens the PDF with Poppler's own API (PDFDoc; libpoppler-private-dev 22.12,
// linked via pkg-config `poppler`), and for each page in order runs ONE
// OutputDev pass that collects words (with font name, size, per-character
// boxes), check boxes and ruling lines into a RawPage, then calls on_page.
// Errors as values: "encrypted" (needs a password), "bad_pdf" (cannot be
// opened/parsed; the message gives Poppler's error code meaning),
// "too_many_pages" (limits), plus the input checks of every reader
// (not_found, not_a_file, empty_file, file_too_large, unreadable) and
// "internal". Never throws; never prints to stderr (Poppler's messages are
// captured and kept out of the way).
Result<PassInfo> run_graphics_pass(const std::string& path, const ReaderOptions& opts,
                                   const std::function<void(RawPage&&)>& on_page);

}  // namespace itax::pdf

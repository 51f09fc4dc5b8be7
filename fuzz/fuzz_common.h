// Shared pieces of the libFuzzer targets (docs/SECURITY.md, Fuzzing): the project's
// rules loaded once, a per-process temp file, the stages after the reader,
// and a vocabulary of Thai report words taken from the rules, so the
// structure-aware targets build text a real report would hold.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "extract/extractor.h"
#include "model/document.h"
#include "readers/reader.h"
#include "rules/rulebook.h"
#include "thai/damage_repair.h"
#include "thai/segment.h"

namespace itax::fuzz {

// rules/ of the source tree (or $ITAX_RULES); aborts if they do not load,
// because then every input would fail the same way.
const std::shared_ptr<const Rulebook>& rules();

// Built once per process from rules().
struct Stages {
  thai::Segmenter seg;
  thai::Lexicon lexicon;
  thai::RepairWords words;
  Extractor extractor;
  Stages();
};
Stages& stages();

// Thai repair, extraction and validation of a document a reader produced
// (what Pipeline::run does after reading), and the JSON of the record.
void run_stages(Document& doc);

// Reader options with the rules' check glyphs and limits small enough that
// one input cannot take more than a few hundred milliseconds.
ReaderOptions fuzz_reader_options();

// A file name private to this process: $TMPDIR/itax_fuzz_<pid>_<tag><ext>,
// removed (file or folder) when the process exits.
std::string temp_path(const std::string& tag, const std::string& ext);
// Writes the bytes (truncating); aborts on failure.
void write_file(const std::string& path, const std::uint8_t* data, std::size_t size);
void write_file(const std::string& path, std::string_view data);

// Words and phrases of ITA reports: unit names and aliases, item codes and
// titles, indicator titles, provinces, months, status phrases, table
// headers, the rules' inline examples, check box glyphs, digits.
const std::vector<std::string>& vocabulary();

// A piece of text: a vocabulary entry, or raw bytes made valid UTF-8 (when
// `valid_utf8`), or raw bytes as they are.
std::string fuzz_text(FuzzedDataProvider& fdp, bool valid_utf8 = true);

// Replaces invalid UTF-8 sequences by U+FFFD.
std::string make_valid_utf8(std::string_view s);

}  // namespace itax::fuzz

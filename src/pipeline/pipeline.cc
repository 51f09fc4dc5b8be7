#include "pipeline/pipeline.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <spdlog/spdlog.h>

#include "thai/document_repair.h"
#include "thai/line_join.h"
#include "util/sha256.h"
#include "validate/validator.h"

namespace itax {
namespace fs = std::filesystem;

namespace {

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

}  // namespace

// Terms the wrap repair may join across a break: unit names and checklist titles.
thai::Lexicon build_lexicon(const Rulebook& rules) {
  thai::Lexicon lex;
  for (const Unit& u : rules.units()) {
    lex.add(u.name);
    for (const std::string& a : u.aliases) lex.add(a);
  }
  for (const Checklist& c : rules.checklists()) {
    for (const ChecklistItem& i : c.items) lex.add(i.title);
    for (const ChecklistIndicator& i : c.indicators) lex.add(i.title);
  }
  return lex;
}

Result<InputInfo> describe_input(const std::string& path, std::uint64_t max_bytes) {
  InputInfo info;
  info.path = path;
  info.file = fs::path(path).filename().string();
  std::string ext = lower_ext(path);
  if (ext == ".pdf") info.format = "pdf";
  if (ext == ".docx") info.format = "docx";
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  // A symlink loop (ELOOP) or a path through a file or a locked directory is
  // there but cannot be followed: unreadable, not missing.
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
    return make_error("unreadable", "cannot read " + path + ": " + ec.message());
  if (ec || !fs::exists(st)) return make_error("not_found", "no such file: " + path);
  if (fs::is_directory(st)) return make_error("not_a_file", path + " is a directory, not a document");
  if (!fs::is_regular_file(st)) return make_error("not_a_file", path + " is not a regular file");
  info.bytes = fs::file_size(path, ec);
  if (ec) return make_error("unreadable", "cannot read " + path + ": " + ec.message());
  if (info.bytes == 0) return make_error("empty_file", path + " is empty (0 bytes)");
  if (info.bytes > max_bytes)
    return make_error("too_large", path + " has " + std::to_string(info.bytes) + " bytes, over the limit of " +
                                       std::to_string(max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("unreadable", "cannot open " + path + " (permissions?)");
  Sha256 h;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) h.update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return make_error("unreadable", "read error in " + path);
  info.sha256 = h.finish_hex();
  return info;
}

Pipeline::Pipeline(std::shared_ptr<const Rulebook> rules, ReaderLimits limits, int threads)
    : rules_(std::move(rules)), lexicon_(build_lexicon(*rules_)), extractor_(rules_, segmenter_) {
  reader_opts_.limits = limits;
  reader_opts_.page_threads = std::max(1, threads);
  reader_opts_.glyphs = &rules_->glyphs();
}

const thai::RepairWords& Pipeline::repair_words() const {
  std::call_once(repair_words_once_,
                 [this] { repair_words_ = std::make_unique<thai::RepairWords>(thai::repair_words(lexicon_)); });
  return *repair_words_;
}

Record Pipeline::run(const std::string& path) const {
  try {
    return run_unguarded(path);
  } catch (const std::bad_alloc&) {
    Record r;
    r.input.path = path;
    r.input.file = fs::path(path).filename().string();
    r.error = Error{"out_of_memory", "ran out of memory while processing " + path};
    return r;
  } catch (const std::exception& e) {
    Record r;
    r.input.path = path;
    r.input.file = fs::path(path).filename().string();
    r.error = Error{"internal", std::string("internal error: ") + e.what()};
    return r;
  }
}

Record Pipeline::run_unguarded(const std::string& path) const {
  Record rec;
  rec.rules_version = rules_->version();
  StageTimer read;
  auto info = describe_input(path, reader_opts_.limits.max_file_bytes);
  if (!info) {
    rec.input.path = path;
    rec.input.file = fs::path(path).filename().string();
    std::string ext = lower_ext(path);
    rec.input.format = ext == ".pdf" ? "pdf" : ext == ".docx" ? "docx" : "";
    rec.error = info.error();
    return rec;
  }
  rec.input = std::move(info.value());
  Result<Document> doc = read_document(path, reader_opts_);
  read.stop(rec.times[Stage::Read]);  // hashing the file counts as reading it
  if (!doc) {
    rec.error = doc.error();
    return rec;
  }
  rec.input.format = doc->format == Format::Pdf ? "pdf" : "docx";
  if (doc->format == Format::Pdf) rec.input.pages = doc->pages;
  rec.notes = doc->notes;

  StageTimer timer;
  thai::join_document_soft_wraps(*doc, rec.repairs);
  if (doc->format == Format::Pdf)
    thai::repair_document(*doc, segmenter_, lexicon_, repair_words(), rec.repairs, reader_opts_.page_threads);
  else
    thai::repair_document(*doc, segmenter_, lexicon_, rec.repairs);  // loads no word lists for a DOCX
  timer.stop(rec.times[Stage::Thai]);

  timer.restart();
  rec.report = extractor_.extract(*doc);
  timer.stop(rec.times[Stage::Rules]);

  timer.restart();
  validate_report(rec.report, *rules_);
  timer.stop(rec.times[Stage::Validate]);
  spdlog::debug("{}: read {:.1f} ms, thai {:.1f} ms, rules {:.1f} ms, validate {:.1f} ms", path,
                rec.times[Stage::Read].wall_ms, rec.times[Stage::Thai].wall_ms, rec.times[Stage::Rules].wall_ms,
                rec.times[Stage::Validate].wall_ms);
  return rec;
}

}  // namespace itax

// itax text: one document's repaired text in reading order (paragraphs as
// lines, table rows as tab-separated cells, form feeds between PDF pages).
#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>

#include <spdlog/spdlog.h>

#include "cli/common.h"
#include "emit/text_writer.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"
#include "thai/dictionary.h"
#include "thai/document_repair.h"
#include "thai/fidelity.h"

namespace itax::cli {
namespace {

struct TextOptions {
  std::string input;
  std::string rules_dir;
  bool no_repair = false;
  bool score = false;
};

// Plain UTF-8 text as a document: one paragraph per line. The text is taken
// for what a PDF's text layer gave (pdftotext's output, say), so the PDF
// repairs apply; a form feed starts the next page.
Document text_document(const std::string& text) {
  Document doc;
  doc.format = Format::Pdf;
  int page = 1;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    size_t feeds = 0;
    for (size_t f; (f = line.find('\f')) != std::string::npos; ++feeds) line.erase(f, 1);
    page += static_cast<int>(feeds);
    if (feeds > 0 && line.empty()) continue;  // pdftotext's form feed after the last page
    Paragraph& p = doc.body.emplace_back().node.emplace<Paragraph>();
    p.where.page = page;
    Inline& in = p.content.emplace_back();
    in.text = std::move(line);
  }
  doc.pages = page;
  return doc;
}

int run_text(const TextOptions& o) {
  auto rules = load_rules_or_report(find_rules_dir(o.rules_dir));
  if (!rules) return kUsage;

  Document doc;
  if (o.input == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    doc = text_document(ss.str());
  } else {
    ReaderOptions opts;
    opts.glyphs = &rules->glyphs();
    Result<Document> read = read_document(o.input, opts);
    if (!read) {
      // Reader messages name the file already.
      std::fprintf(stderr, "itax: %s (%s)\n", read.error().message.c_str(), read.error().code.c_str());
      return kSomeFailed;
    }
    doc = std::move(read.value());
    if (!doc.text_layer)
      spdlog::warn("{}: the pages carry no text layer (a scan?): nothing to print", o.input);
  }

  thai::Segmenter seg;
  if (!o.no_repair) {
    const thai::Lexicon lexicon = build_lexicon(*rules);
    thai::RepairCounts counts;
    thai::repair_document(doc, seg, lexicon, counts);
    std::string summary;
    for (const auto& [kind, n] : counts.by_kind) summary += " " + kind + "=" + std::to_string(n);
    spdlog::debug("{}: text repairs:{}", o.input, summary.empty() ? " none" : summary);
  }

  const std::string text = write_text(doc);
  if (o.score) {
    const thai::Fidelity f = thai::measure_fidelity(text, seg, thai::Dictionary::libthai());
    std::printf("%.4f\t%zu\t%zu\n", f.share(), f.thai_letters, f.in_words);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  std::fflush(stdout);
  if (std::ferror(stdout)) {
    std::fprintf(stderr, "itax: cannot write the text to stdout\n");
    return kSomeFailed;
  }
  return kOk;
}

}  // namespace

Command add_text_command(CLI::App& app) {
  auto o = std::make_shared<TextOptions>();
  CLI::App* sub = app.add_subcommand(
      "text", "Print a document's repaired text in reading order (tables as tab-separated rows, "
              "form feeds between PDF pages)");
  sub->add_option("FILE", o->input,
                  ".docx or .pdf file; - reads plain UTF-8 text from stdin (a PDF's text, e.g. pdftotext's: "
                  "one paragraph per line, form feeds between pages)")
      ->required();
  sub->add_option("--rules", o->rules_dir, "Rules directory (default: $ITAX_RULES, ./rules, built-in)");
  sub->add_flag("--no-repair", o->no_repair, "Print the text as read, without the Thai repairs (for comparison)");
  sub->add_flag("--score", o->score,
                "Print the share of Thai letters in dictionary words (ICU segmentation, libthai's word list), "
                "the number of Thai letters and of those in words, instead of the text");
  return {sub, [o] { return run_text(*o); }};
}

}  // namespace itax::cli

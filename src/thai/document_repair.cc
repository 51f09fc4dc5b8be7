#include "thai/document_repair.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "thai/chars.h"
#include "thai/normalize.h"

namespace itax::thai {
namespace {

// A merged text run and which font drew which part of it.
struct TextRun {
  Inline* in;
  FontRuns fonts;
};

// Code points of the normalized `text` other than whitespace: the ordinal
// unit of FontRuns.
size_t visible_count(std::string_view text) {
  const std::string norm = normalize(text);
  size_t n = 0;
  for (size_t i = 0; i < norm.size();) {
    const char32_t c = chars::next_cp(norm, &i);
    if (!chars::is_hspace(c) && c != '\n' && c != '\r') ++n;
  }
  return n;
}

void repair_paragraph(Paragraph& p, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts,
                      std::vector<TextRun>& runs) {
  // Which font drew each piece, before the pieces are merged (PDF readers
  // fill Inline::font; DOCX leaves it empty).
  bool any_font = false;
  for (const Inline& in : p.content) any_font = any_font || (in.kind == Inline::Kind::Text && !in.font.empty());
  std::vector<FontRuns> fonts;
  // Readers split text into runs wherever formatting changes; a word broken
  // across runs must be seen whole, so adjacent text pieces are merged first.
  std::vector<Inline> merged;
  merged.reserve(p.content.size());
  size_t ordinal = 0;
  for (Inline& in : p.content) {
    const bool text = in.kind == Inline::Kind::Text;
    const bool extend = text && !merged.empty() && merged.back().kind == Inline::Kind::Text;
    if (!extend) ordinal = 0;
    if (text && any_font) {
      if (!extend) fonts.resize(merged.size() + 1);
      FontRuns& f = fonts.back();
      if (f.empty() || f.back().second != in.font) f.emplace_back(ordinal, in.font);
      ordinal += visible_count(in.text);
    }
    if (extend)
      merged.back().text += in.text;
    else
      merged.push_back(std::move(in));
  }
  std::vector<size_t> texts;
  for (size_t k = 0; k < merged.size(); ++k) {
    Inline& in = merged[k];
    if (in.kind != Inline::Kind::Text || in.text.empty()) continue;
    std::string fixed = normalize(in.text, &counts);
    in.text = join_wrapped(fixed, seg, lexicon, &counts);
    texts.push_back(k);
  }
  p.content = std::move(merged);
  // Pointers only now that p.content no longer moves.
  for (size_t k : texts) runs.push_back({&p.content[k], k < fonts.size() ? std::move(fonts[k]) : FontRuns{}});
}

void repair_blocks(std::vector<Block>& blocks, const Segmenter& seg, const Lexicon& lexicon,
                   RepairCounts& counts, std::vector<TextRun>& runs) {
  for (Block& b : blocks) {
    if (Paragraph* p = b.paragraph()) {
      repair_paragraph(*p, seg, lexicon, counts, runs);
    } else if (Table* t = b.table()) {
      for (Row& r : t->rows)
        for (Cell& c : r.cells) repair_blocks(c.blocks, seg, lexicon, counts, runs);
    }
  }
}

// Below this many texts per thread, starting a thread costs more than it saves.
constexpr size_t kMinTextsPerThread = 64;

// Runs fn(0..n-1), fn(0) on the calling thread; the first exception of any
// share (bad_alloc) is rethrown here once all have stopped, so the caller's
// error handling sees it as from a single thread.
template <typename Fn>
void run_shares(int n, Fn fn) {
  std::vector<std::exception_ptr> errors(static_cast<size_t>(n));
  auto guarded = [&](int t) {
    try {
      fn(t);
    } catch (...) {
      errors[static_cast<size_t>(t)] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(guarded, t);
  guarded(0);
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
}

// A DOCX is not damage-repaired, so it needs no word lists: loading them
// would cost more than reading the whole DOCX.
const RepairWords& no_words() {
  static const RepairWords none;
  return none;
}

}  // namespace

RepairWords repair_words(const Lexicon& lexicon) {
  RepairWords words = RepairWords::standard();
  for (const std::string& t : lexicon.terms()) words.add(t);
  return words;
}

void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts) {
  if (doc.format == Format::Pdf)
    repair_document(doc, seg, lexicon, repair_words(lexicon), counts);
  else
    repair_document(doc, seg, lexicon, no_words(), counts);
}

void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, const RepairWords& words,
                     RepairCounts& counts, int threads) {
  std::vector<TextRun> body, furniture;
  repair_blocks(doc.body, seg, lexicon, counts, body);
  RepairCounts ignored;  // headers and footers are repaired but not counted twice per page
  repair_blocks(doc.furniture, seg, lexicon, ignored, furniture);
  if (doc.format != Format::Pdf) return;

  // The damage repair decides per font from evidence over the whole
  // document, so it looks at every text before changing any. Solving the
  // texts' runs is most of the stage's cost and each text is solved alone,
  // so they are dealt out to the threads (every n-th text to the same
  // thread: the pages' costs vary, a deal keeps the shares even), and the
  // evidence is summed before any text is repaired.
  std::vector<TextRun*> texts;
  for (auto* runs : {&body, &furniture})
    for (TextRun& r : *runs) texts.push_back(&r);
  const size_t n_body = body.size();
  const int n = texts.size() >= kMinTextsPerThread * 2 ? std::max(1, threads) : 1;
  std::vector<std::unique_ptr<DamageRepair>> parts;
  for (int t = 0; t < n; ++t) parts.push_back(std::make_unique<DamageRepair>(words));
  run_shares(n, [&](int t) {
    for (size_t i = static_cast<size_t>(t); i < texts.size(); i += static_cast<size_t>(n))
      parts[static_cast<size_t>(t)]->observe(texts[i]->in->text, texts[i]->fonts);
  });
  for (int t = 1; t < n; ++t) parts[0]->add_evidence(*parts[static_cast<size_t>(t)]);
  for (int t = 1; t < n; ++t) parts[static_cast<size_t>(t)]->set_evidence(*parts[0]);
  std::vector<RepairCounts> tallies(static_cast<size_t>(n));
  run_shares(n, [&](int t) {
    const DamageRepair& damage = *parts[static_cast<size_t>(t)];
    RepairCounts skipped;
    for (size_t i = static_cast<size_t>(t); i < texts.size(); i += static_cast<size_t>(n)) {
      RepairCounts& c = i < n_body ? tallies[static_cast<size_t>(t)] : skipped;
      TextRun& r = *texts[i];
      r.in->text = damage.repair(r.in->text, r.fonts, &c);
      r.in->text = unify_digits(r.in->text, &c);
    }
  });
  for (const RepairCounts& t : tallies)
    for (const auto& [kind, k] : t.by_kind) counts.add(kind, k);
}

}  // namespace itax::thai

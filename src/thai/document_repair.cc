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

void repair_block(Block& b, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts,
                  std::vector<TextRun>& runs) {
  if (Paragraph* p = b.paragraph()) {
    repair_paragraph(*p, seg, lexicon, counts, runs);
  } else if (Table* t = b.table()) {
    for (Row& r : t->rows)
      for (Cell& c : r.cells)
        for (Block& inner : c.blocks) repair_block(inner, seg, lexicon, counts, runs);
  }
}

// Below this many top-level blocks per thread, a thread costs more than it saves.
constexpr size_t kMinBlocksPerThread = 8;

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
  // Top-level blocks, body first; headers and footers are repaired but not
  // counted (they repeat on every page).
  struct Unit {
    Block* block;
    bool body;
  };
  std::vector<Unit> units;
  for (Block& b : doc.body) units.push_back({&b, true});
  for (Block& b : doc.furniture) units.push_back({&b, false});
  const bool pdf = doc.format == Format::Pdf;

  // Every block is normalized and joined alone, and the damage repair's cost
  // is solving each text's runs, also alone: so the blocks are dealt out to
  // threads (every n-th block to the same one: pages' costs vary, a deal
  // keeps the shares even), each with its own ICU segmenter and its own
  // DamageRepair. The repair decides per font from evidence over the whole
  // document, so the shares' evidence is summed before any text is repaired.
  // One thread does exactly the one-thread sequence.
  const size_t n = pdf && units.size() >= kMinBlocksPerThread * 2 ? static_cast<size_t>(std::max(1, threads)) : 1;
  struct Share {
    std::unique_ptr<Segmenter> own_seg;
    std::vector<TextRun> body, furniture;
    RepairCounts counts, ignored;
    std::unique_ptr<DamageRepair> damage;
  };
  std::vector<Share> shares(n);
  run_shares(static_cast<int>(n), [&](int ti) {
    const auto t = static_cast<size_t>(ti);
    Share& s = shares[t];
    if (t > 0) s.own_seg = std::make_unique<Segmenter>();
    const Segmenter& sg = t > 0 ? *s.own_seg : seg;
    for (size_t i = t; i < units.size(); i += n) {
      const Unit& u = units[i];
      repair_block(*u.block, sg, lexicon, u.body ? s.counts : s.ignored, u.body ? s.body : s.furniture);
    }
    if (!pdf) return;
    s.damage = std::make_unique<DamageRepair>(words);
    for (const auto* runs : {&s.body, &s.furniture})
      for (const TextRun& r : *runs) s.damage->observe(r.in->text, r.fonts);
  });
  if (pdf) {
    for (size_t t = 1; t < n; ++t) shares[0].damage->add_evidence(*shares[t].damage);
    for (size_t t = 1; t < n; ++t) shares[t].damage->set_evidence(*shares[0].damage);
    run_shares(static_cast<int>(n), [&](int ti) {
      Share& s = shares[static_cast<size_t>(ti)];
      for (auto* runs : {&s.body, &s.furniture}) {
        RepairCounts& c = runs == &s.body ? s.counts : s.ignored;
        for (TextRun& r : *runs) {
          r.in->text = s.damage->repair(r.in->text, r.fonts, &c);
          r.in->text = unify_digits(r.in->text, &c);
        }
      }
    });
  }
  for (const Share& s : shares)
    for (const auto& [kind, k] : s.counts.by_kind) counts.add(kind, k);
}

}  // namespace itax::thai

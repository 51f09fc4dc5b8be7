#include "thai/document_repair.h"

#include "thai/normalize.h"

namespace itax::thai {
namespace {

void repair_paragraph(Paragraph& p, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts) {
  // Readers split text into runs wherever formatting changes; a word broken
  // across runs must be seen whole, so adjacent text pieces are merged first.
  std::vector<Inline> merged;
  merged.reserve(p.content.size());
  for (Inline& in : p.content) {
    if (in.kind == Inline::Kind::Text && !merged.empty() && merged.back().kind == Inline::Kind::Text)
      merged.back().text += in.text;
    else
      merged.push_back(std::move(in));
  }
  for (Inline& in : merged) {
    if (in.kind != Inline::Kind::Text || in.text.empty()) continue;
    std::string fixed = normalize(in.text, &counts);
    in.text = join_wrapped(fixed, seg, lexicon, &counts);
  }
  p.content = std::move(merged);
}

void repair_blocks(std::vector<Block>& blocks, const Segmenter& seg, const Lexicon& lexicon,
                   RepairCounts& counts) {
  for (Block& b : blocks) {
    if (Paragraph* p = b.paragraph()) {
      repair_paragraph(*p, seg, lexicon, counts);
    } else if (Table* t = b.table()) {
      for (Row& r : t->rows)
        for (Cell& c : r.cells) repair_blocks(c.blocks, seg, lexicon, counts);
    }
  }
}

}  // namespace

void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts) {
  repair_blocks(doc.body, seg, lexicon, counts);
  RepairCounts ignored;  // headers and footers are repaired but not counted twice per page
  repair_blocks(doc.furniture, seg, lexicon, ignored);
}

}  // namespace itax::thai

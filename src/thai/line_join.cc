#include "thai/line_join.h"

#include "util/utf8.h"

namespace itax::thai {
namespace {

// Ends a line inside a Thai word or phrase: a letter or a mark, not ฯ or ๆ
// (which close an abbreviation or a repetition, often an item of a list).
bool thai_before(char32_t c) { return c >= 0x0E01 && c <= 0x0E4E && c != 0x0E2F && c != 0x0E46; }
// Starts the continuation: a consonant, a lead vowel, or a vowel or mark
// that cannot start a word at all.
bool thai_after(char32_t c) { return c >= 0x0E01 && c <= 0x0E4E && c != 0x0E2F && c != 0x0E46 && c != 0x0E3F; }

// The PDF layout gives each piece of a line its own text inline (with its
// font and box), so a break and its neighbours may sit in different
// inlines: look across adjacent text inlines, without merging them (the
// damage repair still needs to know which font drew which piece).
void join_paragraph(Paragraph& p, RepairCounts& counts) {
  auto& parts = p.content;
  int joined = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (parts[k].kind != Inline::Kind::Text || parts[k].text.find('\n') == std::string::npos) continue;
    std::string& t = parts[k].text;
    std::string out;
    out.reserve(t.size());
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] != '\n') {
        out += t[i];
        continue;
      }
      char32_t before = 0, after = 0;
      if (!out.empty()) before = utf8::decode_before(out, out.size());
      else if (k > 0 && parts[k - 1].kind == Inline::Kind::Text && !parts[k - 1].text.empty())
        before = utf8::decode_before(parts[k - 1].text, parts[k - 1].text.size());
      if (i + 1 < t.size()) after = utf8::decode_at(t, i + 1);
      else if (k + 1 < parts.size() && parts[k + 1].kind == Inline::Kind::Text && !parts[k + 1].text.empty())
        after = utf8::decode_at(parts[k + 1].text, 0);
      if (thai_before(before) && thai_after(after)) {
        ++joined;
        continue;
      }
      out += '\n';
    }
    t = std::move(out);
  }
  counts.add("line_join", joined);
}

void join_blocks(std::vector<Block>& blocks, RepairCounts& counts) {
  for (Block& b : blocks) {
    if (Paragraph* p = b.paragraph()) {
      join_paragraph(*p, counts);
    } else if (Table* t = b.table()) {
      for (Row& r : t->rows)
        for (Cell& c : r.cells) join_blocks(c.blocks, counts);
    }
  }
}

}  // namespace

bool is_soft_wrap(char32_t before, char32_t after) { return thai_before(before) && thai_after(after); }

std::string join_soft_wraps(std::string_view text, RepairCounts* counts) {
  std::string out;
  out.reserve(text.size());
  int joined = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i > 0 && i + 1 < text.size() && thai_before(utf8::decode_before(text, i)) &&
        thai_after(utf8::decode_at(text, i + 1))) {
      ++joined;
      continue;
    }
    out += text[i];
  }
  if (counts) counts->add("line_join", joined);
  return out;
}

void join_document_soft_wraps(Document& doc, RepairCounts& counts) {
  if (doc.format != Format::Pdf) return;
  join_blocks(doc.body, counts);
  RepairCounts ignored;
  join_blocks(doc.furniture, ignored);
}

}  // namespace itax::thai

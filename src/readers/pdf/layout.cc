#include "readers/pdf/layout.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "readers/pdf/aligned_tables.h"
#include "readers/pdf/furniture.h"
#include "readers/pdf/table_builder.h"
#include "readers/pdf/text_lines.h"
#include "util/utf8.h"

namespace itax::pdf {
namespace {

enum : int { kNoBand = -1 };

// A body paragraph as laid out, before furniture is taken out.
struct StoredPara {
  std::vector<TextLine> lines;
  std::vector<int> band;  // per line: kNoBand, or static_cast<int>(Band)
};

struct PageItem {
  double y0 = 0;
  std::variant<StoredPara, Table> node;
};

struct PageOut {
  int number = 0;
  double width = 0, height = 0;
  std::vector<PageItem> items;
};

bool finite(const BBox& b) {
  return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1);
}

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0x0E50 && c <= 0x0E59); }

// A line that opens a list item: a bullet, "1." / "1)" / "(1)".
bool starts_item(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size()) return false;
  char32_t c = utf8::decode_at(text, i);
  if (c == '-' || c == 0x2022 || c == 0x25CF || c == 0x25CB || c == 0x25AA || c == 0x25A0 || c == 0x2013 || c == '*' ||
      c == 0xF0B7 || c == 0x2713 || c == 0x27A2)
    return true;
  bool paren = c == '(';
  if (paren) i += 1, c = i < text.size() ? utf8::decode_at(text, i) : 0;
  size_t nd = 0;
  while (i < text.size() && is_digit(c = utf8::decode_at(text, i))) {
    i += utf8::seq_len(static_cast<unsigned char>(text[i]));
    ++nd;
  }
  if (nd == 0 || nd > 2 || i >= text.size()) return false;
  if (text[i] == ')') return true;
  if (paren || text[i] != '.') return false;
  return i + 1 >= text.size() || !is_digit(utf8::decode_at(text, i + 1));  // "1." but not "9.4"
}

int band_of(const TextLine& l, double page_height) {
  if (page_height <= 0) return kNoBand;
  double cy = (l.box.y0 + l.box.y1) / 2;
  if (cy < kMarginBand * page_height) return static_cast<int>(Band::Top);
  if (cy > (1 - kMarginBand) * page_height) return static_cast<int>(Band::Bottom);
  return kNoBand;
}

double height(const BBox& b) { return b.y1 - b.y0; }

// Groups consecutive lines (top to bottom) into paragraphs.
std::vector<StoredPara> group_paragraphs(const std::vector<Line>& lines, size_t from, size_t to, int page,
                                         double page_height, double space_gap) {
  std::vector<StoredPara> out;
  if (from >= to) return out;
  std::vector<TextLine> tl;
  tl.reserve(to - from);
  for (size_t i = from; i < to; ++i) tl.push_back(lay_out_line(lines[i], page, space_gap));
  // The usual gap between lines of this stretch.
  std::vector<double> gaps;
  for (size_t i = 1; i < tl.size(); ++i) {
    double g = tl[i].box.y0 - tl[i - 1].box.y1, h = height(tl[i - 1].box);
    if (g >= 0 && g <= 1.5 * h) gaps.push_back(g);
  }
  double usual = -1;  // needs a few samples to mean anything
  if (gaps.size() >= 3) {
    auto mid = gaps.begin() + static_cast<long>((gaps.size() - 1) / 2);
    std::nth_element(gaps.begin(), mid, gaps.end());
    usual = *mid;
  }
  for (size_t i = 0; i < tl.size(); ++i) {
    int band = band_of(tl[i], page_height);
    bool brk = out.empty();
    if (!brk) {
      const StoredPara& para = out.back();
      const TextLine& prev = para.lines.back();
      const TextLine& next = tl[i];
      double h = height(prev.box), em = std::max(prev.em(), next.em());
      double gap = next.box.y0 - prev.box.y1;
      double limit = std::max(kParagraphGap * h, usual >= 0 ? usual + 0.4 * h : 0.0);
      double fa = prev.em(), fb = next.em();
      double prev_cx = (prev.box.x0 + prev.box.x1) / 2, next_cx = (next.box.x0 + next.box.x1) / 2;
      bool centred = std::fabs(prev_cx - next_cx) <= em;
      brk = band != para.band.back() || gap > limit || gap < -0.5 * h ||
            std::max(fa, fb) > kFontChange * std::min(fa, fb) || starts_item(next.text()) ||
            (!centred && next.box.x0 > prev.box.x0 + em) ||
            (!centred && para.lines.size() >= 2 && next.box.x0 < prev.box.x0 - em);
    }
    if (brk) out.emplace_back();
    out.back().lines.push_back(std::move(tl[i]));
    out.back().band.push_back(band);
  }
  return out;
}

std::string range_list(const std::vector<int>& pages) {
  std::string out;
  for (size_t i = 0; i < pages.size();) {
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(pages[i]);
    if (j > i) out += "-" + std::to_string(pages[j]);
    i = j + 1;
  }
  return out;
}

void locate_inlines(Paragraph& p) {
  for (Inline& in : p.content) {
    in.where.locator = p.where.locator;
    if (in.kind == Inline::Kind::Box) in.box.where.locator = p.where.locator;
  }
}

void locate_table(Table& t, int page, int index) {
  t.index = index;
  t.where.page = page;
  t.where.locator = "page " + std::to_string(page) + " table " + std::to_string(index);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    Row& row = t.rows[r];
    row.where.locator = t.where.locator + " row " + std::to_string(r + 1);
    for (size_t c = 0; c < row.cells.size(); ++c) {
      Cell& cell = row.cells[c];
      cell.where.locator = row.where.locator + " cell " + std::to_string(c + 1);
      int k = 0;
      for (Block& b : cell.blocks)
        if (Paragraph* p = b.paragraph()) {
          p->where.locator = cell.where.locator + " paragraph " + std::to_string(++k);
          locate_inlines(*p);
        }
    }
  }
}

}  // namespace

struct LayoutBuilder::State {
  ReaderOptions opts;
  std::vector<PageOut> pages;
  std::vector<int> blank_pages;
  std::vector<std::string> notes;
  SpaceGap spaces;
  bool any_text = false;
};

LayoutBuilder::LayoutBuilder(const ReaderOptions& opts) : s_(std::make_unique<State>()) { s_->opts = opts; }
LayoutBuilder::~LayoutBuilder() = default;

void LayoutBuilder::add_page(RawPage page) {
  PageOut out;
  out.number = page.number > 0 ? page.number : static_cast<int>(s_->pages.size()) + 1;
  out.width = page.width;
  out.height = page.height;
  const int pno = out.number;

  std::vector<Piece> pieces;
  pieces.reserve(page.words.size() + page.marks.size());
  bool words = false;
  for (const RawWord& w : page.words) {
    if (blank(w.text) || !finite(w.box)) continue;
    words = true;
    pieces.push_back(Piece{w.box, &w, nullptr, static_cast<int>(pieces.size())});
  }
  for (const RawMark& m : page.marks)
    if (finite(m.box)) pieces.push_back(Piece{m.box, nullptr, &m, static_cast<int>(pieces.size())});
  if (words)
    s_->any_text = true;
  else
    s_->blank_pages.push_back(pno);
  s_->spaces.add_page(page.words);
  const double space_gap = s_->spaces.threshold();

  for (const std::string& n : page.notes) s_->notes.push_back("page " + std::to_string(pno) + ": " + n);
  // 1. Ruled tables.
  std::string note;
  std::vector<RuledGrid> grids = find_ruled_grids(page.rulings, &note);
  if (!note.empty()) s_->notes.push_back("page " + std::to_string(pno) + ": " + note);
  std::vector<std::vector<std::vector<std::vector<Piece>>>> in_cells(grids.size());
  std::vector<size_t> filled(grids.size(), 0);
  for (size_t g = 0; g < grids.size(); ++g) {
    in_cells[g].resize(grids[g].shape.rows.size());
    for (size_t r = 0; r < grids[g].shape.rows.size(); ++r) in_cells[g][r].resize(grids[g].shape.rows[r].size());
  }
  std::vector<Piece> body;
  {
    GridIndex index(grids);
    for (const Piece& p : pieces) {
      int g = grids.empty() ? -1 : index.find(p.cx(), p.cy());
      if (g >= 0) {
        auto [r, c] = grids[static_cast<size_t>(g)].cell_at(p.cx(), p.cy());
        if (r >= 0) {
          in_cells[static_cast<size_t>(g)][static_cast<size_t>(r)][static_cast<size_t>(c)].push_back(p);
          ++filled[static_cast<size_t>(g)];
          continue;
        }
      }
      body.push_back(p);
    }
  }
  std::vector<double> table_tops;
  for (size_t g = 0; g < grids.size(); ++g) {
    if (filled[g] == 0) continue;  // a frame with nothing in it
    table_tops.push_back(grids[g].shape.box.y0);
    out.items.push_back(
        PageItem{grids[g].shape.box.y0, make_table(grids[g].shape, std::move(in_cells[g]), pno, space_gap)});
  }
  std::sort(table_tops.begin(), table_tops.end());

  // 2-4. Lines, borderless tables, paragraphs; in runs between ruled tables.
  std::vector<Line> lines = group_lines(std::move(body));
  size_t start = 0;
  while (start < lines.size()) {
    size_t run = static_cast<size_t>(std::upper_bound(table_tops.begin(), table_tops.end(), lines[start].cy()) -
                                     table_tops.begin());
    size_t end = start + 1;
    while (end < lines.size() &&
           static_cast<size_t>(std::upper_bound(table_tops.begin(), table_tops.end(), lines[end].cy()) -
                               table_tops.begin()) == run)
      ++end;
    std::vector<Line> run_lines(std::make_move_iterator(lines.begin() + static_cast<long>(start)),
                                std::make_move_iterator(lines.begin() + static_cast<long>(end)));
    std::vector<AlignedTable> aligned = find_aligned_tables(run_lines);
    size_t from = 0;
    auto flush = [&](size_t to) {
      for (StoredPara& p : group_paragraphs(run_lines, from, to, pno, out.height, space_gap)) {
        PageItem& item = out.items.emplace_back();
        item.y0 = p.lines.front().box.y0;
        item.node.emplace<StoredPara>(std::move(p));
      }
    };
    for (AlignedTable& t : aligned) {
      flush(t.first);
      out.items.push_back(PageItem{t.shape.box.y0, make_table(t.shape, std::move(t.pieces), pno, space_gap)});
      from = t.last + 1;
    }
    flush(run_lines.size());
    start = end;
  }

  // 5. Reading order.
  std::vector<size_t> order(out.items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return out.items[a].y0 < out.items[b].y0; });
  PageOut& kept = s_->pages.emplace_back();
  kept.number = out.number;
  kept.width = out.width;
  kept.height = out.height;
  kept.items.reserve(order.size());
  for (size_t i : order) kept.items.push_back(std::move(out.items[i]));
}

Document LayoutBuilder::finish() {
  Document doc;
  doc.format = Format::Pdf;
  doc.pages = static_cast<int>(s_->pages.size());
  doc.text_layer = s_->any_text;

  // Furniture: ids are (page, item, line) flattened through `refs`.
  struct Ref {
    size_t page, item, line;
  };
  std::vector<Ref> refs;
  std::vector<bool> furniture;
  RepeatFinder repeats;
  for (size_t p = 0; p < s_->pages.size(); ++p) {
    const PageOut& po = s_->pages[p];
    for (size_t i = 0; i < po.items.size(); ++i) {
      const StoredPara* sp = std::get_if<StoredPara>(&po.items[i].node);
      if (!sp) continue;
      for (size_t l = 0; l < sp->lines.size(); ++l) {
        if (sp->band[l] == kNoBand) continue;
        const TextLine& tl = sp->lines[l];
        std::string text = tl.text();
        int id = static_cast<int>(refs.size());
        refs.push_back(Ref{p, i, l});
        furniture.push_back(is_page_number(text));
        if (furniture.back()) continue;
        Band band = static_cast<Band>(sp->band[l]);
        double cy = (tl.box.y0 + tl.box.y1) / 2;
        double distance = band == Band::Top ? cy : po.height - cy;
        repeats.add(id, po.number, band, distance, std::max(4.0, 0.5 * height(tl.box)), repeat_key(text));
      }
    }
  }
  for (int id : repeats.repeated(doc.pages)) furniture[static_cast<size_t>(id)] = true;
  // Per page and item: which lines are furniture.
  size_t next_ref = 0;

  int tables = 0;
  for (size_t p = 0; p < s_->pages.size(); ++p) {
    PageOut& po = s_->pages[p];
    const std::string page_name = "page " + std::to_string(po.number);
    int paras = 0, headers = 0, footers = 0;
    // The text column's right edge: where the page's longest lines end.
    double right_edge = 0;
    for (const PageItem& item : po.items)
      if (const StoredPara* sp = std::get_if<StoredPara>(&item.node))
        for (const TextLine& l : sp->lines) right_edge = std::max(right_edge, l.box.x1);
    for (size_t i = 0; i < po.items.size(); ++i) {
      if (Table* t = std::get_if<Table>(&po.items[i].node)) {
        locate_table(*t, po.number, ++tables);
        doc.body.push_back(Block{std::move(*t)});
        continue;
      }
      StoredPara& sp = std::get<StoredPara>(po.items[i].node);
      std::vector<TextLine> keep;
      auto emit_body = [&] {
        if (keep.empty()) return;
        Paragraph para = paragraph_of(std::move(keep), po.number, right_edge);
        keep.clear();
        para.where.locator = page_name + " paragraph " + std::to_string(++paras);
        locate_inlines(para);
        doc.body.push_back(Block{std::move(para)});
      };
      for (size_t l = 0; l < sp.lines.size(); ++l) {
        bool is_furniture = false;
        if (next_ref < refs.size() && refs[next_ref].page == p && refs[next_ref].item == i && refs[next_ref].line == l)
          is_furniture = furniture[next_ref++];
        if (!is_furniture) {
          keep.push_back(std::move(sp.lines[l]));
          continue;
        }
        emit_body();
        bool top = sp.band[l] == static_cast<int>(Band::Top);
        std::vector<TextLine> one;
        one.push_back(std::move(sp.lines[l]));
        Paragraph para = paragraph_of(std::move(one), po.number);
        para.where.locator =
            page_name + (top ? " header" : " footer") + " paragraph " + std::to_string(top ? ++headers : ++footers);
        locate_inlines(para);
        doc.furniture.push_back(Block{std::move(para)});
      }
      emit_body();
    }
  }
  s_->pages.clear();

  if (!s_->any_text && doc.pages > 0) {
    doc.notes.push_back("no page has a text layer (" + std::to_string(doc.pages) +
                        " pages): a scanned PDF? its text is not read (no OCR)");
  } else if (!s_->blank_pages.empty()) {
    doc.notes.push_back(std::to_string(s_->blank_pages.size()) + " of " + std::to_string(doc.pages) +
                        " pages have no text layer (scanned?): page " + range_list(s_->blank_pages));
  }
  for (std::string& n : s_->notes) doc.notes.push_back(std::move(n));
  s_->notes.clear();
  return doc;
}

}  // namespace itax::pdf

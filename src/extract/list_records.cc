#include "extract/list_records.h"

#include <algorithm>
#include <optional>

#include "thai/normalize.h"

namespace itax {
namespace {

// An item's own lines, its code line included: beyond this a list item has
// run into the text after the list.
constexpr int kMaxLines = 8;

std::string trim(std::string_view s, std::string_view chars = " \t") {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") + 1 - b));
}

// Where byte `n` of rule_view(raw) falls in `raw` itself: the longest start
// of `raw` whose rule view (digits folded, spaces collapsed and trimmed) is
// at most `n` bytes. A trailing space leaves the view as it was, so the
// view is recomputed only after other characters: about n times, each
// linear, however many spaces the author typed.
size_t raw_offset(std::string_view raw, size_t n) {
  size_t best = 0, i = 0;
  // Other characters the view may drop (a run of no-break spaces, say) end
  // the search early rather than make it quadratic.
  for (size_t views = 0; i < raw.size() && views <= 2 * n + 64;) {
    const bool space = raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r';
    ++i;
    while (i < raw.size() && (static_cast<unsigned char>(raw[i]) & 0xC0) == 0x80) ++i;
    if (!space && (++views, rule_view(raw.substr(0, i)).size() > n)) break;
    best = i;
  }
  return best;
}

const std::optional<BBox>& box_of(const Inline& in) {
  return in.kind == Inline::Kind::Box ? in.box.where.bbox : in.where.bbox;
}

void grow(std::optional<BBox>& to, const BBox& b) {
  if (!to) to = b;
  else to = BBox{std::min(to->x0, b.x0), std::min(to->y0, b.y0), std::max(to->x1, b.x1), std::max(to->y1, b.y1)};
}

// The paragraph's lines, each a paragraph of its own with the union box of
// its inlines and "line K" added to the locator; empty for a paragraph of
// one line. Lines end at "\n" and, in a PDF, where an inline stands below
// the one before it.
std::vector<Paragraph> split_lines(const Paragraph& p) {
  bool breaks = false;
  const BBox* prev = nullptr;
  for (const Inline& in : p.content) {
    const std::optional<BBox>& b = box_of(in);
    breaks |= (in.kind == Inline::Kind::Text && in.text.find('\n') != std::string::npos) ||
              (prev && b && (b->y0 + b->y1) / 2 > prev->y1);
    if (b) prev = &*b;
  }
  if (!breaks) return {};

  std::vector<Paragraph> out;
  auto new_line = [&] {
    Paragraph& l = out.emplace_back();
    l.style = p.style;
    l.where.page = p.where.page;
    l.where.locator = p.where.locator + " line " + std::to_string(out.size());
  };
  auto put = [&](Inline in) {
    if (const std::optional<BBox>& b = box_of(in)) grow(out.back().where.bbox, *b);
    out.back().content.push_back(std::move(in));
  };
  new_line();
  std::optional<BBox> last;
  for (const Inline& in : p.content) {
    const std::optional<BBox>& b = box_of(in);
    if (last && b && (b->y0 + b->y1) / 2 > last->y1 && !out.back().content.empty()) new_line();
    if (b) last = b;
    if (in.kind != Inline::Kind::Text || in.text.find('\n') == std::string::npos) {
      put(in);
      continue;
    }
    for (size_t from = 0;;) {
      const size_t nl = in.text.find('\n', from);
      Inline piece = in;
      piece.text = in.text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
      if (!piece.text.empty()) put(std::move(piece));
      if (nl == std::string::npos) break;
      if (!out.back().content.empty()) new_line();
      from = nl + 1;
    }
  }
  if (out.back().content.empty()) out.pop_back();
  return out;
}

}  // namespace

ItemListScanner::ItemListScanner(const Rulebook& rules)
    : rules_(rules),
      line_re_(*rules.pattern("item.line").re),
      heading_re_(*rules.pattern("subindicator.heading").re),
      indicator_re_(*rules.pattern("indicator.row").re) {
  for (const TableRule& t : rules.table_rules())
    if (t.kind == "items") items_ = &t;
  if (!items_) return;
  // Column patterns are anchored header patterns ("^(?:ผู้รับผิดชอบ|...)");
  // as labels they may stand anywhere, before a colon. Whole-cell ones
  // ("...$", the code and title columns) name no field of a list item.
  std::string alt;
  for (const ColumnRule& c : items_->columns) {
    if (c.role == items_->key || !c.re) continue;
    std::string pat = c.re->pattern();
    if (!pat.empty() && pat.front() == '^') pat.erase(0, 1);
    if (pat.empty() || pat.back() == '$') continue;
    if (!alt.empty()) alt += '|';
    alt += "(" + pat + ")\\s*(?::|：)";
    label_roles_.push_back(c.role);
    for (int g = c.re->NumberOfCapturingGroups(); g > 0; --g) label_roles_.emplace_back();
  }
  if (!alt.empty()) {
    RE2::Options o;
    o.set_log_errors(false);
    label_re_ = std::make_unique<RE2>(alt, o);
    if (!label_re_->ok()) label_re_.reset();
  }
}

ItemListScanner::~ItemListScanner() = default;

std::vector<std::pair<std::string, std::string>> ItemListScanner::fields(const std::string& view,
                                                                        bool lead_label) const {
  std::vector<std::pair<std::string, std::string>> out;
  std::string lead_role;
  size_t lead_from = 0;
  // A label without a colon at the start ("หน่วยงานที่รับผิดชอบ กองคลัง").
  if (items_ && lead_label)
    for (const ColumnRule& c : items_->columns) {
      re2::StringPiece m;
      if (c.role != items_->key && c.re && c.re->Match(view, 0, view.size(), RE2::ANCHOR_START, &m, 1)) {
        lead_role = c.role;
        lead_from = m.size();
        break;
      }
    }
  size_t pos = 0, value_from = lead_from;
  std::string role = lead_role;
  if (label_re_) {
    const int groups = static_cast<int>(label_roles_.size());
    std::vector<re2::StringPiece> g(static_cast<size_t>(groups) + 1);
    while (pos < view.size() && label_re_->Match(view, pos, view.size(), RE2::UNANCHORED, g.data(), groups + 1)) {
      const size_t at = static_cast<size_t>(g[0].begin() - view.data());
      const size_t end = static_cast<size_t>(g[0].end() - view.data());
      if (at >= value_from) {
        std::string value = trim(view.substr(value_from, at - value_from), " \t:-");
        if (!value.empty() || !role.empty()) out.emplace_back(role, std::move(value));
        for (int k = 1; k <= groups; ++k)
          if (g[static_cast<size_t>(k)].data() && !label_roles_[static_cast<size_t>(k - 1)].empty()) {
            role = label_roles_[static_cast<size_t>(k - 1)];
            break;
          }
        value_from = end;
      }
      pos = std::max(end, pos + 1);
    }
  }
  std::string value = trim(view.substr(std::min(value_from, view.size())), " \t:-");
  if (!value.empty() || !role.empty()) out.emplace_back(role, std::move(value));
  return out;
}

// One document's scan: the item being read and which lines it took.
class ItemListScanner::Run {
 public:
  Run(const ItemListScanner& s, TableScan& scan) : s_(s), scan_(scan) {}

  void go() {
    const std::vector<const Paragraph*>& in = scan_.loose_paragraphs;
    units_.assign(in.size(), 1);
    taken_.assign(in.size(), 0);
    for (size_t i = 0; i < in.size(); ++i) {
      // A PDF paragraph holds several lines, and a list item can start on
      // any of them: such a paragraph is read line by line.
      std::vector<Paragraph> lines = split_lines(*in[i]);
      if (lines.size() > 1 && (open_ || starts_item(lines))) {
        units_[i] = lines.size();
        for (const Paragraph& l : lines) step(l, i);
      } else {
        step(*in[i], i);
      }
    }
    close();
    // Paragraphs wholly taken by items leave the loose ones (their mentions
    // belong to the item); one that also holds a heading or other text stays.
    std::vector<const Paragraph*> loose;
    for (size_t i = 0; i < in.size(); ++i)
      if (taken_[i] < units_[i]) loose.push_back(in[i]);
    scan_.loose_paragraphs = std::move(loose);
  }

 private:
  bool starts_item(const std::vector<Paragraph>& lines) const {
    for (const Paragraph& l : lines)
      if (RE2::PartialMatch(rule_view(l.text()), s_.line_re_)) return true;
    return false;
  }

  void step(const Paragraph& p, size_t index) {
    BoxedText b;
    read_boxed_paragraph(p, s_.rules_, b);
    const std::string view = rule_view(b.text);
    re2::StringPiece g[3];
    if (s_.line_re_.Match(view, 0, view.size(), RE2::UNANCHORED, g, 3)) {
      close();
      open(p, b, view, g);
      open_units_ = {index};
      return;
    }
    auto f = s_.fields(view);
    const bool labelled = !f.empty() && !f.front().first.empty();
    if (open_ && continues(b, view, labelled)) {
      add(b, f);
      open_units_.push_back(index);
      return;
    }
    close();
    std::string sub;
    if (RE2::PartialMatch(view, s_.heading_re_, &sub)) heading_ = sub;
  }

  bool continues(const BoxedText& b, const std::string& view, bool labelled) const {
    if (open_->rows >= kMaxLines) return false;
    if (RE2::PartialMatch(view, s_.heading_re_) || RE2::PartialMatch(view, s_.indicator_re_)) return false;
    // Before its boxes an item may run on (a title or details over several
    // lines); after them, unlabelled text is the document's again.
    return labelled || !b.boxes.empty() || open_->boxes.empty();
  }

  void open(const Paragraph& p, BoxedText& b, const std::string& view, const re2::StringPiece* g) {
    TableRecord r;
    r.kind = "items";
    r.key_rule = "item.line";
    r.heading = heading_;
    r.key_where = p.where;
    r.row_where = p.where;
    r.rows = 1;
    const size_t code_end = raw_offset(b.text, static_cast<size_t>(g[1].end() - view.data()));
    const size_t title_start = raw_offset(b.text, static_cast<size_t>(g[2].begin() - view.data()));
    r.key_text = thai::one_line(trim(std::string_view(b.text).substr(0, code_end), " \t-•▪●*"));
    // The title line may carry fields too ("O2 ข้อมูลผู้บริหาร ผู้รับผิดชอบ: กองคลัง").
    const std::string rest = thai::one_line(std::string_view(b.text).substr(std::min(title_start, b.text.size())));
    open_ = std::move(r);
    for (auto& [role, value] : s_.fields(rest, false)) put(role.empty() ? "title" : role, value);
    for (StatusBox& box : b.boxes) open_->boxes.push_back(std::move(box));
  }

  void add(BoxedText& b, std::vector<std::pair<std::string, std::string>>& fields) {
    TableRecord& r = *open_;
    ++r.rows;
    const bool boxed = !r.boxes.empty() || !b.boxes.empty();
    for (auto& [role, value] : fields)
      put(!role.empty() ? role : boxed ? "progress" : r.field.count("title") ? "components" : "title", value);
    for (StatusBox& box : b.boxes) r.boxes.push_back(std::move(box));
  }

  void put(const std::string& role, const std::string& value) {
    if (value.empty()) return;
    std::string& f = open_->field[role];
    if (!f.empty()) f += role == "title" ? " " : "\n";
    f += value;
  }

  // Ends the open item: a record when it has check boxes; else its lines
  // were not an item and stay the document's.
  void close() {
    if (!open_) return;
    if (!open_->boxes.empty()) {
      scan_.records.push_back(std::move(*open_));
      for (size_t i : open_units_) ++taken_[i];
    }
    open_.reset();
    open_units_.clear();
  }

  const ItemListScanner& s_;
  TableScan& scan_;
  std::string heading_;
  std::optional<TableRecord> open_;
  std::vector<size_t> open_units_;     // loose paragraph of each line the open item took
  std::vector<size_t> units_, taken_;  // per loose paragraph: its lines, and those items took
};

void ItemListScanner::scan(TableScan& scan) const { Run(*this, scan).go(); }

}  // namespace itax

#include "extract/table_records.h"

#include <algorithm>
#include <optional>

#include "thai/line_join.h"
#include "thai/normalize.h"
#include "util/utf8.h"

namespace itax {
namespace {

std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n') out += c;
  return out;
}

bool blank(std::string_view s) {
  // Rows of dashes or dots are scanning artifacts, not content.
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '-' && c != '.' && c != '_' && c != '|') return false;
  return true;
}

size_t status_phrase_len(std::string_view label, const Rulebook& rules) {
  std::string view(label);
  size_t lead = 0;
  while (lead < view.size() && view[lead] == ' ') ++lead;
  re2::StringPiece in(view.data() + lead, view.size() - lead);
  for (const StatusRule& r : rules.status_rules()) {
    re2::StringPiece m;
    if (r.re && r.re->Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1)) return lead + m.size();
  }
  return 0;
}

// A cell's paragraphs read as one BoxedText, joined by "\n".
BoxedText read_cell(const Cell& cell, const Rulebook& rules) {
  BoxedText out;
  bool first_para = true;
  for_each_paragraph(cell.blocks, [&](const Paragraph& p) {
    if (!first_para) out.text += '\n';
    first_para = false;
    read_boxed_paragraph(p, rules, out);
  });
  return out;
}

struct ColumnMap {
  const TableRule* rule = nullptr;
  std::vector<std::string> role_by_index;  // header cell i -> role ("" = none)
  std::vector<int> grid_start;             // header cell i -> first grid column
  int grid_width = 0;
};

class Scanner {
 public:
  explicit Scanner(const Rulebook& rules) : rules_(rules) {}

  TableScan run(const Document& doc) {
    walk(doc.body);
    return std::move(out_);
  }

 private:
  void walk(const std::vector<Block>& blocks) {
    for (const Block& b : blocks) {
      if (const Paragraph* p = b.paragraph()) paragraph(*p);
      else if (const Table* t = b.table()) table(*t);
    }
  }

  void paragraph(const Paragraph& p) {
    note_heading(p.text());
    out_.loose_paragraphs.push_back(&p);
  }

  bool note_heading(std::string_view text) {
    std::string view = rule_view(text);
    std::string sub;
    if (RE2::PartialMatch(view, *rules_.pattern("subindicator.heading").re, &sub)) {
      heading_ = sub;
      return true;
    }
    return false;
  }

  // A table used only to lay out the page (one cell per row holding other
  // tables): its contents are read as if they stood in the body.
  static bool is_layout_table(const Table& t) {
    bool nested = false;
    for (const Row& r : t.rows) {
      if (r.cells.size() > 1) return false;
      for (const Cell& c : r.cells)
        for (const Block& b : c.blocks) nested |= b.table() != nullptr;
    }
    return nested;
  }

  void table(const Table& t) {
    if (is_layout_table(t)) {
      for (const Row& r : t.rows)
        for (const Cell& c : r.cells) walk(c.blocks);
      return;
    }
    new_table_ = true;
    for (const Row& r : t.rows) row(r);
  }

  std::optional<ColumnMap> header_of(const Row& r) const {
    std::optional<ColumnMap> best;
    int best_hits = 0;
    // Each cell's text as the rules see it, once per row rather than once
    // per table rule: folding it was most of this function's cost.
    std::vector<std::string> texts;
    texts.reserve(r.cells.size());
    for (const Cell& c : r.cells) texts.push_back(squeeze(rule_view(c.text())));
    for (const TableRule& tr : rules_.table_rules()) {
      ColumnMap m;
      m.rule = &tr;
      int hits = 0;
      bool key = false;
      std::vector<bool> used(tr.columns.size(), false);
      for (size_t ci = 0; ci < r.cells.size(); ++ci) {
        const Cell& c = r.cells[ci];
        const std::string& text = texts[ci];
        std::string role;
        for (size_t k = 0; k < tr.columns.size() && !text.empty(); ++k) {
          if (used[k] || !tr.columns[k].re || !RE2::PartialMatch(text, *tr.columns[k].re)) continue;
          used[k] = true;
          role = tr.columns[k].role;
          ++hits;
          key |= role == tr.key;
          break;
        }
        m.role_by_index.push_back(role);
        m.grid_start.push_back(c.grid_col);
        m.grid_width = std::max(m.grid_width, c.grid_col + c.grid_span);
      }
      if (key && hits >= tr.min_columns && hits > best_hits) {
        best_hits = hits;
        best = std::move(m);
      }
    }
    return best;
  }

  // Role of each cell of a data row under the current header.
  std::vector<std::string> roles_for(const Row& r) const {
    std::vector<std::string> roles(r.cells.size());
    int width = 0;
    for (const Cell& c : r.cells) width = std::max(width, c.grid_col + c.grid_span);
    if (width == map_->grid_width) {
      for (size_t i = 0; i < r.cells.size(); ++i) {
        // The header cell whose grid range holds this cell's first column.
        for (size_t h = map_->grid_start.size(); h-- > 0;)
          if (map_->grid_start[h] <= r.cells[i].grid_col) {
            roles[i] = map_->role_by_index[h];
            break;
          }
      }
    } else if (r.cells.size() == map_->role_by_index.size()) {
      roles = map_->role_by_index;
    } else {
      roles.clear();  // a layout we cannot map
    }
    return roles;
  }

  void row(const Row& r) {
    std::vector<BoxedText> cells;
    bool any = false;
    for (const Cell& c : r.cells) {
      cells.push_back(read_cell(c, rules_));
      any |= !blank(cells.back().text) || !cells.back().boxes.empty();
    }
    bool first_in_table = new_table_;
    new_table_ = false;
    if (!any) return;

    if (auto h = header_of(r)) {
      map_ = std::move(h);
      return;
    }
    // A row of one cell across the table: a heading such as
    // "ตัวชี้วัดย่อยที่ 9.5 ... (ต่อ)" or a group title. Never data.
    if (r.cells.size() == 1) {
      note_heading(cells[0].text);
      return;
    }
    if (!map_) {
      loose_row(r);
      return;
    }
    std::vector<std::string> roles = roles_for(r);
    if (roles.empty()) {
      if (first_in_table) map_.reset();
      loose_row(r);
      return;
    }
    const TableRule& tr = *map_->rule;
    int key_cell = -1;
    for (size_t i = 0; i < roles.size(); ++i)
      if (roles[i] == tr.key) key_cell = static_cast<int>(i);
    bool continuation = key_cell < 0 || r.cells[key_cell].vmerge_continue || blank(cells[key_cell].text);
    const bool key_reads = !continuation && is_key(tr, cells[key_cell].text);
    // The tail of a key cell that wrapped over a page break ("ตัวชี้วัดที่ 2 การใช้" |
    // "งบประมาณ"): the first row of the kind on a new page whose key reads as no
    // key, while the record above had one. A key with a digit is a damaged key
    // of its own ("O?3"), never a tail.
    bool key_tail = false;
    if (!continuation && !key_reads && !tr.key_patterns.empty() && r.where.page > 0 &&
        rule_view(cells[key_cell].text).find_first_of("0123456789") == std::string::npos) {
      auto last = last_row_.find(tr.kind);
      key_tail = last != last_row_.end() && last->second.key_reads && r.where.page > last->second.page;
      continuation = key_tail;
    }
    if (!continuation) last_row_[tr.kind].key_reads = key_reads;
    last_row_[tr.kind].page = r.where.page;

    TableRecord* rec = nullptr;
    if (continuation) {
      auto it = last_of_kind_.find(tr.kind);
      if (it != last_of_kind_.end()) rec = &out_.records[it->second];
    }
    if (!rec) {
      last_of_kind_[tr.kind] = out_.records.size();
      out_.records.emplace_back();
      rec = &out_.records.back();
      rec->kind = tr.kind;
      rec->heading = heading_;
      rec->row_where = r.where;
      if (key_cell >= 0) {
        rec->key_text = thai::one_line(cells[key_cell].text);
        rec->key_where = r.cells[key_cell].where;
      } else {
        rec->key_where = r.where;
      }
    }
    ++rec->rows;
    if (key_tail && rec->kind == tr.kind) join_wrapped(rec->key_text, thai::one_line(cells[key_cell].text));
    for (size_t i = 0; i < roles.size(); ++i) {
      std::string text = thai::collapse_spaces(cells[i].text);
      if (!roles[i].empty() && !blank(text)) {
        join_wrapped(rec->field[roles[i]], text);
      }
      for (StatusBox& b : cells[i].boxes) rec->boxes.push_back(std::move(b));
    }
  }

  // A row split over a page break splits its cells mid-phrase: Thai text
  // goes on without a break, anything else on a new line.
  static void join_wrapped(std::string& f, const std::string& text) {
    if (text.empty()) return;
    if (!f.empty() && !thai::is_soft_wrap(utf8::decode_before(f, f.size()), utf8::decode_at(text, 0))) f += '\n';
    f += text;
  }

  // Whether a key cell's text reads as a key of its kind (with its spaces, or
  // without them: narrow cells wrap codes).
  bool is_key(const TableRule& tr, const std::string& text) const {
    if (tr.key_patterns.empty()) return true;
    std::string view = rule_view(text), tight;
    for (char c : view)
      if (c != ' ' && c != '\n') tight += c;
    for (const std::string& id : tr.key_patterns) {
      const RE2& re = *rules_.pattern(id).re;
      if (RE2::PartialMatch(view, re) || RE2::PartialMatch(tight, re)) return true;
    }
    return false;
  }

  // Rows of tables that hold no records still carry text (a title in a
  // table, an address block): keep their paragraphs for the header fields.
  void loose_row(const Row& r) {
    for (const Cell& c : r.cells)
      for_each_paragraph(c.blocks, [&](const Paragraph& p) {
        note_heading(p.text());
        out_.loose_paragraphs.push_back(&p);
      });
  }

  const Rulebook& rules_;
  TableScan out_;
  std::optional<ColumnMap> map_;
  std::string heading_;
  std::map<std::string, size_t> last_of_kind_;
  struct LastRow {
    int page = 0;            // page of the kind's last data row
    bool key_reads = false;  // whether the kind's last record began with a readable key
  };
  std::map<std::string, LastRow> last_row_;
  bool new_table_ = false;
};

}  // namespace

TableScan scan_tables(const Document& doc, const Rulebook& rules) { return Scanner(rules).run(doc); }

void read_boxed_paragraph(const Paragraph& p, const Rulebook& rules, BoxedText& out) {
  StatusBox* open = nullptr;  // box whose label is being read
  std::string label;
  auto close = [&] {
    if (!open) return;
    open->label = thai::one_line(label);
    size_t cut = status_phrase_len(label, rules);
    out.text += label.substr(cut);
    open = nullptr;
    label.clear();
  };
  for (const Inline& in : p.content) {
    if (in.kind == Inline::Kind::Box) {
      close();
      StatusBox b;
      b.checked = in.box.checked;
      b.encoding = in.box.encoding;
      b.where = in.box.where;
      if (b.where.locator.empty()) b.where = p.where;
      out.boxes.push_back(std::move(b));
      open = &out.boxes.back();
    } else if (open) {
      label += in.text;
    } else {
      out.text += in.text;
    }
  }
  close();
}

void read_box_labels(std::vector<StatusBox>& boxes, const Rulebook& rules) {
  for (StatusBox& b : boxes) {
    std::string view = rule_view(b.label);
    for (const StatusRule& r : rules.status_rules()) {
      if (r.re && RE2::PartialMatch(view, *r.re)) {
        b.meaning = r.means == BoxMeaning::Done ? "done" : "not_done";
        b.rule = r.id;
        break;
      }
    }
  }
}

Status decide_status(const std::vector<StatusBox>& boxes) {
  bool any = false, done = false, not_done = false;
  for (const StatusBox& b : boxes) {
    if (b.meaning.empty()) continue;
    any = true;
    if (b.checked) (b.meaning == "done" ? done : not_done) = true;
  }
  if (!any) return Status::Unknown;
  if (done && !not_done) return Status::Done;
  if (not_done && !done) return Status::NotDone;
  return Status::Ambiguous;
}

const char* status_name(Status s) {
  switch (s) {
    case Status::Done: return "done";
    case Status::NotDone: return "not_done";
    case Status::Ambiguous: return "ambiguous";
    case Status::Unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace itax

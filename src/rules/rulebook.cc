#include "rules/rulebook.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/yaml_tree.h"
#include "thai/normalize.h"
#include "util/sha256.h"

namespace itax {
namespace fs = std::filesystem;

namespace {

// Pattern ids the extractor uses, with the number of groups each must have.
const std::pair<const char*, int> kRequiredPatterns[] = {
    {"item.code", 1},          {"item.code_bare", 1},      {"item.code_ref", 1},      {"item.line", 2},
    {"indicator.row", 2},      {"indicator.ref", 1},       {"subindicator.heading", 1},
    {"measure.no", 1},         {"report.fiscal_year", 1},  {"report.score", 1},
    {"report.result", 1},      {"agency.name", 2},         {"agency.whole_name", 1},
    {"address.subdistrict", 1}, {"address.district", 1},  {"address.province", 1},
    {"date.single", 3},        {"date.range_joint", 0},    {"mention.agency", 2},
    {"mention.district", 1},   {"mention.province", 1},
};
// Flag codes the validator raises; each needs its messages in rules.
const char* kRequiredFlags[] = {
    "missing_item", "missing_indicator", "not_done", "ambiguous_status", "unknown_status",
    "missing_responsible", "unknown_unit", "duplicate_item", "title_mismatch", "unreadable_code",
    "foreign_agency", "date_outside_fiscal_year", "period_mismatch", "score_result_mismatch",
    "unknown_checklist", "missing_fiscal_year", "not_ita_report", "no_text_layer"};
const char* kRequiredTables[] = {"measures", "indicators", "items"};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string escape_alternation(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += '|';
    out += RE2::QuoteMeta(w);
  }
  return out.empty() ? "(?!)" : out;
}

}  // namespace

// Builds a Rulebook, collecting every problem instead of stopping at the first.
class RulebookLoader {
 public:
  explicit RulebookLoader(std::string dir) : dir_(std::move(dir)) {}

  Result<std::shared_ptr<const Rulebook>> run() {
    auto book = std::make_shared<Rulebook>();
    book_ = book.get();
    book_->dir_ = dir_;
    if (!fs::is_directory(dir_)) return make_error("rules", "rules directory not found: " + dir_);

    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::end(it); it.increment(ec))
      if (it->is_regular_file() && it->path().extension() == ".yaml") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    if (files.empty()) return make_error("rules", "no *.yaml rule files in " + dir_);

    std::string all_bytes;
    // Lists first: patterns may refer to them with {list:NAME}.
    std::vector<std::pair<std::string, yaml::Document>> docs;
    for (const fs::path& f : files) {
      std::string rel = fs::relative(f, dir_).generic_string();
      std::string bytes = read_file(f);
      all_bytes += rel + '\0' + bytes + '\0';
      try {
        docs.emplace_back(rel, yaml::parse(bytes));
      } catch (const yaml::Error& e) {
        problem(rel, e.mark.line + 1, e.what());
      }
    }
    for (auto& [rel, doc] : docs) load_lists(rel, doc.root());
    for (auto& [rel, doc] : docs) load_rules(rel, doc.root());
    check_required();
    book_->version_ = sha256_hex(all_bytes).substr(0, 12);

    if (!problems_.empty()) {
      std::string msg;
      for (const std::string& p : problems_) msg += p + "\n";
      msg.pop_back();
      return make_error("rules", msg);
    }
    return std::shared_ptr<const Rulebook>(book);
  }

 private:
  void problem(const std::string& file, int line, const std::string& what) {
    problems_.push_back(file + ":" + std::to_string(line) + ": " + what);
  }
  void problem(const RuleOrigin& o, const std::string& what) { problem(o.file, o.line, what); }
  RuleOrigin origin(const std::string& file, const yaml::Node& n) {
    return RuleOrigin{file, n.Mark().line + 1};
  }

  // Reads a scalar; records a problem and returns "" if it is missing.
  std::string str(const std::string& file, const yaml::Node& parent, const char* key) {
    yaml::Node n = parent[key];
    if (!n || !n.IsScalar()) {
      problem(file, parent.Mark().line + 1, std::string("missing '") + key + "'");
      return {};
    }
    return n.as<std::string>();
  }
  std::vector<std::string> strings(const std::string& file, const yaml::Node& n) {
    std::vector<std::string> out;
    if (!n) return out;
    if (!n.IsSequence()) {
      problem(file, n.Mark().line + 1, "expected a list");
      return out;
    }
    for (const yaml::Node& e : n) {
      if (e.IsScalar()) out.push_back(e.as<std::string>());
      else problem(file, e.Mark().line + 1, "expected a string");
    }
    return out;
  }

  std::unique_ptr<RE2> compile(const RuleOrigin& o, std::string pattern) {
    // Expand {list:NAME}.
    for (size_t at; (at = pattern.find("{list:")) != std::string::npos;) {
      size_t end = pattern.find('}', at);
      if (end == std::string::npos) break;
      std::string name = pattern.substr(at + 6, end - at - 6);
      auto it = lists_.find(name);
      if (it == lists_.end()) {
        problem(o, "unknown list '" + name + "' in pattern");
        return nullptr;
      }
      pattern.replace(at, end - at + 1, escape_alternation(it->second));
    }
    RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_max_mem(64 << 20);
    auto re = std::make_unique<RE2>(pattern, opt);
    if (!re->ok()) {
      problem(o, "bad pattern: " + re->error());
      return nullptr;
    }
    return re;
  }

  std::vector<RuleExample> examples(const std::string& file, const yaml::Node& n) {
    std::vector<RuleExample> out;
    if (!n) return out;
    for (const yaml::Node& e : n) {
      RuleExample ex;
      ex.origin = origin(file, e);
      ex.text = str(file, e, "text");
      if (e["match"]) ex.match = e["match"].as<bool>();
      if (yaml::Node c = e["capture"]) {
        if (c.IsSequence()) ex.captures = strings(file, c);
        else ex.captures.push_back(c.as<std::string>());
      }
      out.push_back(std::move(ex));
    }
    return out;
  }

  void load_lists(const std::string& file, const yaml::Node& doc) {
    try {
      if (yaml::Node p = doc["provinces"]) {
        book_->provinces_ = strings(file, p);
        lists_["provinces"] = book_->provinces_;
      }
      if (yaml::Node k = doc["agency_kinds"]) {
        for (const yaml::Node& e : k) {
          AgencyKind ak;
          ak.kind = str(file, e, "kind");
          ak.short_forms = strings(file, e["short"]);
          ak.whole_name = e["whole_name"] && e["whole_name"].as<bool>();
          (ak.whole_name ? lists_["whole_name_kinds"] : lists_["agency_kinds"]).push_back(ak.kind);
          book_->kinds_.push_back(std::move(ak));
        }
      }
      if (yaml::Node m = doc["months"]) {
        for (const yaml::Node& e : m) {
          int no = e["no"] ? e["no"].as<int>() : 0;
          if (no < 1 || no > 12) problem(file, e.Mark().line + 1, "month no must be 1..12");
          for (const std::string& name : strings(file, e["names"])) {
            book_->months_[name] = no;
            lists_["month_names"].push_back(name);
          }
        }
      }
    } catch (const yaml::Error& e) {
      problem(file, e.mark.line + 1, e.what());
    }
  }

  void load_rules(const std::string& file, const yaml::Node& doc) {
    try {
      if (yaml::Node r = doc["rules"]) load_patterns(file, r);
      if (yaml::Node s = doc["status"]) load_status(file, s);
      if (yaml::Node t = doc["tables"]) load_tables(file, t);
      if (yaml::Node u = doc["units"]) load_units(file, u);
      if (yaml::Node c = doc["connectors"]) book_->connectors_ = strings(file, c);
      if (yaml::Node w = doc["whole_fiscal_year"]) book_->whole_fiscal_year_ = strings(file, w);
      if (yaml::Node w = doc["not_place_words"]) book_->not_place_words_ = strings(file, w);
      if (yaml::Node w = doc["max_place_words"]) book_->max_place_words_ = w.as<int>();
      if (yaml::Node f = doc["flags"]) load_flags(file, f);
      if (doc["unicode"] || doc["symbol"] || doc["marks"]) load_glyphs(file, doc);
      if (doc["fiscal_year"]) load_checklist(file, doc);
    } catch (const yaml::Error& e) {
      problem(file, e.mark.line + 1, e.what());
    }
  }

  void load_patterns(const std::string& file, const yaml::Node& list) {
    for (const yaml::Node& e : list) {
      PatternRule r;
      r.origin = origin(file, e);
      r.id = str(file, e, "id");
      r.re = compile(r.origin, str(file, e, "pattern"));
      r.examples = examples(file, e["examples"]);
      if (book_->pattern_index_.count(r.id)) {
        problem(r.origin, "duplicate rule id '" + r.id + "'");
        continue;
      }
      book_->pattern_index_[r.id] = book_->patterns_.size();
      book_->patterns_.push_back(std::move(r));
    }
  }

  void load_status(const std::string& file, const yaml::Node& list) {
    for (const yaml::Node& e : list) {
      StatusRule r;
      r.origin = origin(file, e);
      r.id = str(file, e, "id");
      std::string means = str(file, e, "means");
      if (means == "done") r.means = BoxMeaning::Done;
      else if (means == "not_done") r.means = BoxMeaning::NotDone;
      else problem(r.origin, "means must be done or not_done, not '" + means + "'");
      r.re = compile(r.origin, str(file, e, "pattern"));
      r.examples = examples(file, e["examples"]);
      book_->status_.push_back(std::move(r));
    }
  }

  void load_tables(const std::string& file, const yaml::Node& list) {
    for (const yaml::Node& e : list) {
      TableRule t;
      t.origin = origin(file, e);
      t.kind = str(file, e, "kind");
      t.key = str(file, e, "key");
      if (e["min_columns"]) t.min_columns = e["min_columns"].as<int>();
      t.key_patterns = strings(file, e["key_patterns"]);
      yaml::Node cols = e["columns"];
      if (!cols || !cols.IsMap()) {
        problem(t.origin, "table '" + t.kind + "' has no columns map");
        continue;
      }
      bool has_key = false;
      for (const auto& [role, pattern] : cols.entries()) {
        ColumnRule c;
        c.role = role.as<std::string>();
        c.origin = origin(file, pattern);
        c.re = compile(c.origin, pattern.as<std::string>());
        has_key |= c.role == t.key;
        t.columns.push_back(std::move(c));
      }
      if (!has_key) problem(t.origin, "table '" + t.kind + "': key column '" + t.key + "' not among columns");
      book_->tables_.push_back(std::move(t));
    }
  }

  void load_flags(const std::string& file, const yaml::Node& list) {
    for (const yaml::Node& e : list) {
      FlagText f;
      f.origin = origin(file, e);
      f.code = str(file, e, "code");
      f.severity = str(file, e, "severity");
      f.en = str(file, e, "en");
      f.th = str(file, e, "th");
      if (f.severity != "error" && f.severity != "warning" && f.severity != "info")
        problem(f.origin, "severity must be error, warning or info, not '" + f.severity + "'");
      book_->flags_[f.code] = std::move(f);
    }
  }

  void load_units(const std::string& file, const yaml::Node& list) {
    for (const yaml::Node& e : list) {
      Unit u;
      u.name = str(file, e, "name");
      u.aliases = strings(file, e["aliases"]);
      book_->units_.push_back(std::move(u));
    }
  }

  static std::optional<char32_t> parse_code(std::string s) {
    if (s.rfind("U+", 0) == 0) s = s.substr(2);
    if (s.empty() || s.size() > 6) return std::nullopt;
    char32_t v = 0;
    for (char c : s) {
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : (c >= 'A' && c <= 'F')                  ? c - 'A' + 10
              : (c >= 'a' && c <= 'f')                  ? c - 'a' + 10
                                                        : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<char32_t>(d);
    }
    return v;
  }

  void load_glyphs(const std::string& file, const yaml::Node& doc) {
    CheckGlyphs& g = book_->glyphs_;
    if (doc["unicode"]) for (const yaml::Node& e : doc["unicode"]) {
      auto cp = parse_code(str(file, e, "char"));
      if (!cp) problem(file, e.Mark().line + 1, "char must be U+XXXX");
      else g.unicode[*cp] = e["checked"].as<bool>();
    }
    if (doc["symbol"]) for (const yaml::Node& f : doc["symbol"]) {
      std::string font = str(file, f, "font");
      std::transform(font.begin(), font.end(), font.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      for (const yaml::Node& e : f["codes"]) {
        auto cp = parse_code(str(file, e, "code"));
        if (!cp) problem(file, e.Mark().line + 1, "code must be hexadecimal");
        else g.symbol[{font, *cp}] = e["checked"].as<bool>();
      }
    }
    if (doc["marks"]) for (const yaml::Node& e : doc["marks"]) g.marks.emplace_back(str(file, e, "text"), e["checked"].as<bool>());
  }

  void load_checklist(const std::string& file, const yaml::Node& doc) {
    Checklist c;
    c.origin = origin(file, doc);
    c.fiscal_year = doc["fiscal_year"].as<int>();
    if (doc["pass_mark"]) c.pass_mark = doc["pass_mark"].as<double>();
    if (doc["results"]) for (const yaml::Node& b : doc["results"]) c.results.push_back({b["min"].as<double>(), str(file, b, "result")});
    if (doc["indicators"]) for (const yaml::Node& i : doc["indicators"])
      c.indicators.push_back({i["no"].as<int>(), i["tool"] ? i["tool"].as<std::string>() : "", str(file, i, "title")});
    if (doc["reported_indicators"])
      for (const yaml::Node& n : doc["reported_indicators"]) c.reported_indicators.push_back(n.as<int>());
    // Sub-indicator ranges: items [Ofirst, Olast].
    std::vector<std::tuple<std::string, int, int>> ranges;
    if (doc["subindicators"]) for (const yaml::Node& s : doc["subindicators"]) {
      std::string no = str(file, s, "no");
      c.subindicators.emplace_back(no, str(file, s, "title"));
      auto r = strings(file, s["items"]);
      if (r.size() != 2) {
        problem(file, s.Mark().line + 1, "items must be [first, last]");
        continue;
      }
      ranges.emplace_back(no, std::atoi(r[0].c_str() + 1), std::atoi(r[1].c_str() + 1));
    }
    if (doc["items"]) for (const yaml::Node& i : doc["items"]) {
      ChecklistItem it;
      it.origin = origin(file, i);
      it.code = str(file, i, "code");
      it.title = str(file, i, "title");
      it.number = (it.code.size() > 1 && it.code[0] == 'O') ? std::atoi(it.code.c_str() + 1) : 0;
      if (it.number <= 0 || "O" + std::to_string(it.number) != it.code)
        problem(it.origin, "item code must be O<number>, not '" + it.code + "'");
      for (auto& [no, lo, hi] : ranges)
        if (it.number >= lo && it.number <= hi) it.subindicator = no;
      if (it.subindicator.empty()) problem(it.origin, it.code + " is in no sub-indicator range");
      if (c.item(it.number)) problem(it.origin, "duplicate item " + it.code);
      c.items.push_back(std::move(it));
    }
    book_->checklists_.push_back(std::move(c));
    std::sort(book_->checklists_.begin(), book_->checklists_.end(),
              [](const Checklist& a, const Checklist& b) { return a.fiscal_year < b.fiscal_year; });
  }

  void check_required() {
    for (auto [id, groups] : kRequiredPatterns) {
      auto it = book_->pattern_index_.find(id);
      if (it == book_->pattern_index_.end()) {
        problems_.push_back(std::string("patterns: required rule '") + id + "' is missing");
        continue;
      }
      const PatternRule& r = book_->patterns_[it->second];
      if (r.re && r.re->NumberOfCapturingGroups() != groups)
        problem(r.origin, "rule '" + r.id + "' needs " + std::to_string(groups) + " capture group(s), has " +
                              std::to_string(r.re->NumberOfCapturingGroups()));
    }
    for (const TableRule& t : book_->tables_)
      for (const std::string& id : t.key_patterns)
        if (!book_->pattern_index_.count(id))
          problem(t.origin, "table '" + t.kind + "': key pattern '" + id + "' is not in patterns.yaml");
    for (const char* kind : kRequiredTables) {
      bool found = std::any_of(book_->tables_.begin(), book_->tables_.end(),
                               [&](const TableRule& t) { return t.kind == kind; });
      if (!found) problems_.push_back(std::string("tables: no rule for table kind '") + kind + "'");
    }
    if (book_->status_.empty()) problems_.push_back("status: no status rules");
    for (const char* code : kRequiredFlags)
      if (!book_->flags_.count(code))
        problems_.push_back(std::string("flags: no messages for flag '") + code + "'");
    if (book_->months_.size() < 12) problems_.push_back("dates: month names missing");
    if (book_->checklists_.empty()) problems_.push_back("checklists: no checklist (a file with fiscal_year)");
  }

  std::string dir_;
  Rulebook* book_ = nullptr;
  std::map<std::string, std::vector<std::string>> lists_;
  std::vector<std::string> problems_;
};

Result<std::shared_ptr<const Rulebook>> Rulebook::load(const std::string& dir) {
  return RulebookLoader(dir).run();
}

const PatternRule& Rulebook::pattern(std::string_view id) const {
  return patterns_.at(pattern_index_.find(id)->second);
}

const FlagText* Rulebook::flag_text(std::string_view code) const {
  auto it = flags_.find(code);
  return it == flags_.end() ? nullptr : &it->second;
}

const Checklist* Rulebook::checklist_for(int fiscal_year) const {
  const Checklist* best = nullptr;
  for (const Checklist& c : checklists_)
    if (c.fiscal_year <= fiscal_year) best = &c;
  if (!best && !checklists_.empty()) best = &checklists_.front();
  return best;
}

const ChecklistItem* Checklist::item(int number) const {
  for (const ChecklistItem& i : items)
    if (i.number == number) return &i;
  return nullptr;
}

const ChecklistIndicator* Checklist::indicator(int no) const {
  for (const ChecklistIndicator& i : indicators)
    if (i.no == no) return &i;
  return nullptr;
}

std::string rule_view(std::string_view text) {
  return thai::fold_digits(thai::one_line(text));
}

static void check_one(const RE2* re, const RuleExample& ex, const std::string& id,
                      std::vector<std::string>& out) {
  if (!re) return;
  std::string view = rule_view(ex.text);
  int n = re->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(n + 1);
  bool matched = re->Match(view, 0, view.size(), RE2::UNANCHORED, groups.data(), n + 1);
  std::string at = ex.origin.where() + ": " + id + ": \"" + ex.text + "\"";
  if (matched != ex.match) {
    out.push_back(at + (ex.match ? " should match but does not" : " should not match but does"));
    return;
  }
  for (size_t i = 0; matched && i < ex.captures.size(); ++i) {
    std::string got = i + 1 < groups.size() && groups[i + 1].data() ? std::string(groups[i + 1]) : "";
    if (got != ex.captures[i])
      out.push_back(at + " group " + std::to_string(i + 1) + " is \"" + got + "\", expected \"" +
                    ex.captures[i] + "\"");
  }
}

std::vector<std::string> Rulebook::check_examples() const {
  std::vector<std::string> out;
  for (const PatternRule& r : patterns_)
    for (const RuleExample& ex : r.examples) check_one(r.re.get(), ex, r.id, out);
  for (const StatusRule& r : status_)
    for (const RuleExample& ex : r.examples) check_one(r.re.get(), ex, r.id, out);
  return out;
}

}  // namespace itax

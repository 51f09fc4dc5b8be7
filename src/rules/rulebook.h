// The rules: everything Thai-specific itax knows, loaded from rules/*.yaml,
// compiled once, validated with file:line errors. Later stages only read it.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "model/check_glyphs.h"
#include "util/result.h"

namespace itax {

// Where a rule was written, for error messages and provenance.
struct RuleOrigin {
  std::string file;  // path relative to the rules directory
  int line = 0;      // 1-based
  std::string where() const { return file + ":" + std::to_string(line); }
};

struct RuleExample {
  std::string text;
  bool match = true;
  std::vector<std::string> captures;  // expected groups, empty = not checked
  RuleOrigin origin;
};

struct PatternRule {
  std::string id;
  std::unique_ptr<RE2> re;
  std::vector<RuleExample> examples;
  RuleOrigin origin;
};

enum class BoxMeaning { Done, NotDone };

struct StatusRule {
  std::string id;
  BoxMeaning means = BoxMeaning::Done;
  std::unique_ptr<RE2> re;
  std::vector<RuleExample> examples;
  RuleOrigin origin;
};

struct ColumnRule {
  std::string role;  // "code", "title", "responsible", ...
  std::unique_ptr<RE2> re;
  RuleOrigin origin;
};

struct TableRule {
  std::string kind;  // "measures", "indicators", "items"
  std::string key;   // role of the column that starts a record
  // Ids of patterns (patterns.yaml) that a key cell of this kind matches. A
  // first row on a new page whose key matches none goes on the record above
  // (a key cell that wrapped over the page break), never starts one.
  std::vector<std::string> key_patterns;
  int min_columns = 3;
  std::vector<ColumnRule> columns;
  RuleOrigin origin;
};

struct Unit {
  std::string name;
  std::vector<std::string> aliases;  // not including name
};

struct AgencyKind {
  std::string kind;
  std::vector<std::string> short_forms;
  bool whole_name = false;  // the kind is the whole name (กรุงเทพมหานคร)
};

struct ChecklistItem {
  std::string code;          // "O14"
  int number = 0;            // 14
  std::string subindicator;  // "9.2"
  std::string title;
  RuleOrigin origin;
};

struct ChecklistIndicator {
  int no = 0;
  std::string tool;  // IIT, EIT, OIT
  std::string title;
};

struct ResultBand {
  double min = 0;
  std::string result;
};

struct Checklist {
  int fiscal_year = 0;
  double pass_mark = 0;
  std::vector<ResultBand> results;  // highest first
  std::vector<ChecklistIndicator> indicators;
  std::vector<int> reported_indicators;
  std::vector<std::pair<std::string, std::string>> subindicators;  // no, title
  std::vector<ChecklistItem> items;
  RuleOrigin origin;

  const ChecklistItem* item(int number) const;
  const ChecklistIndicator* indicator(int no) const;
};

struct FlagText {
  std::string code, severity, en, th;
  RuleOrigin origin;
};

class Rulebook {
 public:
  // Loads every rule file under `dir`. Any problem -> Error "rules" whose
  // message lists each as "file:line: what".
  static Result<std::shared_ptr<const Rulebook>> load(const std::string& dir);

  // A pattern by id. Ids the code needs are checked at load, so this never
  // fails for them.
  const PatternRule& pattern(std::string_view id) const;
  const std::vector<PatternRule>& patterns() const { return patterns_; }
  const std::vector<StatusRule>& status_rules() const { return status_; }
  const std::vector<TableRule>& table_rules() const { return tables_; }
  const std::vector<Unit>& units() const { return units_; }
  const std::vector<std::string>& connectors() const { return connectors_; }
  const std::vector<AgencyKind>& agency_kinds() const { return kinds_; }
  const std::vector<std::string>& provinces() const { return provinces_; }
  const CheckGlyphs& glyphs() const { return glyphs_; }
  // Month name or abbreviation -> 1..12.
  const std::map<std::string, int, std::less<>>& months() const { return months_; }
  const std::vector<std::string>& whole_fiscal_year() const { return whole_fiscal_year_; }
  const std::vector<std::string>& not_place_words() const { return not_place_words_; }
  int max_place_words() const { return max_place_words_; }
  // Severity and messages of a flag code; null if rules/flags.yaml lacks it.
  const FlagText* flag_text(std::string_view code) const;
  const std::vector<Checklist>& checklists() const { return checklists_; }
  // The checklist of `fiscal_year`, else the nearest earlier one, else the
  // earliest; null only if there are none.
  const Checklist* checklist_for(int fiscal_year) const;

  const std::string& dir() const { return dir_; }
  // Short hash of every rule file's bytes: records say which rules made them.
  const std::string& version() const { return version_; }

  // Runs every inline example; returns "file:line: ..." for each failure.
  std::vector<std::string> check_examples() const;

 private:
  friend class RulebookLoader;
  std::string dir_, version_;
  std::vector<PatternRule> patterns_;
  std::map<std::string, size_t, std::less<>> pattern_index_;
  std::vector<StatusRule> status_;
  std::vector<TableRule> tables_;
  std::vector<Unit> units_;
  std::vector<std::string> connectors_;
  std::vector<AgencyKind> kinds_;
  std::vector<std::string> provinces_;
  CheckGlyphs glyphs_;
  std::vector<Checklist> checklists_;
  std::map<std::string, int, std::less<>> months_;
  std::vector<std::string> whole_fiscal_year_, not_place_words_;
  int max_place_words_ = 3;
  std::map<std::string, FlagText, std::less<>> flags_;
};

// Text as rules see it: spaces collapsed to one line, Thai digits folded.
std::string rule_view(std::string_view text);

}  // namespace itax

// What itax finds in one report: the domain records the extractor fills, the
// validator checks and the emitter writes (schema itax.report/1).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/document.h"

namespace itax {

// Where a value came from: page/box or DOCX locator, the raw text, the rule.
struct Source {
  Location where;
  std::string text;
  std::string rule;
};

struct ResponsibleUnit {
  std::string name;    // canonical name, or the cleaned text when unknown
  bool known = false;  // name is a unit of rules/units.yaml
  std::string text;    // as written ("กองยุทธฯ")
};

enum class Status { Done, NotDone, Ambiguous, Unknown };
const char* status_name(Status s);

// A check box with the label beside it and what the label means.
struct StatusBox {
  bool checked = false;
  std::string label;     // text after the box, up to the next box
  std::string meaning;   // "done", "not_done", or "" when the label means neither
  std::string encoding;  // from the reader
  std::string rule;      // status rule id that read the label
  Location where;
};

struct Agency {
  std::string name, kind, subdistrict, district, province;
  std::optional<Source> source;
};

struct ItaScore {
  std::optional<double> score;
  std::string result;
  std::optional<Source> source;
};

struct MeasureRecord {
  int no = 0;
  std::string title, method, period, summary, outcome;
  std::vector<ResponsibleUnit> responsible;
  std::vector<std::string> indicator_refs;
  Source source;
};

struct IndicatorRecord {
  int no = 0;
  std::string title, approach, period, progress;
  std::vector<ResponsibleUnit> responsible;
  Status status = Status::Unknown;
  std::vector<StatusBox> boxes;
  Source source;
};

struct ItemRecord {
  std::string code;            // "O31"; empty when unreadable
  std::string code_text;       // as written ("0๓1")
  std::string subindicator;    // from the checklist, else the heading above
  std::string title, components, progress;
  std::vector<ResponsibleUnit> responsible;
  Status status = Status::Unknown;
  std::vector<StatusBox> boxes;
  Source source;
};

struct Flag {
  std::string code;
  std::string severity;  // error, warning, info
  std::string target;    // "O14", "indicator 4", "agency", ...
  std::string message;
};

struct Report {
  Agency agency;
  std::optional<int> fiscal_year;
  std::optional<Source> fiscal_year_source;
  ItaScore ita;
  std::vector<MeasureRecord> measures;
  std::vector<IndicatorRecord> indicators;
  std::vector<ItemRecord> items;
  std::vector<Flag> flags;
  bool no_text_layer = false;  // the source had no text to read (scanned PDF)
};

}  // namespace itax

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

// A civil date (Christian Era, as ISO 8601 wants).
struct CivilDate {
  int year = 0, month = 0, day = 0;
  std::string iso() const;  // "2024-02-16"
  bool operator<(const CivilDate& o) const {
    return year != o.year ? year < o.year : month != o.month ? month < o.month : day < o.day;
  }
  bool operator<=(const CivilDate& o) const { return !(o < *this); }
};

// A date or period found in text, with the text it was read from. A month
// without a day spans the whole month.
struct DateSpan {
  std::string text;
  CivilDate start, end;
  bool has_day = false;   // a single day was named
  bool is_range = false;  // two ends joined by ถึง, -, ...
  std::string iso() const;  // "2024-02-16" or "2022-10-01/2023-09-30"
};

// A place or agency named in the text, for the foreign-agency check.
struct Mention {
  std::string kind;    // "agency", "district", "province"
  std::string name;    // "เทศบาลตำบลร้อยเอ็ด", "โพธิ์ทอง"
  std::string target;  // "document", "O14", "indicator 7", "measure 1"
  Source source;
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
  std::optional<DateSpan> period_span;  // `period` read as dates
  std::vector<DateSpan> dates;          // dates named in the other fields
  Source source;
};

struct IndicatorRecord {
  int no = 0;
  std::string title, approach, period, progress;
  std::vector<ResponsibleUnit> responsible;
  Status status = Status::Unknown;
  std::vector<StatusBox> boxes;
  std::optional<DateSpan> period_span;
  std::vector<DateSpan> dates;
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
  std::vector<DateSpan> dates;  // dates named in the progress text
  Source source;
};

struct Flag {
  std::string code;
  std::string severity;  // error, warning, info
  std::string target;    // "O14", "indicator 4", "agency", ...
  std::string message;     // English
  std::string message_th;  // Thai
  std::optional<Source> source;  // the evidence, when there is one place to point at
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
  std::vector<Mention> mentions;
  bool no_text_layer = false;  // the source had no text to read (scanned PDF)
};

}  // namespace itax

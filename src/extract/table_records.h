// Turns the tables of a document into records: one per measure, indicator
// or item, however the rows were split. Finds header rows by the column
// rules, maps cells to roles by grid column, joins continuation rows (an
// empty key cell: a row split over a page, a merged cell) to their record,
// and skips repeated header rows.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "extract/report.h"
#include "model/document.h"
#include "rules/rulebook.h"

namespace itax {

struct TableRecord {
  std::string kind;                          // "measures", "indicators", "items"
  std::map<std::string, std::string> field;  // role -> text (rows joined by "\n")
  std::vector<StatusBox> boxes;              // every box in the record's cells
  std::string key_text;                      // raw text of the key cell
  Location key_where;                        // key cell (or first row) location
  Location row_where;                        // first row
  std::string heading;                       // last sub-indicator heading seen before it
  int rows = 0;                              // table rows (or list paragraphs) merged into this record
  std::string key_rule;                      // pattern that found a list item's key; "" in a table
};

struct TableScan {
  std::vector<TableRecord> records;
  std::vector<const Paragraph*> loose_paragraphs;  // paragraphs outside data tables, in order
};

TableScan scan_tables(const Document& doc, const Rulebook& rules);

// A paragraph's text with the status phrase of each box label cut out (so
// progress reads "- เผยแพร่..." rather than "ยังไม่ได้ดำเนินการ ดำเนินการ - ..."),
// and its boxes with their labels. Appends to `out`.
struct BoxedText {
  std::string text;
  std::vector<StatusBox> boxes;
};
void read_boxed_paragraph(const Paragraph& p, const Rulebook& rules, BoxedText& out);

// Reads each box's label against the status rules; fills meaning and rule.
void read_box_labels(std::vector<StatusBox>& boxes, const Rulebook& rules);

// The record's status from its boxes (done, not_done, ambiguous, unknown).
Status decide_status(const std::vector<StatusBox>& boxes);

}  // namespace itax

// Items written as paragraphs rather than table rows, as some agencies lay
// out their open-data checklist:
//
//   O1 โครงสร้าง
//   ☑ ดำเนินการ  ☐ ยังไม่ได้ดำเนินการ
//   ผู้รับผิดชอบ : สำนักปลัด
//
// A line matching the `item.line` pattern opens an item; the lines after it
// add check boxes and labelled fields (labels as the items table's column
// rules read them, also several on one line) until the next item, a heading,
// or an unlabelled line once boxes were seen. An item without a check box is
// not one (a sentence that merely starts with "O5"), and its lines stay the
// document's. PDF paragraphs are read line by line.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "extract/table_records.h"

namespace itax {

class ItemListScanner {
 public:
  // Compiles the label finder once; `rules` must outlive the scanner.
  explicit ItemListScanner(const Rulebook& rules);
  ~ItemListScanner();

  // Adds a record of kind "items" to `scan.records` per list item found in
  // `scan.loose_paragraphs`, and removes the paragraphs items took whole.
  void scan(TableScan& scan) const;

  // A line's labelled fields: (role, value) in order; role "" for text
  // before the first label. `lead_label`: a label without a colon may open
  // the line ("หน่วยงานที่รับผิดชอบ กองคลัง"); never so on an item's title line.
  std::vector<std::pair<std::string, std::string>> fields(const std::string& view, bool lead_label = true) const;

 private:
  class Run;
  const Rulebook& rules_;
  const RE2& line_re_;
  const RE2& heading_re_;
  const RE2& indicator_re_;
  const TableRule* items_ = nullptr;
  // Any label of the items table's columns followed by a colon, one group
  // per role in `label_roles_`.
  std::unique_ptr<RE2> label_re_;
  std::vector<std::string> label_roles_;
};

}  // namespace itax

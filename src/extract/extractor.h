// The extract stage: document model + rules -> Report. Finds the agency,
// fiscal year and score in the text, and every measure, indicator and item
// in the tables, with their responsible units, status and provenance.
#pragma once
#include <memory>

#include "extract/list_records.h"
#include "extract/mentions.h"
#include "extract/report.h"
#include "extract/unit_matcher.h"
#include "model/document.h"
#include "rules/rulebook.h"

namespace itax {

class Extractor {
 public:
  // `seg` must outlive the extractor (the pipeline owns both).
  Extractor(std::shared_ptr<const Rulebook> rules, const thai::Segmenter& seg);
  Report extract(const Document& doc) const;

 private:
  std::shared_ptr<const Rulebook> rules_;
  UnitMatcher units_;
  MentionFinder mentions_;
  ItemListScanner lists_;
};

}  // namespace itax

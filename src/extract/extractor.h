// The extract stage: document model + rules -> Report. Finds the agency,
// fiscal year and score in the text, and every measure, indicator and item
// in the tables, with their responsible units, status and provenance.
#pragma once
#include <memory>

#include "extract/report.h"
#include "extract/unit_matcher.h"
#include "model/document.h"
#include "rules/rulebook.h"

namespace itax {

class Extractor {
 public:
  explicit Extractor(std::shared_ptr<const Rulebook> rules);
  Report extract(const Document& doc) const;

 private:
  std::shared_ptr<const Rulebook> rules_;
  UnitMatcher units_;
};

}  // namespace itax

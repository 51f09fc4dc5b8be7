// The emit stage for people: how each value of a record was found (text,
// rule, page and box or locator) and why each flag was raised. This is what
// a reviewer reads to trust or dispute a flag (`itax explain`).
#pragma once
#include <string>

#include "pipeline/record.h"

namespace itax {

struct ExplainOptions {
  std::string item;  // "O14", "indicator 4", "measure 1": only that record and its flags; "" = all
};

std::string explain_record(const Record& record, const ExplainOptions& opts = {});

}  // namespace itax

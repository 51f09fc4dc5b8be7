// The validate stage: checks a Report against the checklist of its fiscal
// year and appends flags a reviewer can act on.
#pragma once
#include "extract/report.h"
#include "rules/rulebook.h"

namespace itax {

void validate_report(Report& report, const Rulebook& rules);

}  // namespace itax

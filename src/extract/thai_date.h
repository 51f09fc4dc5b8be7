// Thai dates and periods in running text: full and abbreviated month names
// (with or without the final dot), Buddhist or Christian years, two-digit
// years ("65" = 2565), Thai, Latin or mixed digits, "พ.ศ." with or without
// spaces, and ranges joined by ถึง, -, –.
#pragma once
#include <string_view>
#include <vector>

#include "extract/report.h"
#include "rules/rulebook.h"

namespace itax {

std::vector<DateSpan> find_dates(std::string_view text, const Rulebook& rules);

// Fiscal year N (Buddhist Era) runs 1 October N-1 to 30 September N.
DateSpan fiscal_year_span(int be_year);

}  // namespace itax

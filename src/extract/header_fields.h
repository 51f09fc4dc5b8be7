// Report-level facts written in running text: who reports (agency and
// address), for which fiscal year, and the ITA score and result.
#pragma once
#include <vector>

#include "extract/report.h"
#include "model/document.h"
#include "rules/rulebook.h"

namespace itax {

// `paragraphs` in reading order; the first ones (the title block) win.
void find_header_fields(const std::vector<const Paragraph*>& paragraphs, const Rulebook& rules,
                        Report& report);

}  // namespace itax

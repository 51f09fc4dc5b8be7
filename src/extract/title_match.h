// How alike two item titles are, ignoring spaces: OCR slips and typists'
// variants of a checklist title should still be recognised.
#pragma once
#include <string_view>

#include "rules/rulebook.h"

namespace itax {

// Dice coefficient over character bigrams of the space-free texts, 0..1;
// 1 when one contains the other.
double title_similarity(std::string_view a, std::string_view b);

// The checklist item whose title is most like `title`, if at least `min`.
const ChecklistItem* best_title_match(const Checklist& list, std::string_view title, double min,
                                      double* score = nullptr);

}  // namespace itax

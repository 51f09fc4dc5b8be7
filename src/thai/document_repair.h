// The Thai stage over a whole document: every text run of the model is
// normalized and wrap-broken words are joined, counting each repair.
#pragma once
#include "model/document.h"
#include "thai/repair_counts.h"
#include "thai/segment.h"

namespace itax::thai {

void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts);

}  // namespace itax::thai

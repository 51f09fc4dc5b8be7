// PDF text comes in lines; a line break between two Thai letters is where
// the author's word processor wrapped the text, not a break the author
// typed (Thai writes no spaces between words, so a wrap lands inside a
// phrase). Such breaks are removed, so "เทศบาล\nตำบลร้อยเอ็ด" reads as one
// name. Breaks next to digits, Latin text, bullets, or after ฯ and ๆ stay.
#pragma once
#include <string>
#include <string_view>

#include "model/document.h"
#include "thai/repair_counts.h"

namespace itax::thai {

std::string join_soft_wraps(std::string_view text, RepairCounts* counts = nullptr);

// True if a line break between these two characters is a soft wrap.
bool is_soft_wrap(char32_t before, char32_t after);

// Applies join_soft_wraps to every text piece of a PDF document (counted
// as "line_join"); DOCX paragraphs carry the author's own breaks and are left alone.
void join_document_soft_wraps(Document& doc, RepairCounts& counts);

}  // namespace itax::thai

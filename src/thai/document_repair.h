// The Thai stage over a whole document: every text run of the model is
// normalized and wrap-broken words are joined, then the damage PDF font
// subsetting does is repaired against the dictionary, font by font, counting
// each repair.
#pragma once
#include "model/document.h"
#include "thai/dictionary.h"
#include "thai/repair_counts.h"
#include "thai/segment.h"

namespace itax::thai {

// Steps, in order (counts of the body only; headers and footers are
// repaired too but not counted, as they repeat on every page):
// 1. normalize each text run (thai/normalize.h);
// 2. join words broken by wrapping (join_wrapped);
// 3. dictionary-checked repair of SARA AM / SARA AA swaps and lost SARA U,
//    with evidence gathered per font over the whole document first
//    (thai/damage_repair.h): sara_am_swap, sara_aa_swap, sara_u_lost;
// 4. PDF only: numbers whose digits mix ASCII and Thai made one script
//    (mixed_digits). In a DOCX the digits are what the author typed.
// `words` is the dictionary for step 3.
void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, const Dictionary& words,
                     RepairCounts& counts);

// The same with libthai's and ICU's dictionaries plus the lexicon's terms.
void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts);

// The dictionary repair_document uses by default: libthai's and ICU's word
// lists plus the lexicon's terms as words. Build it once and reuse it when
// repairing many documents.
Dictionary repair_dictionary(const Lexicon& lexicon);

}  // namespace itax::thai

// The Thai stage over a whole document: every text run of the model is
// normalized and wrap-broken words are joined; in a PDF, the damage of its
// text layer is then repaired against the dictionary, font by font. Each
// repair is counted.
#pragma once
#include "model/document.h"
#include "thai/damage_repair.h"
#include "thai/repair_counts.h"
#include "thai/segment.h"

namespace itax::thai {

// Steps, in order (counts of the body only; headers and footers are
// repaired too but not counted, as they repeat on every page):
// 1. normalize each text run (thai/normalize.h);
// 2. join words broken by wrapping (join_wrapped);
// PDF only (a DOCX holds what its author typed; these are damage of a PDF's
// text layer: font subsets that map two vowels to one, glyphs that map to
// nothing, glyph order, digits drawn by a font):
// 3. dictionary-checked repair of marks put one letter late, SARA AM / SARA
//    AA swaps and lost SARA U, with evidence gathered per font over the
//    whole document first (thai/damage_repair.h): mark_displaced,
//    sara_am_swap, sara_aa_swap, sara_u_lost;
// 4. numbers whose digits mix ASCII and Thai made one script (mixed_digits).
// A PDF's blocks are shared out to `threads` threads for every step (the
// evidence of step 3 is summed over all of them first); the result does not
// depend on the number.
void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, const RepairWords& words,
                     RepairCounts& counts, int threads = 1);

// The same with repair_words(lexicon).
void repair_document(Document& doc, const Segmenter& seg, const Lexicon& lexicon, RepairCounts& counts);

// The word lists repair_document uses by default: RepairWords::standard()
// with the lexicon's terms added as words. Build it once and reuse it when
// repairing many documents.
RepairWords repair_words(const Lexicon& lexicon);

}  // namespace itax::thai

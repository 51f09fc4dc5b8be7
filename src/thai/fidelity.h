// How much of a Thai text reads as words: the share of Thai letters that
// fall in dictionary words when the text is segmented with ICU. Clean Thai
// prose scores about 0.95 against libthai's list (names, transliterations
// and rare words make up the rest); text damaged by PDF font subsetting
// scores lower, so the share measures an extractor's fidelity.
#pragma once
#include <cstddef>
#include <string_view>

#include "thai/dictionary.h"
#include "thai/segment.h"

namespace itax::thai {

struct Fidelity {
  size_t thai_letters = 0;  // Thai letters and marks in the text (digits, ฯ, ๆ excluded)
  size_t in_words = 0;      // of those, the ones inside dictionary words
  size_t words = 0, dictionary_words = 0;  // segments holding Thai letters, and how many are words
  double share() const { return thai_letters == 0 ? 1.0 : static_cast<double>(in_words) / thai_letters; }
  Fidelity& operator+=(const Fidelity& o) {
    thai_letters += o.thai_letters, in_words += o.in_words;
    words += o.words, dictionary_words += o.dictionary_words;
    return *this;
  }
};

// Segments `text` with `seg` (ICU) and looks every segment's Thai letters
// up in `words` (ICU keeps ๆ, ฯ, dots and Latin letters next to Thai in one
// segment: "อื่นๆ" is looked up as อื่น).
Fidelity measure_fidelity(std::string_view text, const Segmenter& seg, const Dictionary& words);

}  // namespace itax::thai

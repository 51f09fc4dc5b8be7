#include "thai/fidelity.h"

#include "thai/chars.h"

namespace itax::thai {

Fidelity measure_fidelity(std::string_view text, const Segmenter& seg, const Dictionary& words) {
  Fidelity f;
  // Line by line: ICU's cost grows with the text handed to it at once, and
  // no word crosses a line the score should credit.
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (chars::is_ascii(line)) continue;
    std::string thai;
    for (const std::string& w : seg.words(line)) {
      // The segment's Thai letters: ICU keeps ๆ, ฯ, dots and Latin letters
      // next to Thai in one segment ("อื่นๆ", "งานฯ", "Linkภายนอก").
      size_t letters = 0;
      thai.clear();
      for (size_t i = 0; i < w.size();) {
        const size_t at = i;
        if (chars::is_thai_letter(chars::next_cp(w, &i))) {
          ++letters;
          thai.append(w, at, i - at);
        }
      }
      if (letters == 0) continue;
      f.thai_letters += letters;
      ++f.words;
      if (words.contains(thai)) {
        f.in_words += letters;
        ++f.dictionary_words;
      }
    }
  }
  return f;
}

}  // namespace itax::thai

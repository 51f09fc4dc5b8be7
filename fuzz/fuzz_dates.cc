// The Thai date and period parser (extract/thai_date.h) on arbitrary text
// (made valid UTF-8, as every reader hands over), and on a vocabulary-built
// text that reads like a real period ("ต.ค. 65 ถึง ก.ย. 66").
#include "extract/thai_date.h"
#include "fuzz_common.h"

using namespace itax;

namespace {

// Every span is a real calendar date (or two) taken from the text.
void check(const std::vector<DateSpan>& spans) {
  for (const DateSpan& s : spans) {
    for (const CivilDate* d : {&s.start, &s.end})
      if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31) __builtin_trap();
    if (s.iso().empty() || s.text.empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Rulebook& rules = *fuzz::rules();
  std::string text = fuzz::make_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  check(find_dates(text, rules));

  FuzzedDataProvider fdp(data, size);
  std::string built;
  while (fdp.remaining_bytes() > 0 && built.size() < 4096) {
    built += fuzz::fuzz_text(fdp);
    if (fdp.ConsumeBool()) built += ' ';
  }
  check(find_dates(built, rules));
  if (size >= 2) (void)fiscal_year_span(static_cast<int>(data[0]) * 256 + data[1] - 1000);
  return 0;
}

// The PDF layout layer (readers/pdf/layout.h: text lines, ruled and aligned
// tables, paragraphs, furniture) on synthetic pages decoded from the input:
// words with boxes and per-character boxes, check marks and ruling lines,
// on pages of any size. Coordinates are finite (what Poppler hands over for
// a sane transform) but may be huge, negative, degenerate or overlapping.
#include <utility>

#include "fuzz_common.h"
#include "readers/pdf/layout.h"
#include "util/utf8.h"

using namespace itax;
using namespace itax::pdf;

namespace {

double coord(FuzzedDataProvider& fdp, double page) {
  switch (fdp.ConsumeIntegralInRange<int>(0, 15)) {
    case 0: return fdp.ConsumeFloatingPointInRange<double>(-1e7, 1e7);
    case 1: return 0;
    case 2: return page;
    default: return fdp.ConsumeFloatingPointInRange<double>(-20, page + 20);
  }
}

// A value near `base`: cells and lines share edges in real tables.
double near(FuzzedDataProvider& fdp, double base) {
  return base + fdp.ConsumeIntegralInRange<int>(-40, 400) * 0.5;
}

const char* const kFonts[] = {"THSarabunPSK", "THSarabunPSK-Bold", "Wingdings", "Symbol", "", "TimesNewRomanPSMT"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ReaderOptions opts = fuzz::fuzz_reader_options();
  FuzzedDataProvider fdp(data, size);
  LayoutBuilder builder(opts);
  int pages = fdp.ConsumeIntegralInRange<int>(1, 4);
  for (int pn = 1; pn <= pages && fdp.remaining_bytes() > 0; ++pn) {
    RawPage p;
    p.number = pn;
    switch (fdp.ConsumeIntegralInRange<int>(0, 7)) {
      case 0: p.width = fdp.ConsumeFloatingPointInRange<double>(0, 200000); p.height = fdp.ConsumeFloatingPointInRange<double>(0, 200000); break;
      case 1: p.width = 842; p.height = 595; break;
      default: p.width = 595; p.height = 842; break;
    }
    double x = 56, y = 56;
    int items = fdp.ConsumeIntegralInRange<int>(0, 120);
    for (int i = 0; i < items && fdp.remaining_bytes() > 0; ++i) {
      int what = fdp.ConsumeIntegralInRange<int>(0, 9);
      if (what <= 5) {
        RawWord w;
        w.text = fuzz::fuzz_text(fdp);
        if (fdp.ConsumeIntegralInRange<int>(0, 7) == 0) {
          x = coord(fdp, p.width);
          y = coord(fdp, p.height);
        } else if (fdp.ConsumeBool()) {
          y += fdp.ConsumeIntegralInRange<int>(0, 60) * 0.5;
          x = 56 + fdp.ConsumeIntegralInRange<int>(0, 400);
        }
        double wdt = fdp.ConsumeIntegralInRange<int>(0, 400) * 0.5;
        double hgt = fdp.ConsumeIntegralInRange<int>(0, 60) * 0.5;
        w.box = BBox{x, y, x + wdt, y + hgt};
        x += wdt + fdp.ConsumeIntegralInRange<int>(0, 20) * 0.5;
        w.font = kFonts[fdp.ConsumeIntegralInRange<int>(0, 5)];
        w.font_size = fdp.ConsumeIntegralInRange<int>(0, 80) * 0.5;
        w.space_after = fdp.ConsumeBool();
        std::u32string cps = utf8::decode(w.text);
        double cx = w.box.x0, step = cps.empty() ? 0 : wdt / static_cast<double>(cps.size());
        for (std::size_t k = 0; k < cps.size(); ++k, cx += step) w.char_boxes.push_back(BBox{cx, w.box.y0, cx + step, w.box.y1});
        p.words.push_back(std::move(w));
      } else if (what <= 6) {
        RawMark m;
        double mx = near(fdp, 56), my = near(fdp, y);
        double s = fdp.ConsumeIntegralInRange<int>(0, 40) * 0.5;
        m.box = BBox{mx, my, mx + s, my + s};
        m.checked = fdp.ConsumeBool();
        m.source = static_cast<MarkSource>(fdp.ConsumeIntegralInRange<int>(0, 2));
        m.encoding = "fuzz";
        p.marks.push_back(std::move(m));
      } else {
        RawRuling r;
        if (fdp.ConsumeBool()) {  // horizontal
          r.x0 = near(fdp, 40);
          r.x1 = r.x0 + fdp.ConsumeIntegralInRange<int>(0, 1100) * 0.5;
          r.y0 = near(fdp, y - 40);
          r.y1 = r.y0 + fdp.ConsumeIntegralInRange<int>(0, 4) * 0.5;
        } else {
          r.x0 = near(fdp, 40);
          r.x1 = r.x0 + fdp.ConsumeIntegralInRange<int>(0, 4) * 0.5;
          r.y0 = near(fdp, y - 200);
          r.y1 = r.y0 + fdp.ConsumeIntegralInRange<int>(0, 1200) * 0.5;
        }
        if (fdp.ConsumeIntegralInRange<int>(0, 31) == 0) {
          r.x0 = coord(fdp, p.width);
          r.x1 = coord(fdp, p.width);
          r.y0 = coord(fdp, p.height);
          r.y1 = coord(fdp, p.height);
          if (r.x1 < r.x0) std::swap(r.x0, r.x1);  // RawRuling's contract
          if (r.y1 < r.y0) std::swap(r.y0, r.y1);
        }
        p.rulings.push_back(r);
      }
    }
    builder.add_page(std::move(p));
  }
  Document doc = builder.finish();
  if (fdp.ConsumeBool()) fuzz::run_stages(doc);
  return 0;
}

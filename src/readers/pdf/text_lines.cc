#include "readers/pdf/text_lines.h"

#include <algorithm>
#include <cmath>

#include "util/utf8.h"

namespace itax::pdf {

BBox unite(const BBox& a, const BBox& b) {
  return BBox{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

double em_of(const RawWord& w) {
  if (w.font_size > 0) return w.font_size;
  double h = w.box.y1 - w.box.y0;
  return h > 0 ? h * 0.75 : 10.0;
}

double Line::em() const {
  if (font_size > 0) return font_size;
  return height() > 0 ? height() * 0.75 : 10.0;
}

double TextLine::em() const {
  if (font_size > 0) return font_size;
  double h = box.y1 - box.y0;
  return h > 0 ? h * 0.75 : 10.0;
}

void finish_line(Line& line) {
  std::sort(line.pieces.begin(), line.pieces.end(), [](const Piece& a, const Piece& b) {
    if (a.cx() != b.cx()) return a.cx() < b.cx();
    return a.seq < b.seq;
  });
  line.font_size = 0;
  for (size_t i = 0; i < line.pieces.size(); ++i) {
    const Piece& p = line.pieces[i];
    line.box = i == 0 ? p.box : unite(line.box, p.box);
    if (p.word) line.font_size = std::max(line.font_size, em_of(*p.word));
  }
}

namespace {

// Sweeps pieces sorted by centre y into lines by the middle-band rule.
std::vector<Line> sweep(std::vector<Piece>& pieces) {
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    if (a.cy() != b.cy()) return a.cy() < b.cy();
    return a.box.x0 < b.box.x0;
  });
  std::vector<Line> lines;
  double sum_cy = 0, sum_h = 0;  // of the current line
  for (const Piece& p : pieces) {
    if (!lines.empty()) {
      double n = static_cast<double>(lines.back().pieces.size());
      double cy = sum_cy / n, h = sum_h / n;
      if (std::fabs(p.cy() - cy) <= (p.height() + h) / 4) {
        lines.back().pieces.push_back(p);
        sum_cy += p.cy();
        sum_h += p.height();
        continue;
      }
    }
    lines.emplace_back();
    lines.back().pieces.push_back(p);
    sum_cy = p.cy();
    sum_h = p.height();
  }
  for (Line& l : lines) finish_line(l);
  return lines;
}

}  // namespace

std::vector<Line> group_lines(std::vector<Piece> pieces) {
  std::vector<Piece> words, marks;
  for (const Piece& p : pieces) (p.word ? words : marks).push_back(p);
  std::vector<Line> lines = sweep(words);
  // Lines from the sweep are in increasing centre order (each line's centre
  // is the mean of centres no smaller than the previous line's).
  std::vector<double> centres;
  centres.reserve(lines.size());
  for (const Line& l : lines) centres.push_back(l.cy());

  std::vector<Piece> loose;
  std::vector<bool> touched(lines.size(), false);
  for (const Piece& m : marks) {
    double y = m.cy();
    auto it = std::lower_bound(centres.begin(), centres.end(), y);
    size_t k = static_cast<size_t>(it - centres.begin());
    int best = -1;
    double best_d = 0;
    for (size_t i = (k > 0 ? k - 1 : 0); i <= k + 1 && i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (y < l.box.y0 || y > l.box.y1) continue;
      double d = std::fabs(y - l.cy());
      if (best < 0 || d < best_d) best = static_cast<int>(i), best_d = d;
    }
    if (best < 0) {
      loose.push_back(m);
    } else {
      lines[static_cast<size_t>(best)].pieces.push_back(m);
      touched[static_cast<size_t>(best)] = true;
    }
  }
  for (size_t i = 0; i < lines.size(); ++i)
    if (touched[i]) finish_line(lines[i]);
  if (!loose.empty()) {
    std::vector<Line> more = sweep(loose);
    for (Line& l : more) lines.push_back(std::move(l));
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.cy() < b.cy(); });
  }
  return lines;
}

std::string TextLine::text() const {
  std::string out;
  for (const Inline& in : content)
    if (in.kind == Inline::Kind::Text) out += in.text;
  return out;
}

void SpaceGap::add_page(const std::vector<RawWord>& words) {
  for (size_t i = 1; i < words.size(); ++i) {
    const RawWord& a = words[i - 1];
    const RawWord& b = words[i];
    double em = em_of(a);
    if (std::fabs(a.box.y1 - b.box.y1) > 0.2 * em || b.box.x0 < a.box.x0) continue;
    double g = (b.box.x0 - a.box.x1) / em;
    if (!(g >= kLow) || g >= kLow + kBins * kBin) continue;
    ++bins_[static_cast<int>((g - kLow) / kBin)];
    ++total_;
  }
}

double SpaceGap::threshold() const {
  if (total_ < 8) return kSpaceGap;
  // The densest window of three bins (ties: the fuller middle bin), and
  // the count-weighted centre of that window.
  auto window = [&](int i) { return bins_[i] + (i > 0 ? bins_[i - 1] : 0) + (i + 1 < kBins ? bins_[i + 1] : 0); };
  int best = 0;
  for (int i = 1; i < kBins; ++i)
    if (window(i) > window(best) || (window(i) == window(best) && bins_[i] > bins_[best])) best = i;
  double sum = 0, n = 0;
  for (int i = std::max(0, best - 1); i <= std::min(kBins - 1, best + 1); ++i) {
    sum += static_cast<double>(bins_[i]) * (kLow + (i + 0.5) * kBin);
    n += static_cast<double>(bins_[i]);
  }
  return std::clamp(0.7 * sum / n, 0.15, 0.25);
}

TextLine lay_out_line(const Line& line, int page, double space_gap) {
  TextLine out;
  out.box = line.box;
  out.font_size = line.font_size;
  const Piece* prev = nullptr;
  double right = 0;  // right edge of everything so far: marks placed back over their
                     // letter (zero-width, or pieces of their own) must not open a gap
  for (const Piece& p : line.pieces) {
    bool space = false;
    if (prev && prev->word) {
      double em = em_of(*prev->word);
      if (p.word) em = std::max(em, em_of(*p.word));
      space = p.box.x0 - right > space_gap * em;
    }
    right = prev ? std::max(right, p.box.x1) : p.box.x1;
    Inline* last =
        !out.content.empty() && out.content.back().kind == Inline::Kind::Text ? &out.content.back() : nullptr;
    if (space && last) last->text += ' ';
    if (p.word) {
      if (last && last->font == p.word->font) {
        last->text += p.word->text;
        last->where.bbox = unite(*last->where.bbox, p.box);
      } else {
        Inline in;
        in.kind = Inline::Kind::Text;
        in.text = p.word->text;
        in.font = p.word->font;
        in.where.page = page;
        in.where.bbox = p.box;
        out.content.push_back(std::move(in));
      }
    } else {
      Inline in;
      in.kind = Inline::Kind::Box;
      in.box.checked = p.mark->checked;
      in.box.encoding = p.mark->encoding;
      in.box.where.page = page;
      in.box.where.bbox = p.box;
      in.where = in.box.where;
      out.content.push_back(std::move(in));
    }
    prev = &p;
  }
  return out;
}

double first_word_width(const TextLine& line) {
  if (line.content.empty()) return 0;
  const Inline& in = line.content.front();
  const std::optional<BBox>& bb = in.kind == Inline::Kind::Box ? in.box.where.bbox : in.where.bbox;
  if (!bb) return 0;
  const double w = bb->x1 - bb->x0;
  if (in.kind == Inline::Kind::Box) return w;
  size_t all = 0, word = 0;
  bool in_word = true;
  for (size_t i = 0; i < in.text.size(); ++i) {
    if ((static_cast<unsigned char>(in.text[i]) & 0xC0) == 0x80) continue;
    ++all;
    if (in.text[i] == ' ' && word > 0) in_word = false;
    if (in_word) ++word;
  }
  double width = all ? w * static_cast<double>(word) / static_cast<double>(all) : 0;
  // Thai runs words together without spaces, and a wrapping line breaks
  // between dictionary words: a Thai run's first word is seldom wider
  // than a few ems, whatever the run's width.
  if (utf8::decode_at(in.text, 0) >= 0x0E01 && utf8::decode_at(in.text, 0) <= 0x0E5B)
    width = std::min(width, kThaiWordEms * line.em());
  return width;
}

Paragraph paragraph_of(std::vector<TextLine> lines, int page, double right_edge) {
  Paragraph p;
  p.where.page = page;
  const TextLine* prev = nullptr;
  for (TextLine& l : lines) {
    if (l.content.empty()) continue;
    if (!prev) {
      p.where.bbox = l.box;
    } else {
      p.where.bbox = unite(*p.where.bbox, l.box);
      const bool hard = right_edge > 0 && right_edge - prev->box.x1 > first_word_width(l) + prev->em();
      const char* brk = hard ? "\r\n" : "\n";
      // The line break goes at the end of the previous line's text, else at
      // the start of this line's, else on its own.
      if (p.content.back().kind == Inline::Kind::Text) {
        p.content.back().text += brk;
      } else if (l.content.front().kind == Inline::Kind::Text) {
        l.content.front().text.insert(0, brk);
      } else {
        Inline nl;
        nl.text = brk;
        nl.where.page = page;
        p.content.push_back(std::move(nl));
      }
    }
    // prev keeps its box and em after its content moves.
    for (Inline& in : l.content) p.content.push_back(std::move(in));
    prev = &l;
  }
  return p;
}

}  // namespace itax::pdf

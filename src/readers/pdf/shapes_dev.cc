#include "readers/pdf/shapes_dev.h"

#include <algorithm>
#include <cmath>

namespace itax::pdf::detail {

namespace {

// Sizes in points. A check box is a square 5..25 pt a side (Word and
// LibreOffice draw 8..12 pt), width and height within 20% of each other.
constexpr double kBoxMin = 5.0;
constexpr double kBoxMax = 25.0;
constexpr double kSquareTol = 0.20;
constexpr double kThin = 2.05;       // a filled rectangle this thin is a line
constexpr double kMinRuling = 8.0;   // shorter merged lines are dropped
constexpr double kAxisTol = 1.0;     // a segment this close to level/plumb is axis-parallel
constexpr double kRectTol = 0.5;     // corner tolerance when reading rectangles
constexpr double kJoin = 1.0;        // pieces this close along a line are merged
constexpr double kSnap = 1.5;        // edges this close are the same edge
constexpr double kRingMax = 3.0;     // widest border of a box drawn as a filled ring
constexpr std::size_t kMaxCandidates = 3000;  // square outlines kept per page (a real page has tens)

double width(const BBox& b) { return b.x1 - b.x0; }
double height(const BBox& b) { return b.y1 - b.y0; }

bool box_sized(const BBox& b) {
  double w = width(b), h = height(b);
  if (w < kBoxMin || h < kBoxMin || w > kBoxMax || h > kBoxMax) return false;
  return std::abs(w - h) <= kSquareTol * std::max(w, h);
}

BBox grow(const BBox& b, double d) { return {b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d}; }

bool contains(const BBox& outer, const BBox& inner) {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
}

bool contains(const BBox& b, const Pt& p) { return p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1; }

BBox unite(const BBox& a, const BBox& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

bool horizontal(const BBox& b) { return width(b) >= height(b); }

// The axis-parallel rectangle a subpath traces, if it is one: four corners
// (a fifth equal to the first is allowed), straight sides alternating
// level and plumb.
bool rect_of(const Subpath& sp, BBox& out) {
  std::size_t n = sp.pts.size();
  if (n < 4 || n > 5) return false;
  for (bool c : sp.curve)
    if (c) return false;
  const auto& p = sp.pts;
  if (n == 5) {
    if (std::abs(p[4].x - p[0].x) > kRectTol || std::abs(p[4].y - p[0].y) > kRectTol) return false;
    n = 4;
  }
  // Each side: 1 level, 2 plumb, 0 no length (fits either). Sides 0 and 2
  // must run one way, 1 and 3 the other.
  int kind[4];
  for (std::size_t i = 0; i < 4; ++i) {
    const Pt& a = p[i];
    const Pt& b = p[(i + 1) % 4];
    const double dx = std::abs(a.x - b.x), dy = std::abs(a.y - b.y);
    if (std::max(dx, dy) < 1e-6)
      kind[i] = 0;
    else if (dy <= kRectTol && dx >= dy)
      kind[i] = 1;
    else if (dx <= kRectTol && dy > dx)
      kind[i] = 2;
    else
      return false;  // a slanted side
  }
  auto fits = [&](int k, int want) { return k == 0 || k == want; };
  const bool even_level = fits(kind[0], 1) && fits(kind[2], 1) && fits(kind[1], 2) && fits(kind[3], 2);
  const bool even_plumb = fits(kind[0], 2) && fits(kind[2], 2) && fits(kind[1], 1) && fits(kind[3], 1);
  if (!even_level && !even_plumb) return false;
  out = {p[0].x, p[0].y, p[0].x, p[0].y};
  for (std::size_t i = 1; i < 4; ++i) out = unite(out, {p[i].x, p[i].y, p[i].x, p[i].y});
  return true;
}

std::vector<BBox> sides_of(const BBox& r, double half) {
  return {{r.x0 - half, r.y0 - half, r.x1 + half, r.y0 + half},
          {r.x0 - half, r.y1 - half, r.x1 + half, r.y1 + half},
          {r.x0 - half, r.y0 - half, r.x0 + half, r.y1 + half},
          {r.x1 - half, r.y0 - half, r.x1 + half, r.y1 + half}};
}

std::vector<BBox> ring_sides(const BBox& o, const BBox& i) {
  return {{o.x0, o.y0, o.x1, i.y0}, {o.x0, i.y1, o.x1, o.y1}, {o.x0, o.y0, i.x0, o.y1}, {i.x1, o.y0, o.x1, o.y1}};
}

// Merges overlapping or touching pieces that lie on one line; `horiz` says
// which way the pieces run.
void merge_line_pieces(std::vector<BBox>& v, bool horiz, std::vector<RawRuling>& out) {
  auto across = [&](const BBox& b) { return horiz ? (b.y0 + b.y1) / 2 : (b.x0 + b.x1) / 2; };
  auto lo = [&](const BBox& b) { return horiz ? b.x0 : b.y0; };
  auto hi = [&](const BBox& b) { return horiz ? b.x1 : b.y1; };
  std::sort(v.begin(), v.end(), [&](const BBox& a, const BBox& b) { return across(a) < across(b); });
  std::size_t i = 0;
  while (i < v.size()) {
    std::size_t j = i + 1;
    const double start = across(v[i]);
    while (j < v.size() && across(v[j]) - start <= kJoin) ++j;
    std::sort(v.begin() + static_cast<std::ptrdiff_t>(i), v.begin() + static_cast<std::ptrdiff_t>(j),
              [&](const BBox& a, const BBox& b) { return lo(a) < lo(b); });
    BBox cur = v[i];
    auto emit = [&](const BBox& b) {
      if (hi(b) - lo(b) >= kMinRuling) out.push_back({b.x0, b.y0, b.x1, b.y1});
    };
    for (std::size_t k = i + 1; k < j; ++k) {
      if (lo(v[k]) <= hi(cur) + kJoin) {
        cur = unite(cur, v[k]);
      } else {
        emit(cur);
        cur = v[k];
      }
    }
    emit(cur);
    i = j;
  }
}

}  // namespace

bool ShapeCollector::room() {
  if (pieces_.size() + segments_.size() + small_fills_.size() + dark_squares_.size() + light_squares_.size() +
          candidates_.size() <
      max_pieces_)
    return true;
  overflowed_ = true;
  return false;
}

void ShapeCollector::add_piece(const BBox& b) {
  if (room()) pieces_.push_back({b, false});
}

void ShapeCollector::add_stroke(const std::vector<Subpath>& path, double line_width) {
  const double half = std::max(line_width, 0.5) / 2;
  for (const Subpath& sp : path) {
    const auto& p = sp.pts;
    const std::size_t n = p.size();
    if (n < 2 || !room()) continue;
    BBox r;
    if (rect_of(sp, r) && (sp.closed || n == 5)) {
      if (box_sized(r)) {
        if (candidates_.size() >= kMaxCandidates) {
          overflowed_ = true;
          continue;
        }
        Candidate c;
        c.b = grow(r, half);
        c.sides = sides_of(r, half);
        candidates_.push_back(std::move(c));
      } else if (std::min(width(r), height(r)) <= kThin) {
        add_piece(grow(r, half));
      } else {
        for (const BBox& s : sides_of(r, half)) add_piece(s);
      }
      continue;
    }
    std::size_t i = 0;
    while (i + 1 < n) {
      if (i + 3 < n && sp.curve.size() == n && sp.curve[i + 1]) {
        segments_.push_back({p[i], p[i + 3], true});
        i += 3;
        continue;
      }
      const Pt& a = p[i];
      const Pt& b = p[i + 1];
      segments_.push_back({a, b, false});
      const double dx = std::abs(a.x - b.x), dy = std::abs(a.y - b.y);
      if (dy <= kAxisTol && dx > kAxisTol) {
        double yc = (a.y + b.y) / 2;
        add_piece({std::min(a.x, b.x), yc - half, std::max(a.x, b.x), yc + half});
      } else if (dx <= kAxisTol && dy > kAxisTol) {
        double xc = (a.x + b.x) / 2;
        add_piece({xc - half, std::min(a.y, b.y), xc + half, std::max(a.y, b.y)});
      }
      ++i;
    }
  }
}

void ShapeCollector::add_fill(const std::vector<Subpath>& path, bool light) {
  if (path.size() == 2 && !light && room() && candidates_.size() < kMaxCandidates) {
    BBox a, b;
    if (rect_of(path[0], a) && rect_of(path[1], b)) {
      if (contains(b, a)) std::swap(a, b);
      if (contains(a, b) && box_sized(a)) {
        double m[4] = {b.x0 - a.x0, b.y0 - a.y0, a.x1 - b.x1, a.y1 - b.y1};
        if (*std::min_element(m, m + 4) >= 0.05 && *std::max_element(m, m + 4) <= kRingMax) {
          Candidate c;
          c.b = a;
          c.sides = ring_sides(a, b);
          candidates_.push_back(std::move(c));
          return;
        }
      }
    }
  }
  for (const Subpath& sp : path) {
    if (sp.pts.size() < 3 || !room()) continue;
    BBox r;
    if (rect_of(sp, r)) {
      if (light) {
        if (box_sized(r)) light_squares_.push_back(r);
      } else if (std::min(width(r), height(r)) <= kThin) {
        if (std::max(width(r), height(r)) >= 0.5) add_piece(r);
      } else if (box_sized(r)) {
        dark_squares_.push_back(r);
      }
      continue;  // anything bigger is a background
    }
    if (light) continue;
    BBox b{sp.pts[0].x, sp.pts[0].y, sp.pts[0].x, sp.pts[0].y};
    for (const Pt& q : sp.pts) b = unite(b, {q.x, q.y, q.x, q.y});
    if (std::max(width(b), height(b)) <= kBoxMax + 2) small_fills_.push_back(b);
  }
}

// Boxes drawn as four separate lines (stroked segments or thin filled
// rectangles, as Word draws borders): two level pieces of the same extent,
// a square apart, with plumb pieces joining their ends.
void ShapeCollector::assemble_boxes() {
  std::vector<std::size_t> hs, vs;
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    const BBox& b = pieces_[i].b;
    double len = std::max(width(b), height(b)), thick = std::min(width(b), height(b));
    if (len < kBoxMin - 1 || len > kBoxMax + 2 || thick > 2.5) continue;
    (horizontal(b) ? hs : vs).push_back(i);
  }
  if (hs.size() < 2 || vs.size() < 2 || hs.size() > 4000 || vs.size() > 4000) return;
  auto yc = [&](std::size_t i) { return (pieces_[i].b.y0 + pieces_[i].b.y1) / 2; };
  std::sort(hs.begin(), hs.end(), [&](std::size_t a, std::size_t b) { return yc(a) < yc(b); });
  std::vector<bool> taken(pieces_.size(), false);
  for (std::size_t a = 0; a < hs.size(); ++a) {
    const std::size_t top = hs[a];
    if (taken[top]) continue;
    const BBox& t = pieces_[top].b;
    for (std::size_t c = a + 1; c < hs.size(); ++c) {
      const std::size_t bot = hs[c];
      if (yc(bot) - yc(top) > kBoxMax + 2) break;
      const BBox& u = pieces_[bot].b;
      if (taken[bot] || std::abs(t.x0 - u.x0) > kSnap || std::abs(t.x1 - u.x1) > kSnap) continue;
      BBox box = unite(t, u);
      if (!box_sized(box)) continue;
      auto side = [&](bool left) -> std::size_t {
        for (std::size_t v : vs) {
          const BBox& s = pieces_[v].b;
          if (taken[v]) continue;
          double edge = left ? s.x0 : s.x1, want = left ? box.x0 : box.x1;
          if (std::abs(edge - want) > kSnap && std::abs((s.x0 + s.x1) / 2 - (left ? t.x0 : t.x1)) > kSnap) continue;
          if (s.y0 <= yc(top) + kSnap && s.y1 >= yc(bot) - kSnap) return v;
        }
        return pieces_.size();
      };
      std::size_t l = side(true), r = side(false);
      if (l == pieces_.size() || r == pieces_.size() || l == r) continue;
      if (candidates_.size() >= kMaxCandidates) return;
      Candidate cand;
      cand.b = unite(box, unite(pieces_[l].b, pieces_[r].b));
      cand.pieces = {top, bot, l, r};
      for (std::size_t k : cand.pieces) taken[k] = true;
      candidates_.push_back(std::move(cand));
      break;
    }
  }
}

// A table cell looks like a box, but its sides go on past its corners into
// the neighbouring cells' borders: a piece of line that shares a side's ink
// and runs on beyond the corner. A free-standing check box has none (a table
// border a hair away from it does not share its ink).
bool ShapeCollector::continues_outside(const Candidate& c) const {
  std::vector<BBox> sides = c.sides;
  for (std::size_t k : c.pieces) sides.push_back(pieces_[k].b);
  constexpr double kTouch = 0.1;
  constexpr double kWindow = 4.0;  // pieces are at most this thick: look this far around a side
  for (const BBox& s : sides) {
    const bool sh = horizontal(s);
    const std::vector<std::size_t>& index = sh ? by_y_ : by_x_;
    auto mid = [&](std::size_t i) {
      const BBox& p = pieces_[i].b;
      return sh ? (p.y0 + p.y1) / 2 : (p.x0 + p.x1) / 2;
    };
    const double lo = (sh ? s.y0 : s.x0) - kWindow, hi = (sh ? s.y1 : s.x1) + kWindow;
    auto it = std::lower_bound(index.begin(), index.end(), lo, [&](std::size_t i, double v) { return mid(i) < v; });
    for (; it != index.end() && mid(*it) <= hi; ++it) {
      if (std::find(c.pieces.begin(), c.pieces.end(), *it) != c.pieces.end()) continue;
      const BBox& p = pieces_[*it].b;
      if (sh) {
        if (p.y0 > s.y1 + kTouch || p.y1 < s.y0 - kTouch) continue;
        if ((p.x1 > s.x1 + kSnap && p.x0 <= s.x1 + kSnap) || (p.x0 < s.x0 - kSnap && p.x1 >= s.x0 - kSnap))
          return true;
      } else {
        if (p.x0 > s.x1 + kTouch || p.x1 < s.x0 - kTouch) continue;
        if ((p.y1 > s.y1 + kSnap && p.y0 <= s.y1 + kSnap) || (p.y0 < s.y0 - kSnap && p.y1 >= s.y0 - kSnap))
          return true;
      }
    }
  }
  return false;
}

// Ink inside a box that says "checked": stroked lines across it (an X is
// two, a tick two), a filled shape (a tick drawn as an outline), or a
// smaller filled square.
int ShapeCollector::marks_inside(const BBox& box) const {
  const double side = std::min(width(box), height(box));
  const BBox area = grow(box, 1.0);
  int n = 0;
  auto seg_x = [&](std::size_t i) { return std::min(segments_[i].a.x, segments_[i].b.x); };
  auto it = std::lower_bound(seg_by_x_.begin(), seg_by_x_.end(), area.x0,
                             [&](std::size_t i, double v) { return seg_x(i) < v; });
  for (; it != seg_by_x_.end() && seg_x(*it) <= area.x1; ++it) {
    const Segment& s = segments_[*it];
    if (!contains(area, s.a) || !contains(area, s.b)) continue;
    double len = std::hypot(s.a.x - s.b.x, s.a.y - s.b.y);
    if (len < 0.25 * side) continue;
    bool level = std::abs(s.a.y - s.b.y) <= kAxisTol, plumb = std::abs(s.a.x - s.b.x) <= kAxisTol;
    if (level && (std::abs(s.a.y - box.y0) <= 2 * kSnap || std::abs(s.a.y - box.y1) <= 2 * kSnap)) continue;
    if (plumb && (std::abs(s.a.x - box.x0) <= 2 * kSnap || std::abs(s.a.x - box.x1) <= 2 * kSnap)) continue;
    ++n;
  }
  auto by_x0 = [](const BBox& b, double v) { return b.x0 < v; };
  for (auto f = std::lower_bound(small_fills_.begin(), small_fills_.end(), area.x0, by_x0);
       f != small_fills_.end() && f->x0 <= area.x1; ++f)
    if (contains(area, *f) && std::max(width(*f), height(*f)) >= 0.3 * side) n += 2;
  const BBox inner = grow(box, -1.0);
  for (auto d = std::lower_bound(dark_squares_.begin(), dark_squares_.end(), inner.x0, by_x0);
       d != dark_squares_.end() && d->x0 <= inner.x1; ++d)
    if (contains(inner, *d)) n += 2;
  return n;
}

void ShapeCollector::finish(const std::vector<RawWord>& words, std::vector<RawMark>& marks,
                            std::vector<RawRuling>& rulings) {
  auto x0_less = [](const BBox& a, const BBox& b) { return a.x0 < b.x0; };
  std::sort(dark_squares_.begin(), dark_squares_.end(), x0_less);
  std::sort(light_squares_.begin(), light_squares_.end(), x0_less);
  std::sort(small_fills_.begin(), small_fills_.end(), x0_less);
  // Boxes drawn as a dark square with a white one on top.
  std::vector<bool> ring_outer(dark_squares_.size(), false);
  for (std::size_t k = 0; k < dark_squares_.size() && candidates_.size() < kMaxCandidates; ++k) {
    const BBox& d = dark_squares_[k];
    auto l = std::lower_bound(light_squares_.begin(), light_squares_.end(), d.x0,
                              [](const BBox& b, double v) { return b.x0 < v; });
    for (; l != light_squares_.end() && l->x0 <= d.x0 + kRingMax; ++l) {
      if (!contains(d, *l)) continue;
      double m = std::max({l->x0 - d.x0, l->y0 - d.y0, d.x1 - l->x1, d.y1 - l->y1});
      if (m > kRingMax) continue;
      Candidate c;
      c.b = d;
      c.sides = ring_sides(d, *l);
      candidates_.push_back(std::move(c));
      ring_outer[k] = true;
      break;
    }
  }
  // The dark outer square of such a box is no check mark inside it.
  {
    std::size_t w = 0;
    for (std::size_t k = 0; k < dark_squares_.size(); ++k)
      if (!ring_outer[k]) dark_squares_[w++] = dark_squares_[k];
    dark_squares_.resize(w);
  }
  assemble_boxes();

  // Indexes for the checks below.
  by_y_.clear();
  by_x_.clear();
  for (std::size_t i = 0; i < pieces_.size(); ++i) (horizontal(pieces_[i].b) ? by_y_ : by_x_).push_back(i);
  std::sort(by_y_.begin(), by_y_.end(), [&](std::size_t a, std::size_t b) {
    return pieces_[a].b.y0 + pieces_[a].b.y1 < pieces_[b].b.y0 + pieces_[b].b.y1;
  });
  std::sort(by_x_.begin(), by_x_.end(), [&](std::size_t a, std::size_t b) {
    return pieces_[a].b.x0 + pieces_[a].b.x1 < pieces_[b].b.x0 + pieces_[b].b.x1;
  });
  seg_by_x_.resize(segments_.size());
  for (std::size_t i = 0; i < segments_.size(); ++i) seg_by_x_[i] = i;
  std::sort(seg_by_x_.begin(), seg_by_x_.end(), [&](std::size_t a, std::size_t b) {
    return std::min(segments_[a].a.x, segments_[a].b.x) < std::min(segments_[b].a.x, segments_[b].b.x);
  });

  // One box drawn twice, or a box inside a box: keep the outer one.
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    for (std::size_t j = 0; j < candidates_.size(); ++j) {
      if (i == j || candidates_[i].duplicate || candidates_[j].duplicate) continue;
      const BBox& a = candidates_[i].b;
      const BBox& b = candidates_[j].b;
      if (contains(grow(a, kSnap), b) && (j > i || !contains(grow(b, kSnap), a))) {
        candidates_[j].duplicate = true;
        candidates_[j].dead = true;
      }
    }
  }
  // Text inside: a frame around a word or a digit (or around a check box
  // glyph), not a check box.
  auto text_inside = [&](const BBox& inner) {
    auto hit = [&](const BBox& t) { return contains(inner, Pt{(t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2}); };
    for (const RawWord& w : words) {
      if (w.box.x1 < inner.x0 || w.box.x0 > inner.x1 || w.box.y1 < inner.y0 || w.box.y0 > inner.y1) continue;
      for (const BBox& t : w.char_boxes)
        if (hit(t)) return true;
    }
    for (const RawMark& m : marks)
      if (hit(m.box)) return true;
    return false;
  };
  for (Candidate& c : candidates_)
    if (!c.dead && text_inside(grow(c.b, -0.75))) c.dead = true;
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    Candidate& c = candidates_[i];
    if (c.dead) continue;
    if (continues_outside(c)) c.dead = true;
    // Squares that share a side are a grid (boxes for digits), not check
    // boxes; boxes on consecutive lines stand a little apart.
    for (std::size_t j = 0; j < candidates_.size() && !c.dead; ++j) {
      if (j == i || candidates_[j].duplicate) continue;
      const BBox& a = c.b;
      const BBox& b = candidates_[j].b;
      constexpr double kShare = 0.3;
      auto shares = [&](double gap) { return gap >= -2.5 && gap <= kShare; };  // ink overlaps, or nearly
      bool touch_x = shares(b.x0 - a.x1) || shares(a.x0 - b.x1);
      bool touch_y = shares(b.y0 - a.y1) || shares(a.y0 - b.y1);
      bool overlap_y = std::min(a.y1, b.y1) - std::max(a.y0, b.y0) > 0.5 * height(a);
      bool overlap_x = std::min(a.x1, b.x1) - std::max(a.x0, b.x0) > 0.5 * width(a);
      if ((touch_x && overlap_y) || (touch_y && overlap_x)) c.dead = true;
    }
  }
  for (Candidate& c : candidates_) {
    if (c.duplicate) {
      // Drawn twice: its own pieces go with whatever the kept box becomes.
      bool kept_box = false;
      for (const Candidate& o : candidates_)
        if (!o.dead && contains(grow(o.b, kSnap), c.b)) kept_box = true;
      if (kept_box)
        for (std::size_t k : c.pieces) pieces_[k].used = true;
      else
        for (const BBox& s : c.sides) add_piece(s);
      continue;
    }
    if (c.dead) {
      for (const BBox& s : c.sides) add_piece(s);
      continue;
    }
    RawMark m;
    m.box = c.b;
    m.checked = marks_inside(c.b) >= 2;
    m.source = MarkSource::Vector;
    m.encoding = "vector";
    marks.push_back(std::move(m));
    for (std::size_t k : c.pieces) pieces_[k].used = true;
  }

  std::vector<BBox> h, v;
  for (const Piece& p : pieces_) {
    if (p.used) continue;
    (horizontal(p.b) ? h : v).push_back(p.b);
  }
  merge_line_pieces(h, true, rulings);
  merge_line_pieces(v, false, rulings);
  reset();
}

void ShapeCollector::reset() {
  overflowed_ = false;
  pieces_.clear();
  segments_.clear();
  candidates_.clear();
  dark_squares_.clear();
  light_squares_.clear();
  by_x_.clear();
  by_y_.clear();
  seg_by_x_.clear();
  small_fills_.clear();
}

}  // namespace itax::pdf::detail

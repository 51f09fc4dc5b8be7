#include "readers/pdf/aligned_tables.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace itax::pdf {
namespace {

struct Seg {
  double x0 = 0, x1 = 0;
  size_t a = 0, b = 0;  // pieces [a, b) of the line
};

std::vector<Seg> segments(const Line& l) {
  std::vector<Seg> out;
  const double gap = kColumnGap * l.em();
  for (size_t k = 0; k < l.pieces.size(); ++k) {
    const BBox& b = l.pieces[k].box;
    if (out.empty() || b.x0 - out.back().x1 > gap) {
      out.push_back(Seg{b.x0, b.x1, k, k + 1});
    } else {
      out.back().x1 = std::max(out.back().x1, b.x1);
      out.back().b = k + 1;
    }
  }
  return out;
}

// Segment starts of a and b that align (each used once). Starts are sorted.
int shared_starts(const std::vector<Seg>& a, const std::vector<Seg>& b) {
  int n = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    double d = a[i].x0 - b[j].x0;
    if (std::fabs(d) <= kAlignTol) {
      ++n, ++i, ++j;
    } else if (d < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  return n;
}

// Column of a segment starting at x: the last column start at or left of it.
int column_of(const std::vector<double>& cols, double x) {
  auto it = std::upper_bound(cols.begin(), cols.end(), x + kAlignTol);
  return static_cast<int>(it - cols.begin()) - 1;
}

// Every segment starts in a column and ends before the next column starts.
bool fits(const std::vector<Seg>& segs, const std::vector<double>& cols) {
  if (segs.empty()) return false;
  for (const Seg& s : segs) {
    int k = column_of(cols, s.x0);
    if (k < 0) return false;
    if (static_cast<size_t>(k) + 1 < cols.size() && s.x1 > cols[static_cast<size_t>(k) + 1] + kAlignTol) return false;
  }
  return true;
}

}  // namespace

std::vector<AlignedTable> find_aligned_tables(const std::vector<Line>& lines) {
  std::vector<AlignedTable> out;
  const size_t n = lines.size();
  std::vector<std::vector<Seg>> segs(n);
  std::vector<size_t> wide;
  for (size_t i = 0; i < n; ++i) {
    segs[i] = segments(lines[i]);
    if (segs[i].size() >= 3) wide.push_back(i);
  }
  if (wide.size() < 2) return out;

  auto linked = [&](size_t i, size_t j, int* shared) {
    size_t between = j - i - 1;
    if (between > 3) return false;
    double h = std::max(lines[i].height(), lines[j].height());
    if (lines[j].cy() - lines[i].cy() > static_cast<double>(between + 1) * 2.0 * h) return false;
    *shared = shared_starts(segs[i], segs[j]);
    return *shared >= 3;
  };

  size_t free_from = 0;  // lines before this belong to an earlier table
  for (size_t k = 0; k < wide.size(); ++k) {
    size_t s = k;
    int best_shared = 0, shared = 0;
    while (k + 1 < wide.size() && linked(wide[k], wide[k + 1], &shared)) {
      best_shared = std::max(best_shared, shared);
      ++k;
    }
    size_t nwide = k - s + 1;
    if (nwide < 2 || (nwide < 3 && best_shared < 4)) continue;
    if (wide[s] < free_from) continue;

    // Columns: starts found on two or more wide lines of the core.
    std::vector<std::pair<double, size_t>> starts;
    for (size_t w = s; w <= k; ++w)
      for (const Seg& g : segs[wide[w]]) starts.emplace_back(g.x0, wide[w]);
    std::sort(starts.begin(), starts.end());
    std::vector<double> cols;
    for (size_t i = 0; i < starts.size();) {
      size_t j = i + 1;
      while (j < starts.size() && starts[j].first - starts[j - 1].first <= kAlignTol) ++j;
      std::set<size_t> on;
      for (size_t t = i; t < j; ++t) on.insert(starts[t].second);
      if (on.size() >= 2) cols.push_back(starts[i].first);
      i = j;
    }
    if (cols.size() < 3) continue;

    size_t first = wide[s], last = wide[k];
    bool ok = true;
    for (size_t i = first + 1; i < last && ok; ++i)
      if (segs[i].size() < 3) ok = fits(segs[i], cols);
    if (!ok) continue;
    auto extends = [&](size_t i, size_t next_to) {
      double h = std::max(lines[i].height(), lines[next_to].height());
      double gap = i < next_to ? lines[next_to].box.y0 - lines[i].box.y1 : lines[i].box.y0 - lines[next_to].box.y1;
      if (gap > 1.5 * h || !fits(segs[i], cols)) return false;
      return segs[i].size() >= 2 || column_of(cols, segs[i][0].x0) != 0;
    };
    while (first > free_from && extends(first - 1, first)) --first;
    while (last + 1 < n && extends(last + 1, last)) ++last;

    // Rows.
    std::vector<std::vector<size_t>> rows;
    for (size_t i = first; i <= last; ++i) {
      bool col0 = false;
      for (const Seg& g : segs[i]) col0 |= column_of(cols, g.x0) <= 0;
      bool far = i > first && lines[i].box.y0 - lines[i - 1].box.y1 > lines[i - 1].height();
      if (rows.empty() || col0 || far) rows.emplace_back();
      rows.back().push_back(i);
    }

    AlignedTable t;
    t.first = first;
    t.last = last;
    BBox box = lines[first].box;
    for (size_t i = first; i <= last; ++i) box = unite(box, lines[i].box);
    const size_t nc = cols.size();
    t.shape.box = box;
    t.shape.columns = static_cast<int>(nc);
    for (const std::vector<size_t>& row : rows) {
      BBox rb = lines[row.front()].box;
      for (size_t i : row) rb = unite(rb, lines[i].box);
      rb.x0 = box.x0;
      rb.x1 = box.x1;
      std::vector<CellShape> cells(nc);
      std::vector<std::vector<Piece>> pieces(nc);
      for (size_t c = 0; c < nc; ++c) {
        cells[c].col = static_cast<int>(c);
        cells[c].box =
            BBox{c == 0 ? box.x0 : cols[c] - kAlignTol, rb.y0, c + 1 < nc ? cols[c + 1] - kAlignTol : box.x1, rb.y1};
      }
      for (size_t i : row)
        for (const Seg& g : segs[i]) {
          size_t c = static_cast<size_t>(std::max(0, column_of(cols, g.x0)));
          for (size_t p = g.a; p < g.b; ++p) pieces[c].push_back(lines[i].pieces[p]);
        }
      t.shape.rows.push_back(std::move(cells));
      t.shape.row_boxes.push_back(rb);
      t.pieces.push_back(std::move(pieces));
    }
    free_from = last + 1;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace itax::pdf

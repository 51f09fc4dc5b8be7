#include "readers/pdf/table_builder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace itax::pdf {
namespace {

// A ruling as a segment along one axis: at `pos` across, from a to b along.
struct Seg {
  double pos = 0, a = 0, b = 0, half = 0;
};

constexpr double kMaxHalf = 3.0;  // thicker "rulings" are snapped as if 6 pt thick
constexpr double kDashGap = 3.5;  // gaps of dashed lines

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[static_cast<size_t>(x)] != x) {
      parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
      x = parent[static_cast<size_t>(x)];
    }
    return x;
  }
  void join(int a, int b) { parent[static_cast<size_t>(find(a))] = find(b); }
};

// Joins segments on one line (positions within 0.5 pt) whose ends are at
// most kDashGap apart: dashed and dotted borders, and borders drawn cell by
// cell, become one segment each.
void merge_collinear(std::vector<Seg>& segs) {
  std::sort(segs.begin(), segs.end(), [](const Seg& a, const Seg& b) {
    if (std::fabs(a.pos - b.pos) > 0.5) return a.pos < b.pos;
    return a.a < b.a;
  });
  std::vector<Seg> out;
  for (const Seg& s : segs) {
    if (!out.empty() && std::fabs(s.pos - out.back().pos) <= 0.5 && s.a <= out.back().b + kDashGap) {
      Seg& m = out.back();
      m.b = std::max(m.b, s.b);
      m.half = std::max(m.half, s.half);
      continue;
    }
    out.push_back(s);
  }
  segs = std::move(out);
}

// Sorted positions clustered within kSnap: the mean of each cluster.
std::vector<double> cluster(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  double sum = 0, last = 0;
  int n = 0;
  for (double x : v) {
    if (n > 0 && x - last > kSnap) {
      out.push_back(sum / n);
      sum = 0;
      n = 0;
    }
    sum += x;
    last = x;
    ++n;
  }
  if (n > 0) out.push_back(sum / n);
  return out;
}

// Adds `x` to sorted `edges` unless one is within kSnap.
void add_edge(std::vector<double>& edges, double x) {
  auto it = std::lower_bound(edges.begin(), edges.end(), x);
  if (it != edges.end() && *it - x <= kSnap) return;
  if (it != edges.begin() && x - *(it - 1) <= kSnap) return;
  edges.insert(it, x);
}

// Index of the edge within kSnap + half of x, or -1.
int edge_index(const std::vector<double>& edges, double x, double half) {
  auto it = std::lower_bound(edges.begin(), edges.end(), x);
  int best = -1;
  double best_d = kSnap + half;
  if (it != edges.end() && *it - x <= best_d) best = static_cast<int>(it - edges.begin()), best_d = *it - x;
  if (it != edges.begin() && x - *(it - 1) <= best_d) best = static_cast<int>(it - edges.begin()) - 1;
  return best;
}

// Merged, sorted intervals.
std::vector<std::pair<double, double>> merge_intervals(std::vector<std::pair<double, double>> v) {
  std::sort(v.begin(), v.end());
  std::vector<std::pair<double, double>> out;
  for (const auto& iv : v) {
    if (!out.empty() && iv.first <= out.back().second + kSnap)
      out.back().second = std::max(out.back().second, iv.second);
    else
      out.push_back(iv);
  }
  return out;
}

// cover[k] += length of `intervals` (merged, sorted) inside [edges[k], edges[k+1]].
void accumulate(const std::vector<std::pair<double, double>>& intervals, const std::vector<double>& edges,
                double* cover) {
  for (const auto& [a, b] : intervals) {
    size_t k = static_cast<size_t>(std::upper_bound(edges.begin(), edges.end(), a) - edges.begin());
    k = k > 0 ? k - 1 : 0;
    for (; k + 1 < edges.size() && edges[k] < b; ++k) {
      double len = std::min(b, edges[k + 1]) - std::max(a, edges[k]);
      if (len > 0) cover[k] += len;
    }
  }
}

// One group of touching rulings -> a grid, if it is one.
bool build_grid(const std::vector<const Seg*>& hs, const std::vector<const Seg*>& vs, RuledGrid& g) {
  BBox box{1e18, 1e18, -1e18, -1e18};
  for (const Seg* h : hs)
    box = BBox{std::min(box.x0, h->a), std::min(box.y0, h->pos), std::max(box.x1, h->b), std::max(box.y1, h->pos)};
  for (const Seg* v : vs)
    box = BBox{std::min(box.x0, v->pos), std::min(box.y0, v->a), std::max(box.x1, v->pos), std::max(box.y1, v->b)};
  std::vector<double> xs;
  for (const Seg* v : vs) xs.push_back(v->pos);
  xs = cluster(std::move(xs));
  add_edge(xs, box.x0);
  add_edge(xs, box.x1);
  if (xs.size() < 3) return false;  // fewer than 2 columns
  const size_t nx = xs.size() - 1;

  // Row edges: horizontals that run along most of some column.
  std::vector<const Seg*> sorted_h(hs);
  std::sort(sorted_h.begin(), sorted_h.end(), [](const Seg* a, const Seg* b) { return a->pos < b->pos; });
  std::vector<double> ys;
  std::vector<double> cover(nx);
  for (size_t i = 0; i < sorted_h.size();) {
    size_t j = i;
    double sum = 0;
    std::vector<std::pair<double, double>> ivs;
    while (j < sorted_h.size() && sorted_h[j]->pos - sorted_h[j == i ? i : j - 1]->pos <= kSnap) {
      sum += sorted_h[j]->pos;
      ivs.emplace_back(sorted_h[j]->a, sorted_h[j]->b);
      ++j;
    }
    std::fill(cover.begin(), cover.end(), 0.0);
    accumulate(merge_intervals(std::move(ivs)), xs, cover.data());
    for (size_t c = 0; c < nx; ++c)
      if (cover[c] >= 0.9 * (xs[c + 1] - xs[c])) {
        ys.push_back(sum / static_cast<double>(j - i));
        break;
      }
    i = j;
  }
  add_edge(ys, box.y0);
  add_edge(ys, box.y1);
  if (ys.size() < 2) return false;
  const size_t ny = ys.size() - 1;
  if (nx * ny > kMaxGridCells) return false;
  for (size_t r = 0; r < ny; ++r)
    if (ys[r + 1] - ys[r] <= 0) return false;

  // Drawn length of each inner edge: vcov[c * ny + r] (edge x = xs[c]),
  // hcov[r * nx + c] (edge y = ys[r]).
  std::vector<double> vcov((nx + 1) * ny, 0.0), hcov((ny + 1) * nx, 0.0);
  {
    std::vector<std::vector<std::pair<double, double>>> by_edge(nx + 1);
    for (const Seg* v : vs) {
      int c = edge_index(xs, v->pos, v->half);
      if (c > 0 && static_cast<size_t>(c) < nx) by_edge[static_cast<size_t>(c)].emplace_back(v->a, v->b);
    }
    for (size_t c = 1; c < nx; ++c)
      if (!by_edge[c].empty()) accumulate(merge_intervals(std::move(by_edge[c])), ys, &vcov[c * ny]);
  }
  {
    std::vector<std::vector<std::pair<double, double>>> by_edge(ny + 1);
    for (const Seg* h : hs) {
      int r = edge_index(ys, h->pos, h->half);
      if (r > 0 && static_cast<size_t>(r) < ny) by_edge[static_cast<size_t>(r)].emplace_back(h->a, h->b);
    }
    for (size_t r = 1; r < ny; ++r)
      if (!by_edge[r].empty()) accumulate(merge_intervals(std::move(by_edge[r])), xs, &hcov[r * nx]);
  }
  auto v_drawn = [&](size_t c, size_t r) { return vcov[c * ny + r] >= 0.5 * (ys[r + 1] - ys[r]); };
  auto h_drawn = [&](size_t r, size_t c) { return hcov[r * nx + c] >= 0.5 * (xs[c + 1] - xs[c]); };

  g.xs = xs;
  g.ys = ys;
  g.shape = TableShape{};
  g.shape.box = box;
  g.shape.columns = static_cast<int>(nx);
  g.owner.assign(nx * ny, {-1, -1});
  std::vector<std::vector<std::pair<int, int>>> root(ny);  // root (row, cell) of each cell
  for (size_t r = 0; r < ny; ++r) {
    std::vector<CellShape> row;
    for (size_t c = 0; c < nx;) {
      size_t s = c;
      while (c + 1 < nx && !v_drawn(c + 1, r)) ++c;
      CellShape cs;
      cs.col = static_cast<int>(s);
      cs.span = static_cast<int>(c - s + 1);
      cs.box = BBox{xs[s], ys[r], xs[c + 1], ys[r + 1]};
      std::pair<int, int> me{static_cast<int>(r), static_cast<int>(row.size())};
      std::pair<int, int> rt = me;
      if (r > 0) {
        bool open = true;
        for (size_t k = s; k <= c && open; ++k) open = !h_drawn(r, k);
        if (open) {
          const std::vector<CellShape>& above = g.shape.rows[r - 1];
          for (size_t i = 0; i < above.size(); ++i)
            if (above[i].col == cs.col && above[i].span == cs.span) {
              cs.vmerge_continue = true;
              rt = root[r - 1][i];
              break;
            }
        }
      }
      for (size_t k = s; k <= c; ++k) g.owner[r * nx + k] = rt;
      root[r].push_back(rt);
      row.push_back(cs);
      ++c;
    }
    g.shape.rows.push_back(std::move(row));
    g.shape.row_boxes.push_back(BBox{xs.front(), ys[r], xs.back(), ys[r + 1]});
  }
  // A cell continued below covers the merged area.
  for (size_t r = 0; r < ny; ++r)
    for (size_t i = 0; i < root[r].size(); ++i) {
      auto [rr, ri] = root[r][i];
      if (rr == static_cast<int>(r)) continue;
      CellShape& top = g.shape.rows[static_cast<size_t>(rr)][static_cast<size_t>(ri)];
      top.box = unite(top.box, g.shape.rows[r][i].box);
    }
  return true;
}

}  // namespace

std::pair<int, int> RuledGrid::cell_at(double x, double y) const {
  if (xs.size() < 2 || ys.size() < 2) return {-1, -1};
  if (x < xs.front() || x > xs.back() || y < ys.front() || y > ys.back()) return {-1, -1};
  size_t nx = xs.size() - 1, ny = ys.size() - 1;
  size_t c = static_cast<size_t>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin());
  size_t r = static_cast<size_t>(std::upper_bound(ys.begin(), ys.end(), y) - ys.begin());
  c = std::clamp<size_t>(c, 1, nx) - 1;
  r = std::clamp<size_t>(r, 1, ny) - 1;
  return owner[r * nx + c];
}

std::vector<RuledGrid> find_ruled_grids(const std::vector<RawRuling>& rulings, std::string* note) {
  std::vector<RuledGrid> out;
  std::vector<Seg> hs, vs;
  if (rulings.size() > 20 * kMaxRulings) {  // not even worth sorting
    if (note)
      *note = std::to_string(rulings.size()) + " ruling lines, over the limit of " + std::to_string(kMaxRulings) +
              ": no ruled tables looked for";
    return out;
  }
  for (const RawRuling& r : rulings) {
    if (!std::isfinite(r.x0) || !std::isfinite(r.x1) || !std::isfinite(r.y0) || !std::isfinite(r.y1)) continue;
    double x0 = std::min(r.x0, r.x1), x1 = std::max(r.x0, r.x1);
    double y0 = std::min(r.y0, r.y1), y1 = std::max(r.y0, r.y1);
    if (x1 - x0 >= y1 - y0)
      hs.push_back(Seg{(y0 + y1) / 2, x0, x1, std::min((y1 - y0) / 2, kMaxHalf)});
    else
      vs.push_back(Seg{(x0 + x1) / 2, y0, y1, std::min((x1 - x0) / 2, kMaxHalf)});
  }
  merge_collinear(hs);
  merge_collinear(vs);
  auto too_short = [](const Seg& s) { return s.b - s.a < kMinRuling; };
  hs.erase(std::remove_if(hs.begin(), hs.end(), too_short), hs.end());
  vs.erase(std::remove_if(vs.begin(), vs.end(), too_short), vs.end());
  if (hs.empty() || vs.empty()) return out;
  if (hs.size() + vs.size() > kMaxRulings) {
    if (note)
      *note = std::to_string(hs.size() + vs.size()) + " ruling lines, over the limit of " +
              std::to_string(kMaxRulings) + ": no ruled tables looked for";
    return out;
  }
  std::sort(vs.begin(), vs.end(), [](const Seg& a, const Seg& b) { return a.pos < b.pos; });
  const double reach = kSnap + 2 * kMaxHalf;
  UnionFind uf(hs.size() + vs.size());
  const int nh = static_cast<int>(hs.size());
  for (size_t i = 0; i < hs.size(); ++i) {
    const Seg& h = hs[i];
    auto lo = std::lower_bound(vs.begin(), vs.end(), h.a - reach, [](const Seg& s, double x) { return s.pos < x; });
    for (auto it = lo; it != vs.end() && it->pos <= h.b + reach; ++it) {
      double tol = kSnap + std::max(h.half, it->half);
      if (it->pos < h.a - tol || it->pos > h.b + tol) continue;
      if (h.pos < it->a - tol || h.pos > it->b + tol) continue;
      uf.join(static_cast<int>(i), nh + static_cast<int>(it - vs.begin()));
    }
  }
  // Groups with both directions, in order of their first member.
  std::vector<int> group_of(hs.size() + vs.size(), -1);
  std::vector<std::pair<std::vector<const Seg*>, std::vector<const Seg*>>> groups;
  for (size_t k = 0; k < hs.size() + vs.size(); ++k) {
    int root = uf.find(static_cast<int>(k));
    int& gi = group_of[static_cast<size_t>(root)];
    if (gi < 0) {
      gi = static_cast<int>(groups.size());
      groups.emplace_back();
    }
    auto& grp = groups[static_cast<size_t>(gi)];
    if (k < hs.size())
      grp.first.push_back(&hs[k]);
    else
      grp.second.push_back(&vs[k - hs.size()]);
  }
  for (auto& [gh, gv] : groups) {
    if (gh.empty() || gv.empty()) continue;
    RuledGrid g;
    if (build_grid(gh, gv, g)) out.push_back(std::move(g));
  }
  return out;
}

GridIndex::GridIndex(const std::vector<RuledGrid>& grids) : grids_(grids) {
  if (grids.empty()) return;
  double bottom = -1e18;
  top_ = 1e18;
  for (const RuledGrid& g : grids) {
    top_ = std::min(top_, g.shape.box.y0);
    bottom = std::max(bottom, g.shape.box.y1);
  }
  size_t n = static_cast<size_t>((bottom - top_) / band_) + 1;
  if (n > 4096) {  // absurd page sizes: coarser bands
    band_ = (bottom - top_) / 4096 + 1;
    n = static_cast<size_t>((bottom - top_) / band_) + 1;
  }
  bands_.resize(n);
  for (size_t i = 0; i < grids.size(); ++i) {
    size_t b0 = static_cast<size_t>((grids[i].shape.box.y0 - top_) / band_);
    size_t b1 = std::min(n - 1, static_cast<size_t>((grids[i].shape.box.y1 - top_) / band_));
    for (size_t b = b0; b <= b1; ++b) bands_[b].push_back(static_cast<int>(i));
  }
}

int GridIndex::find(double x, double y) const {
  if (bands_.empty() || y < top_) return -1;
  size_t b = static_cast<size_t>((y - top_) / band_);
  if (b >= bands_.size()) return -1;
  int best = -1;
  double best_area = 0;
  for (int i : bands_[b]) {
    const BBox& bx = grids_[static_cast<size_t>(i)].shape.box;
    if (x < bx.x0 || x > bx.x1 || y < bx.y0 || y > bx.y1) continue;
    double area = (bx.x1 - bx.x0) * (bx.y1 - bx.y0);
    if (best < 0 || area < best_area) best = i, best_area = area;  // the innermost of nested grids
  }
  return best;
}

Table make_table(const TableShape& shape, std::vector<std::vector<std::vector<Piece>>> pieces, int page,
                 double space_gap) {
  Table t;
  t.where.page = page;
  t.where.bbox = shape.box;
  for (size_t r = 0; r < shape.rows.size(); ++r) {
    Row row;
    row.where.page = page;
    for (size_t i = 0; i < shape.rows[r].size(); ++i) {
      const CellShape& cs = shape.rows[r][i];
      Cell cell;
      cell.grid_col = cs.col;
      cell.grid_span = cs.span;
      cell.vmerge_continue = cs.vmerge_continue;
      cell.where.page = page;
      cell.where.bbox = cs.box;
      row.where.bbox =
          r < shape.row_boxes.size() ? shape.row_boxes[r] : (i == 0 ? cs.box : unite(*row.where.bbox, cs.box));
      std::vector<TextLine> lines;
      if (r < pieces.size() && i < pieces[r].size() && !pieces[r][i].empty())
        for (const Line& l : group_lines(std::move(pieces[r][i]))) lines.push_back(lay_out_line(l, page, space_gap));
      Paragraph p = paragraph_of(std::move(lines), page);
      if (!p.where.bbox) p.where.bbox = cs.box;
      cell.blocks.push_back(Block{std::move(p)});
      row.cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace itax::pdf

// Geometry of one PDF page's drawing, for the graphics pass: painted paths
// come in (already in page coordinates: points, origin top-left), vector
// check boxes and ruling lines come out. No Poppler here, so the rules can be
// tested on hand-made paths. Private to src/readers/pdf/.
#pragma once
#include <cstddef>
#include <vector>

#include "model/document.h"
#include "readers/pdf/raw_page.h"

namespace itax::pdf::detail {

struct Pt {
  double x = 0, y = 0;
};

// One subpath of a painted path. `curve[i]` is true when point i is a Bézier
// control point (Poppler's convention: a curve adds two control points and
// its end point).
struct Subpath {
  std::vector<Pt> pts;
  std::vector<bool> curve;
  bool closed = false;
};

class ShapeCollector {
 public:
  explicit ShapeCollector(std::size_t max_pieces = 200000) : max_pieces_(max_pieces) {}

  // A stroked path. `line_width` in points (0 = hairline).
  void add_stroke(const std::vector<Subpath>& path, double line_width);
  // A filled path. `light`: the fill colour is white or nearly (a background,
  // or the inside of a box drawn as a dark square with a white one on top).
  void add_fill(const std::vector<Subpath>& path, bool light);

  // Ends the page. `words` and the glyph marks already in `marks` are the
  // text drawn on the page: a square with text inside is no check box.
  // Appends vector check boxes to `marks` and merged ruling lines to
  // `rulings`, then forgets the page.
  void finish(const std::vector<RawWord>& words, std::vector<RawMark>& marks, std::vector<RawRuling>& rulings);

  // More pieces were drawn on this page than kept (see max_pieces).
  bool overflowed() const { return overflowed_; }
  void reset();

 private:
  struct Piece {  // ink of a straight, axis-parallel piece of line
    BBox b;
    bool used = false;
  };
  struct Segment {  // any stroked piece, for check marks inside boxes
    Pt a, b;
    bool curve = false;
  };
  struct Candidate {
    BBox b;
    std::vector<std::size_t> pieces;  // pieces that form its sides
    std::vector<BBox> sides;          // sides to give back as rulings if it is no check box
    bool dead = false;       // no check box after all
    bool duplicate = false;  // the same box as another candidate (drawn twice, or inside it)
  };

  bool room();
  void add_piece(const BBox& b);
  void assemble_boxes();
  bool continues_outside(const Candidate& c) const;
  int marks_inside(const BBox& box) const;

  std::size_t max_pieces_;
  bool overflowed_ = false;
  std::vector<Piece> pieces_;
  std::vector<Segment> segments_;
  std::vector<Candidate> candidates_;
  std::vector<BBox> dark_squares_;
  std::vector<BBox> light_squares_;
  std::vector<BBox> small_fills_;
  // built by finish(): pieces by the middle of their thin side, segments by their left end
  std::vector<std::size_t> by_y_, by_x_, seg_by_x_;
};

}  // namespace itax::pdf::detail

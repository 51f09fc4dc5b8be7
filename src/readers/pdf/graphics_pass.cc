// The PDF graphics pass. One TextOutputDev subclass per document sees every
// page once: text goes through Poppler's own word builder (raw, content-stream
// order), check box glyphs are taken out of the text as they are drawn,
// painted paths go to the ShapeCollector, and check box widgets come from the
// page's annotations.
#include "readers/pdf/graphics_pass.h"

// The packaged libpoppler is built with TEXTOUT_WORD_LIST, which changes the
// layout of TextWord and TextFontInfo: it must be set before the headers.
#ifndef TEXTOUT_WORD_LIST
#define TEXTOUT_WORD_LIST 1
#endif

#include <Annot.h>
#include <Error.h>
#include <ErrorCodes.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <Object.h>
#include <PDFDoc.h>
#include <Page.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "readers/input_file.h"
#include "readers/pdf/shapes_dev.h"
#include "util/utf8.h"

namespace itax::pdf {

namespace {

constexpr int kMinPagesPerThread = 4;

// ---- Poppler's process-wide state ----------------------------------------

// Poppler reports problems through one global callback with no user data; a
// pass collects them per thread (the first few, for error messages).
thread_local std::vector<std::string>* t_messages = nullptr;

void on_poppler_error(ErrorCategory /*category*/, Goffset pos, const char* msg) {
  if (t_messages == nullptr || msg == nullptr || t_messages->size() >= 8) return;
  std::string m(msg);
  if (pos >= 0) m += " (at byte " + std::to_string(static_cast<long long>(pos)) + ")";
  t_messages->push_back(std::move(m));
}

void init_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    setErrorCallback(&on_poppler_error);
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  });
}

struct MessageScope {
  std::vector<std::string> messages;
  std::vector<std::string>* saved;
  MessageScope() : saved(t_messages) { t_messages = &messages; }
  ~MessageScope() { t_messages = saved; }
  std::string summary() const {
    std::string s;
    int n = 0;
    for (std::size_t i = 0; i < messages.size() && n < 3; ++i) {
      if (std::find(messages.begin(), messages.begin() + static_cast<std::ptrdiff_t>(i), messages[i]) !=
          messages.begin() + static_cast<std::ptrdiff_t>(i))
        continue;
      s += (n++ ? "; " : "") + messages[i];
    }
    return s;
  }
};

const char* error_code_meaning(int code) {
  switch (code) {
    case errNone: return "no error";
    case errOpenFile: return "could not open the file";
    case errBadCatalog: return "could not read the page catalog";
    case errDamaged: return "the file is damaged and could not be repaired";
    case errEncrypted: return "the file is encrypted and needs a password";
    case errFileIO: return "file I/O error";
    case errPermission: return "permission denied";
    default: return "unknown error";
  }
}

// ---- small text helpers ----------------------------------------------------

std::string hex4(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
  return buf;
}

char32_t clean_cp(Unicode u) {
  if (u == 0 || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) return 0xFFFD;
  return static_cast<char32_t>(u);
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = utf8::seq_len(c);
    if (c >= 0x80 && n == 1) return false;
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// A font name from the PDF as UTF-8, without the subset tag ("ABCDEF+").
// Word writes Thai font names in TIS-620 ("TH SarabunIT" + 0xF9 for ๙).
std::string clean_font_name(std::string_view raw) {
  if (raw.size() > 7 && raw[6] == '+' &&
      std::all_of(raw.begin(), raw.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }))
    raw.remove_prefix(7);
  if (valid_utf8(raw)) return std::string(raw);
  std::string out;
  for (char ch : raw) {
    auto b = static_cast<unsigned char>(ch);
    if (b < 0x80)
      out.push_back(ch);
    else if (b >= 0xA1 && b <= 0xFB)
      utf8::append(out, 0x0E01 + (b - 0xA1));
    else
      utf8::append(out, 0xFFFD);
  }
  return out;
}

// A PDF text string (UTF-16BE with a byte order mark, UTF-8 with one, or
// PDFDocEncoding, read as Latin-1) as UTF-8.
std::string text_string(const GooString* s) {
  if (s == nullptr) return {};
  std::string_view v(s->c_str(), static_cast<std::size_t>(s->getLength()));
  std::string out;
  if (v.size() >= 2 && static_cast<unsigned char>(v[0]) == 0xFE && static_cast<unsigned char>(v[1]) == 0xFF) {
    for (std::size_t i = 2; i + 1 < v.size(); i += 2) {
      char32_t u = (static_cast<unsigned char>(v[i]) << 8) | static_cast<unsigned char>(v[i + 1]);
      if (u >= 0xD800 && u <= 0xDBFF && i + 3 < v.size()) {
        char32_t lo = (static_cast<unsigned char>(v[i + 2]) << 8) | static_cast<unsigned char>(v[i + 3]);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        }
      }
      utf8::append(out, clean_cp(u));
    }
    return out;
  }
  if (v.size() >= 3 && v.substr(0, 3) == "\xEF\xBB\xBF" && valid_utf8(v.substr(3))) return std::string(v.substr(3));
  for (char ch : v) utf8::append(out, static_cast<unsigned char>(ch));
  return out;
}

// ---- AcroForm buttons --------------------------------------------------------

enum class ButtonKind { None, Check, Radio, Push };

struct ButtonInfo {
  ButtonKind kind = ButtonKind::None;
  std::string name;      // fully qualified field name
  std::string value;     // the field's /V, a name
  std::string on_state;  // the appearance state that means "on"
};

// Reads a widget annotation's field attributes, inherited through /Parent.
ButtonInfo button_info(const Object& annot) {
  ButtonInfo bi;
  if (!annot.isDict()) return bi;
  std::string ft;
  std::optional<int> ff;
  std::vector<std::string> parts;
  bool have_value = false;
  {
    // Most widgets name their field type themselves: no need to climb.
    Object own = annot.dictLookup("FT");
    if (own.isName() && !own.isName("Btn")) return bi;
  }
  Object cur = annot.copy();
  for (int depth = 0; depth < 32 && cur.isDict(); ++depth) {
    if (ft.empty()) {
      Object o = cur.dictLookup("FT");
      if (o.isName()) ft = o.getName();
    }
    if (!ff) {
      Object o = cur.dictLookup("Ff");
      if (o.isInt()) ff = o.getInt();
    }
    if (!have_value) {
      Object o = cur.dictLookup("V");
      if (o.isName()) {
        bi.value = o.getName();
        have_value = true;
      }
    }
    Object t = cur.dictLookup("T");
    if (t.isString()) parts.push_back(text_string(t.getString()));
    cur = cur.dictLookup("Parent");
  }
  if (ft != "Btn") return bi;
  const int flags = ff.value_or(0);
  bi.kind = (flags & (1 << 16)) ? ButtonKind::Push : (flags & (1 << 15)) ? ButtonKind::Radio : ButtonKind::Check;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) bi.name += (bi.name.empty() ? "" : ".") + *it;
  Object ap = annot.dictLookup("AP");
  if (ap.isDict()) {
    Object n = ap.dictLookup("N");
    if (n.isDict())
      for (int i = 0; i < n.dictGetLength(); ++i)
        if (std::string_view(n.dictGetKey(i)) != "Off") bi.on_state = n.dictGetKey(i);
  }
  return bi;
}

bool is_toggle(const ButtonInfo& bi) { return bi.kind == ButtonKind::Check || bi.kind == ButtonKind::Radio; }

// ---- the output device -------------------------------------------------------

class PassDev final : public TextOutputDev {
 public:
  PassDev(const CheckGlyphs* glyphs, std::size_t max_pieces)
      : TextOutputDev(nullptr, false, 0, /*rawOrder=*/true, false), glyphs_(glyphs), shapes_(max_pieces) {
    if (glyphs_ != nullptr && !glyphs_->unicode.empty()) min_unicode_ = glyphs_->unicode.begin()->first;
  }

  void startPage(int pageNum, GfxState* state, XRef* xref) override {
    TextOutputDev::startPage(pageNum, state, xref);
    width_ = state ? state->getPageWidth() : 0;
    height_ = state ? state->getPageHeight() : 0;
    if (state) std::copy(state->getCTM(), state->getCTM() + 6, ctm_);
    glyph_marks_.clear();
    word_fonts_.clear();
    buttons_.clear();
    last_font_ = nullptr;
    last_entry_ = nullptr;
    shapes_.reset();
  }

  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    collect(state, true);
  }
  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    collect(state, false);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    collect(state, false);
  }

  // Shadings (gradients, meshes) are backgrounds: claimed and skipped, so
  // Poppler does not cut them into thousands of little fills.
  bool useShadedFills(int type) override { return type >= 1 && type <= 7; }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return true; }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return true; }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return true; }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return true; }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return true; }

  // Images are never decoded. Inline image data must still be read past,
  // which the base class does.
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inlineImg) override {
    if (inlineImg) OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* colorMap,
                 bool interpolate, const int* maskColors, bool inlineImg) override {
    if (inlineImg) OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
  }
  void drawMaskedImage(GfxState*, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*, int, int, bool,
                       bool) override {}
  void drawSoftMaskedImage(GfxState*, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*, int, int,
                           GfxImageColorMap*, bool) override {}

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double originX, double originY,
                CharCode c, int nBytes, const Unicode* u, int uLen) override {
    if (glyphs_ != nullptr && take_glyph(state, x, y, dx, dy, c, nBytes, u, uLen)) {
      TextOutputDev::incCharCount(nBytes);
      return;
    }
    TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, c, nBytes, u, uLen);
  }

  // After displayPage: everything the page drew.
  RawPage take_page(int number, Page* page) {
    RawPage out;
    out.number = number;
    out.width = width_;
    out.height = height_;
    std::unique_ptr<TextWordList> list = makeWordList();
    const int n = list ? list->getLength() : 0;
    out.words.reserve(static_cast<std::size_t>(n));
    const TextWord* prev = nullptr;
    for (int i = 0; i < n; ++i) {
      TextWord* w = list->get(i);
      const int len = w ? w->getLength() : 0;
      if (len <= 0) continue;
      if (prev != nullptr) out.words.back().space_after = space_between(prev, w);
      prev = w;
      RawWord rw;
      w->getBBox(&rw.box.x0, &rw.box.y0, &rw.box.x1, &rw.box.y1);
      rw.font = word_font(w->getFontInfo(0));
      rw.font_size = w->getFontSize();
      rw.space_after = w->getSpaceAfter();
      rw.char_boxes.reserve(static_cast<std::size_t>(len));
      for (int k = 0; k < len; ++k) {
        utf8::append(rw.text, clean_cp(*w->getChar(k)));
        BBox b;
        w->getCharBBox(k, &b.x0, &b.y0, &b.x1, &b.y1);
        rw.char_boxes.push_back(b);
      }
      out.words.push_back(std::move(rw));
    }
    out.marks = std::move(glyph_marks_);
    glyph_marks_.clear();
    shapes_.finish(out.words, out.marks, out.rulings);
    if (page != nullptr) add_form_marks(page, out.marks);
    drop_marks_under_forms(out.marks);
    return out;
  }

 private:
  struct FontEntry {
    std::string name;  // clean name ("Wingdings 2")
    std::string key;   // the glyph table's key when it is a symbol font there
    bool cid = false;
  };

  // The font drawn last, still the same object: a freed font's address can
  // come back for another one, so its object number is compared too.
  bool same_as_last(const GfxFont* font) const {
    if (font != last_font_ || last_entry_ == nullptr) return false;
    if (font == nullptr) return true;
    const Ref* id = font->getID();
    return id->num == last_ref_.num && id->gen == last_ref_.gen;
  }

  const FontEntry& font_entry(const GfxFont* font) {
    if (same_as_last(font)) return *last_entry_;
    const Ref* id = font ? font->getID() : nullptr;
    const std::string* name = (font && font->getName()) ? &*font->getName() : nullptr;
    // Fonts are keyed by object and name: a direct font dictionary has no
    // object number of its own.
    std::string k = (id ? std::to_string(id->num) + " " + std::to_string(id->gen) : std::string("-")) + "/" +
                    (name ? *name : std::string());
    auto it = fonts_.find(k);
    if (it == fonts_.end()) {
      FontEntry e;
      if (name) e.name = clean_font_name(*name);
      e.key = glyphs_->symbol_font_key(e.name);
      e.cid = font && font->isCIDFont();
      it = fonts_.emplace(std::move(k), std::move(e)).first;
    }
    last_font_ = font;
    last_ref_ = id ? *id : Ref::INVALID();
    last_entry_ = &it->second;
    return it->second;
  }

  // A check box character: becomes a mark and stays out of the text.
  bool take_glyph(GfxState* state, double x, double y, double dx, double dy, CharCode c, int nBytes,
                  const Unicode* u, int uLen) {
    if (uLen > 1) return false;  // a ligature is text
    const GfxFont* font = state->getFont().get();
    const char32_t cp = uLen == 1 ? clean_cp(u[0]) : 0;
    // Fast path: ordinary text in an ordinary font.
    if (cp != 0 && cp < min_unicode_ && cp < 0xF000 && same_as_last(font) && last_entry_->key.empty()) return false;
    const FontEntry& fe = font_entry(font);
    std::optional<bool> hit;
    char32_t code = cp;
    bool symbolic = false;
    if (!fe.key.empty()) {
      if (uLen == 1) hit = glyphs_->lookup(fe.key, cp);
      // No Unicode for the glyph, or one the table does not know: a simple
      // symbol font's character code is the symbol code.
      if (!hit && !fe.cid && c < 0x100) {
        hit = glyphs_->lookup(fe.key, static_cast<char32_t>(c));
        if (hit) code = static_cast<char32_t>(c);
      }
      if (hit) {
        char32_t pua = code < 0x100 ? (code | 0xF000) : code;
        symbolic = glyphs_->symbol.count({fe.key, pua}) > 0;
        if (symbolic) code = pua;
      }
    } else if (uLen == 1) {
      if (cp >= 0xF000 && cp <= 0xF0FF) {
        hit = glyphs_->lookup_any_symbol(cp);
        symbolic = hit.has_value();
      }
      if (!hit && cp >= min_unicode_) {
        auto it = glyphs_->unicode.find(cp);
        if (it != glyphs_->unicode.end()) hit = it->second;
      }
    }
    if (!hit) return false;
    RawMark m;
    m.box = glyph_box(state, x, y, dx, dy, c, nBytes);
    m.checked = *hit;
    m.source = MarkSource::Glyph;
    m.encoding = symbolic ? "sym " + (fe.name.empty() ? std::string("?") : fe.name) + " " + hex4(code)
                          : "glyph U+" + hex4(code);
    glyph_marks_.push_back(std::move(m));
    return true;
  }

  // The box TextPage would give the character: advance by ascent..descent.
  static BBox glyph_box(GfxState* state, double x, double y, double dx, double dy, CharCode c, int nBytes) {
    const GfxFont* font = state->getFont().get();
    double asc = font ? font->getAscent() : 0.95, desc = font ? font->getDescent() : -0.35;
    asc = std::clamp(asc, 0.5, 1.2);
    desc = std::clamp(desc, -0.6, 0.0);
    const double fs = state->getTransformedFontSize();
    double sp = state->getCharSpace();
    if (c == 0x20 && nBytes == 1) sp += state->getWordSpace();
    double sx, sy, x1, y1, w1, h1, ux, uy, vx, vy;
    state->textTransformDelta(sp * state->getHorizScaling(), 0, &sx, &sy);
    state->transform(x, y, &x1, &y1);
    state->transformDelta(dx - sx, dy - sy, &w1, &h1);
    // The glyph's "up" on the page (any rotation), one font size long.
    state->textTransformDelta(0, 1, &ux, &uy);
    state->transformDelta(ux, uy, &vx, &vy);
    const double ulen = std::hypot(vx, vy);
    if (ulen > 0) {
      vx = vx / ulen * fs;
      vy = vy / ulen * fs;
    } else {
      vx = 0;
      vy = -fs;
    }
    if (std::hypot(w1, h1) < 0.1 * fs) {
      // No advance (a combining mark such as U+20DE, which encloses the
      // character before it): a square about the origin, across "up".
      const double half = 0.35 * (asc - desc);
      w1 = -vy * 2 * half;
      h1 = vx * 2 * half;
      x1 -= w1 / 2;
      y1 -= h1 / 2;
    }
    BBox b{x1, y1, x1, y1};
    for (double a : {0.0, 1.0})
      for (double t : {desc, asc}) {
        const double px = x1 + a * w1 + t * vx, py = y1 + a * h1 + t * vy;
        b = {std::min(b.x0, px), std::min(b.y0, py), std::max(b.x1, px), std::max(b.y1, py)};
      }
    return b;
  }

  // The rule `pdftotext -raw` uses (raw order sets no spaceAfter of its
  // own): the next word sits on the same baseline, after this one, at least
  // 0.15 em away.
  static bool space_between(const TextWord* a, const TextWord* b) {
    if (a->getRotation() != b->getRotation()) return false;
    const double fs = a->getFontSize();
    if (std::abs(b->getBaseline() - a->getBaseline()) >= 0.5 * fs) return false;
    double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1;
    a->getBBox(&ax0, &ay0, &ax1, &ay1);
    b->getBBox(&bx0, &by0, &bx1, &by1);
    double gap;
    switch (a->getRotation()) {
      case 1: gap = by0 - ay1; break;
      case 2: gap = ax0 - bx1; break;
      case 3: gap = ay0 - by1; break;
      default: gap = bx0 - ax1; break;
    }
    return gap > 0.15 * fs;
  }

  // A form field's widget is the live state: a frame or glyph the producer
  // also drew under it (LibreOffice draws an empty frame) is dropped.
  static void drop_marks_under_forms(std::vector<RawMark>& marks) {
    auto area = [](const BBox& b) { return std::max(0.0, b.x1 - b.x0) * std::max(0.0, b.y1 - b.y0); };
    std::vector<BBox> forms;
    for (const RawMark& m : marks)
      if (m.source == MarkSource::Form) forms.push_back(m.box);
    if (forms.empty()) return;
    marks.erase(std::remove_if(marks.begin(), marks.end(),
                               [&](const RawMark& m) {
                                 if (m.source == MarkSource::Form) return false;
                                 for (const BBox& f : forms) {
                                   BBox i{std::max(f.x0, m.box.x0), std::max(f.y0, m.box.y0),
                                          std::min(f.x1, m.box.x1), std::min(f.y1, m.box.y1)};
                                   if (i.x1 > i.x0 && i.y1 > i.y0 &&
                                       area(i) >= 0.5 * std::min(area(f), area(m.box)))
                                     return true;
                                 }
                                 return false;
                               }),
                marks.end());
  }

  const std::string& word_font(const TextFontInfo* info) {
    static const std::string kNone;
    if (info == nullptr) return kNone;
    auto it = word_fonts_.find(info);
    if (it == word_fonts_.end()) {
      const GooString* n = info->getFontName();
      it = word_fonts_.emplace(info, n ? clean_font_name(n->toStr()) : std::string()).first;
    }
    return it->second;
  }

  void collect(GfxState* state, bool stroke) {
    const GfxPath* path = state->getPath();
    if (path == nullptr || path->getNumSubpaths() == 0) return;
    GfxRGB rgb;
    double opacity;
    if (stroke) {
      state->getStrokeRGB(&rgb);
      opacity = state->getStrokeOpacity();
    } else {
      state->getFillRGB(&rgb);
      opacity = state->getFillOpacity();
    }
    if (opacity < 0.1) return;
    const bool light = colToDbl(rgb.r) > 0.9 && colToDbl(rgb.g) > 0.9 && colToDbl(rgb.b) > 0.9;
    if (stroke && light) return;  // a white line shows nothing
    const int n = path->getNumSubpaths();
    buf_.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      const GfxSubpath* sp = path->getSubpath(i);
      detail::Subpath& out = buf_[static_cast<std::size_t>(i)];
      const int m = sp->getNumPoints();
      out.pts.resize(static_cast<std::size_t>(m));
      out.curve.resize(static_cast<std::size_t>(m));
      out.closed = sp->isClosed();
      for (int k = 0; k < m; ++k) {
        detail::Pt& p = out.pts[static_cast<std::size_t>(k)];
        state->transform(sp->getX(k), sp->getY(k), &p.x, &p.y);
        out.curve[static_cast<std::size_t>(k)] = sp->getCurve(k);
      }
    }
    if (stroke)
      shapes_.add_stroke(buf_, state->getTransformedLineWidth());
    else
      shapes_.add_fill(buf_, light);
  }

  void add_form_marks(Page* page, std::vector<RawMark>& marks) {
    Annots* annots = page->getAnnots();
    if (annots == nullptr) return;
    for (Annot* a : annots->getAnnots()) {
      if (a == nullptr || a->getType() != Annot::typeWidget) continue;
      if (a->getFlags() & (Annot::flagHidden | Annot::flagNoView)) continue;
      const ButtonInfo& bi = button(a);
      if (!is_toggle(bi)) continue;
      const GooString* as = a->getAppearState();
      bool checked;
      if (as != nullptr && as->getLength() > 0)
        checked = as->cmp("Off") != 0;
      else
        checked = !bi.value.empty() && bi.value != "Off" && (bi.on_state.empty() || bi.value == bi.on_state);
      double x1, y1, x2, y2;
      a->getRect(&x1, &y1, &x2, &y2);
      RawMark m;
      m.box = device_box(x1, y1, x2, y2);
      m.checked = checked;
      m.source = MarkSource::Form;
      m.encoding = std::string(bi.kind == ButtonKind::Radio ? "acroform radio " : "acroform ") +
                   (bi.name.empty() ? std::string("?") : bi.name);
      marks.push_back(std::move(m));
    }
  }

  // A widget's field attributes, read once per page (the decision to draw
  // it and its mark both need them; reading climbs /Parent objects).
  const ButtonInfo& button(Annot* a) {
    const Ref r = a->getRef();
    if (r.num < 0) return loose_button_ = button_info(a->getAnnotObj());
    auto it = buttons_.find({r.num, r.gen});
    if (it == buttons_.end()) it = buttons_.emplace(std::make_pair(r.num, r.gen), button_info(a->getAnnotObj())).first;
    return it->second;
  }

 public:
  // Check box and radio widgets become marks; their appearance streams (a
  // ZapfDingbats tick, a frame) are not drawn. Every other annotation is,
  // when it has an appearance stream.
  static bool draw_annotation(Annot* annot, void* data) {
    if (annot == nullptr) return false;
    // Only appearances the file draws itself: without one, Poppler lays out
    // an appearance of its own (free text, fields), and a hostile annotation
    // keeps that layout busy for minutes (a fuzzed FreeText did).
    if (annot->getAppearance().isNull()) return false;
    if (annot->getType() != Annot::typeWidget) return true;
    return !is_toggle(static_cast<PassDev*>(data)->button(annot));
  }

 private:
  BBox device_box(double x1, double y1, double x2, double y2) const {
    auto tx = [&](double x, double y) { return ctm_[0] * x + ctm_[2] * y + ctm_[4]; };
    auto ty = [&](double x, double y) { return ctm_[1] * x + ctm_[3] * y + ctm_[5]; };
    double xs[4] = {tx(x1, y1), tx(x2, y1), tx(x1, y2), tx(x2, y2)};
    double ys[4] = {ty(x1, y1), ty(x2, y1), ty(x1, y2), ty(x2, y2)};
    return {*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
            *std::max_element(ys, ys + 4)};
  }

  const CheckGlyphs* glyphs_;
  char32_t min_unicode_ = 0x10FFFF;
  detail::ShapeCollector shapes_;
  std::vector<detail::Subpath> buf_;
  std::vector<RawMark> glyph_marks_;
  std::unordered_map<std::string, FontEntry> fonts_;
  const GfxFont* last_font_ = nullptr;
  Ref last_ref_ = Ref::INVALID();
  const FontEntry* last_entry_ = nullptr;
  std::unordered_map<const TextFontInfo*, std::string> word_fonts_;
  std::map<std::pair<int, int>, ButtonInfo> buttons_;
  ButtonInfo loose_button_;
  double width_ = 0, height_ = 0;
  double ctm_[6] = {1, 0, 0, 1, 0, 0};
};

// One page through one PassDev. Poppler asks `spent` every 11 operators or
// so while it interprets the page: counting the calls bounds the operators a
// page may run.
class PageReader {
 public:
  PageReader(PDFDoc* doc, const ReaderOptions& opts)
      : doc_(doc), opts_(opts), dev_(opts.glyphs, static_cast<std::size_t>(std::max(1000, opts.limits.max_pdf_paths_per_page))) {
    max_checks_ = std::max(1000L, opts.limits.max_pdf_ops_per_page / 11);
  }
  RawPage read(int n) {
    Page* page = doc_->getPage(n);
    if (page == nullptr || !page->isOk()) {
      RawPage empty;
      empty.number = n;
      return empty;
    }
    checks_ = 0;
    doc_->displayPage(&dev_, n, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false, /*printing=*/false,
                      &PageReader::spent, this, &PassDev::draw_annotation, &dev_);
    RawPage raw = dev_.take_page(n, page);
    if (checks_ > max_checks_)
      raw.notes.push_back("the page was read only up to its first " + std::to_string(opts_.limits.max_pdf_ops_per_page) +
                          " content operators (max_pdf_ops_per_page); the rest was not read");
    return raw;
  }

 private:
  static bool spent(void* self) {
    auto* r = static_cast<PageReader*>(self);
    return ++r->checks_ > r->max_checks_;
  }
  PDFDoc* doc_;
  const ReaderOptions& opts_;
  PassDev dev_;
  long checks_ = 0, max_checks_ = 0;
};

// Pages read by `threads` threads, each with a PDFDoc of its own (Poppler's
// documents are not shared between threads; separate ones are its supported
// way to go parallel), and delivered to on_page in page order. The calling
// thread is one of the readers: between its own pages it delivers the pages
// that are ready, so `threads` threads are busy, not one more. Page 1 is
// read alone first: Poppler builds process-wide colour profiles lazily,
// unguarded, on its first page (GfxState), and two threads must not race
// there. No page is read more than `window` pages ahead of delivery, so
// memory stays bounded as in the one-thread pass.
void read_parallel(const std::string& path, PDFDoc* doc, int pages, int threads, const ReaderOptions& opts,
                   const std::function<void(RawPage&&)>& on_page, PassInfo* info) {
  auto deliver = [&](RawPage&& raw) {
    if (!raw.words.empty()) info->any_text = true;
    on_page(std::move(raw));
  };
  const int window = 4 * threads;
  std::mutex mu;
  std::condition_variable cv;
  int next = 2, delivered = 1;
  bool stop = false, warm = false;
  std::map<int, RawPage> ready;
  std::string failure;
  auto work = [&] {
    MessageScope scope;  // Poppler's messages are collected per thread
    try {
      // Opening (the cross-reference table, the catalog) overlaps page 1.
      auto own = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
      if (!own->isOk()) return;  // the other readers do its share
      PageReader reader(own.get(), opts);
      for (;;) {
        int n;
        {
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return stop || (warm && (next > pages || next <= delivered + window)); });
          if (stop || next > pages) return;
          n = next++;
        }
        RawPage raw = reader.read(n);
        {
          std::lock_guard<std::mutex> lock(mu);
          ready.emplace(n, std::move(raw));
        }
        cv.notify_all();
      }
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mu);
      if (failure.empty()) failure = e.what();
      stop = true;
      cv.notify_all();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (failure.empty()) failure = "unknown exception";
      stop = true;
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  struct Joiner {  // stops and joins the readers on every way out
    std::vector<std::thread>& pool;
    std::mutex& mu;
    std::condition_variable& cv;
    bool& stop;
    ~Joiner() {
      {
        std::lock_guard<std::mutex> lock(mu);
        stop = true;
      }
      cv.notify_all();
      for (std::thread& t : pool) t.join();
    }
  } joiner{pool, mu, cv, stop};
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  PageReader mine(doc, opts);
  RawPage first = mine.read(1);
  {
    std::lock_guard<std::mutex> lock(mu);
    warm = true;
  }
  cv.notify_all();
  deliver(std::move(first));
  for (int due = 2; due <= pages;) {
    RawPage raw;
    int to_read = 0;
    {
      std::unique_lock<std::mutex> lock(mu);
      for (;;) {
        if (auto it = ready.find(due); it != ready.end()) {
          raw = std::move(it->second);
          ready.erase(it);
          delivered = due;
          break;
        }
        // A reader failed: the pages it held will not come.
        if (stop) throw std::runtime_error(failure.empty() ? "page reader stopped" : failure);
        if (next <= pages && next <= delivered + window) {
          to_read = next++;
          break;
        }
        cv.wait(lock);
      }
    }
    if (to_read == 0) {
      cv.notify_all();  // the window moved on
      deliver(std::move(raw));
      ++due;
      continue;
    }
    RawPage page = mine.read(to_read);
    {
      std::lock_guard<std::mutex> lock(mu);
      ready.emplace(to_read, std::move(page));
    }
  }
}

Result<PassInfo> run(const std::string& path, const ReaderOptions& opts,
                     const std::function<void(RawPage&&)>& on_page) {
  if (auto e = itax::detail::check_input_file(path, opts.limits)) return *e;
  init_poppler();
  MessageScope scope;
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
  if (!doc->isOk()) {
    const int code = doc->getErrorCode();
    std::string why = scope.summary();
    if (code == errEncrypted)
      return make_error("encrypted", path + ": the PDF is encrypted and needs a password to open");
    if (code == errOpenFile || code == errFileIO)
      return make_error("unreadable", path + ": " + error_code_meaning(code) + (why.empty() ? "" : ": " + why));
    return make_error("bad_pdf", path + ": not a readable PDF (Poppler error " + std::to_string(code) + ": " +
                                     error_code_meaning(code) + (why.empty() ? "" : "; " + why) + ")");
  }
  const int pages = doc->getNumPages();
  if (pages <= 0) {
    std::string why = scope.summary();
    return make_error("bad_pdf", path + ": the PDF has no pages" + (why.empty() ? "" : " (" + why + ")"));
  }
  if (pages > opts.limits.max_pdf_pages)
    return make_error("too_many_pages", path + ": " + std::to_string(pages) + " pages, over the limit of " +
                                            std::to_string(opts.limits.max_pdf_pages));
  PassInfo info;
  info.pages = pages;
  // A second document costs its opening; below a few pages per thread it
  // does not pay.
  const int threads = std::min(opts.page_threads, pages / kMinPagesPerThread);
  if (threads > 1) {
    read_parallel(path, doc.get(), pages, threads, opts, on_page, &info);
    return info;
  }
  PageReader reader(doc.get(), opts);
  for (int n = 1; n <= pages; ++n) {
    RawPage raw = reader.read(n);
    if (!raw.words.empty()) info.any_text = true;
    on_page(std::move(raw));
  }
  return info;
}

}  // namespace

Result<PassInfo> run_graphics_pass(const std::string& path, const ReaderOptions& opts,
                                   const std::function<void(RawPage&&)>& on_page) {
  try {
    return run(path, opts, on_page);
  } catch (const std::exception& e) {
    return make_error("internal", path + ": PDF graphics pass failed: " + e.what());
  } catch (...) {
    return make_error("internal", path + ": PDF graphics pass failed");
  }
}

}  // namespace itax::pdf

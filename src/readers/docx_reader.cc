// DOCX reader: streams word/document.xml (and the header/footer parts) out of
// the zip through libxml2's xmlTextReader, in one pass, into the document
// model. No DOM is built and no part is held in memory whole.
//
// Safety: zip sizes are bounded by ReaderLimits (see zip_archive.h); the XML
// is parsed without network access, without DTD loading and without entity
// substitution, and any DOCTYPE is refused (Word never writes one): a scan of
// the prolog refuses it before libxml2 sees a byte of it, and the DOCTYPE
// node is refused again should it get through. libxml2 prints nothing; its
// messages end up in the Error.
//
// Reading choices:
//  - text boxes (w:txbxContent) become paragraphs placed right after the
//    paragraph that anchors them, in the same container;
//  - mc:AlternateContent: the first mc:Choice is read, later Choices and the
//    Fallback are skipped (a Fallback is read only when there is no Choice);
//  - locators: body paragraphs are "paragraph N", N counting every w:p of the
//    part in document order (table and text box paragraphs included);
//    paragraphs in tables are "table T row R cell C paragraph P"; header and
//    footer locators start with the part name ("header1 paragraph 2").
//    Table numbers run on from the body into the headers and footers.
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "readers/input_file.h"
#include "readers/reader.h"
#include "readers/zip_archive.h"

namespace itax {
namespace {

using detail::ZipArchive;
using detail::ZipEntryInfo;
using detail::ZipEntryStream;

// --- small helpers ----------------------------------------------------------

std::string hex4(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
  return buf;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one code point of (already validated) UTF-8 at s[i]; advances i.
char32_t next_cp(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  char32_t cp = len == 4 ? (c & 0x07) : len == 3 ? (c & 0x0F) : len == 2 ? (c & 0x1F) : c;
  std::size_t end = std::min(s.size(), i + static_cast<std::size_t>(len));
  for (std::size_t k = i + 1; k < end; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
  i = end;
  return cp;
}

// ST_OnOff: absent or empty means on; "0", "false", "off" mean off.
bool on_off(const std::optional<std::string>& v) {
  if (!v || v->empty()) return true;
  return !(*v == "0" || *v == "false" || *v == "off");
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// libxml2's message on one line.
std::string trim_message(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  for (std::size_t i; (i = s.find('\n')) != std::string::npos;) s.replace(i, 1, "; ");
  return s;
}

void init_libxml_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// --- the prolog scan ----------------------------------------------------------

// Watches the bytes before the root element and trips on "<!" followed by
// anything but a comment: a DOCTYPE (or a stray declaration). It never
// buffers: one state byte carries over between chunks.
class PrologScan {
 public:
  // false: a declaration was found. Bytes after the prolog are ignored.
  bool feed(const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n && st_ != Done; ++i, ++off_) {
      unsigned char c = static_cast<unsigned char>(p[i]);
      switch (st_) {
        case Between:
          if (off_ < 3 && (c == 0xEF || c == 0xBB || c == 0xBF)) break;  // UTF-8 BOM
          if (c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
          st_ = c == '<' ? Lt : Done;
          break;
        case Lt: st_ = c == '?' ? Pi : c == '!' ? Bang : Done; break;
        case Pi: if (c == '?') st_ = PiQ; break;
        case PiQ: st_ = c == '>' ? Between : c == '?' ? PiQ : Pi; break;
        case Bang:
          if (c == '-') {
            st_ = BangDash;
          } else if (c == '[') {
            st_ = Done;  // CDATA before the root: libxml2 reports it
          } else {
            st_ = Done;
            return false;
          }
          break;
        case BangDash: st_ = c == '-' ? Comment : Done; break;
        case Comment: if (c == '-') st_ = Dash1; break;
        case Dash1: st_ = c == '-' ? Dash2 : Comment; break;
        case Dash2: st_ = c == '>' ? Between : c == '-' ? Dash2 : Comment; break;
        case Done: break;
      }
    }
    return true;
  }

 private:
  enum State : unsigned char { Between, Lt, Pi, PiQ, Bang, BangDash, Comment, Dash1, Dash2, Done };
  State st_ = Between;
  std::uint64_t off_ = 0;
};

// --- XmlStream: a safe xmlTextReader over one zip entry ------------------------

void quiet_generic(void*, const char*, ...) {}

class XmlStream {
 public:
  XmlStream(ZipEntryStream& in, std::string part) : in_(in), part_(std::move(part)) {
    // libxml2 keeps its error hooks per thread; route them here for as long
    // as this stream lives, so nothing reaches stderr.
    saved_serror_ = xmlStructuredError;
    saved_sctx_ = xmlStructuredErrorContext;
    saved_generic_ = xmlGenericError;
    saved_gctx_ = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(this, &XmlStream::on_error);
    xmlSetGenericErrorFunc(this, &quiet_generic);
  }
  ~XmlStream() {
    if (r_ != nullptr) xmlFreeTextReader(r_);
    xmlSetStructuredErrorFunc(saved_sctx_, saved_serror_);
    xmlSetGenericErrorFunc(saved_gctx_, saved_generic_);
  }
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  bool open() {
    int options = XML_PARSE_NONET;  // no NOENT, no DTDLOAD, no HUGE
    r_ = xmlReaderForIO(&XmlStream::io_read, &XmlStream::io_close, this, part_.c_str(), nullptr,
                        options);
    if (r_ == nullptr) {
      if (!fail_) fail_ = make_error("bad_xml", part_ + ": cannot start the XML parser");
      return false;
    }
    xmlTextReaderSetStructuredErrorHandler(r_, &XmlStream::on_error, this);
    return !fail_;
  }

  // 1: on a node; 0: end of the part; -1: failed (see error()).
  int next() {
    if (fail_) return -1;
    int ret = xmlTextReaderRead(r_);
    if (fail_) return -1;
    if (ret < 0) {
      fail_ = make_error("bad_xml", part_ + " line " + std::to_string(line()) + ": XML parse error");
      return -1;
    }
    if (ret == 1) {
      int t = xmlTextReaderNodeType(r_);
      if (t == XML_READER_TYPE_DOCUMENT_TYPE || t == XML_READER_TYPE_ENTITY ||
          t == XML_READER_TYPE_ENTITY_REFERENCE) {
        fail_ = make_error("xml_entities", part_ + " line " + std::to_string(line()) +
                                               ": DOCTYPE or entity found; documents with a DTD or "
                                               "entity declarations are refused");
        return -1;
      }
    }
    return ret;
  }

  void fail(Error e) {
    if (!fail_) fail_ = std::move(e);
  }
  const std::optional<Error>& error() const { return fail_; }
  xmlTextReaderPtr reader() const { return r_; }
  int line() const { return r_ ? xmlTextReaderGetParserLineNumber(r_) : 0; }
  const std::string& part() const { return part_; }

 private:
  static int io_read(void* ctx, char* buf, int len) {
    auto* self = static_cast<XmlStream*>(ctx);
    if (self->fail_) return -1;
    long n = self->in_.read(buf, len > 0 ? static_cast<std::size_t>(len) : 0);
    if (n < 0) {
      self->fail_ = *self->in_.error();
      return -1;
    }
    if (!self->scan_.feed(buf, static_cast<std::size_t>(n))) {
      self->fail_ = make_error("xml_entities", self->part_ +
                                                   ": has a DOCTYPE or markup declaration before the "
                                                   "root element; DTDs and entities are refused");
      return -1;
    }
    return static_cast<int>(n);
  }
  static int io_close(void*) { return 0; }

  static void on_error(void* ctx, xmlErrorPtr err) {
    auto* self = static_cast<XmlStream*>(ctx);
    if (err == nullptr || err->level < XML_ERR_ERROR || self->fail_) return;
    std::string msg = trim_message(err->message);
    std::string where = self->part_ + " line " + std::to_string(err->line > 0 ? err->line : self->line());
    if (msg.find("Excessive depth") != std::string::npos)
      self->fail_ = make_error("too_deep", where + ": elements nested deeper than libxml2's limit of " +
                                               std::to_string(xmlParserMaxDepth));
    else if (msg.find("Huge input lookup") != std::string::npos || msg.find("huge text node") != std::string::npos ||
             msg.find("too big") != std::string::npos || msg.find("too long") != std::string::npos)
      self->fail_ = make_error("too_large", where + ": one text, comment, attribute or name is longer than "
                                                    "libxml2's limit of " + std::to_string(XML_MAX_TEXT_LENGTH) +
                                                    " bytes (libxml2: " + msg + ")");
    else if (err->code == XML_ERR_ENTITY_LOOP || err->code == XML_ERR_ENTITY_BOUNDARY)
      self->fail_ = make_error("xml_entities", where + ": " + msg);
    else
      self->fail_ = make_error("bad_xml", where + ": " + msg);
  }

  ZipEntryStream& in_;
  std::string part_;
  xmlTextReaderPtr r_ = nullptr;
  PrologScan scan_;
  std::optional<Error> fail_;
  xmlStructuredErrorFunc saved_serror_;
  void* saved_sctx_;
  xmlGenericErrorFunc saved_generic_;
  void* saved_gctx_;
};

// --- element names --------------------------------------------------------------

enum class Ns : unsigned char { Other, W, W14, MC };

enum class Tag : unsigned char {
  Other,
  // w:
  P, PPr, PStyle, R, RPr, RFonts, T, Tab, PTab, Br, Cr, NoBreakHyphen, Sym, FldChar, InstrText,
  DelText, FfData, CheckBox, Default, Checked, Sdt, SdtPr, SdtContent, Del, MoveFrom, Tbl, Tr, TrPr,
  TblHeader, GridBefore, Tc, TcPr, GridSpan, VMerge, TxbxContent, Skip,
  // mc:
  AlternateContent, Choice, Fallback,
  // w14:
  W14Checkbox, W14Checked,
};

const std::unordered_map<std::string_view, Tag>& w_tags() {
  static const std::unordered_map<std::string_view, Tag> m = {
      {"p", Tag::P}, {"pPr", Tag::PPr}, {"pStyle", Tag::PStyle}, {"r", Tag::R},
      {"rPr", Tag::RPr}, {"rFonts", Tag::RFonts}, {"t", Tag::T}, {"tab", Tag::Tab},
      {"ptab", Tag::PTab}, {"br", Tag::Br}, {"cr", Tag::Cr}, {"noBreakHyphen", Tag::NoBreakHyphen},
      {"sym", Tag::Sym}, {"fldChar", Tag::FldChar}, {"instrText", Tag::InstrText},
      {"delText", Tag::DelText}, {"delInstrText", Tag::DelText}, {"ffData", Tag::FfData},
      {"checkBox", Tag::CheckBox}, {"default", Tag::Default}, {"checked", Tag::Checked},
      {"sdt", Tag::Sdt}, {"sdtPr", Tag::SdtPr}, {"sdtContent", Tag::SdtContent},
      {"del", Tag::Del}, {"moveFrom", Tag::MoveFrom}, {"tbl", Tag::Tbl}, {"tr", Tag::Tr},
      {"trPr", Tag::TrPr}, {"tblHeader", Tag::TblHeader}, {"gridBefore", Tag::GridBefore},
      {"tc", Tag::Tc}, {"tcPr", Tag::TcPr}, {"gridSpan", Tag::GridSpan}, {"vMerge", Tag::VMerge},
      {"txbxContent", Tag::TxbxContent},
      // Subtrees with nothing to read, or with old (revised-away) properties
      // that must not be taken for the current ones.
      {"sectPr", Tag::Skip}, {"tblPr", Tag::Skip}, {"tblGrid", Tag::Skip},
      {"pPrChange", Tag::Skip}, {"rPrChange", Tag::Skip}, {"sectPrChange", Tag::Skip},
      {"tblPrChange", Tag::Skip}, {"tblPrExChange", Tag::Skip}, {"trPrChange", Tag::Skip},
      {"tcPrChange", Tag::Skip}, {"tblGridChange", Tag::Skip}, {"numberingChange", Tag::Skip},
      {"rt", Tag::Skip},  // ruby (phonetic guide) text
  };
  return m;
}

// --- the builder ----------------------------------------------------------------------

enum class Act : unsigned char {
  None, Skip, Para, Run, TextBox, Table, Row, Cell, Sdt, SdtBoxContent, Alt
};

struct El {
  Tag tag;
  Act act;
};

struct FieldFrame {
  bool separated = false;
  bool ff_checkbox = false;  // w:ffData/w:checkBox seen
  std::optional<bool> ff_default, ff_checked;
  std::string instr;  // first bytes of the field code

  bool is_checkbox() const {
    if (ff_checkbox) return true;
    std::size_t i = instr.find_first_not_of(" \t");
    if (i == std::string::npos) return false;
    std::string_view w = std::string_view(instr).substr(i, 12);
    return lower_ascii(w) == "formcheckbox";
  }
};

struct Container {
  enum class Kind : unsigned char { Root, Cell, TextBox };
  Kind kind = Kind::Root;
  std::vector<Block> blocks;
  std::vector<FieldFrame> fields;  // complex fields open in this story
  bool fields_block = false;       // some open field hides its text
  std::string locator;             // Cell: "table T row R cell C"
  int paras = 0;                   // Cell: paragraphs started in it
};

struct ParaBuild {
  Paragraph para;
  std::size_t level = 0;     // index of its container
  std::vector<Block> after;  // text box content anchored here
};

// A symbol font of the run: its key in CheckGlyphs::symbol and its name as
// written (for the encoding label). Empty when the slot's font is no symbol
// font of the table.
struct SymFont {
  std::string key, name;
  bool empty() const { return key.empty(); }
  void clear() {
    key.clear();
    name.clear();
  }
};

// Symbol fonts of the current run. Which slot applies depends on the
// character: ASCII uses w:ascii, U+0080..U+00FF w:hAnsi, U+F0xx any.
struct RunFonts {
  SymFont ascii, hansi, any;
  bool has_ascii = false, has_hansi = false;
  void clear() {
    ascii.clear();
    hansi.clear();
    any.clear();
    has_ascii = has_hansi = false;
  }
};

struct TableBuild {
  Table table;
  Row row;
  Cell cell;
  bool in_row = false, in_cell = false;
  int rows = 0, cells = 0, grid = 0;
};

struct SdtFrame {
  bool checkbox = false;
  bool checked = false;
};

// Paragraphs, tables, rows, cells and inline pieces (text runs, check boxes)
// one document may make. A real ITA report makes a few thousand; without a
// cap, six bytes of XML ("<w:p/>", or "[X]" in a w:t) become some 300 bytes
// of model, so a part within the zip limits could take many gigabytes.
constexpr std::size_t kMaxDocxNodes = 1'000'000;
// Grid column reached by w:gridBefore and w:gridSpan sums (each clamped to 4096).
constexpr int kMaxGridColumn = 1 << 16;

class DocxBuilder {
 public:
  DocxBuilder(Document& doc, const ReaderOptions& opts) : doc_(doc), opts_(opts), glyphs_(opts.glyphs) {
    if (glyphs_ && !glyphs_->unicode.empty()) min_unicode_ = glyphs_->unicode.begin()->first;
  }

  // Parses one part into `out`; `prefix` starts every locator ("" for the body).
  std::optional<Error> parse_part(XmlStream& xs, std::vector<Block>& out, std::string prefix);

  void finish_notes();

 private:
  // reader access
  Ns ns_of(const xmlChar* uri);
  Tag tag_of();
  std::optional<std::string> attr(Ns ns, std::string_view local);

  Tag parent(std::size_t up = 0) const {
    return stack_.size() > up ? stack_[stack_.size() - 1 - up].tag : Tag::Other;
  }

  void on_start(Tag tag, bool empty);
  Act start(Tag tag);
  void finish(Tag tag, Act act);
  void on_text();

  // building
  Container& story() { return containers_.back(); }
  Paragraph* current_para() {
    if (paras_.empty() || paras_.back().level + 1 != containers_.size()) return nullptr;
    return &paras_.back().para;
  }
  bool emitting() const { return suppress_ == 0 && !containers_.back().fields_block; }
  void put_block(std::size_t level, Block&& b);
  void open_para();
  void close_para();
  void open_table();
  void close_table();
  void open_row();
  void close_row();
  void open_cell();
  void close_cell();
  void close_textbox();

  void add_text(Paragraph& p, std::string_view s);
  void add_box(Paragraph& p, bool checked, std::string encoding);
  bool count_nodes(std::size_t n = 1);
  void run_text(std::string_view s);
  void plain_text(std::string_view s);
  void on_sym();
  void on_fldchar();
  void on_rfonts();
  void recompute_fields_block(Container& c);
  const std::string& symbol_key(const std::string& name);
  void apply_marks(Paragraph& p);

  Document& doc_;
  const ReaderOptions& opts_;
  const CheckGlyphs* glyphs_;
  char32_t min_unicode_ = 0x110000;  // no glyph table entry below this

  xmlTextReaderPtr r_ = nullptr;
  XmlStream* xs_ = nullptr;
  std::string prefix_;

  std::vector<El> stack_;
  std::vector<Container> containers_;
  std::vector<ParaBuild> paras_;
  std::vector<TableBuild> tables_;
  std::vector<SdtFrame> sdts_;
  std::vector<bool> alts_;  // per open mc:AlternateContent: a branch was taken
  std::vector<RunFonts> run_fonts_;
  std::size_t run_depth_ = 0;
  int suppress_ = 0;         // > 0 inside a check box content control's content
  bool skip_counts_runs_ = false;
  bool skipping_ = false;
  int story_paras_ = 0;
  std::optional<CheckBox> pending_box_;  // content-control box waiting for a paragraph

  // (uri pointer, namespace) cache; libxml2 interns names per reader
  std::vector<std::pair<const xmlChar*, Ns>> ns_cache_;
  std::vector<std::pair<std::string, std::string>> font_cache_;  // name -> symbol key or ""
  std::string attr_buf_;

  // for the notes
  int tables_total_ = 0;
  int deleted_runs_ = 0;
  int textboxes_ = 0;
  int stray_text_ = 0;
  int unclosed_fields_ = 0;
  int dropped_boxes_ = 0;
  int alt_skipped_ = 0;
  std::size_t nodes_ = 0;  // model nodes made so far, all parts (kMaxDocxNodes)
};

Ns DocxBuilder::ns_of(const xmlChar* uri) {
  if (uri == nullptr) return Ns::Other;
  for (const auto& [p, ns] : ns_cache_)
    if (p == uri) return ns;
  const char* u = reinterpret_cast<const char*>(uri);
  Ns ns = Ns::Other;
  if (!std::strcmp(u, "http://schemas.openxmlformats.org/wordprocessingml/2006/main") ||
      !std::strcmp(u, "http://purl.oclc.org/ooxml/wordprocessingml/main"))
    ns = Ns::W;
  else if (!std::strcmp(u, "http://schemas.microsoft.com/office/word/2010/wordml"))
    ns = Ns::W14;
  else if (!std::strcmp(u, "http://schemas.openxmlformats.org/markup-compatibility/2006"))
    ns = Ns::MC;
  if (ns_cache_.size() >= 32) ns_cache_.erase(ns_cache_.begin());
  ns_cache_.emplace_back(uri, ns);
  return ns;
}

Tag DocxBuilder::tag_of() {
  Ns ns = ns_of(xmlTextReaderConstNamespaceUri(r_));
  if (ns == Ns::Other) return Tag::Other;
  const char* ln = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(r_));
  if (ln == nullptr) return Tag::Other;
  std::string_view name(ln);
  switch (ns) {
    case Ns::W: {
      const auto& m = w_tags();
      auto it = m.find(name);
      return it == m.end() ? Tag::Other : it->second;
    }
    case Ns::MC:
      if (name == "AlternateContent") return Tag::AlternateContent;
      if (name == "Choice") return Tag::Choice;
      if (name == "Fallback") return Tag::Fallback;
      return Tag::Other;
    case Ns::W14:
      if (name == "checkbox") return Tag::W14Checkbox;
      if (name == "checked") return Tag::W14Checked;
      return Tag::Other;
    default: return Tag::Other;
  }
}

std::optional<std::string> DocxBuilder::attr(Ns ns, std::string_view local) {
  std::optional<std::string> out;
  if (xmlTextReaderHasAttributes(r_) != 1) return out;
  while (xmlTextReaderMoveToNextAttribute(r_) == 1) {
    const char* ln = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(r_));
    if (ln == nullptr || local != ln) continue;
    if (ns_of(xmlTextReaderConstNamespaceUri(r_)) != ns) continue;
    const char* v = reinterpret_cast<const char*>(xmlTextReaderConstValue(r_));
    out.emplace(v ? v : "");
    break;
  }
  xmlTextReaderMoveToElement(r_);
  return out;
}

std::optional<Error> DocxBuilder::parse_part(XmlStream& xs, std::vector<Block>& out, std::string prefix) {
  xs_ = &xs;
  r_ = xs.reader();
  prefix_ = std::move(prefix);
  stack_.clear();
  containers_.clear();
  containers_.emplace_back();
  paras_.clear();
  tables_.clear();
  sdts_.clear();
  alts_.clear();
  run_depth_ = 0;
  suppress_ = 0;
  skipping_ = false;
  story_paras_ = 0;
  pending_box_.reset();
  ns_cache_.clear();

  const std::size_t max_depth = static_cast<std::size_t>(std::max(1, opts_.limits.max_xml_depth));
  int ret;
  while ((ret = xs.next()) == 1) {
    switch (xmlTextReaderNodeType(r_)) {
      case XML_READER_TYPE_ELEMENT: {
        bool empty = xmlTextReaderIsEmptyElement(r_) == 1;
        if (stack_.size() + 1 > max_depth) {
          xs.fail(make_error("too_deep", xs.part() + " line " + std::to_string(xs.line()) +
                                             ": elements nested deeper than " +
                                             std::to_string(max_depth)));
          break;
        }
        on_start(tag_of(), empty);
        break;
      }
      case XML_READER_TYPE_END_ELEMENT:
        if (!stack_.empty()) {
          El el = stack_.back();
          stack_.pop_back();
          if (skipping_) {
            if (el.act == Act::Skip) skipping_ = false;
          } else {
            finish(el.tag, el.act);
          }
        }
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (!skipping_) on_text();
        break;
      default: break;
    }
    if (xs.error()) break;
  }
  if (xs.error()) return xs.error();
  if (ret < 0) return make_error("bad_xml", xs.part() + ": XML parse error");

  // Well-formed XML closes everything; this only guards odd nesting.
  while (containers_.size() > 1) close_textbox();
  while (!paras_.empty()) close_para();
  if (xs.error()) return xs.error();  // closing may still reach kMaxDocxNodes
  unclosed_fields_ += static_cast<int>(containers_.back().fields.size());
  if (pending_box_) ++dropped_boxes_;
  for (Block& b : containers_.back().blocks) out.push_back(std::move(b));
  containers_.clear();
  return std::nullopt;
}

void DocxBuilder::on_start(Tag tag, bool empty) {
  if (skipping_) {
    if (tag == Tag::R && skip_counts_runs_) ++deleted_runs_;
    if (!empty) stack_.push_back({tag, Act::None});
    return;
  }
  Act act = start(tag);
  if (act == Act::Skip) {
    if (!empty) {
      skipping_ = true;
      stack_.push_back({tag, Act::Skip});
    }
    return;
  }
  if (empty)
    finish(tag, act);
  else
    stack_.push_back({tag, act});
}

Act DocxBuilder::start(Tag tag) {
  switch (tag) {
    case Tag::Other: return Act::None;
    case Tag::P: open_para(); return Act::Para;
    case Tag::PStyle:
      if (parent() == Tag::PPr && parent(1) == Tag::P && !paras_.empty())
        if (auto v = attr(Ns::W, "val")) paras_.back().para.style = std::move(*v);
      return Act::None;
    case Tag::R:
      if (run_fonts_.size() <= run_depth_) run_fonts_.emplace_back();
      run_fonts_[run_depth_++].clear();
      return Act::Run;
    case Tag::RFonts:
      if (parent() == Tag::RPr && parent(1) == Tag::R) on_rfonts();
      return Act::None;
    case Tag::Tab:
    case Tag::PTab:
      if (parent() == Tag::R) plain_text("\t");
      return Act::None;
    case Tag::Br:
    case Tag::Cr:
      if (parent() == Tag::R) plain_text("\n");
      return Act::None;
    case Tag::NoBreakHyphen:
      if (parent() == Tag::R) plain_text("-");
      return Act::None;
    case Tag::Sym:
      if (parent() == Tag::R) on_sym();
      return Act::None;
    case Tag::FldChar:
      if (parent() == Tag::R) on_fldchar();
      return Act::None;
    case Tag::CheckBox:
      if (parent() == Tag::FfData && parent(1) == Tag::FldChar && !story().fields.empty())
        story().fields.back().ff_checkbox = true;
      return Act::None;
    case Tag::Default:
    case Tag::Checked:
      if (parent() == Tag::CheckBox && parent(1) == Tag::FfData && !story().fields.empty()) {
        bool v = on_off(attr(Ns::W, "val"));
        if (tag == Tag::Default)
          story().fields.back().ff_default = v;
        else
          story().fields.back().ff_checked = v;
      }
      return Act::None;
    case Tag::Sdt: sdts_.emplace_back(); return Act::Sdt;
    case Tag::W14Checkbox:
      if (parent() == Tag::SdtPr && !sdts_.empty()) sdts_.back().checkbox = true;
      return Act::None;
    case Tag::W14Checked:
      if (parent() == Tag::W14Checkbox && !sdts_.empty()) sdts_.back().checked = on_off(attr(Ns::W14, "val"));
      return Act::None;
    case Tag::SdtContent:
      if (parent() == Tag::Sdt && !sdts_.empty() && sdts_.back().checkbox) {
        if (emitting()) {
          if (Paragraph* p = current_para()) {
            add_box(*p, sdts_.back().checked, "w14:checkbox");
          } else {
            CheckBox b;
            b.checked = sdts_.back().checked;
            b.encoding = "w14:checkbox";
            pending_box_ = std::move(b);
          }
        }
        ++suppress_;
        return Act::SdtBoxContent;
      }
      return Act::None;
    case Tag::Del:
    case Tag::MoveFrom:
      skip_counts_runs_ = true;
      return Act::Skip;
    case Tag::DelText:
    case Tag::Skip:
      skip_counts_runs_ = false;
      return Act::Skip;
    case Tag::Tbl: open_table(); return Act::Table;
    case Tag::Tr:
      if (tables_.empty()) return Act::None;
      open_row();
      return Act::Row;
    case Tag::TblHeader:
      if (parent() == Tag::TrPr && !tables_.empty() && tables_.back().in_row)
        tables_.back().row.repeat_header = on_off(attr(Ns::W, "val"));
      return Act::None;
    case Tag::GridBefore:
      if (parent() == Tag::TrPr && !tables_.empty() && tables_.back().in_row &&
          tables_.back().row.cells.empty() && !tables_.back().in_cell)
        if (auto v = attr(Ns::W, "val")) tables_.back().grid = std::clamp(std::atoi(v->c_str()), 0, 4096);
      return Act::None;
    case Tag::Tc:
      if (tables_.empty()) return Act::None;
      open_cell();
      return Act::Cell;
    case Tag::GridSpan:
      if (parent() == Tag::TcPr && !tables_.empty() && tables_.back().in_cell)
        if (auto v = attr(Ns::W, "val")) tables_.back().cell.grid_span = std::clamp(std::atoi(v->c_str()), 1, 4096);
      return Act::None;
    case Tag::VMerge:
      if (parent() == Tag::TcPr && !tables_.empty() && tables_.back().in_cell) {
        auto v = attr(Ns::W, "val");
        tables_.back().cell.vmerge_continue = !v || v->empty() || *v == "continue";
      }
      return Act::None;
    case Tag::TxbxContent: {
      Container c;
      c.kind = Container::Kind::TextBox;
      containers_.push_back(std::move(c));
      return Act::TextBox;
    }
    case Tag::AlternateContent: alts_.push_back(false); return Act::Alt;
    case Tag::Choice:
    case Tag::Fallback:
      if (parent() == Tag::AlternateContent && !alts_.empty()) {
        if (alts_.back()) {
          ++alt_skipped_;
          skip_counts_runs_ = false;
          return Act::Skip;
        }
        alts_.back() = true;
      }
      return Act::None;
    default: return Act::None;
  }
}

void DocxBuilder::finish(Tag, Act act) {
  switch (act) {
    case Act::Para: close_para(); break;
    case Act::Run:
      if (run_depth_ > 0) --run_depth_;
      break;
    case Act::TextBox: close_textbox(); break;
    case Act::Table: close_table(); break;
    case Act::Row: close_row(); break;
    case Act::Cell: close_cell(); break;
    case Act::Sdt:
      if (!sdts_.empty()) sdts_.pop_back();
      break;
    case Act::SdtBoxContent:
      if (suppress_ > 0) --suppress_;
      if (pending_box_) {
        ++dropped_boxes_;
        pending_box_.reset();
      }
      break;
    case Act::Alt:
      if (!alts_.empty()) alts_.pop_back();
      break;
    default: break;
  }
}

void DocxBuilder::on_text() {
  if (stack_.empty()) return;
  Tag top = stack_.back().tag;
  if (top != Tag::T && top != Tag::InstrText) return;
  const char* v = reinterpret_cast<const char*>(xmlTextReaderConstValue(r_));
  if (v == nullptr) return;
  std::string_view s(v);
  if (top == Tag::T) {
    if (parent(1) == Tag::R) run_text(s);
    return;
  }
  // w:instrText: keep the start of the field code, to spot FORMCHECKBOX
  if (parent(1) == Tag::R && !story().fields.empty()) {
    std::string& instr = story().fields.back().instr;
    if (instr.size() < 64) instr.append(s.substr(0, 64 - instr.size()));
  }
}

// --- blocks -----------------------------------------------------------------------

void DocxBuilder::put_block(std::size_t level, Block&& b) {
  if (!paras_.empty() && paras_.back().level == level)
    paras_.back().after.push_back(std::move(b));
  else
    containers_[level].blocks.push_back(std::move(b));
}

void DocxBuilder::open_para() {
  count_nodes();  // over the cap: the part fails once this element is done
  ParaBuild pb;
  pb.level = containers_.size() - 1;
  ++story_paras_;
  std::size_t i = pb.level;
  while (i > 0 && containers_[i].kind == Container::Kind::TextBox) --i;
  if (containers_[i].kind == Container::Kind::Cell)
    pb.para.where.locator = containers_[i].locator + " paragraph " + std::to_string(++containers_[i].paras);
  else
    pb.para.where.locator = prefix_ + "paragraph " + std::to_string(story_paras_);
  paras_.push_back(std::move(pb));
  if (pending_box_) {
    add_box(paras_.back().para, pending_box_->checked, pending_box_->encoding);
    pending_box_.reset();
  }
}

void DocxBuilder::close_para() {
  if (paras_.empty()) return;
  ParaBuild pb = std::move(paras_.back());
  paras_.pop_back();
  apply_marks(pb.para);
  for (Inline& in : pb.para.content)
    if (in.kind == Inline::Kind::Box) in.box.where = pb.para.where;
  Block b;
  b.node = std::move(pb.para);
  std::size_t level = std::min(pb.level, containers_.size() - 1);
  put_block(level, std::move(b));
  for (Block& a : pb.after) put_block(level, std::move(a));
}

void DocxBuilder::close_textbox() {
  if (containers_.size() < 2) return;
  // A paragraph left open inside the text box (malformed) is closed with it.
  while (!paras_.empty() && paras_.back().level + 1 == containers_.size()) close_para();
  Container c = std::move(containers_.back());
  containers_.pop_back();
  unclosed_fields_ += static_cast<int>(c.fields.size());
  ++textboxes_;
  for (Block& b : c.blocks) put_block(containers_.size() - 1, std::move(b));
}

void DocxBuilder::open_table() {
  if (static_cast<int>(tables_.size()) + 1 > opts_.limits.max_table_depth) {
    xs_->fail(make_error("too_deep", xs_->part() + " line " + std::to_string(xs_->line()) +
                                         ": tables nested deeper than " +
                                         std::to_string(opts_.limits.max_table_depth)));
    return;
  }
  count_nodes();
  TableBuild tb;
  tb.table.index = ++tables_total_;
  tb.table.where.locator = prefix_ + "table " + std::to_string(tb.table.index);
  tables_.push_back(std::move(tb));
}

void DocxBuilder::close_table() {
  if (tables_.empty()) return;
  if (tables_.back().in_row) close_row();
  TableBuild tb = std::move(tables_.back());
  tables_.pop_back();
  Block b;
  b.node = std::move(tb.table);
  put_block(containers_.size() - 1, std::move(b));
}

void DocxBuilder::open_row() {
  count_nodes();  // over the cap: the part fails once this element is done
  TableBuild& tb = tables_.back();
  if (tb.in_row) close_row();
  tb.row = Row{};
  tb.in_row = true;
  tb.cells = 0;
  tb.grid = 0;
  tb.row.where.locator = tb.table.where.locator + " row " + std::to_string(++tb.rows);
}

void DocxBuilder::close_row() {
  if (tables_.empty()) return;
  TableBuild& tb = tables_.back();
  if (!tb.in_row) return;
  tb.table.rows.push_back(std::move(tb.row));
  tb.row = Row{};
  tb.in_row = false;
}

void DocxBuilder::open_cell() {
  count_nodes();  // over the cap: the part fails once this element is done
  TableBuild& tb = tables_.back();
  if (!tb.in_row) open_row();
  tb.cell = Cell{};
  tb.in_cell = true;
  tb.cell.grid_col = tb.grid;
  tb.cell.where.locator = tb.row.where.locator + " cell " + std::to_string(++tb.cells);
  Container c;
  c.kind = Container::Kind::Cell;
  c.locator = tb.cell.where.locator;
  containers_.push_back(std::move(c));
}

void DocxBuilder::close_cell() {
  if (containers_.size() < 2 || containers_.back().kind != Container::Kind::Cell || tables_.empty())
    return;
  while (!paras_.empty() && paras_.back().level + 1 == containers_.size()) close_para();
  Container c = std::move(containers_.back());
  containers_.pop_back();
  unclosed_fields_ += static_cast<int>(c.fields.size());
  TableBuild& tb = tables_.back();
  tb.cell.blocks = std::move(c.blocks);
  // Bounded, so grid_col + grid_span never overflows an int however many
  // cells of w:gridSpan 4096 a row holds (Word's grid has at most 63 columns).
  tb.grid = std::min(tb.grid + tb.cell.grid_span, kMaxGridColumn);
  tb.row.cells.push_back(std::move(tb.cell));
  tb.cell = Cell{};
  tb.in_cell = false;
}

// --- inline content --------------------------------------------------------------------

// Counts n new model nodes; false (and the part failed with too_large) once
// the document holds more than kMaxDocxNodes.
bool DocxBuilder::count_nodes(std::size_t n) {
  nodes_ += n;
  if (nodes_ <= kMaxDocxNodes) return true;
  if (xs_ != nullptr && !xs_->error())
    xs_->fail(make_error("too_large", xs_->part() + " line " + std::to_string(xs_->line()) +
                                          ": the document holds more than " + std::to_string(kMaxDocxNodes) +
                                          " paragraphs, table cells and text pieces (a report has a few "
                                          "thousand); refused as too large"));
  return false;
}

void DocxBuilder::add_text(Paragraph& p, std::string_view s) {
  if (s.empty()) return;
  if (p.content.empty() || p.content.back().kind != Inline::Kind::Text) {
    if (!count_nodes()) return;
    p.content.emplace_back();
  }
  p.content.back().text.append(s);
}

void DocxBuilder::add_box(Paragraph& p, bool checked, std::string encoding) {
  if (!count_nodes()) return;
  Inline in;
  in.kind = Inline::Kind::Box;
  in.box.checked = checked;
  in.box.encoding = std::move(encoding);
  p.content.push_back(std::move(in));
}

void DocxBuilder::plain_text(std::string_view s) {
  if (!emitting()) return;
  if (Paragraph* p = current_para())
    add_text(*p, s);
  else
    ++stray_text_;
}

void DocxBuilder::run_text(std::string_view s) {
  if (!emitting()) return;
  Paragraph* p = current_para();
  if (p == nullptr) {
    ++stray_text_;
    return;
  }
  if (glyphs_ == nullptr || run_depth_ == 0) {
    add_text(*p, s);
    return;
  }
  const RunFonts& rf = run_fonts_[run_depth_ - 1];
  const bool any_symbol = !rf.any.empty();
  std::size_t i = 0, flushed = 0;
  while (i < s.size()) {
    std::size_t at = i;
    unsigned char c0 = static_cast<unsigned char>(s[i]);
    if (c0 < 0x80 && !any_symbol && c0 < min_unicode_) {  // fast path: plain ASCII
      ++i;
      continue;
    }
    char32_t cp = next_cp(s, i);
    const bool pua = cp >= 0xF000 && cp <= 0xF0FF;
    const SymFont* font = nullptr;
    if (any_symbol) {
      if (cp < 0x80)
        font = rf.has_ascii ? &rf.ascii : &rf.hansi;
      else if (cp < 0x100)
        font = rf.has_hansi ? &rf.hansi : &rf.ascii;
      else if (pua)
        font = &rf.any;
      if (font && font->empty()) font = nullptr;
    }
    if (font == nullptr && cp < min_unicode_ && !pua) continue;
    std::optional<bool> hit = glyphs_->lookup(font ? std::string_view(font->key) : std::string_view(), cp);
    bool from_symbol = font != nullptr && hit &&
                       glyphs_->symbol.count({font->key, cp < 0x100 ? (cp | 0xF000) : cp});
    // A symbol code in a run with no known symbol font (the font may come
    // from a style, which is not resolved): taken when the table's symbol
    // fonts agree on it.
    if (!hit && font == nullptr && pua) hit = glyphs_->lookup_any_symbol(cp);
    if (!hit) continue;
    add_text(*p, s.substr(flushed, at - flushed));
    flushed = i;
    add_box(*p, *hit, from_symbol ? "glyph " + font->name + " U+" + hex4(cp) : "glyph U+" + hex4(cp));
  }
  add_text(*p, s.substr(flushed));
}

void DocxBuilder::on_sym() {
  if (!emitting()) return;
  auto font = attr(Ns::W, "font");
  auto ch = attr(Ns::W, "char");
  if (!ch || ch->empty()) return;
  char* end = nullptr;
  unsigned long v = std::strtoul(ch->c_str(), &end, 16);
  if (end == ch->c_str() || *end != '\0' || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return;
  auto cp = static_cast<char32_t>(v);
  Paragraph* p = current_para();
  if (p == nullptr) {
    ++stray_text_;
    return;
  }
  std::string f = font.value_or("");
  if (glyphs_ != nullptr) {
    if (auto hit = glyphs_->lookup(f, cp)) {
      add_box(*p, *hit, "sym " + (f.empty() ? std::string("?") : f) + " " + hex4(cp));
      return;
    }
  }
  std::string u;
  append_utf8(u, cp);
  add_text(*p, u);
}

void DocxBuilder::on_rfonts() {
  if (glyphs_ == nullptr || run_depth_ == 0) return;
  RunFonts& rf = run_fonts_[run_depth_ - 1];
  if (xmlTextReaderHasAttributes(r_) != 1) return;
  while (xmlTextReaderMoveToNextAttribute(r_) == 1) {
    if (ns_of(xmlTextReaderConstNamespaceUri(r_)) != Ns::W) continue;
    const char* ln = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(r_));
    const char* v = reinterpret_cast<const char*>(xmlTextReaderConstValue(r_));
    if (ln == nullptr || v == nullptr) continue;
    std::string_view name(ln);
    bool is_ascii = name == "ascii", is_hansi = name == "hAnsi";
    if (!is_ascii && !is_hansi && name != "cs" && name != "eastAsia") continue;
    attr_buf_.assign(v);
    const std::string& key = symbol_key(attr_buf_);
    SymFont* slot = is_ascii ? &rf.ascii : is_hansi ? &rf.hansi : nullptr;
    if (is_ascii) rf.has_ascii = true;
    if (is_hansi) rf.has_hansi = true;
    if (slot) {
      slot->key = key;
      slot->name = key.empty() ? std::string() : attr_buf_;
    }
    if (!key.empty() && rf.any.empty()) {
      rf.any.key = key;
      rf.any.name = attr_buf_;
    }
  }
  xmlTextReaderMoveToElement(r_);
}

// The CheckGlyphs::symbol key for a font name ("" if no symbol font),
// cached: a document uses few fonts, and runs repeat them.
const std::string& DocxBuilder::symbol_key(const std::string& name) {
  for (const auto& [n, key] : font_cache_)
    if (n == name) return key;
  if (font_cache_.size() >= 64) font_cache_.erase(font_cache_.begin());
  font_cache_.emplace_back(name, glyphs_->symbol_font_key(name));
  return font_cache_.back().second;
}

void DocxBuilder::recompute_fields_block(Container& c) {
  c.fields_block = false;
  for (const FieldFrame& f : c.fields)
    if (!f.separated || f.is_checkbox()) c.fields_block = true;
}

void DocxBuilder::on_fldchar() {
  auto type = attr(Ns::W, "fldCharType");
  if (!type) return;
  Container& c = story();
  if (*type == "begin") {
    c.fields.emplace_back();
  } else if (*type == "separate") {
    if (!c.fields.empty()) c.fields.back().separated = true;
  } else if (*type == "end") {
    if (c.fields.empty()) return;
    FieldFrame f = std::move(c.fields.back());
    c.fields.pop_back();
    recompute_fields_block(c);
    if (f.is_checkbox() && emitting()) {
      if (Paragraph* p = current_para())
        add_box(*p, f.ff_checked.value_or(f.ff_default.value_or(false)), "formfield");
      else
        ++dropped_boxes_;
    }
  }
  recompute_fields_block(c);
}

// Plain-text marks ("[X]", "( )") in text inlines become boxes. Each mark's
// next occurrence is remembered and searched again only once passed, so a
// long text of many marks costs one scan per mark kind, not one per match.
void DocxBuilder::apply_marks(Paragraph& p) {
  if (glyphs_ == nullptr || glyphs_->marks.empty()) return;
  const auto& marks = glyphs_->marks;
  constexpr std::size_t npos = std::string::npos, unset = npos - 1;
  std::vector<std::size_t> next(marks.size());  // next occurrence of each mark, npos: none, unset: not searched
  auto reset = [&] { std::fill(next.begin(), next.end(), unset); };
  // The mark at the smallest position >= from (the longest one there).
  auto find_mark = [&](const std::string& s, std::size_t from, std::size_t& pos) -> const std::pair<std::string, bool>* {
    const std::pair<std::string, bool>* best = nullptr;
    for (std::size_t k = 0; k < marks.size(); ++k) {
      const auto& m = marks[k];
      if (m.first.empty()) continue;
      if (next[k] == unset || (next[k] != npos && next[k] < from)) next[k] = s.find(m.first, from);
      std::size_t at = next[k];
      if (at == npos) continue;
      if (!best || at < pos || (at == pos && m.first.size() > best->first.size())) {
        best = &m;
        pos = at;
      }
    }
    return best;
  };
  bool any = false;
  for (const Inline& in : p.content) {
    std::size_t pos = 0;
    reset();
    if (in.kind == Inline::Kind::Text && find_mark(in.text, 0, pos)) {
      any = true;
      break;
    }
  }
  if (!any) return;
  std::vector<Inline> out;
  out.reserve(p.content.size() + 4);
  bool full = false;  // kMaxDocxNodes reached: the rest is kept as it is
  for (Inline& in : p.content) {
    if (in.kind != Inline::Kind::Text || full) {
      out.push_back(std::move(in));
      continue;
    }
    std::size_t from = 0, pos = 0;
    reset();
    while (const auto* m = find_mark(in.text, from, pos)) {
      if (!count_nodes(2)) {
        full = true;
        break;
      }
      if (pos > from) {
        Inline t;
        t.text = in.text.substr(from, pos - from);
        out.push_back(std::move(t));
      }
      Inline b;
      b.kind = Inline::Kind::Box;
      b.box.checked = m->second;
      b.box.encoding = "mark " + m->first;
      out.push_back(std::move(b));
      from = pos + m->first.size();
    }
    if (from < in.text.size()) {
      Inline t;
      t.text = in.text.substr(from);
      out.push_back(std::move(t));
    }
  }
  p.content = std::move(out);
}

void DocxBuilder::finish_notes() {
  auto note = [&](int n, const char* one, const char* many) {
    if (n <= 0) return;
    doc_.notes.push_back(n == 1 ? std::string(one) : std::to_string(n) + " " + many);
  };
  note(deleted_runs_, "skipped 1 deleted or moved-away run (tracked changes)",
       "deleted or moved-away runs skipped (tracked changes)");
  note(textboxes_, "read 1 text box; its paragraphs follow the paragraph that anchors it",
       "text boxes read; their paragraphs follow the paragraphs that anchor them");
  note(stray_text_, "ignored 1 piece of text outside any paragraph", "pieces of text outside any paragraph ignored");
  note(unclosed_fields_, "1 field was never closed (its text may be missing)",
       "fields were never closed (their text may be missing)");
  note(dropped_boxes_, "dropped 1 check box found outside any paragraph",
       "check boxes outside any paragraph dropped");
}

// --- parts ------------------------------------------------------------------------------------

std::optional<Error> parse_entry(ZipArchive& za, const ZipEntryInfo& e, DocxBuilder& b,
                                 std::vector<Block>& out, std::string prefix) {
  auto s = za.open_entry(e);
  if (!s) return s.error();
  XmlStream xs(**s, e.name);
  if (!xs.open()) return xs.error();
  return b.parse_part(xs, out, std::move(prefix));
}

// Target of the officeDocument relationship in _rels/.rels, if any.
std::optional<std::string> main_part_from_rels(ZipArchive& za) {
  const ZipEntryInfo* rels = za.find("_rels/.rels");
  if (rels == nullptr) return std::nullopt;
  auto s = za.open_entry(*rels);
  if (!s) return std::nullopt;
  XmlStream xs(**s, rels->name);
  if (!xs.open()) return std::nullopt;
  xmlTextReaderPtr r = xs.reader();
  while (xs.next() == 1) {
    if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
    const char* ln = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(r));
    if (ln == nullptr || std::strcmp(ln, "Relationship") != 0) continue;
    xmlChar* type = xmlTextReaderGetAttribute(r, BAD_CAST "Type");
    xmlChar* target = xmlTextReaderGetAttribute(r, BAD_CAST "Target");
    std::optional<std::string> out;
    if (type && target) {
      std::string_view t(reinterpret_cast<const char*>(type));
      if (t.size() >= 15 && t.substr(t.size() - 15) == "/officeDocument") {
        std::string tg(reinterpret_cast<const char*>(target));
        while (!tg.empty() && tg.front() == '/') tg.erase(0, 1);
        out = tg;
      }
    }
    xmlFree(type);
    xmlFree(target);
    if (out) return out;
  }
  return std::nullopt;
}

// word/header3.xml -> ("header", 3); nullopt for other names.
std::optional<std::pair<int, long>> furniture_key(const std::string& name) {
  std::string_view n(name);
  if (n.size() < 5 + 4 || n.substr(0, 5) != "word/" || n.substr(n.size() - 4) != ".xml") return std::nullopt;
  std::string_view stem = n.substr(5, n.size() - 9);
  int kind;
  if (stem.substr(0, 6) == "header")
    kind = 0;
  else if (stem.substr(0, 6) == "footer")
    kind = 1;
  else
    return std::nullopt;
  std::string_view num = stem.substr(6);
  long v = 0;
  for (char c : num) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
    if (v > 1000000) return std::nullopt;
  }
  return std::make_pair(kind, v);
}

Result<Document> read_docx_impl(const std::string& path, const ReaderOptions& opts) {
  if (auto e = detail::check_input_file(path, opts.limits)) return *e;
  init_libxml_once();
  auto opened = ZipArchive::open(path, opts.limits);
  if (!opened) return opened.error();
  ZipArchive& za = **opened;

  const ZipEntryInfo* main = za.find("word/document.xml");
  std::string main_note;
  if (main == nullptr) {
    if (auto target = main_part_from_rels(za)) {
      main = za.find(*target);
      if (main) main_note = "the main part is " + main->name + " (from _rels/.rels)";
    }
  }
  if (main == nullptr)
    return make_error("not_docx", path + ": no word/document.xml, so not a Word document; the zip holds " +
                                      za.describe_entries());

  Document doc;
  doc.format = Format::Docx;
  doc.pages = 0;
  if (!main_note.empty()) doc.notes.push_back(main_note);
  DocxBuilder b(doc, opts);
  if (auto err = parse_entry(za, *main, b, doc.body, "")) return *err;

  std::vector<std::pair<std::pair<int, long>, const ZipEntryInfo*>> furniture;
  for (const ZipEntryInfo& e : za.entries())
    if (auto k = furniture_key(e.name)) furniture.emplace_back(*k, &e);
  std::sort(furniture.begin(), furniture.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second->name < b.second->name;
  });
  for (const auto& [key, e] : furniture) {
    std::string stem = e->name.substr(5, e->name.size() - 9);
    if (auto err = parse_entry(za, *e, b, doc.furniture, stem + " ")) return *err;
  }
  b.finish_notes();
  return doc;
}

}  // namespace

Result<Document> read_docx(const std::string& path, const ReaderOptions& opts) {
  try {
    Result<Document> r = read_docx_impl(path, opts);
    if (!r.ok() && r.error().message.compare(0, path.size(), path) != 0)
      return make_error(r.error().code, path + ": " + r.error().message);  // always name the file
    return r;
  } catch (const std::bad_alloc&) {
    return make_error("out_of_memory", path + ": ran out of memory while reading the DOCX");
  } catch (const std::exception& e) {
    return make_error("internal", path + ": unexpected failure while reading the DOCX: " + e.what());
  } catch (...) {
    return make_error("internal", path + ": unexpected failure while reading the DOCX");
  }
}

}  // namespace itax

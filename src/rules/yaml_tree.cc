#include "rules/yaml_tree.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <unordered_map>

#include <yaml.h>

namespace itax::yaml {

enum class Kind : std::uint8_t { Null, Scalar, Sequence, Map };

struct Tree {
  struct Item {
    Kind kind;
    Mark mark;
    std::string text;                    // scalars only
    std::uint32_t first = 0, count = 0;  // collections: their range of kids
  };
  std::vector<Item> items;
  // Children of each collection, contiguous; a map's alternate key, value.
  std::vector<std::uint32_t> kids;
  std::uint32_t root = 0;
};

namespace {

Mark mark_of(const yaml_mark_t& m) { return {static_cast<int>(m.line), static_cast<int>(m.column)}; }

std::string_view view(const yaml_char_t* s, size_t n) { return {reinterpret_cast<const char*>(s), n}; }
std::string str(const yaml_char_t* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

// yaml-cpp's null: only untagged plain scalars, so '' and "null" are strings.
bool null_spelling(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

[[noreturn]] void fail(const yaml_parser_t& p, std::string_view text) {
  if (p.error == YAML_MEMORY_ERROR) throw Error({}, "out of memory parsing YAML");
  if (p.error == YAML_READER_ERROR) {
    // Bad UTF-8 or a control character: libyaml gives only a byte offset.
    size_t at = std::min(p.problem_offset, text.size());
    int line = static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    throw Error({line, 0}, std::string(p.problem ? p.problem : "unreadable input") + " at byte " + std::to_string(at));
  }
  std::string msg = p.problem ? p.problem : "YAML syntax error";
  if (p.context)
    msg += std::string(" (") + p.context + " on line " + std::to_string(p.context_mark.line + 1) + ")";
  throw Error(mark_of(p.problem_mark), msg);
}

// yaml-cpp read numbers with an istream without skipws or a fixed base:
// 0x1F and 017 are hex and octal ints, trailing spaces are allowed.
bool read_int(const std::string& s, int& out) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 0);
  while (*end && std::isspace(static_cast<unsigned char>(*end))) ++end;
  if (*end || errno == ERANGE || v < INT32_MIN || v > INT32_MAX) return false;
  out = static_cast<int>(v);
  return true;
}

bool read_double(std::string_view s, double& out) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  // from_chars also takes inf, nan and hex digits, which the istream did not.
  size_t lead = !s.empty() && s[0] == '-';
  if (s.size() <= lead || !(std::isdigit(static_cast<unsigned char>(s[lead])) || s[lead] == '.')) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// yaml-cpp's booleans: y/n, yes/no, true/false, on/off in lower, upper or
// capitalised spelling.
bool read_bool(const std::string& s, bool& out) {
  if (s.empty()) return false;
  bool upper = std::all_of(s.begin() + 1, s.end(), [](unsigned char c) { return !std::islower(c); });
  bool lower = std::all_of(s.begin() + 1, s.end(), [](unsigned char c) { return !std::isupper(c); });
  if (!(upper && std::isupper(static_cast<unsigned char>(s[0]))) && !lower) return false;
  std::string l = s;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char* const kNames[][2] = {{"y", "n"}, {"yes", "no"}, {"true", "false"}, {"on", "off"}};
  for (const auto& [yes, no] : kNames) {
    if (l == yes) return out = true, true;
    if (l == no) return out = false, true;
  }
  return false;
}

}  // namespace

Node::Node(const Tree* tree, std::uint32_t index) : tree_(tree), index_(index), mark_(tree->items[index].mark) {}

bool Node::IsNull() const { return tree_ && tree_->items[index_].kind == Kind::Null; }
bool Node::IsScalar() const { return tree_ && tree_->items[index_].kind == Kind::Scalar; }
bool Node::IsSequence() const { return tree_ && tree_->items[index_].kind == Kind::Sequence; }
bool Node::IsMap() const { return tree_ && tree_->items[index_].kind == Kind::Map; }

const std::string& Node::Scalar() const {
  static const std::string kNone;
  return IsScalar() ? tree_->items[index_].text : kNone;
}

void Node::wrong(const char* expected) const {
  if (!tree_) throw Error(mark_, "missing '" + missing_key_ + "'");
  const Tree::Item& it = tree_->items[index_];
  std::string found = it.kind == Kind::Null     ? "nothing"
                      : it.kind == Kind::Map    ? "a map"
                      : it.kind == Kind::Sequence ? "a list"
                                                : "'" + it.text + "'";
  throw Error(mark_, std::string("expected ") + expected + ", found " + found);
}

Node Node::operator[](std::string_view key) const {
  if (!tree_) return *this;  // keeps the first missing key for the message
  const Tree::Item& it = tree_->items[index_];
  if (it.kind == Kind::Scalar) wrong(("a map with '" + std::string(key) + "'").c_str());
  if (it.kind != Kind::Map) return Node(mark_, key);
  for (std::uint32_t i = it.first; i < it.first + it.count; i += 2) {
    const Tree::Item& k = tree_->items[tree_->kids[i]];
    if (k.kind == Kind::Scalar && k.text == key) return Node(tree_, tree_->kids[i + 1]);
  }
  return Node(mark_, key);
}

// A null value reads as "null", as it did with yaml-cpp.
template <>
std::string Node::as<std::string>() const {
  if (IsNull()) return "null";
  if (!IsScalar()) wrong("a string");
  return tree_->items[index_].text;
}

template <>
int Node::as<int>() const {
  int v = 0;
  if (!IsScalar() || !read_int(Scalar(), v)) wrong("an integer");
  return v;
}

template <>
double Node::as<double>() const {
  double v = 0;
  if (!IsScalar() || !read_double(Scalar(), v)) wrong("a number");
  return v;
}

template <>
bool Node::as<bool>() const {
  bool v = false;
  if (!IsScalar() || !read_bool(Scalar(), v)) wrong("true or false");
  return v;
}

Node::iterator Node::begin() const {
  if (IsMap()) wrong("a list");
  if (!IsSequence()) return iterator(nullptr, nullptr);
  return iterator(tree_, tree_->kids.data() + tree_->items[index_].first);
}

Node::iterator Node::end() const {
  if (!IsSequence()) return iterator(nullptr, nullptr);
  const Tree::Item& it = tree_->items[index_];
  return iterator(tree_, tree_->kids.data() + it.first + it.count);
}

std::vector<std::pair<Node, Node>> Node::entries() const {
  std::vector<std::pair<Node, Node>> out;
  if (!tree_ || IsNull()) return out;
  if (!IsMap()) wrong("a map");
  const Tree::Item& it = tree_->items[index_];
  for (std::uint32_t i = it.first; i < it.first + it.count; i += 2)
    out.emplace_back(Node(tree_, tree_->kids[i]), Node(tree_, tree_->kids[i + 1]));
  return out;
}

Document::Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

Node Document::root() const { return Node(tree_.get(), tree_->root); }

Document parse(std::string_view text) {
  Document doc;
  doc.tree_ = std::make_unique<Tree>();
  Tree& t = *doc.tree_;

  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) throw Error({}, "out of memory parsing YAML");
  struct ParserGuard {
    yaml_parser_t* p;
    ~ParserGuard() { yaml_parser_delete(p); }
  } parser_guard{&parser};
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());

  auto add_item = [&](Kind kind, const yaml_mark_t& m) {
    t.items.push_back({kind, mark_of(m), {}});
    return static_cast<std::uint32_t>(t.items.size() - 1);
  };
  struct Open {
    std::uint32_t index;
    std::string anchor;
    bool flow;
    std::vector<std::uint32_t> kids;
  };
  std::vector<Open> open;  // collections started, not yet ended
  bool have_root = false;
  auto attach = [&](std::uint32_t i) {
    if (!open.empty()) open.back().kids.push_back(i);
    else if (!have_root) t.root = i, have_root = true;
  };
  // Anchors are registered when their node ends, so no alias can reach an
  // enclosing node: the tree stays acyclic.
  std::unordered_map<std::string, std::uint32_t> anchors;

  // yaml-cpp placed an empty value (`key:` or `-` with nothing after it)
  // where the next token starts, often the next line, and libyaml places it
  // there too in flow collections but not in block ones: such a value waits
  // for the next event's mark, so errors about it keep their line.
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t empty_value = kNone;

  for (bool done = false; !done;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) fail(parser, text);
    struct EventGuard {
      yaml_event_t* e;
      ~EventGuard() { yaml_event_delete(e); }
    } event_guard{&ev};
    if (empty_value != kNone) t.items[empty_value].mark = mark_of(ev.start_mark), empty_value = kNone;
    switch (ev.type) {
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      case YAML_SCALAR_EVENT: {
        const auto& s = ev.data.scalar;
        std::string_view v = view(s.value, s.length);
        bool null = !s.tag && s.style == YAML_PLAIN_SCALAR_STYLE && null_spelling(v);
        std::uint32_t i = add_item(null ? Kind::Null : Kind::Scalar, ev.start_mark);
        if (!null) t.items[i].text = v;
        if (null && ev.start_mark.index == ev.end_mark.index && !open.empty() && !open.back().flow) empty_value = i;
        if (s.anchor) anchors[str(s.anchor)] = i;
        attach(i);
        break;
      }
      case YAML_ALIAS_EVENT: {
        std::string name = str(ev.data.alias.anchor);
        auto it = anchors.find(name);
        if (it == anchors.end())
          throw Error(mark_of(ev.start_mark), "alias *" + name + " is not after a complete node anchored &" + name);
        attach(it->second);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
        open.push_back({add_item(Kind::Sequence, ev.start_mark), str(ev.data.sequence_start.anchor),
                        ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE, {}});
        break;
      case YAML_MAPPING_START_EVENT:
        open.push_back({add_item(Kind::Map, ev.start_mark), str(ev.data.mapping_start.anchor),
                        ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE, {}});
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Open o = std::move(open.back());
        open.pop_back();
        t.items[o.index].first = static_cast<std::uint32_t>(t.kids.size());
        t.items[o.index].count = static_cast<std::uint32_t>(o.kids.size());
        t.kids.insert(t.kids.end(), o.kids.begin(), o.kids.end());
        if (!o.anchor.empty()) anchors[o.anchor] = o.index;
        attach(o.index);
        break;
      }
      default:
        break;
    }
  }
  if (!have_root) t.root = add_item(Kind::Null, {});
  return doc;
}

}  // namespace itax::yaml

// A read-only YAML document tree on libyaml's event parser, for loading
// rules/*.yaml. It replaced yaml-cpp, whose parser was most of itax's
// start-up (52 M instructions for 37 KB of rules). The interface mirrors the
// few yaml-cpp calls the rule loader made, with yaml-cpp's answers to them
// (what counts as null, which spellings are booleans, how numbers read), so
// rule files load exactly as before; where yaml-cpp failed with no line or a
// bare "bad conversion", this says what and where.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace itax::yaml {

struct Mark {
  int line = 0;    // 0-based, as in yaml-cpp; callers add 1
  int column = 0;  // 0-based, in characters
};

// A syntax error, or a value of the wrong type or spelling.
class Error : public std::runtime_error {
 public:
  Error(Mark m, const std::string& msg) : std::runtime_error(msg), mark(m) {}
  Mark mark;
};

struct Tree;

class Node {
 public:
  Node() = default;  // missing

  // False for a key that is not there; true for one whose value is null.
  explicit operator bool() const { return tree_ != nullptr; }
  bool operator!() const { return tree_ == nullptr; }
  bool IsNull() const;  // plain ~, null, Null, NULL or nothing
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  // Where the node starts; for a missing key, where its map starts.
  yaml::Mark Mark() const { return mark_; }
  const std::string& Scalar() const;  // "" unless a scalar

  // The value of `key` in a map, or a missing node (also for null and
  // sequences, as yaml-cpp did). Throws on a scalar.
  Node operator[](std::string_view key) const;

  // std::string, int, double or bool. Throws Error unless the node has that
  // type and spelling; a missing node throws "missing 'key'".
  template <class T>
  T as() const;

  // Sequence items; null, missing and scalars have none. Throws on a map,
  // whose items are pairs: see entries().
  class iterator {
   public:
    Node operator*() const { return Node(tree_, *at_); }
    iterator& operator++() { ++at_; return *this; }
    bool operator!=(const iterator& o) const { return at_ != o.at_; }
   private:
    friend class Node;
    iterator(const Tree* t, const std::uint32_t* at) : tree_(t), at_(at) {}
    const Tree* tree_;
    const std::uint32_t* at_;
  };
  iterator begin() const;
  iterator end() const;

  // Key/value pairs of a map in file order; none for null or missing.
  // Throws on a scalar or a sequence.
  std::vector<std::pair<Node, Node>> entries() const;

 private:
  friend class Document;
  Node(const Tree* tree, std::uint32_t index);
  Node(yaml::Mark where, std::string_view key) : mark_(where), missing_key_(key) {}
  [[noreturn]] void wrong(const char* expected) const;

  const Tree* tree_ = nullptr;  // null when missing
  std::uint32_t index_ = 0;
  yaml::Mark mark_;
  std::string missing_key_;
};

template <>
std::string Node::as<std::string>() const;
template <>
int Node::as<int>() const;
template <>
double Node::as<double>() const;
template <>
bool Node::as<bool>() const;

// Owns the nodes; Node values are valid while their Document lives (moving
// the Document does not invalidate them).
class Document {
 public:
  Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();
  Node root() const;

 private:
  friend Document parse(std::string_view text);
  std::unique_ptr<Tree> tree_;
};

// Parses the first document in `text` (UTF-8, or UTF-16 with a BOM); later
// documents are ignored, as yaml-cpp's Load did. An empty text gives a null
// root. Aliases refer to the node of their anchor (shared, so the alias's
// line is the anchor's); an alias inside its own anchor is an error, so the
// tree has no cycles. Tags are ignored except that a tagged plain scalar is
// never null. Throws Error with libyaml's message on a syntax error.
Document parse(std::string_view text);

}  // namespace itax::yaml

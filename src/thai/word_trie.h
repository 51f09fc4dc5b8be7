// The Thai word lists (libthai's and ICU's) as one trie compiled at build
// time by tools/make_word_trie and embedded in libitax: no file is read at
// run time and a walk position is a node number, so the repair search can
// copy positions freely (it copies millions per document).
//
// Layout: Header, Node[n_nodes], uint16 label[n_nodes]. Nodes are numbered
// breadth first, so a node's children are the consecutive nodes
// [first_child, first_child + n_children), sorted by label (the code point
// on the edge into the child). Node 0 is the root.
#pragma once
#include <cstdint>

namespace itax::thai {

class WordTrie {
 public:
  // Node flags: which lists end a word here, and which have a word at or
  // below this node (so a walk over one list stops where its words end).
  static constexpr uint8_t kLibthai = 1, kIcu = 2, kLibthaiBelow = 4, kIcuBelow = 8;
  static constexpr char kMagic[8] = {'I', 'T', 'X', 'W', 'R', 'D', '0', '1'};
  static constexpr uint32_t kNone = UINT32_MAX;

  struct Header {
    char magic[8];
    uint32_t n_nodes;
    uint32_t libthai_words;  // for tests and logs
    uint32_t icu_words;
    uint32_t reserved;
  };
  struct Node {
    uint32_t first_child;
    uint16_t n_children;
    uint8_t flags;
    uint8_t unused;
  };

  // The embedded trie (empty if the embedded bytes are not a trie).
  static const WordTrie& embedded();

  bool empty() const { return n_nodes_ == 0; }
  uint32_t libthai_words() const { return libthai_words_; }
  uint32_t icu_words() const { return icu_words_; }

  // The child of `node` by code point `c` whose flags meet `below`, or kNone.
  uint32_t child(uint32_t node, char32_t c, uint8_t below) const {
    if (c > 0xFFFF) return kNone;
    const auto want = static_cast<uint16_t>(c);
    const Node& n = nodes_[node];
    uint32_t lo = n.first_child;
    const uint32_t end = lo + n.n_children;
    // Halve while many children are left (the root, a few first letters),
    // then scan: lo stays at or before the first label >= want.
    for (uint32_t hi = end; hi - lo > 8;) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (labels_[mid] < want) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < end; ++lo) {
      if (labels_[lo] == want) return (nodes_[lo].flags & below) != 0 ? lo : kNone;
      if (labels_[lo] > want) break;
    }
    return kNone;
  }
  uint8_t flags(uint32_t node) const { return nodes_[node].flags; }

 private:
  WordTrie(const unsigned char* begin, const unsigned char* end);
  const Node* nodes_ = nullptr;
  const uint16_t* labels_ = nullptr;
  uint32_t n_nodes_ = 0, libthai_words_ = 0, icu_words_ = 0;
};

}  // namespace itax::thai

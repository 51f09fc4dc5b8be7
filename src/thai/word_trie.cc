#include "thai/word_trie.h"

#include <cstring>

// The bytes tools/make_word_trie wrote, placed in .rodata by the generated
// word_trie_data.S (see CMakeLists.txt).
extern "C" const unsigned char itax_word_trie_data[];
extern "C" const unsigned char itax_word_trie_end[];

namespace itax::thai {

WordTrie::WordTrie(const unsigned char* begin, const unsigned char* end) {
  // A wrong size or magic (a damaged build) gives an empty list.
  const size_t size = static_cast<size_t>(end - begin);
  Header h;
  if (size < sizeof h) return;
  std::memcpy(&h, begin, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof h.magic) != 0 || h.n_nodes == 0) return;
  if (size != sizeof h + size_t{h.n_nodes} * (sizeof(Node) + sizeof(uint16_t))) return;
  // Child numbers are not checked one by one: that would touch every page
  // of the trie in every process, and make_word_trie wrote them.
  nodes_ = reinterpret_cast<const Node*>(begin + sizeof h);
  labels_ = reinterpret_cast<const uint16_t*>(begin + sizeof h + size_t{h.n_nodes} * sizeof(Node));
  n_nodes_ = h.n_nodes;
  libthai_words_ = h.libthai_words;
  icu_words_ = h.icu_words;
}

const WordTrie& WordTrie::embedded() {
  static const WordTrie trie(itax_word_trie_data, itax_word_trie_end);
  return trie;
}

}  // namespace itax::thai

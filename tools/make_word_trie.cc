// Build-time tool: compiles the Thai word lists itax reads (libthai's
// thbrk.tri through libdatrie, and ICU's Thai dictionary "brkitr/thaidict")
// into one trie in the layout of src/thai/word_trie.h, written as a binary
// file, and a C++ source that embeds that file in libitax (.incbin; the
// source names the file's hash, so ccache sees a changed list).
//
// Why at build time: reading thbrk.tri with libdatrie cost about 28 M
// instructions per process, and walking two foreign tries (libdatrie's
// TrieState needs the heap, ICU's BytesTrie is a byte-coded walk) was most
// of the damage-repair search. The lists come from the build machine's
// Debian packages (libthai-data, libicu72); nothing is downloaded or copied.
//
//   make_word_trie OUT.bin OUT.cc /usr/share/libthai/thbrk.tri
#include <datrie/trie.h>
#include <unicode/bytestrie.h>
#include <unicode/udata.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "thai/word_trie.h"

namespace {

using itax::thai::WordTrie;

// Every word with the lists it is in (WordTrie::kLibthai, kIcu).
using WordFlags = std::map<std::u32string, uint8_t>;

bool read_libthai(const char* path, WordFlags* words) {
  Trie* t = trie_new_from_file(path);
  if (t == nullptr) return false;
  trie_enumerate(
      t,
      [](const AlphaChar* key, TrieData, void* user) -> Bool {
        std::u32string w;
        for (const AlphaChar* k = key; *k != 0; ++k) w.push_back(static_cast<char32_t>(*k));
        if (!w.empty()) (*static_cast<WordFlags*>(user))[w] |= WordTrie::kLibthai;
        return TRUE;
      },
      words);
  trie_free(t);
  return true;
}

// ICU's dictionary layout (icu4c/source/common/dictionarydata.h): an index
// of int32, then a BytesTrie over code points minus an offset, with ZWNJ and
// ZWJ at 0xFE and 0xFF.
bool read_icu(WordFlags* words) {
  enum { kIxTrieOffset = 0, kIxTrieType = 4, kIxTransform = 5 };
  UErrorCode status = U_ZERO_ERROR;
  UDataMemory* mem = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "thaidict", &status);
  if (U_FAILURE(status) || mem == nullptr) return false;
  const auto* ix = static_cast<const int32_t*>(udata_getMemory(mem));
  if ((ix[kIxTrieType] & 7) != 0 || (ix[kIxTransform] & 0x7f000000) != 0x01000000) {
    udata_close(mem);
    return false;
  }
  const char32_t offset = static_cast<char32_t>(ix[kIxTransform] & 0x1fffff);
  icu::BytesTrie::Iterator it(reinterpret_cast<const char*>(ix) + ix[kIxTrieOffset], 0, status);
  while (U_SUCCESS(status) && it.hasNext()) {
    it.next(status);
    const icu::StringPiece s = it.getString();
    std::u32string w;
    for (int i = 0; i < s.size(); ++i) {
      const auto b = static_cast<uint8_t>(s.data()[i]);
      w.push_back(b == 0xFF ? 0x200D : b == 0xFE ? 0x200C : offset + b);
    }
    if (!w.empty()) (*words)[w] |= WordTrie::kIcu;
  }
  udata_close(mem);
  return U_SUCCESS(status);
}

struct BuildNode {
  std::map<char32_t, std::unique_ptr<BuildNode>> children;
  uint8_t flags = 0;  // word bits, then subtree bits after propagate()
};

uint8_t propagate(BuildNode* n) {
  uint8_t below = 0;
  if (n->flags & WordTrie::kLibthai) below |= WordTrie::kLibthaiBelow;
  if (n->flags & WordTrie::kIcu) below |= WordTrie::kIcuBelow;
  for (auto& [c, child] : n->children) below |= propagate(child.get());
  n->flags |= below;
  return below;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s OUT.bin OUT.cc THBRK.tri\n", argv[0]);
    return 2;
  }
  WordFlags words;
  if (!read_libthai(argv[3], &words)) {
    std::fprintf(stderr, "make_word_trie: cannot read libthai's dictionary %s\n", argv[3]);
    return 1;
  }
  if (!read_icu(&words)) {
    std::fprintf(stderr, "make_word_trie: cannot read ICU's Thai dictionary (brkitr/thaidict)\n");
    return 1;
  }
  BuildNode root;
  uint32_t libthai_words = 0, icu_words = 0;
  for (const auto& [w, f] : words) {
    BuildNode* n = &root;
    for (char32_t c : w) {
      if (c > 0xFFFF) {
        std::fprintf(stderr, "make_word_trie: code point U+%X does not fit the trie\n", static_cast<unsigned>(c));
        return 1;
      }
      auto& child = n->children[c];
      if (!child) child = std::make_unique<BuildNode>();
      n = child.get();
    }
    n->flags |= f;
    libthai_words += (f & WordTrie::kLibthai) ? 1 : 0;
    icu_words += (f & WordTrie::kIcu) ? 1 : 0;
  }
  propagate(&root);

  // Breadth first, so that the children of a node are consecutive nodes.
  std::vector<WordTrie::Node> nodes;
  std::vector<uint16_t> labels;
  std::vector<const BuildNode*> queue{&root};
  nodes.push_back({});
  labels.push_back(0);
  for (size_t i = 0; i < queue.size(); ++i) {
    const BuildNode* b = queue[i];
    nodes[i].first_child = static_cast<uint32_t>(queue.size());
    nodes[i].n_children = static_cast<uint16_t>(b->children.size());
    nodes[i].flags = b->flags;
    for (const auto& [c, child] : b->children) {
      queue.push_back(child.get());
      nodes.push_back({});
      labels.push_back(static_cast<uint16_t>(c));
    }
  }

  WordTrie::Header h{};
  std::memcpy(h.magic, WordTrie::kMagic, sizeof h.magic);
  h.n_nodes = static_cast<uint32_t>(nodes.size());
  h.libthai_words = libthai_words;
  h.icu_words = icu_words;
  std::string bytes(reinterpret_cast<const char*>(&h), sizeof h);
  bytes.append(reinterpret_cast<const char*>(nodes.data()), nodes.size() * sizeof nodes[0]);
  bytes.append(reinterpret_cast<const char*>(labels.data()), labels.size() * sizeof labels[0]);
  uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  std::ofstream bin(argv[1], std::ios::binary | std::ios::trunc);
  bin.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::ofstream cc(argv[2], std::ios::trunc);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  cc << "// Generated by tools/make_word_trie: embeds " << argv[1] << "\n"
     << "// (" << bytes.size() << " bytes, FNV-1a " << hex << "); see src/thai/word_trie.h.\n"
     << "__asm__(\n"
     << "    \".pushsection .rodata\\n\"\n"
     << "    \".balign 16\\n\"\n"
     << "    \".globl itax_word_trie_data\\n\"\n"
     << "    \"itax_word_trie_data:\\n\"\n"
     << "    \".incbin \\\"" << argv[1] << "\\\"\\n\"\n"
     << "    \".globl itax_word_trie_end\\n\"\n"
     << "    \"itax_word_trie_end:\\n\"\n"
     << "    \".popsection\\n\");\n";
  if (!bin || !cc) {
    std::fprintf(stderr, "make_word_trie: cannot write %s or %s\n", argv[1], argv[2]);
    return 1;
  }
  std::printf("make_word_trie: %u libthai words, %u ICU words, %zu nodes\n", libthai_words, icu_words, nodes.size());
  return 0;
}

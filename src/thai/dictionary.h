// A Thai word list for the dictionary-checked repairs and the fidelity
// score: libthai's dictionary (thbrk.tri; 25,110 words), optionally ICU's
// Thai dictionary (the one its word break iterator uses; 26,383 words, with
// compounds such as คำขอ and ปีงบประมาณ that libthai lacks), plus words the
// caller adds (the rules' unit names and checklist titles). Both lists are
// compiled into libitax at build time (thai/word_trie.h), so nothing is read
// at run time; added words belong to the copy they were added to.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace itax::thai {

class WordTrie;

class Dictionary {
 public:
  // libthai's word list.
  static const Dictionary& libthai();
  // libthai's and ICU's word lists together: what the repairs look words up
  // in (a word either knows is a word).
  static const Dictionary& libthai_and_icu();

  Dictionary();  // no words
  Dictionary(const Dictionary& other);  // shares the built-in lists, copies added words
  Dictionary& operator=(const Dictionary& other);
  Dictionary(Dictionary&&) noexcept;
  Dictionary& operator=(Dictionary&&) noexcept;
  ~Dictionary();

  // True if libthai's list is part of this one (false if the build embedded
  // no word lists).
  bool loaded() const;
  // True if ICU's Thai dictionary is part of this list.
  bool has_icu() const;

  // Adds a word (spaces removed; non-Thai words are ignored).
  void add(std::string_view word);

  // True if `word` (UTF-8, exactly, no spaces) is a word of the list.
  bool contains(std::string_view word) const;
  bool contains(std::u32string_view word) const;

  // A position in the word list, walked one code point at a time: the
  // segmenting and repairing code matches every word starting at a place in
  // one pass instead of looking up each substring. A plain value: the
  // repair's search copies one at every branch.
  class Cursor {
   public:
    // Moves on by `c` (not 0); false (and the cursor dead) if no word goes on so.
    bool next(char32_t c);
    // True if the code points walked so far are a word.
    bool is_word() const;
    bool alive() const;

   private:
    friend class Dictionary;
    const Dictionary* dict_ = nullptr;
    uint32_t node_ = UINT32_MAX;  // in the built-in trie; UINT32_MAX: not there
    uint32_t lo_ = 0, hi_ = 0;    // added words [lo_, hi_) share the walked prefix
    uint32_t depth_ = 0;
  };
  // A cursor at the start of every word.
  Cursor start() const;

 private:
  Dictionary(uint8_t word_flags, uint8_t below_flags);
  const WordTrie* trie_ = nullptr;  // null: no built-in list
  uint8_t word_flags_ = 0;          // WordTrie flags that end a word of this list
  uint8_t below_flags_ = 0;         // WordTrie flags of nodes leading to one
  std::vector<std::u32string> extra_;  // added words, sorted, unique
  // extra_'s range of words starting with each code point of the Thai
  // block: a cursor's first step is a lookup, not two binary searches over
  // every added word (most cursors die after a letter or two).
  static constexpr char32_t kFirstBase = 0x0E00, kFirstCount = 0x80;
  std::vector<std::pair<uint32_t, uint32_t>> first_;
  void index_first();
};

}  // namespace itax::thai

// A Thai word list for the dictionary-checked repairs and the fidelity
// score: libthai's dictionary (/usr/share/libthai/thbrk.tri, read with
// libdatrie; 25,110 words), optionally ICU's Thai dictionary (the one its
// word break iterator uses; 26,383 words, with compounds such as คำขอ and
// ปีงบประมาณ that libthai lacks), plus words the caller adds (the rules' unit
// names and checklist titles). The files are read once per process and
// shared by every copy; added words belong to the copy they were added to.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace itax::thai {

class Dictionary {
 public:
  // libthai's word list, loaded on first use ($LIBTHAI_DICTDIR/thbrk.tri,
  // else /usr/share/libthai/thbrk.tri). Empty (loaded() false) if missing.
  static const Dictionary& libthai();
  // libthai's and ICU's word lists together: what the repairs look words up
  // in (a word either knows is a word).
  static const Dictionary& libthai_and_icu();

  Dictionary();  // no words
  // A libdatrie file (none if empty), and ICU's Thai dictionary if `with_icu`.
  explicit Dictionary(const std::string& tri_path, bool with_icu = false);
  Dictionary(const Dictionary& other);            // shares the file, copies added words
  Dictionary& operator=(const Dictionary& other);
  Dictionary(Dictionary&&) noexcept;
  Dictionary& operator=(Dictionary&&) noexcept;
  ~Dictionary();

  // True if the libthai file was read.
  bool loaded() const;
  // True if ICU's Thai dictionary is part of this list and was found.
  bool has_icu() const;

  // Adds a word (spaces removed; non-Thai words are ignored).
  void add(std::string_view word);

  // True if `word` (UTF-8, exactly, no spaces) is a word of the list.
  bool contains(std::string_view word) const;
  bool contains(std::u32string_view word) const;

  // A position in the word list, walked one code point at a time: the
  // segmenting and repairing code matches every word starting at a place in
  // one pass instead of looking up each substring. Cheap to copy (two small
  // heap objects at most).
  class Cursor {
   public:
    Cursor(const Cursor& other);
    Cursor& operator=(const Cursor& other);
    Cursor(Cursor&&) noexcept;
    Cursor& operator=(Cursor&&) noexcept;
    ~Cursor();
    // Moves on by `c` (not 0); false (and the cursor dead) if no word goes on so.
    bool next(char32_t c);
    // True if the code points walked so far are a word.
    bool is_word() const;
    bool alive() const;

   private:
    friend class Dictionary;
    struct State;
    explicit Cursor(std::unique_ptr<State> s);
    std::unique_ptr<State> s_;
  };
  // A cursor at the start of every word.
  Cursor start() const;

 private:
  struct Data;
  std::shared_ptr<const Data> file_;  // the shared word list files
  struct Extra;
  std::unique_ptr<Extra> extra_;      // added words
};

}  // namespace itax::thai

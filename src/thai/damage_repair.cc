#include "thai/damage_repair.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "thai/chars.h"

namespace itax::thai {

using namespace chars;

namespace {

constexpr char32_t kSaraAa = 0x0E32, kSaraAm = 0x0E33, kSaraU = 0x0E38;

// Costs, in tenths: a word costs 10, a letter no word covers 15, so a run is
// read as few words as possible and leaves as few letters unknown as
// possible. An edit must pay for itself: reading า as ำ (8) is worth it when
// it saves a word ("อา|เภอ" 20 -> "อำเภอ" 18) or unknown letters; inserting
// ุ (12) only when it saves more than a word, i.e. unknown letters.
constexpr int kWord = 10;
constexpr int kUnknown = 15;
constexpr int kSwapPerWord = 8;
constexpr int kSwapToAmWholeFont = 5;  // a font that drew every ำ as า: still needs a gain
constexpr int kSwapToAaWholeFont = -2; // a font that drew every า as ำ: ties go to า
constexpr int kInsertU = 12;
constexpr size_t kMaxWord = 40;          // code points: longer than any dictionary word
constexpr int kMaxSwapsPerWord = 3;
constexpr size_t kTroubleReach = 8;     // code points around unknown letters where marks may move
constexpr size_t kWindow = 24;          // code points each side of a mark move judged with it

enum class EditKind : uint8_t { ToAm, ToAa, InsertU };

struct Edit {
  uint32_t pos;  // run index of the letter changed, or the consonant ุ follows
  EditKind kind;
  bool operator<(const Edit& o) const { return pos != o.pos ? pos < o.pos : kind < o.kind; }
  bool operator==(const Edit& o) const { return pos == o.pos && kind == o.kind; }
};

// What each letter of a run may become, from its font's trust.
struct Allow {
  int to_am = INT_MAX, to_aa = INT_MAX, insert_u = INT_MAX;  // cost; INT_MAX: not allowed
  bool move_marks = false;  // a mark here may be moved back (fix_displaced_marks)
};

bool can_break(const std::u32string& r, size_t j) {
  if (j == 0 || j >= r.size()) return true;
  return !is_combining(r[j]) && !is_follow_vowel(r[j]) && !is_lead_vowel(r[j - 1]);
}

// ุ may follow consonant r[k] if nothing but a tone mark comes after it in
// the cluster (a lower vowel precedes tone marks in NFC order).
bool can_insert_u_after(const std::u32string& r, size_t k) {
  if (!is_consonant(r[k])) return false;
  if (k + 1 < r.size() && is_combining(r[k + 1]) && !is_tone_mark(r[k + 1])) return false;
  if (k > 0 && is_lead_vowel(r[k - 1])) return false;  // เ-ุ is no spelling
  return true;
}

// Segments one run of Thai letters by dynamic programming over the
// dictionary, with edits; see the header.
class RunSolver {
 public:
  struct Piece {
    size_t begin = 0, end = 0;  // run indexes
    bool word = false;          // a dictionary word (else unknown letters)
    std::vector<Edit> edits;
  };

  RunSolver(const Dictionary& words, const std::u32string& run, const std::vector<Allow>& allow,
            const std::set<Edit>& banned)
      : words_(words), r_(run), allow_(allow), banned_(banned) {}

  std::vector<Piece> solve() {
    const size_t n = r_.size();
    best_.assign(n + 1, Node{});
    best_[0].cost = 0;
    for (size_t i = 0; i < n; ++i) {
      if (best_[i].cost == INT_MAX) continue;
      // Unknown letters up to the next place a word may start.
      size_t j = i + 1;
      while (j < n && !can_break(r_, j)) ++j;
      relax(j, best_[i].cost + kUnknown * static_cast<int>(j - i), i, false, {});
      if (!can_break(r_, i)) continue;
      cur_start_ = i;
      edits_.clear();
      walk(i, words_.start(), 0, 0, false);
    }
    std::vector<Piece> pieces;
    for (size_t j = n; j > 0;) {
      const Node& nd = best_[j];
      pieces.push_back(Piece{nd.from, j, nd.word, nd.edits});
      j = nd.from;
    }
    std::reverse(pieces.begin(), pieces.end());
    return pieces;
  }
  // Cost of the reading solve() returned.
  int cost() const { return best_.empty() ? 0 : best_.back().cost; }

 private:
  struct Node {
    int cost = INT_MAX;
    int n_edits = 0;
    size_t from = 0;
    bool word = false;
    std::vector<Edit> edits;
  };

  void relax(size_t j, int cost, size_t from, bool word, const std::vector<Edit>& edits) {
    Node& nd = best_[j];
    const int ne = static_cast<int>(edits.size()) + best_[from].n_edits;
    if (cost < nd.cost || (cost == nd.cost && ne < nd.n_edits)) {
      nd.cost = cost;
      nd.n_edits = ne;
      nd.from = from;
      nd.word = word;
      nd.edits = edits;
    }
  }

  // Cursor `c` has walked r_[cur_start_, pos) (with edits_); extend it.
  void walk(size_t pos, Dictionary::Cursor c, int edit_cost, int swaps, bool inserted) {
    const size_t n = r_.size();
    if (pos >= n || pos - cur_start_ >= kMaxWord) return;
    const char32_t ch = r_[pos];
    const Allow& a = allow_[pos];
    // The letter as it is, and as its swapped reading.
    struct Option {
      char32_t c;
      int cost;
      bool edit;
      EditKind kind;
    };
    Option opts[2];
    int n_opts = 0;
    opts[n_opts++] = {ch, 0, false, EditKind::ToAm};
    if (swaps < kMaxSwapsPerWord) {
      if (ch == kSaraAa && a.to_am != INT_MAX && !banned_.count({static_cast<uint32_t>(pos), EditKind::ToAm}))
        opts[n_opts++] = {kSaraAm, a.to_am, true, EditKind::ToAm};
      else if (ch == kSaraAm && a.to_aa != INT_MAX &&
               !banned_.count({static_cast<uint32_t>(pos), EditKind::ToAa}))
        opts[n_opts++] = {kSaraAa, a.to_aa, true, EditKind::ToAa};
    }
    const bool may_insert = !inserted && a.insert_u != INT_MAX && can_insert_u_after(r_, pos) &&
                            !banned_.count({static_cast<uint32_t>(pos), EditKind::InsertU});
    for (int k = 0; k < n_opts; ++k) {
      const Option& o = opts[k];
      Dictionary::Cursor c2 = (k + 1 == n_opts && !may_insert) ? std::move(c) : c;
      if (!c2.next(o.c)) continue;
      if (o.edit) edits_.push_back({static_cast<uint32_t>(pos), o.kind});
      const int ec = edit_cost + o.cost;
      const int sw = swaps + (o.edit ? 1 : 0);
      if (may_insert) {
        Dictionary::Cursor c3 = c2;
        if (c3.next(kSaraU)) {
          edits_.push_back({static_cast<uint32_t>(pos), EditKind::InsertU});
          const int ec3 = ec + a.insert_u;
          if (c3.is_word() && can_break(r_, pos + 1))
            relax(pos + 1, best_[cur_start_].cost + kWord + ec3, cur_start_, true, edits_);
          walk(pos + 1, std::move(c3), ec3, sw, true);
          edits_.pop_back();
        }
      }
      if (c2.is_word() && can_break(r_, pos + 1))
        relax(pos + 1, best_[cur_start_].cost + kWord + ec, cur_start_, true, edits_);
      walk(pos + 1, std::move(c2), ec, sw, inserted);
      if (o.edit) edits_.pop_back();
    }
  }

  const Dictionary& words_;
  const std::u32string& r_;
  const std::vector<Allow>& allow_;
  const std::set<Edit>& banned_;
  std::vector<Node> best_;
  size_t cur_start_ = 0;
  std::vector<Edit> edits_;
};

// Applies `edits` (sorted) to r[begin, end).
std::u32string apply_edits(const std::u32string& r, size_t begin, size_t end, const std::vector<Edit>& edits) {
  std::u32string out;
  size_t e = 0;
  for (size_t k = begin; k < end; ++k) {
    char32_t c = r[k];
    bool insert_u = false;
    for (; e < edits.size() && edits[e].pos == k; ++e) {
      if (edits[e].kind == EditKind::ToAm) c = kSaraAm;
      if (edits[e].kind == EditKind::ToAa) c = kSaraAa;
      if (edits[e].kind == EditKind::InsertU) insert_u = true;
    }
    out.push_back(c);
    if (insert_u) out.push_back(kSaraU);
  }
  return out;
}

// True if r[begin, end) can be read as dictionary words only (no edits).
bool all_words(const Dictionary& words, const std::u32string& r, size_t begin, size_t end) {
  std::vector<char> ok(end - begin + 1, 0);
  ok[0] = 1;
  for (size_t i = begin; i < end; ++i) {
    if (!ok[i - begin] || !can_break(r, i)) continue;
    Dictionary::Cursor c = words.start();
    for (size_t j = i; j < end && c.next(r[j]); ++j)
      if (c.is_word() && (j + 1 == end || can_break(r, j + 1))) ok[j + 1 - begin] = 1;
  }
  return ok[end - begin] != 0;
}

// The SARA U guards: the insertion must turn letters no word covered into a
// word, and be the only place in that word where ุ makes a word.
bool insertion_is_sure(const RepairWords& words, const std::u32string& r, const RunSolver::Piece& p,
                       const Edit& ins) {
  if (!words.strict.contains(std::u32string_view(apply_edits(r, p.begin, p.end, p.edits)))) return false;
  if (all_words(words.broad, r, p.begin, p.end)) return false;
  std::vector<Edit> others;
  for (const Edit& e : p.edits)
    if (e.kind != EditKind::InsertU) others.push_back(e);
  for (size_t k = p.begin; k < p.end; ++k) {
    if (k == ins.pos || !can_insert_u_after(r, k)) continue;
    std::vector<Edit> alt = others;
    alt.push_back({static_cast<uint32_t>(k), EditKind::InsertU});
    std::sort(alt.begin(), alt.end());
    if (words.broad.contains(std::u32string_view(apply_edits(r, p.begin, p.end, alt)))) return false;
  }
  return true;
}

// A text decoded: code points with their byte offsets and font names.
struct Decoded {
  std::u32string cps;
  std::vector<size_t> offsets;  // byte offset of each code point, plus the end
  std::vector<int> font;        // index into fonts
  std::vector<std::string> fonts;
};

bool is_ws(char32_t c) { return is_hspace(c) || c == '\n' || c == '\r'; }

Decoded decode(std::string_view text, const FontRuns& runs) {
  Decoded d;
  d.fonts.push_back("");
  size_t next_run = 0, ordinal = 0;
  int cur = 0;
  for (size_t i = 0; i < text.size();) {
    d.offsets.push_back(i);
    const char32_t c = next_cp(text, &i);
    if (!is_ws(c)) {
      while (next_run < runs.size() && runs[next_run].first <= ordinal) {
        const std::string& name = runs[next_run].second;
        auto it = std::find(d.fonts.begin(), d.fonts.end(), name);
        cur = static_cast<int>(it - d.fonts.begin());
        if (it == d.fonts.end()) d.fonts.push_back(name);
        ++next_run;
      }
      ++ordinal;
    }
    d.cps.push_back(c);
    d.font.push_back(cur);
  }
  d.offsets.push_back(text.size());
  return d;
}

// Runs of Thai letters: [begin, end) code point ranges.
std::vector<std::pair<size_t, size_t>> thai_runs(const std::u32string& cps) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < cps.size();) {
    if (!is_thai_letter(cps[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < cps.size() && is_thai_letter(cps[j])) ++j;
    out.emplace_back(i, j);
    i = j;
  }
  return out;
}

// A run of at most three consonants and nothing else (ชบ, กทม): an
// abbreviation, not a word that lost its ุ.
bool looks_like_abbreviation(const std::u32string& r) {
  return r.size() <= 3 && std::all_of(r.begin(), r.end(), [](char32_t c) { return is_consonant(c); });
}

bool has_sara_candidates(const std::u32string& r) {
  for (char32_t c : r)
    if (c == kSaraAa || c == kSaraAm || is_consonant(c)) return true;
  return false;
}

// Solves one run under `allow`, dropping SARA U insertions that fail their
// guards (the run is solved again without them).
std::vector<RunSolver::Piece> solve_run(const RepairWords& words, const std::u32string& r,
                                        const std::vector<Allow>& allow) {
  std::set<Edit> banned;
  for (int round = 0; round < 8; ++round) {
    std::vector<RunSolver::Piece> pieces = RunSolver(words.broad, r, allow, banned).solve();
    bool again = false;
    for (size_t pi = 0; pi < pieces.size(); ++pi) {
      const RunSolver::Piece& p = pieces[pi];
      // The word must not sit next to letters still unknown: a ุ that only
      // makes part of an unknown name or abbreviation a word is a guess.
      const bool neighbours_ok = (pi == 0 || pieces[pi - 1].word) && (pi + 1 == pieces.size() || pieces[pi + 1].word);
      for (const Edit& e : p.edits)
        if (e.kind == EditKind::InsertU && (!neighbours_ok || !insertion_is_sure(words, r, p, e))) {
          banned.insert(e);
          again = true;
        }
    }
    if (!again) return pieces;
  }
  // Still unsure after several rounds: keep the run as it is.
  std::vector<RunSolver::Piece> none;
  none.push_back({0, r.size(), false, {}});
  return none;
}

// --- displaced marks --------------------------------------------------------------

bool is_vowel_mark(char32_t c) { return is_combining(c) && !is_top_mark(c); }

// A move: the marks at `which` (indexes into r, after the letter r[q-1],
// each in [q, end of the marks)) go onto the cluster before r[q-1].
struct MarkMove {
  size_t q;
  std::vector<size_t> which;
};

// The run after a move, and the letters the move must leave inside words:
// from the letter before the cluster that took the marks through the letter
// after the one they left.
struct Moved {
  std::u32string run;  // empty: no such move
  size_t span_begin = 0, span_end = 0;
};

// The run after `mv`, the moved marks put in canonical order (vowel marks
// before tone marks).
Moved move_marks_back(const std::u32string& r, const MarkMove& mv) {
  const size_t q = mv.q;
  size_t base = q - 2;
  while (base > 0 && is_combining(r[base])) --base;
  if (!is_consonant(r[base])) return {};
  size_t m = q;
  while (m < r.size() && is_combining(r[m])) ++m;
  std::u32string cluster = r.substr(base + 1, q - 2 - base);
  std::u32string stay;
  for (size_t i = q; i < m; ++i) {
    if (std::find(mv.which.begin(), mv.which.end(), i) != mv.which.end())
      cluster.push_back(r[i]);
    else
      stay.push_back(r[i]);
  }
  int vowels = 0, tops = 0;
  for (char32_t c : cluster) (is_vowel_mark(c) ? vowels : tops) += 1;
  if (vowels > 1 || tops > 1) return {};
  std::stable_partition(cluster.begin(), cluster.end(), is_vowel_mark);
  Moved out;
  out.run = r.substr(0, base + 1);
  out.run += cluster;
  out.run.push_back(r[q - 1]);
  out.run += stay;
  out.run += r.substr(m);
  // The letter before the cluster too: ว|รีม from a cut ควรมี would take
  // the ี of มี to make รีม and leave ว unknown.
  out.span_begin = base == 0 ? 0 : base - 1;
  out.span_end = std::min(r.size(), m + 1);  // the length does not change
  return out;
}

// The moves worth trying at the marks starting at r[q]: the first k of
// them, or any one alone (`ต่ั้ง`: the ่ of ที่ was put after ต; `ผู่้`: the
// ่ of ที่ after ผู).
std::vector<MarkMove> moves_at(const std::u32string& r, size_t q) {
  std::vector<MarkMove> out;
  size_t m = q;
  while (m < r.size() && is_combining(r[m])) ++m;
  MarkMove mv{q, {}};
  for (size_t i = q; i < m; ++i) {
    mv.which.push_back(i);
    out.push_back(mv);
  }
  for (size_t i = q + 1; i < m; ++i) out.push_back({q, {i}});
  return out;
}

// Marks the text layer put one letter too late (`ขอ้` for ข้อ, `ทัง้` for
// ทั้ง, `ผูบ้งัคับ` for ผู้บังคับ: the glyph order of the content stream, not
// the reading order) moved back where the dictionary reads the run better.
// Only marks inside or next to letters no word covers are tried, alone or
// two sites together (a word often has two displaced marks, and one of them
// moved alone can make another word: บั้ง, ตั่ง); the best reading wins if
// it saves at least a word's cost. The readings compared allow the edits
// `allow` allows (a word that lost its SARA AM is no reason to move a mark).
// `words` is the strict list (RepairWords). Marks move only where
// `allow` says so. Returns where each moved mark stood.
std::vector<size_t> fix_displaced_marks(const Dictionary& words, std::u32string& r, const std::vector<Allow>& allow) {
  static const std::set<Edit> kNone;
  std::vector<size_t> moved;
  const size_t n = r.size();
  // Cost and reading of r[lo, hi) alone: moves are judged on a window around
  // them, so a long run costs time in proportion to its length.
  auto solve_window = [&](const std::u32string& run, size_t lo, size_t hi, std::vector<RunSolver::Piece>* pieces) {
    const std::u32string part = run.substr(lo, hi - lo);
    const std::vector<Allow> part_allow(allow.begin() + static_cast<std::ptrdiff_t>(lo),
                                        allow.begin() + static_cast<std::ptrdiff_t>(hi));
    RunSolver s(words, part, part_allow, kNone);
    *pieces = s.solve();
    return s.cost();
  };
  // No mark that could be a site (the test below without `troubled`): no
  // move can happen, so skip solving the run for its unknown letters.
  bool may_move = false;
  for (size_t q = 2; q < n && !may_move; ++q)
    may_move = is_combining(r[q]) && !is_combining(r[q - 1]) && allow[q].move_marks;
  if (!may_move) return moved;
  for (int pass = 0; pass < 3; ++pass) {
    RunSolver solver(words, r, allow, kNone);
    const std::vector<RunSolver::Piece> pieces = solver.solve();
    // Letters near unknown ones: the dictionary often covers a displaced
    // mark's letters with short words (จุบ, นัข) and leaves the unknown
    // letters a few places away.
    std::vector<char> troubled(n, 0);
    bool any = false;
    for (const RunSolver::Piece& p : pieces)
      if (!p.word) {
        any = true;
        const size_t from = p.begin > kTroubleReach ? p.begin - kTroubleReach : 0;
        for (size_t k = from; k < std::min(n, p.end + kTroubleReach); ++k) troubled[k] = 1;
      }
    if (!any) break;
    std::vector<size_t> sites;
    for (size_t q = 2; q < n; ++q)
      if (is_combining(r[q]) && !is_combining(r[q - 1]) && troubled[q] && allow[q].move_marks) sites.push_back(q);
    // Marks that sit in a word as the run reads now: a move may take marks
    // from one such word (สงู: the ู of งู belongs to ส), not from two
    // (a cut นที่มี is no นี่ทีม).
    std::vector<char> in_word(n, 0);
    for (const RunSolver::Piece& p : pieces)
      if (p.word)
        for (size_t k = p.begin; k < p.end; ++k) in_word[k] = 1;
    bool changed = false;
    size_t done_until = 0;  // sites before this were judged on text since changed
    for (size_t i = 0; i < sites.size(); ++i) {
      if (sites[i] < done_until) continue;
      const bool pair = i + 1 < sites.size() && sites[i + 1] - sites[i] <= 8 && !(in_word[sites[i]] && in_word[sites[i + 1]]);
      size_t lo = sites[i] > kWindow ? sites[i] - kWindow : 0;
      size_t hi = std::min(n, (pair ? sites[i + 1] : sites[i]) + kWindow);
      while (lo > 0 && !can_break(r, lo)) --lo;
      while (hi < n && !can_break(r, hi)) ++hi;
      std::vector<RunSolver::Piece> window;
      int best = solve_window(r, lo, hi, &window) - kWord;  // a reading must beat this
      std::u32string best_run;
      std::vector<size_t> best_sites;  // where the marks moved from, one entry per mark
      // A reading counts if it is cheaper and leaves every letter around each
      // move inside a word (a move that makes one word and leaves its
      // neighbour unknown, ห่น|ว from a broken หน่ว|ยงาน, is a guess).
      auto consider = [&](const std::u32string& run, const std::vector<std::pair<size_t, size_t>>& spans,
                          std::vector<size_t> marks) {
        std::vector<RunSolver::Piece> p2;
        const int cost = solve_window(run, lo, hi, &p2);
        if (cost > best) return;
        for (const RunSolver::Piece& p : p2)
          if (!p.word)
            for (const auto& [b, e] : spans)
              if (p.begin + lo < e && b < p.end + lo) return;
        best = cost - 1;  // later readings must be strictly better
        best_run = run;
        best_sites = std::move(marks);
      };
      for (const MarkMove& a : moves_at(r, sites[i])) {
        const Moved one = move_marks_back(r, a);
        if (one.run.empty()) continue;
        // With the next site too: its marks have not moved (positions after
        // the first site's marks are unchanged).
        if (pair)
          for (const MarkMove& b : moves_at(one.run, sites[i + 1])) {
            const Moved two = move_marks_back(one.run, b);
            if (!two.run.empty()) {
              std::vector<size_t> marks = a.which;
              marks.insert(marks.end(), b.which.begin(), b.which.end());
              consider(two.run, {{one.span_begin, one.span_end}, {two.span_begin, two.span_end}}, marks);
            }
          }
        consider(one.run, {{one.span_begin, one.span_end}}, a.which);
      }
      if (best_run.empty()) continue;
      r = std::move(best_run);
      moved.insert(moved.end(), best_sites.begin(), best_sites.end());
      changed = true;
      done_until = hi;
    }
    if (!changed) break;
  }
  return moved;
}

// Marks that cannot stand where they are in any spelling: on a vowel letter
// (วิธเีฉพาะ, บา้น), a second vowel or tone mark on one letter (บตัิ), a
// vowel after a tone mark. Proof of a text layer that displaces marks.
int odd_marks(const std::u32string& r) {
  int odd = 0;
  for (size_t i = 0; i < r.size();) {
    if (!is_combining(r[i])) {
      ++i;
      continue;
    }
    const bool on_consonant = i > 0 && is_consonant(r[i - 1]);
    int vowels = 0, tops = 0;
    bool order = true;
    size_t j = i;
    for (; j < r.size() && is_combining(r[j]); ++j) {
      if (is_vowel_mark(r[j])) {
        ++vowels;
        if (tops > 0) order = false;
      } else {
        ++tops;
      }
    }
    if (!on_consonant || vowels > 1 || tops > 1 || !order) ++odd;
    i = j;
  }
  return odd;
}

std::string kind_name(EditKind k) {
  switch (k) {
    case EditKind::ToAm: return "sara_am_swap";
    case EditKind::ToAa: return "sara_aa_swap";
    case EditKind::InsertU: return "sara_u_lost";
  }
  return "";
}

int swap_cost(DamageRepair::Trust t, int whole_font_cost) {
  switch (t) {
    case DamageRepair::Trust::Off: return INT_MAX;
    case DamageRepair::Trust::PerWord: return kSwapPerWord;
    case DamageRepair::Trust::WholeFont: return whole_font_cost;
  }
  return INT_MAX;
}

}  // namespace

const RepairWords& RepairWords::standard() {
  static const RepairWords words{Dictionary::libthai_and_icu(), Dictionary::libthai()};
  return words;
}

namespace {

// A run after fix_displaced_marks and solve_run: its letters with marks
// moved back, where each moved mark stood, and the reading.
struct Solved {
  std::u32string run;
  std::vector<size_t> moved;
  std::vector<RunSolver::Piece> pieces;
};

}  // namespace

struct DamageRepair::Memo {
  std::unordered_map<std::u32string, Solved> runs;
};

namespace {

// The memo key: the letters, then each letter's Allow (packed into code
// units that cannot be confused with the letters: they follow a 0).
std::u32string memo_key(const std::u32string& r, const std::vector<Allow>& allow) {
  std::u32string key = r;
  key.push_back(0);
  for (const Allow& a : allow) {
    key.push_back(static_cast<char32_t>(a.to_am));
    key.push_back(static_cast<char32_t>(a.to_aa));
    key.push_back(static_cast<char32_t>(a.insert_u));
    key.push_back(a.move_marks ? 1 : 0);
  }
  return key;
}

const Solved& solve_memo(std::unordered_map<std::u32string, Solved>& memo, const RepairWords& words,
                         const std::u32string& r, const std::vector<Allow>& allow) {
  std::u32string key = memo_key(r, allow);
  auto it = memo.find(key);
  if (it != memo.end()) return it->second;
  Solved s;
  s.run = r;
  s.moved = fix_displaced_marks(words.strict, s.run, allow);
  s.pieces = solve_run(words, s.run, allow);
  return memo.emplace(std::move(key), std::move(s)).first->second;
}

}  // namespace

DamageRepair::DamageRepair(const RepairWords& words) : words_(words), memo_(std::make_unique<Memo>()) {}
DamageRepair::~DamageRepair() = default;

void DamageRepair::observe(std::string_view text, const FontRuns& fonts) {
  if (is_ascii(text)) return;
  const Decoded d = decode(text, fonts);
  for (const auto& [b, e] : thai_runs(d.cps)) {
    std::u32string r = d.cps.substr(b, e - b);
    if (!has_sara_candidates(r)) continue;
    auto ev = [&, b = b](size_t k) -> Evidence& { return evidence_[d.fonts[d.font[b + k]]]; };
    const bool abbreviation = (e < d.cps.size() && d.cps[e] == '.') || looks_like_abbreviation(r);
    std::vector<Allow> allow(r.size());
    for (size_t k = 0; k < r.size(); ++k) {
      allow[k] = {kSwapPerWord, kSwapPerWord, abbreviation ? INT_MAX : kInsertU, true};
      if (r[k] == kSaraAa) ++ev(k).aa;
      if (r[k] == kSaraAm) ++ev(k).am;
    }
    ev(0).odd_marks += odd_marks(r);
    const Solved& solved = solve_memo(memo_->runs, words_, r, allow);
    r = solved.run;
    for (size_t q : solved.moved) ++ev(q).to_marks;
    for (const RunSolver::Piece& p : solved.pieces) {
      if (!p.word) continue;
      for (const Edit& e : p.edits) {
        Evidence& x = ev(e.pos);
        (e.kind == EditKind::ToAm ? x.to_am : e.kind == EditKind::ToAa ? x.to_aa : x.to_u) += 1;
      }
      for (size_t k = p.begin; k < p.end; ++k) {
        const bool edited = std::any_of(p.edits.begin(), p.edits.end(), [k](const Edit& e) {
          return e.pos == k && e.kind != EditKind::InsertU;
        });
        if (edited) continue;
        if (r[k] == kSaraAa) ++ev(k).kept_aa;
        if (r[k] == kSaraAm) ++ev(k).kept_am;
        if (r[k] == kSaraU) ++ev(k).kept_u;
        if (is_combining(r[k])) ++ev(k).kept_marks;
      }
    }
  }
}

void DamageRepair::add_evidence(const DamageRepair& other) {
  for (const auto& [font, o] : other.evidence_) {
    Evidence& e = evidence_[font];
    e.aa += o.aa;
    e.am += o.am;
    e.kept_aa += o.kept_aa;
    e.kept_am += o.kept_am;
    e.kept_u += o.kept_u;
    e.kept_marks += o.kept_marks;
    e.to_am += o.to_am;
    e.to_aa += o.to_aa;
    e.to_u += o.to_u;
    e.to_marks += o.to_marks;
    e.odd_marks += o.odd_marks;
  }
}

DamageRepair::Trust DamageRepair::trust_am(const std::string& font) const {
  auto it = evidence_.find(font);
  if (it == evidence_.end()) return Trust::PerWord;
  const Evidence& e = it->second;
  // The font draws ำ in many words: the few า it "should" have drawn as ำ
  // are words that happen to read both ways.
  if (e.to_am * 10 < e.kept_am) return Trust::Off;
  if (e.to_am >= 3 && e.to_am > e.kept_am) return Trust::WholeFont;
  return Trust::PerWord;
}

bool DamageRepair::trust_u(const std::string& font) const {
  auto it = evidence_.find(font);
  if (it == evidence_.end()) return true;
  // Where a font draws ุ in many words, a few words "missing" it are
  // fragments and abbreviations (ตร|การ from a cut มาตรการ is no ตรุ).
  return it->second.to_u * 10 >= it->second.kept_u;
}

bool DamageRepair::trust_marks(const std::string& font) const {
  auto it = evidence_.find(font);
  if (it == evidence_.end()) return true;
  const Evidence& e = it->second;
  // Marks that stand where no spelling puts them prove a displacing text
  // layer; else the moves proposed must be more than the odd fragment
  // (0.5% of the marks in words).
  return e.odd_marks > 0 || e.to_marks * 200 >= e.kept_marks;
}

DamageRepair::Trust DamageRepair::trust_aa(const std::string& font) const {
  auto it = evidence_.find(font);
  if (it == evidence_.end()) return Trust::PerWord;
  const Evidence& e = it->second;
  if (e.to_aa * 10 < e.kept_aa) return Trust::Off;
  // Most words with ำ only read as words with า: the font draws า as ำ.
  if (e.to_aa >= 3 && e.to_aa > e.kept_am) return Trust::WholeFont;
  return Trust::PerWord;
}

std::string DamageRepair::repair(std::string_view text, const FontRuns& fonts, RepairCounts* counts) const {
  if (is_ascii(text)) return std::string(text);
  const Decoded d = decode(text, fonts);
  // Trust per font of this text, looked up once.
  std::vector<Allow> font_allow(d.fonts.size());
  for (size_t f = 0; f < d.fonts.size(); ++f) {
    font_allow[f].to_am = swap_cost(trust_am(d.fonts[f]), kSwapToAmWholeFont);
    font_allow[f].to_aa = swap_cost(trust_aa(d.fonts[f]), kSwapToAaWholeFont);
    font_allow[f].insert_u = trust_u(d.fonts[f]) ? kInsertU : INT_MAX;
    font_allow[f].move_marks = trust_marks(d.fonts[f]);
  }
  std::string out;
  out.reserve(text.size() + 16);
  size_t copied = 0;  // code points of d.cps already in out
  for (const auto& [b, e] : thai_runs(d.cps)) {
    std::u32string r = d.cps.substr(b, e - b);
    if (!has_sara_candidates(r)) continue;
    std::vector<Allow> allow(r.size());
    const bool abbreviation = (e < d.cps.size() && d.cps[e] == '.') || looks_like_abbreviation(r);
    bool editable = false;
    for (size_t k = 0; k < r.size(); ++k) {
      allow[k] = font_allow[d.font[b + k]];
      if (abbreviation) allow[k].insert_u = INT_MAX;  // อปท. is no word missing ุ
      const Allow& a = allow[k];
      editable = editable || a.move_marks || a.insert_u != INT_MAX || (r[k] == kSaraAa && a.to_am != INT_MAX) ||
                 (r[k] == kSaraAm && a.to_aa != INT_MAX);
    }
    // Where the evidence turned every edit off (a clean font), no reading
    // can change the run: skip solving it (the usual case in a clean PDF).
    if (!editable) continue;
    const Solved& solved = solve_memo(memo_->runs, words_, r, allow);
    r = solved.run;
    const int moves = static_cast<int>(solved.moved.size());
    if (counts != nullptr) counts->add("mark_displaced", moves);
    const std::vector<RunSolver::Piece>& pieces = solved.pieces;
    bool any = moves > 0;
    for (const RunSolver::Piece& p : pieces) any = any || !p.edits.empty();
    if (!any) continue;
    out.append(text.substr(d.offsets[copied], d.offsets[b] - d.offsets[copied]));
    for (const RunSolver::Piece& p : pieces) {
      for (char32_t c : apply_edits(r, p.begin, p.end, p.edits)) append_utf8(&out, c);
      if (counts != nullptr)
        for (const Edit& ed : p.edits) counts->add(kind_name(ed.kind));
    }
    copied = e;
  }
  out.append(text.substr(d.offsets[copied]));
  return out;
}

std::string DamageRepair::describe() const {
  auto name = [](Trust t) {
    return t == Trust::Off ? "off" : t == Trust::PerWord ? "per word" : "whole font";
  };
  std::string out;
  for (const auto& [font, e] : evidence_) {
    if (e.aa + e.am + e.kept_marks + e.odd_marks == 0) continue;
    out += (font.empty() ? std::string("(no font)") : font) + ": า→ำ " + name(trust_am(font)) + ", ำ→า " +
           name(trust_aa(font)) + " (า " + std::to_string(e.aa) + ", ำ " + std::to_string(e.am) +
           "; kept า " + std::to_string(e.kept_aa) + ", ำ " + std::to_string(e.kept_am) +
           "; proposed →ำ " + std::to_string(e.to_am) + ", →า " + std::to_string(e.to_aa) + ", +ุ " +
           std::to_string(e.to_u) + " (kept " + std::to_string(e.kept_u) + ": " + (trust_u(font) ? "on" : "off") +
           "), marks moved " + std::to_string(e.to_marks) + " (kept " + std::to_string(e.kept_marks) + ", odd " +
           std::to_string(e.odd_marks) + ": " + (trust_marks(font) ? "on" : "off") + "))\n";
  }
  return out;
}

std::string repair_damage(std::string_view text, const RepairWords& words, RepairCounts* counts) {
  DamageRepair r(words);
  r.observe(text);
  return r.repair(text, {}, counts);
}

// --- mixed digits ----------------------------------------------------------------

std::string unify_digits(std::string_view text, RepairCounts* counts) {
  if (is_ascii(text)) return std::string(text);
  auto digit = [](char32_t c) { return (c >= '0' && c <= '9') || is_thai_digit(c); };
  std::string out;
  out.reserve(text.size());
  int fixed = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    const char32_t c = next_cp(text, &j);
    if (!digit(c)) {
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    // The number: digits, with single '.' or ',' between digits.
    std::u32string num;
    size_t end = i, k = i;
    int ascii = 0, thai = 0;
    while (k < text.size()) {
      size_t k2 = k;
      const char32_t d = next_cp(text, &k2);
      if (digit(d)) {
        (d <= '9' ? ascii : thai) += 1;
        num.push_back(d);
        end = k = k2;
        continue;
      }
      if ((d == '.' || d == ',') && k2 < text.size()) {
        size_t k3 = k2;
        if (digit(next_cp(text, &k3))) {
          num.push_back(d);
          k = k2;
          continue;
        }
      }
      break;
    }
    if (ascii > 0 && thai > 0) {
      const bool to_thai = thai > ascii;
      for (char32_t d : num) {
        if (d >= '0' && d <= '9' && to_thai) d = 0x0E50 + (d - '0');
        else if (is_thai_digit(d) && !to_thai) d = '0' + (d - 0x0E50);
        append_utf8(&out, d);
      }
      ++fixed;
    } else {
      out.append(text.substr(i, end - i));
    }
    i = end;
  }
  if (counts != nullptr) counts->add("mixed_digits", fixed);
  return out;
}

}  // namespace itax::thai

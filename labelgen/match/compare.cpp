#include "labelgen/match/compare.hpp"

#include <algorithm>

#include "labelgen/core/utf8.hpp"
#include "labelgen/match/reasons.hpp"

namespace lg::match {
namespace {

std::string join_text(WordSpan words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += words[i].sep;
    out += words[i].text;
  }
  return out;
}

std::string join_letters(WordSpan words) {
  std::string out;
  for (const Word& w : words) out += w.letters;
  return out;
}

std::string join_base(WordSpan words) {
  std::string out;
  for (const Word& w : words) out += w.base;
  return out;
}

bool plain(const Word& w) { return w.letters == w.base; }
bool plain(WordSpan words) {
  return std::all_of(words.begin(), words.end(), [](const Word& w) { return plain(w); });
}

// Accents differ where the letters are otherwise the same. Missing on one side (that side's
// words are written without any accent) is equivalent; different accents on both sides is not.
Finding accent_finding(WordSpan label, WordSpan book) {
  bool missing_on_book = false;
  bool missing_on_label = false;
  bool differ = false;
  auto classify = [&](WordSpan l, WordSpan b) {
    if (join_letters(l) == join_letters(b)) return;
    if (plain(b)) {
      missing_on_book = true;
    } else if (plain(l)) {
      missing_on_label = true;
    } else {
      differ = true;
    }
  };
  const bool aligned = label.size() == book.size() &&
                       std::equal(label.begin(), label.end(), book.begin(),
                                  [](const Word& a, const Word& b) { return a.base == b.base; });
  if (aligned) {
    for (std::size_t i = 0; i < label.size(); ++i) classify(label.subspan(i, 1), book.subspan(i, 1));
  } else {
    classify(label, book);
  }
  if (differ || (missing_on_book && missing_on_label)) return {Grade::NeedsReview, reason::kAccentsDiffer};
  if (missing_on_label) return {Grade::Equivalent, reason::kAccentsMissingOnLabel};
  return {Grade::Equivalent, reason::kAccentsMissingOnBook};
}

std::u32string key32(WordSpan words) { return utf8::decode(join_base(words)); }

// One letter off in a name part long enough. Not when either side has an initial: an initial is
// a whole word, not a letter typed wrong (`Jose M.` is not a typo of `Jose`).
bool typo(WordSpan label, WordSpan book, const Context& ctx) {
  auto initial = [](const Word& w) { return w.initial(); };
  if (std::any_of(label.begin(), label.end(), initial) || std::any_of(book.begin(), book.end(), initial))
    return false;
  const std::u32string a = key32(label);
  const std::u32string b = key32(book);
  if (std::min(a.size(), b.size()) < ctx.min_typo_letters) return false;
  return one_edit(a, b);
}

bool same_base(WordSpan a, WordSpan b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](const Word& x, const Word& y) { return x.base == y.base; });
}

// A single-letter word that is dotted or last: an initial, never a piece of a longer word.
bool dangling_initial(WordSpan words) {
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i].initial() && (words[i].dotted || i + 1 == words.size())) return true;
  return false;
}

// Whether `part` occurs as a contiguous run of words (compared without accents) inside `whole`
// and is shorter.
bool sub_run(WordSpan part, WordSpan whole) {
  if (part.empty() || part.size() >= whole.size()) return false;
  for (std::size_t i = 0; i + part.size() <= whole.size(); ++i)
    if (same_base(part, whole.subspan(i, part.size()))) return true;
  return false;
}

// Whether the parts of `a` are a contiguous run of the parts of `b` (fewer parts).
bool part_run(const std::vector<Words>& a, const std::vector<Words>& b) {
  if (a.empty() || a.size() >= b.size()) return false;
  for (std::size_t i = 0; i + a.size() <= b.size(); ++i) {
    bool all = true;
    for (std::size_t j = 0; j < a.size() && all; ++j) all = join_base(a[j]) == join_base(b[i + j]);
    if (all) return true;
  }
  return false;
}

// Expands table abbreviations (`ma.` → maria). Returns the accent-free key and whether an
// abbreviation was used, and whether every one used was written with its dot.
struct Expanded {
  std::string key;
  bool used = false;
  bool all_dotted = true;
};
Expanded expand(WordSpan words, const NameTable& table) {
  Expanded e;
  for (const Word& w : words) {
    if (const std::string* full = table.expand_key(w.base)) {
      e.key += *full;
      e.used = true;
      e.all_dotted = e.all_dotted && w.dotted;
    } else {
      e.key += w.base;
    }
  }
  return e;
}

// Same name once abbreviations are written out?
bool abbreviation(WordSpan label, WordSpan book, const NameTable& table, Findings& out) {
  const Expanded l = expand(label, table);
  const Expanded b = expand(book, table);
  if (!(l.used || b.used) || l.key != b.key) return false;
  if (l.all_dotted && b.all_dotted) {
    out.push_back({Grade::Equivalent, reason::kAbbreviation});
  } else {
    out.push_back({Grade::NeedsReview, reason::kUndottedAbbreviation});
  }
  return true;
}

std::string non_particle_key(WordSpan words) {
  std::string out;
  for (const Word& w : words)
    if (!is_particle(w)) out += w.base;
  return out;
}

char32_t first_letter(const Word& w) {
  const std::u32string cps = utf8::decode(w.base);
  return cps.empty() ? U'\0' : cps.front();
}

}  // namespace

bool one_edit(std::u32string_view a, std::u32string_view b) {
  if (a == b) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
  }
  return a.substr(i) == b.substr(i + 1);  // b has one more
}

bool same_spelling(WordSpan label, WordSpan book, Findings& out) {
  if (join_text(label) == join_text(book)) return true;
  // Words split differently (Xiao-Ming / Xiaoming, O Neil / O'Neil) are the same name, except
  // when a dotted or trailing initial would be glued onto a word: `An H.` is not `Anh`.
  if (!same_base(label, book) && (dangling_initial(label) || dangling_initial(book))) return false;
  if (join_letters(label) == join_letters(book)) {
    const bool same_words = label.size() == book.size() &&
                            std::equal(label.begin(), label.end(), book.begin(),
                                       [](const Word& a, const Word& b) { return a.text == b.text; });
    out.push_back({Grade::Equivalent, same_words ? reason::kHyphenSpace : reason::kPunctuation});
    return true;
  }
  if (join_base(label) == join_base(book)) {
    out.push_back(accent_finding(label, book));
    return true;
  }
  return false;
}

void compare_last(WordSpan label, WordSpan book, const Context& ctx, Findings& out) {
  if (book.empty()) {
    out.push_back({Grade::Mismatch, reason::kLastMissing});
    return;
  }
  if (same_spelling(label, book, out)) return;
  if (abbreviation(label, book, ctx.table, out)) return;
  const std::vector<Words> lp = surname_parts(Words(label.begin(), label.end()));
  const std::vector<Words> bp = surname_parts(Words(book.begin(), book.end()));
  if (lp.size() >= 2 && lp.size() == bp.size()) {
    std::vector<std::string> lk;
    std::vector<std::string> bk;
    for (const Words& p : lp) lk.push_back(join_base(p));
    for (const Words& p : bp) bk.push_back(join_base(p));
    std::sort(lk.begin(), lk.end());
    std::sort(bk.begin(), bk.end());
    if (lk == bk) {
      out.push_back({Grade::NeedsReview, reason::kSurnameOrder});
      return;
    }
  }
  if (part_run(bp, lp)) {
    out.push_back(
        {Grade::NeedsReview, lp.size() == 2 ? reason::kOneSurnameOfTwo : reason::kLastPartMissingOnBook});
    return;
  }
  if (part_run(lp, bp)) {
    out.push_back(
        {Grade::NeedsReview, bp.size() == 2 ? reason::kOneSurnameOfTwo : reason::kLastPartMissingOnLabel});
    return;
  }
  const std::string lk = non_particle_key(label);
  if (!lk.empty() && lk == non_particle_key(book)) {
    out.push_back({Grade::NeedsReview, reason::kParticle});
    return;
  }
  if (ctx.table.variant_keys(join_base(label), join_base(book))) {
    out.push_back({Grade::NeedsReview, reason::kLastVariant});
    return;
  }
  if (typo(label, book, ctx)) {
    out.push_back({Grade::NeedsReview, reason::kTypoLast});
    return;
  }
  out.push_back({Grade::Mismatch, reason::kDifferentLast});
}

void compare_first(WordSpan label, WordSpan book, const Context& ctx, Findings& out) {
  if (same_spelling(label, book, out)) return;
  if (abbreviation(label, book, ctx.table, out)) return;
  const std::string lk = join_base(label);
  const std::string bk = join_base(book);
  if (ctx.table.short_form_keys(lk, bk)) {
    out.push_back({Grade::NeedsReview, reason::kShortForm});
    return;
  }
  if (ctx.table.variant_keys(lk, bk)) {
    out.push_back({Grade::NeedsReview, reason::kFirstVariant});
    return;
  }
  if (sub_run(book, label)) {
    out.push_back({Grade::NeedsReview, reason::kFirstPartMissing});
    return;
  }
  if (book.size() == 1 && book.front().initial()) {
    out.push_back({Grade::Mismatch, first_letter(book.front()) == first_letter(label.front())
                                        ? reason::kFirstInitialOnly
                                        : reason::kDifferentFirst});
    return;
  }
  if (typo(label, book, ctx)) {
    out.push_back({Grade::NeedsReview, reason::kTypoFirst});
    return;
  }
  out.push_back({Grade::Mismatch, reason::kDifferentFirst});
}

void compare_middle(WordSpan label, bool label_initial, WordSpan book, const Context& ctx, Findings& out) {
  if (label.empty() && book.empty()) return;
  if (label.empty()) {
    out.push_back({Grade::Equivalent, reason::kMiddleMissingOnLabel});
    return;
  }
  if (book.empty()) {
    out.push_back({Grade::Equivalent, reason::kMiddleMissingOnBook});
    return;
  }
  const bool book_initial = book.size() == 1 && book.front().initial();
  if (label_initial || book_initial) {
    if (first_letter(label.front()) != first_letter(book.front())) {
      out.push_back({Grade::Mismatch, reason::kMiddleDiffers});
    } else if (label_initial && book_initial) {
      same_spelling(label.first(1), book.first(1), out);
    } else {
      out.push_back({Grade::Equivalent, reason::kMiddleInitial});
    }
    return;
  }
  if (same_spelling(label, book, out)) return;
  if (abbreviation(label, book, ctx.table, out)) return;
  if (sub_run(book, label) || sub_run(label, book)) {
    out.push_back({Grade::NeedsReview, reason::kMiddlePartMissing});
    return;
  }
  if (typo(label, book, ctx)) {
    out.push_back({Grade::NeedsReview, reason::kTypoMiddle});
    return;
  }
  out.push_back({Grade::Mismatch, reason::kMiddleDiffers});
}

}  // namespace lg::match

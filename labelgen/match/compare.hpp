#pragma once
/// Comparing one name part of the label with the words the book has for it.
#include <span>
#include <string_view>
#include <vector>

#include "labelgen/match/match.hpp"
#include "labelgen/match/name_table.hpp"
#include "labelgen/match/words.hpp"

namespace lg::match {

/// One difference found, with the grade it alone would give.
struct Finding {
  Grade grade;
  std::string_view reason;
};
using Findings = std::vector<Finding>;
using WordSpan = std::span<const Word>;

/// Whether `a` becomes `b` with exactly one insertion, deletion, substitution or swap of two
/// adjacent code points (optimal string alignment distance 1).
bool one_edit(std::u32string_view a, std::u32string_view b);

/// What a comparison needs besides the words.
struct Context {
  const NameTable& table;
  std::size_t min_typo_letters;
};

/// Same words up to punctuation, spacing and accents? Appends the finding (nothing when the text
/// is the same) and returns true; returns false when the letters differ.
bool same_spelling(WordSpan label, WordSpan book, Findings& out);

/// Label last name against the book's last-name words.
void compare_last(WordSpan label, WordSpan book, const Context& ctx, Findings& out);
/// Label first name against the book's first-name words.
void compare_first(WordSpan label, WordSpan book, const Context& ctx, Findings& out);
/// Label middle name (or initial) against the rest of the book's given names.
void compare_middle(WordSpan label, bool label_initial, WordSpan book, const Context& ctx, Findings& out);

}  // namespace lg::match

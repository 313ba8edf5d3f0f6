#pragma once
/// Splitting a written name into words and name parts (label side and book side).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/core/name.hpp"

namespace lg::match {

/// One written word of a name.
struct Word {
  std::string text;     ///< case-folded NFC, inner punctuation kept (`o'brien`, `ma.`)
  std::string letters;  ///< letters and digits only, accents kept (`obrien`, `ma`)
  std::string base;     ///< letters and digits only, accents removed (`nguyen` for `nguyễn`)
  bool dotted = false;  ///< written with a trailing dot (an initial or an abbreviation)
  char sep = ' ';       ///< what joined it to the previous word: ' ' or '-'
  bool single = false;  ///< a single letter (set when the word is made)
  bool initial() const { return single; }  ///< a single letter: an initial, or a piece like `O`
};
using Words = std::vector<Word>;

/// Generational suffixes found in a name (Jr., Sr., II, III, IV; `2nd`/`3rd` read as II/III).
struct Suffixes {
  std::vector<std::string> found;  ///< normalised: jr, sr, ii, iii, iv
};

/// The label side: last name words, first name words, middle name (full words, or one initial).
struct LabelName {
  Words last;
  Words first;
  Words middle;
  bool middle_is_initial = false;
  Suffixes suffixes;
  bool well_formed = true;  ///< false when a label string lacks the `LAST, FIRST` comma form
};

/// The book side: free text, split at its first comma when there is one.
struct BookName {
  bool has_comma = false;
  Words before;  ///< the words before the comma, or all words when there is no comma
  Words after;   ///< the words after the comma
  Suffixes suffixes;
};

/// Splits case-folded text into words at spaces and hyphens; words with no letter or digit are
/// dropped. Input must be valid UTF-8.
Words split_words(std::string_view text);

/// Parses a printed label name `LAST, FIRST M.`.
LabelName parse_label(std::string_view label);
/// Takes a structured name (full middle name).
LabelName parse_label(const StudentName& name);
/// Parses what a book carries.
BookName parse_book(std::string_view book);

/// A surname's parts: particles (de, del, de la, al, el, ter, van, ...) join the word that follows
/// them; spaces and hyphens separate parts ("de la Cruz-Reyes" → [de la cruz] [reyes]).
std::vector<Words> surname_parts(const Words& last);
/// Whether a word is a surname particle.
bool is_particle(const Word& w);

}  // namespace lg::match

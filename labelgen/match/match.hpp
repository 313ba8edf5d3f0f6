#pragma once
/// Name matching for the verifier: does the name on a Pre-ID label match the name written on the
/// answer book (or the name a roster says the book carries)?
///
/// Grades, from best to worst:
/// - **exact**: the same text after NFC, Unicode case folding and whitespace trimming (runs of
///   spaces collapsed, one space after a comma). The label is printed in upper case, so a book
///   written `Nguyễn, Thảo M.` is an exact match of the label `NGUYỄN, THẢO M.`; for a structured
///   name, both `LAST, FIRST M.` and `Last, First Middle` count as the same text.
/// - **equivalent**: the same name written differently: accents missing on one side (ễ/e, đ/d,
///   ñ/n, ü/u), punctuation, apostrophes, spacing, hyphen vs space, `First Last` order instead of
///   `Last, First`, a middle name present on one side only, an initial for the full middle name,
///   or a dotted abbreviation from the table (`Ma.` for María).
/// - **needs review**: probably the same person, a human has to look: one surname of a two-part
///   surname, a short form or nickname of the first name, a listed spelling variant (Mohammed /
///   Muhammad), one typo (insert, delete, substitute or swap two adjacent letters) in a name part
///   of at least `min_typo_letters` letters, the last name written first without a comma (also
///   Vietnamese and Chinese family-name-first order), a surname particle missing (Ter-Petrosyan /
///   Petrosyan), different accents on both sides (Tâm / Tám are different Vietnamese names), part
///   of a multi-word first name missing, a generational suffix (Jr., III) on one side only.
/// - **mismatch**: anything else, including two or more needs-review differences at once, a
///   different middle name or initial, and a book with no name or only one of the names.
///
/// When in doubt the matcher grades lower: a false "exact" or "equivalent" is the dangerous error.
/// The reason is a short English phrase from a fixed list (reason_phrases()), several joined with
/// "; "; it never contains the names, so it may be logged.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "labelgen/core/name.hpp"
#include "labelgen/match/name_table.hpp"

namespace lg::match {

/// How well a book name matches a label name, best first.
enum class Grade { Exact, Equivalent, NeedsReview, Mismatch };

/// `exact`, `equivalent`, `needs review`, `mismatch`.
std::string_view grade_name(Grade grade);

/// The verdict: a grade and a short reason without any name in it.
struct Match {
  Grade grade = Grade::Mismatch;
  std::string reason;
};

/// Matching settings.
struct Options {
  /// Short forms, spelling variants and abbreviations. nullptr: default_name_table() (the data
  /// file), or no table at all when that file cannot be loaded (short forms then grade mismatch;
  /// check default_name_table() at start-up to report that).
  const NameTable* table = nullptr;
  /// A one-letter difference is "needs review" only when both spellings of that name part have at
  /// least this many letters; shorter names differing by a letter (Tam / Tan) are a mismatch.
  std::size_t min_typo_letters = 4;
};

/// Longest book or label text compared (bytes); longer text is a mismatch.
inline constexpr std::size_t kMaxNameBytes = 600;
/// Most words a book or label name may have; more is a mismatch.
inline constexpr std::size_t kMaxNameWords = 24;

/// Matches a printed label name (`LAST, FIRST M.`) against the book's name (free text).
Match match_names(std::string_view label, std::string_view book, const Options& options = {});
/// Matches a structured name (full middle name) against the book's name (free text).
Match match_names(const StudentName& label, std::string_view book, const Options& options = {});

/// Every phrase a reason is made of.
std::span<const std::string_view> reason_phrases();

}  // namespace lg::match

#pragma once
/// Student legal names as CALPADS holds them.
#include <string>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg {

/// Length limits of CALPADS name fields, in characters (code points after NFC).
inline constexpr std::size_t kMaxLastName = 50;
inline constexpr std::size_t kMaxFirstName = 30;
inline constexpr std::size_t kMaxMiddleName = 30;

/// A student's legal name, NFC-normalised UTF-8. Last and first are required, middle optional.
struct StudentName {
  std::string last;
  std::string first;
  std::string middle;

  /// `LAST, FIRST M.` — the Pre-ID label form, in the student's real spelling (accents kept).
  std::string label_form() const;
  /// `Last, First Middle` — the roster form.
  std::string full() const;
  friend bool operator==(const StudentName&, const StudentName&) = default;
};

/// Validates and normalises one name part: trims outer spaces, collapses inner runs of spaces,
/// maps typographic apostrophes (’ ʼ) to `'`, converts to NFC, then allows only letters
/// (any script's letters and combining marks, so accented Latin and Vietnamese pass), digits,
/// `.`, `-`, `'`, `/` and space. `max_chars` is counted after normalisation.
/// The error's field is empty; callers set it.
Result<std::string> normalize_name_part(std::string_view text, std::size_t max_chars, bool required);

/// Builds a StudentName, reporting the offending field (`last_name`, `first_name`, `middle_name`).
Result<StudentName> make_student_name(std::string_view last, std::string_view first, std::string_view middle);

/// Upper-cases UTF-8 text with full Unicode rules (ñ → Ñ, đ → Đ, ß → SS), keeping NFC.
std::string to_upper(std::string_view text);

/// NFC normalisation of valid UTF-8 text.
std::string to_nfc(std::string_view text);

}  // namespace lg

#pragma once
/// Identifiers of California's student and school data systems, validated on construction.
#include <compare>
#include <string>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg {

/// Statewide Student Identifier: exactly 10 digits.
class Ssid {
 public:
  static Result<Ssid> parse(std::string_view text);
  const std::string& str() const { return digits_; }
  friend auto operator<=>(const Ssid&, const Ssid&) = default;

 private:
  std::string digits_;
};

/// County-District-School code: 14 digits = county (2) + district (5) + school (7).
class CdsCode {
 public:
  static Result<CdsCode> parse(std::string_view text);
  const std::string& str() const { return digits_; }
  std::string_view county() const { return std::string_view(digits_).substr(0, 2); }
  std::string_view district() const { return std::string_view(digits_).substr(2, 5); }
  std::string_view school() const { return std::string_view(digits_).substr(7, 7); }
  /// County + district, the 7-digit code of a district LEA.
  std::string_view county_district() const { return std::string_view(digits_).substr(0, 7); }
  /// District-level (LEA) codes end in 0000000.
  bool is_district_level() const { return school() == "0000000"; }
  /// The 7-digit LEA code used by 2020–21 lists: county+district for districts, school code
  /// for charters.
  std::string lea7() const { return std::string(is_district_level() ? county_district() : school()); }
  /// `19 64212 0000000`, the grouping printed on labels and GIS.
  std::string spaced() const;
  friend auto operator<=>(const CdsCode&, const CdsCode&) = default;

 private:
  std::string digits_;
};

/// A 7-digit LEA code (2020–21 lists).
class LeaCode7 {
 public:
  static Result<LeaCode7> parse(std::string_view text);
  const std::string& str() const { return digits_; }
  friend auto operator<=>(const LeaCode7&, const LeaCode7&) = default;

 private:
  std::string digits_;
};

/// Enrolled grade. TK (transitional kindergarten) tests as KN.
enum class Grade { TK, KN, G01, G02, G03, G04, G05, G06, G07, G08, G09, G10, G11, G12 };

/// Accepts TK, KN (also K), 01–12 (also 1–12).
Result<Grade> parse_grade(std::string_view text);
/// `TK`, `KN`, `01` … `12`.
std::string_view grade_code(Grade g);
/// The grade at which the student tests: TK → KN, others unchanged.
Grade testing_grade(Grade g);
/// Human label: "Transitional kindergarten", "Kindergarten", "Grade 1" …
std::string_view grade_label(Grade g);

/// Initial ELPAC form number.
enum class Form { F1 = 1, F2 = 2 };
Result<Form> parse_form(std::string_view text);
inline int form_number(Form f) { return static_cast<int>(f); }

/// An administration year such as `2024-25` (July 1 – June 30).
class AdminYear {
 public:
  /// Accepts `2024-25`, `2024–25`, `2024-2025`.
  static Result<AdminYear> parse(std::string_view text);
  int start_year() const { return start_; }
  std::string str() const;  ///< `2024-25`
  friend auto operator<=>(const AdminYear&, const AdminYear&) = default;

 private:
  int start_ = 0;
};

}  // namespace lg

#include "labelgen/core/ids.hpp"

#include <array>
#include <cstdio>

namespace lg {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

Result<std::string> digits_of_length(std::string_view text, std::size_t n, const char* what) {
  if (!all_digits(text) || text.size() != n)
    return fail("", std::string(what) + " must be exactly " + std::to_string(n) + " digits, got '" +
                        std::string(text) + "' (" + std::to_string(text.size()) + " characters)");
  return std::string(text);
}

constexpr std::array<std::string_view, 14> kGradeCodes{"TK", "KN", "01", "02", "03", "04", "05",
                                                       "06", "07", "08", "09", "10", "11", "12"};
constexpr std::array<std::string_view, 14> kGradeLabels{
    "Transitional kindergarten", "Kindergarten", "Grade 1", "Grade 2",  "Grade 3",
    "Grade 4",                   "Grade 5",      "Grade 6", "Grade 7",  "Grade 8",
    "Grade 9",                   "Grade 10",     "Grade 11", "Grade 12"};

}  // namespace

Result<Ssid> Ssid::parse(std::string_view text) {
  // The message does not repeat the value: an SSID is personal data and rejections are logged.
  if (!all_digits(text) || text.size() != 10)
    return fail("", "SSID must be exactly 10 digits, got " + std::to_string(text.size()) + " characters" +
                        (all_digits(text) || text.empty() ? std::string() : " with a non-digit"));
  auto d = digits_of_length(text, 10, "SSID");
  if (!d) return std::unexpected(d.error());
  Ssid s;
  s.digits_ = *d;
  return s;
}

Result<CdsCode> CdsCode::parse(std::string_view text) {
  auto d = digits_of_length(text, 14, "CDS code");
  if (!d) return std::unexpected(d.error());
  CdsCode c;
  c.digits_ = *d;
  return c;
}

std::string CdsCode::spaced() const {
  return std::string(county()) + " " + std::string(district()) + " " + std::string(school());
}

Result<LeaCode7> LeaCode7::parse(std::string_view text) {
  auto d = digits_of_length(text, 7, "LEA code");
  if (!d) return std::unexpected(d.error());
  LeaCode7 c;
  c.digits_ = *d;
  return c;
}

Result<Grade> parse_grade(std::string_view text) {
  if (text == "K" || text == "k" || text == "kn") return Grade::KN;
  if (text == "tk") return Grade::TK;
  for (std::size_t i = 0; i < kGradeCodes.size(); ++i)
    if (text == kGradeCodes[i]) return static_cast<Grade>(i);
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '9') return static_cast<Grade>(text[0] - '0' + 1);
  return fail("", "grade must be TK, KN or 01-12, got '" + std::string(text) + "'");
}

std::string_view grade_code(Grade g) { return kGradeCodes[static_cast<std::size_t>(g)]; }
std::string_view grade_label(Grade g) { return kGradeLabels[static_cast<std::size_t>(g)]; }
Grade testing_grade(Grade g) { return g == Grade::TK ? Grade::KN : g; }

Result<Form> parse_form(std::string_view text) {
  if (text == "1" || text == "01") return Form::F1;
  if (text == "2" || text == "02") return Form::F2;
  return fail("", "form must be 1 or 2, got '" + std::string(text) + "'");
}

Result<AdminYear> AdminYear::parse(std::string_view text) {
  auto bad = [&] {
    return fail("", "administration must look like 2024-25, got '" + std::string(text) + "'");
  };
  std::string t(text);
  // Accept an en dash as written in the seed documents.
  if (auto pos = t.find("\xE2\x80\x93"); pos != std::string::npos) t.replace(pos, 3, "-");
  if (t.size() < 7 || t[4] != '-' || !all_digits(t.substr(0, 4))) return bad();
  int start = std::stoi(t.substr(0, 4));
  std::string tail = t.substr(5);
  int end = 0;
  if (tail.size() == 2 && all_digits(tail))
    end = (start / 100) * 100 + std::stoi(tail);
  else if (tail.size() == 4 && all_digits(tail))
    end = std::stoi(tail);
  else
    return bad();
  if (end % 100 != (start + 1) % 100 || (tail.size() == 4 && end != start + 1)) return bad();
  AdminYear y;
  y.start_ = start;
  return y;
}

std::string AdminYear::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", start_, (start_ + 1) % 100);
  return buf;
}

}  // namespace lg

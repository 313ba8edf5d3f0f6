#include "labelgen/core/length.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace lg {

Result<Length> Length::parse(std::string_view text) {
  const std::string original(text);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::size_t n = 0;
  while (n < text.size() && (std::isdigit(static_cast<unsigned char>(text[n])) || text[n] == '.' || text[n] == '-' ||
                             text[n] == '+'))
    ++n;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + n, value);
  if (n == 0 || ec != std::errc() || ptr != text.data() + n)
    return fail("", "'" + original + "' is not a length (a number followed by in, mm, cm or pt)");
  std::string_view unit = text.substr(n);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  if (unit == "in") return Length::in(value);
  if (unit == "mm") return Length::mm(value);
  if (unit == "cm") return Length::mm(value * 10);
  if (unit == "pt") return Length::pt(value);
  if (unit.empty()) return fail("", "'" + original + "' has no unit (in, mm, cm or pt)");
  return fail("", "'" + original + "' has unknown unit '" + std::string(unit) + "' (in, mm, cm or pt)");
}

std::string Length::str() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gpt", pt_);
  return buf;
}

}  // namespace lg

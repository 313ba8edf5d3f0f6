#include "labelgen/barcode/damm.hpp"

#include <array>
#include <cstdint>

namespace lg::barcode {
namespace {

// H. Michael Damm (2004); the table of his dissertation, as used everywhere.
constexpr std::array<std::array<std::uint8_t, 10>, 10> kTable{{
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
    {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
    {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
    {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}};

std::optional<std::uint8_t> interim(std::string_view digits) {
  std::uint8_t state = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    state = kTable[state][static_cast<std::size_t>(c - '0')];
  }
  return state;
}

}  // namespace

std::optional<char> damm_check_digit(std::string_view digits) {
  auto s = interim(digits);
  if (!s) return std::nullopt;
  return static_cast<char>('0' + *s);
}

bool damm_valid(std::string_view digits) {
  auto s = interim(digits);
  return !digits.empty() && s && *s == 0;
}

}  // namespace lg::barcode

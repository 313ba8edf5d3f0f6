#pragma once
/// Damm check digit (order-10 totally anti-symmetric quasigroup): detects every single-digit
/// substitution and every transposition of adjacent digits.
#include <optional>
#include <string_view>

namespace lg::barcode {

/// The check digit ('0'-'9') of a string of decimal digits; nullopt if a non-digit is present.
std::optional<char> damm_check_digit(std::string_view digits);
/// True when `digits` (with its check digit last) is all digits and checks out.
bool damm_valid(std::string_view digits);

}  // namespace lg::barcode

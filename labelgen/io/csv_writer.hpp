#pragma once
/// Writing RFC 4180 CSV rows.
#include <string>
#include <string_view>
#include <vector>

namespace lg::io {

/// Quotes a field when it holds a comma, quote or line break; doubles inner quotes.
std::string csv_field(std::string_view value);
/// Joins fields into one CRLF-free row ending in '\n'.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace lg::io

#pragma once
/// UTF-8 checks and code-point helpers.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lg::utf8 {

/// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
/// Overlong forms, surrogates and code points above U+10FFFF are invalid.
std::optional<std::size_t> first_invalid(std::string_view text);
/// Decodes the sequence starting at byte `i` into `cp`; returns its length in bytes, or 0 when
/// it is invalid (overlong, surrogate, above U+10FFFF, truncated).
std::size_t decode_at(std::string_view text, std::size_t i, char32_t& cp);
/// Number of code points of valid UTF-8 text.
std::size_t length(std::string_view text);
/// Decodes valid UTF-8 into code points.
std::u32string decode(std::string_view text);
/// Encodes code points as UTF-8.
std::string encode(std::u32string_view cps);
/// Appends one code point as UTF-8.
void append(std::string& out, char32_t cp);

}  // namespace lg::utf8

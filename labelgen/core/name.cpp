#include "labelgen/core/name.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "labelgen/core/utf8.hpp"

namespace lg {
namespace {

std::string from_unicode(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool allowed(UChar32 c) {
  if (c == '.' || c == '-' || c == '\'' || c == '/' || c == ' ') return true;
  if (c >= '0' && c <= '9') return true;
  const int8_t type = u_charType(c);
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
      return true;
    default:
      return false;
  }
}

std::string describe(UChar32 c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  std::string s = buf;
  if (c >= 0x20 && c < 0x7F) s += std::string(" '") + static_cast<char>(c) + "'";
  return s;
}

}  // namespace

std::string to_nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString n = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(text);
  return from_unicode(n);
}

std::string to_upper(std::string_view text) {
  // ASCII needs no ICU: root-locale uppercasing maps a-z to A-Z and nothing else, and ASCII
  // is already NFC. (Names are upper-cased several times per label.)
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toUpper(icu::Locale::getRoot());
  return to_nfc(from_unicode(u));
}

Result<std::string> normalize_name_part(std::string_view text, std::size_t max_chars, bool required) {
  if (auto bad = utf8::first_invalid(text))
    return fail("", "invalid UTF-8 at byte " + std::to_string(*bad + 1));
  // Typographic apostrophes to ASCII, then collapse whitespace.
  std::u32string cps = utf8::decode(text);
  std::u32string cleaned;
  for (char32_t c : cps) {
    if (c == U'\u2019' || c == U'\u02BC' || c == U'\u2018') c = U'\'';
    if (c == U'\t' || c == U'\u00A0') c = U' ';
    if (c == U' ' && (cleaned.empty() || cleaned.back() == U' ')) continue;
    cleaned.push_back(c);
  }
  while (!cleaned.empty() && cleaned.back() == U' ') cleaned.pop_back();
  std::string nfc = to_nfc(utf8::encode(cleaned));
  if (nfc.empty()) {
    if (required) return fail("", "is empty");
    return nfc;
  }
  for (char32_t c : utf8::decode(nfc))
    if (!allowed(static_cast<UChar32>(c)))
      return fail("", "character " + describe(static_cast<UChar32>(c)) +
                          " is not allowed (letters, digits, . - ' / and space only)");
  const std::size_t n = utf8::length(nfc);
  if (n > max_chars)
    return fail("", "is " + std::to_string(n) + " characters, more than the " + std::to_string(max_chars) +
                        " allowed");
  return nfc;
}

Result<StudentName> make_student_name(std::string_view last, std::string_view first,
                                      std::string_view middle) {
  StudentName name;
  auto l = normalize_name_part(last, kMaxLastName, true);
  if (!l) return fail("last_name", l.error().message);
  auto f = normalize_name_part(first, kMaxFirstName, true);
  if (!f) return fail("first_name", f.error().message);
  auto m = normalize_name_part(middle, kMaxMiddleName, false);
  if (!m) return fail("middle_name", m.error().message);
  name.last = std::move(*l);
  name.first = std::move(*f);
  name.middle = std::move(*m);
  return name;
}

std::string StudentName::label_form() const {
  std::string out = to_upper(last) + ", " + to_upper(first);
  if (!middle.empty()) {
    std::u32string m = utf8::decode(to_upper(middle));
    out += ' ';
    utf8::append(out, m.front());
    out += '.';
  }
  return out;
}

std::string StudentName::full() const {
  std::string out = last + ", " + first;
  if (!middle.empty()) out += " " + middle;
  return out;
}

}  // namespace lg

#include "labelgen/match/fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

#include "labelgen/core/utf8.hpp"

namespace lg::match {
namespace {

icu::UnicodeString to_unicode(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

// One transliterator per thread: ICU transliterators keep state while transliterating.
// The rules spell the non-ASCII letters as \u escapes so the source stays ASCII.
const char16_t kFoldRules[] =
    u"::NFD; ::[:Nonspacing Mark:] Remove; ::NFC;"
    u"\\u0111 > d; \\u0110 > D; \\u00F8 > o; \\u00D8 > O; \\u0142 > l; \\u0141 > L; \\u00DF > ss;"
    u"\\u00E6 > ae; \\u00C6 > AE; \\u0153 > oe; \\u0152 > OE; \\u0127 > h; \\u0126 > H; \\u0131 > i;"
    u"\\u00FE > th; \\u00DE > TH; \\u00F0 > d; \\u00D0 > D;";

icu::Transliterator* fold_transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createFromRules(
        "lg-match-fold", icu::UnicodeString(kFoldRules), UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return t.get();
}

}  // namespace

std::string fold_case(std::string_view text) {
  std::u32string cps = utf8::decode(text);
  for (char32_t& c : cps) {
    if (c == U'\u2019' || c == U'\u2018' || c == U'\u02BC' || c == U'`' || c == U'\u00B4') c = U'\'';
    if (c == U'\u2010' || c == U'\u2011' || c == U'\u2012' || c == U'\u2013' || c == U'\u2014') c = U'-';
    if (c == U'\t' || c == U'\u00A0' || c == U'\u202F' || c == U'\r' || c == U'\n') c = U' ';
  }
  return case_fold(utf8::encode(cps));
}

std::string case_fold(std::string_view text) {
  if (is_ascii(text)) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = to_unicode(text);
  u.foldCase(U_FOLD_CASE_DEFAULT);
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) return to_utf8(n);
  }
  return to_utf8(u);
}

std::string strip_accents(std::string_view folded) {
  if (is_ascii(folded)) return std::string(folded);
  icu::Transliterator* t = fold_transliterator();
  icu::UnicodeString u = to_unicode(folded);
  if (t != nullptr) {
    t->transliterate(u);
  } else {
    // Without the transliterator (never seen: the rules are fixed), fall back to removing marks
    // after NFD so accents still never make two names look different.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_SUCCESS(status)) u = nfd->normalize(u, status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
      const UChar32 c = u.char32At(i);
      if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    }
    u = kept;
  }
  return to_utf8(u);
}

std::string name_key(std::string_view text) {
  const std::string folded = strip_accents(fold_case(text));
  std::string out;
  for (char32_t c : utf8::decode(folded))
    if (u_isalnum(static_cast<UChar32>(c))) utf8::append(out, c);
  return out;
}

}  // namespace lg::match

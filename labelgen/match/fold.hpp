#pragma once
/// Text folding for name comparison: NFC, Unicode case folding and accent removal (ICU).
#include <string>
#include <string_view>

namespace lg::match {

/// NFC and full Unicode case folding, nothing else (the "same text" test of an exact match).
std::string case_fold(std::string_view text);

/// NFC, full Unicode case folding (`Đ` → `đ`, `ß` → `ss`), typographic apostrophes (’ ‘ ʼ `) mapped
/// to `'`, dashes (‐ ‑ – —) mapped to `-`, tabs and no-break spaces mapped to spaces. Input must be
/// valid UTF-8.
std::string fold_case(std::string_view text);

/// Removes accents and diacritics from case-folded text: ICU "NFD; [:Nonspacing Mark:] Remove;
/// NFC" plus the letters that do not decompose (đ → d, ø → o, ł → l, ß → ss, æ → ae, œ → oe,
/// ħ → h, ı → i, þ → th, ð → d). ASCII text is returned as is without calling ICU. The ICU
/// transliterator is built once per thread (it is not thread-safe).
std::string strip_accents(std::string_view folded);

/// The comparison key of a name or name part: case-folded, accents removed, only letters and
/// digits kept ("O’Brien-Núñez" → "obriennunez").
std::string name_key(std::string_view text);

}  // namespace lg::match

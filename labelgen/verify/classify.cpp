// Classification of decoded symbols and typed lines: which of labelgen's four codes, if any.
#include <algorithm>
#include <cctype>

#include "labelgen/verify/scan.hpp"

namespace lg::verify {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// `P1|`, `G2|` …: a type letter, a version number and a separator.
bool looks_like_payload(std::string_view s, char type) {
  if (s.size() < 3 || s[0] != type) return false;
  std::size_t i = 1;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i > 1 && i < s.size() && s[i] == '|';
}

}  // namespace

std::string_view kind_name(CodeKind kind) {
  switch (kind) {
    case CodeKind::PreIdCode128:
      return "pre-id code128";
    case CodeKind::PreIdPayload:
      return "pre-id payload";
    case CodeKind::GisCode128:
      return "gis code128";
    case CodeKind::GisPayload:
      return "gis payload";
    case CodeKind::BadOurs:
      return "unparseable";
    case CodeKind::NotOurs:
      return "not ours";
  }
  return "not ours";
}

Classified classify(std::string_view text) {
  Classified c;
  if (all_digits(text) && text.size() == 18) {
    if (auto p = barcode::parse_preid_code128(text)) {
      c.kind = CodeKind::PreIdCode128;
      c.code = *p;
    } else {
      c.kind = CodeKind::BadOurs;
      c.error_field = "code128";
    }
  } else if (all_digits(text) && text.size() == 8) {
    if (auto p = barcode::parse_gis_code128(text)) {
      c.kind = CodeKind::GisCode128;
      c.gis_code = *p;
    } else {
      c.kind = CodeKind::BadOurs;
      c.error_field = "gis code128";
    }
  } else if (looks_like_payload(text, 'P')) {
    if (auto p = barcode::parse_payload(text)) {
      c.kind = CodeKind::PreIdPayload;
      c.payload = std::move(*p);
    } else {
      c.kind = CodeKind::BadOurs;
      c.error_field = p.error().field.empty() ? "payload" : p.error().field;
    }
  } else if (looks_like_payload(text, 'G')) {
    if (auto p = barcode::parse_gis_payload(text)) {
      c.kind = CodeKind::GisPayload;
      c.gis = std::move(*p);
    } else {
      c.kind = CodeKind::BadOurs;
      c.error_field = p.error().field.empty() ? "gis payload" : p.error().field;
    }
  }
  return c;
}

}  // namespace lg::verify

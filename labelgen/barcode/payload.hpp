#pragma once
/// Barcode stage, contents: what the Pre-ID label's and the GIS's symbols carry.
/// The full format, with examples and measured symbol sizes, is in docs/payload.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "labelgen/core/ids.hpp"
#include "labelgen/core/result.hpp"

namespace lg::barcode {

// ---- Pre-ID label Code 128: 18 digits = SSID (10) + serial (7) + Damm check digit ----------

/// Largest label / GIS serial (7 digits).
inline constexpr std::uint32_t kMaxSerial = 9'999'999;

/// What a Pre-ID label's Code 128 identifies.
struct PreIdCode {
  Ssid ssid;
  std::uint32_t serial = 0;  ///< 0 … 9,999,999, printed zero-padded to 7 digits
  friend bool operator==(const PreIdCode&, const PreIdCode&) = default;
};

/// A label or GIS serial as printed and encoded: 7 digits, zero-padded (`0000769`).
std::string format_serial(std::uint32_t serial);

/// `<ssid><serial, 7 digits><Damm check digit>`, 18 digits (Code 128 set C: 134 modules).
Result<std::string> format_preid_code128(const PreIdCode& code);
/// Parses and validates 18 digits: rejects wrong length, non-digits and a bad check digit.
Result<PreIdCode> parse_preid_code128(std::string_view text);

// ---- Pre-ID label DataMatrix payload, version 1 -------------------------------------------

/// The optional authentication field `K<key id>:<mac>`, appended later (keyed MAC over every
/// byte before its `|`). Version-1 parsers accept and return it; they do not verify it.
struct MacField {
  std::string key_id;  ///< 1–8 of [A-Z0-9]
  std::string mac;     ///< 16–128 of [A-Z2-7] (RFC 4648 base32, no padding)
  friend bool operator==(const MacField&, const MacField&) = default;
};

/// Everything a Pre-ID label's DataMatrix carries.
struct PayloadFields {
  AdminYear administration;
  Form form = Form::F1;
  CdsCode lea;              ///< the LEA's 14-digit CDS code
  CdsCode school;           ///< the school's 14-digit CDS code
  Grade grade = Grade::KN;  ///< enrolled grade as printed (TK, KN, 01–12)
  Ssid ssid;
  std::uint32_t serial = 0;  ///< 0 … 9,999,999
  std::string batch;         ///< 1–32 of [A-Za-z0-9._-]
  std::string name;          ///< the printed name, UTF-8 NFC, 1–400 bytes
  std::optional<MacField> mac;
  friend bool operator==(const PayloadFields&, const PayloadFields&) = default;
};

/// `P1|<admin>|F<form>|<lea>|<school>|<grade>|<ssid>|<serial>|<batch>|<name>[|K<key>:<mac>]`,
/// ASCII only: the name's bytes ≥ 0x80, controls, `%` and `|` are percent-encoded (`%E1%BB%84`).
Result<std::string> format_payload(const PayloadFields& fields);
/// Parses a version-1 payload. Errors name the field (`payload.ssid` …); a payload of an
/// unknown version or type is an error saying so.
Result<PayloadFields> parse_payload(std::string_view text);

// ---- Group Identification Sheet -----------------------------------------------------------

/// The most answer books one GIS can count (its payload carries four digits).
inline constexpr std::uint32_t kMaxGisCount = 9999;

/// What a GIS's DataMatrix carries: one answer-book group of a school and grade.
struct GisFields {
  AdminYear administration;
  Form form = Form::F1;
  CdsCode lea;
  CdsCode school;
  Grade grade = Grade::KN;
  std::string batch;         ///< 1–32 of [A-Za-z0-9._-]
  std::uint32_t count = 0;   ///< answer books in the group, 1 … kMaxGisCount
  std::uint32_t serial = 0;  ///< GIS serial, 0 … 9,999,999
  std::optional<MacField> mac;
  friend bool operator==(const GisFields&, const GisFields&) = default;
};

/// `G1|<admin>|F<form>|<lea>|<school>|<grade>|<batch>|<count>|<gis serial>[|K<key>:<mac>]`.
Result<std::string> format_gis_payload(const GisFields& fields);
Result<GisFields> parse_gis_payload(std::string_view text);

/// The GIS's Code 128 for 1D scanners: `<gis serial, 7 digits><Damm check digit>`, 8 digits
/// (never confused with a label's 18).
Result<std::string> format_gis_code128(std::uint32_t serial);
Result<std::uint32_t> parse_gis_code128(std::string_view text);

// ---- Name field encoding (exposed for tests and docs) -------------------------------------

/// Percent-encodes bytes ≥ 0x80, bytes < 0x20, 0x7F, `%` and `|` as `%XX` (uppercase hex).
std::string percent_encode(std::string_view utf8);
/// Inverse of percent_encode; rejects malformed or non-canonical escapes and invalid UTF-8.
Result<std::string> percent_decode(std::string_view ascii);

}  // namespace lg::barcode

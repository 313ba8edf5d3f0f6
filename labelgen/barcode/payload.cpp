#include "labelgen/barcode/payload.hpp"

#include <array>
#include <cstdio>
#include <vector>

#include "labelgen/barcode/damm.hpp"
#include "labelgen/core/utf8.hpp"

namespace lg::barcode {
namespace {

constexpr char kSep = '|';

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

Result<std::uint32_t> parse_serial(std::string_view s, const std::string& field) {
  if (s.size() != 7 || !all_digits(s))
    return fail(field, "serial must be exactly 7 digits, got " + quoted(s));
  return static_cast<std::uint32_t>(std::stoul(std::string(s)));
}

bool batch_ok(std::string_view b) {
  if (b.empty() || b.size() > 32) return false;
  for (char c : b)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-'))
      return false;
  return true;
}

Result<void> check_batch(std::string_view b, const std::string& field) {
  if (!batch_ok(b)) return fail(field, "batch id must be 1-32 of A-Z a-z 0-9 . _ -, got " + quoted(b));
  return {};
}

bool mac_ok(const MacField& m) {
  if (m.key_id.empty() || m.key_id.size() > 8 || m.mac.size() < 16 || m.mac.size() > 128) return false;
  for (char c : m.key_id)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  for (char c : m.mac)
    if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
  return true;
}

Result<void> check_mac(const std::optional<MacField>& m, const std::string& field) {
  if (m && !mac_ok(*m)) return fail(field, "MAC field must be K<1-8 of A-Z 0-9>:<16-128 of A-Z 2-7>");
  return {};
}

std::string mac_text(const MacField& m) { return "K" + m.key_id + ":" + m.mac; }

Result<MacField> parse_mac(std::string_view f, const std::string& field) {
  const auto colon = f.find(':');
  MacField m;
  if (f.size() < 3 || f[0] != 'K' || colon == std::string_view::npos)
    return fail(field, "the field after the last one must be K<key id>:<mac>, got " + quoted(f));
  m.key_id = std::string(f.substr(1, colon - 1));
  m.mac = std::string(f.substr(colon + 1));
  if (!mac_ok(m))
    return fail(field, "MAC field must be K<1-8 of A-Z 0-9>:<16-128 of A-Z 2-7>, got " + quoted(f));
  return m;
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto bar = s.find(kSep, start);
    out.push_back(s.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

template <class T>
Result<T> with_field(Result<T> r, const std::string& field) {
  if (!r) return fail(field, r.error().message);
  return r;
}

Result<Form> parse_form_field(std::string_view f, const std::string& field) {
  if (f == "F1") return Form::F1;
  if (f == "F2") return Form::F2;
  return fail(field, "form must be F1 or F2, got " + quoted(f));
}

Result<Grade> parse_grade_field(std::string_view f, const std::string& field) {
  // Canonical codes only: TK, KN, 01-12.
  auto g = parse_grade(f);
  if (!g || grade_code(*g) != f) return fail(field, "grade must be TK, KN or 01-12, got " + quoted(f));
  return *g;
}

Result<AdminYear> parse_admin_field(std::string_view f, const std::string& field) {
  auto y = AdminYear::parse(f);
  if (!y || y->str() != f) return fail(field, "administration must look like 2024-25, got " + quoted(f));
  return *y;
}

/// Checks the type/version tag: `<type><version>` with version 1 known.
Result<void> check_tag(std::string_view tag, char type, const char* what) {
  if (tag.size() >= 2 && tag[0] == type && all_digits(tag.substr(1))) {
    if (tag.substr(1) == "1") return {};
    return fail("payload.version", std::string(what) + " payload version " + std::string(tag.substr(1)) +
                                       " is not supported (this labelgen reads version 1)");
  }
  return fail("payload", std::string("not a ") + what + " payload: it must start with " + type + "1|, got " +
                             quoted(tag.substr(0, 8)));
}

constexpr char kHex[] = "0123456789ABCDEF";

}  // namespace

// ---- Code 128 ---------------------------------------------------------------------------------

Result<std::string> format_preid_code128(const PreIdCode& code) {
  if (code.ssid.str().size() != 10) return fail("ssid", "SSID is not set");
  if (code.serial > kMaxSerial)
    return fail("serial", "serial " + std::to_string(code.serial) + " exceeds 9999999");
  std::string s = code.ssid.str() + format_serial(code.serial);
  s.push_back(*damm_check_digit(s));
  return s;
}

Result<PreIdCode> parse_preid_code128(std::string_view text) {
  if (text.size() != 18)
    return fail("code128",
                "Pre-ID Code 128 must be 18 digits, got " + std::to_string(text.size()) + " characters");
  if (!all_digits(text)) return fail("code128", "Pre-ID Code 128 must be digits only, got " + quoted(text));
  if (!damm_valid(text))
    return fail("code128", "Pre-ID Code 128 " + quoted(text) + " has a wrong check digit");
  PreIdCode c;
  c.ssid = *Ssid::parse(text.substr(0, 10));
  c.serial = static_cast<std::uint32_t>(std::stoul(std::string(text.substr(10, 7))));
  return c;
}

Result<std::string> format_gis_code128(std::uint32_t serial) {
  if (serial > kMaxSerial) return fail("serial", "GIS serial " + std::to_string(serial) + " exceeds 9999999");
  std::string s = format_serial(serial);
  s.push_back(*damm_check_digit(s));
  return s;
}

Result<std::uint32_t> parse_gis_code128(std::string_view text) {
  if (text.size() != 8 || !all_digits(text))
    return fail("code128", "GIS Code 128 must be 8 digits, got " + quoted(text));
  if (!damm_valid(text)) return fail("code128", "GIS Code 128 " + quoted(text) + " has a wrong check digit");
  return static_cast<std::uint32_t>(std::stoul(std::string(text.substr(0, 7))));
}

// ---- Percent encoding -------------------------------------------------------------------------

std::string percent_encode(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + 8);
  for (char ch : utf8) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c < 0x20 || c == 0x7F || c == '%' || c == kSep) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

Result<std::string> percent_decode(std::string_view ascii) {
  std::string out;
  out.reserve(ascii.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < ascii.size(); ++i) {
    const auto c = static_cast<unsigned char>(ascii[i]);
    if (c == '%') {
      if (i + 2 >= ascii.size())
        return fail("payload.name", "truncated %-escape at offset " + std::to_string(i));
      const int hi = hex(ascii[i + 1]), lo = hex(ascii[i + 2]);
      if (hi < 0 || lo < 0)
        return fail("payload.name",
                    "malformed %-escape " + quoted(ascii.substr(i, 3)) + " (uppercase hex required)");
      const auto b = static_cast<unsigned char>(hi << 4 | lo);
      if (!(b >= 0x80 || b < 0x20 || b == 0x7F || b == '%' || b == kSep))
        return fail("payload.name",
                    "non-canonical %-escape " + quoted(ascii.substr(i, 3)) + " of a plain character");
      out.push_back(static_cast<char>(b));
      i += 2;
    } else if (c < 0x20 || c >= 0x7F || c == kSep) {
      return fail("payload.name", "byte " + std::to_string(c) + " must be %-encoded");
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (auto bad = utf8::first_invalid(out))
    return fail("payload.name",
                "name is not valid UTF-8 after %-decoding (byte " + std::to_string(*bad) + ")");
  return out;
}

// ---- Pre-ID DataMatrix --------------------------------------------------------------------------

Result<std::string> format_payload(const PayloadFields& f) {
  if (f.administration.start_year() == 0) return fail("administration", "administration is not set");
  if (f.lea.str().size() != 14) return fail("lea", "LEA CDS code is not set");
  if (f.school.str().size() != 14) return fail("school", "school CDS code is not set");
  if (f.ssid.str().size() != 10) return fail("ssid", "SSID is not set");
  if (f.serial > kMaxSerial) return fail("serial", "serial " + std::to_string(f.serial) + " exceeds 9999999");
  if (auto ok = check_batch(f.batch, "batch"); !ok) return std::unexpected(ok.error());
  if (f.name.empty() || f.name.size() > 400) return fail("name", "name must be 1-400 bytes of UTF-8");
  if (utf8::first_invalid(f.name)) return fail("name", "name is not valid UTF-8");
  if (auto ok = check_mac(f.mac, "mac"); !ok) return std::unexpected(ok.error());
  std::string s;
  s.reserve(96 + f.name.size() * 3);
  s += "P1|";
  s += f.administration.str();
  s += "|F";
  s += std::to_string(form_number(f.form));
  s += '|';
  s += f.lea.str();
  s += '|';
  s += f.school.str();
  s += '|';
  s += grade_code(f.grade);
  s += '|';
  s += f.ssid.str();
  s += '|';
  s += format_serial(f.serial);
  s += '|';
  s += f.batch;
  s += '|';
  s += percent_encode(f.name);
  if (f.mac) {
    s += '|';
    s += mac_text(*f.mac);
  }
  return s;
}

Result<PayloadFields> parse_payload(std::string_view text) {
  const auto fields = split(text);
  if (auto ok = check_tag(fields[0], 'P', "Pre-ID label"); !ok) return std::unexpected(ok.error());
  if (fields.size() != 10 && fields.size() != 11)
    return fail("payload", "a version-1 Pre-ID payload has 10 fields (11 with a MAC), got " +
                               std::to_string(fields.size()));
  PayloadFields p;
  auto admin = parse_admin_field(fields[1], "payload.administration");
  if (!admin) return std::unexpected(admin.error());
  p.administration = *admin;
  auto form = parse_form_field(fields[2], "payload.form");
  if (!form) return std::unexpected(form.error());
  p.form = *form;
  auto lea = with_field(CdsCode::parse(fields[3]), "payload.lea");
  if (!lea) return std::unexpected(lea.error());
  p.lea = *lea;
  auto school = with_field(CdsCode::parse(fields[4]), "payload.school");
  if (!school) return std::unexpected(school.error());
  p.school = *school;
  auto grade = parse_grade_field(fields[5], "payload.grade");
  if (!grade) return std::unexpected(grade.error());
  p.grade = *grade;
  auto ssid = with_field(Ssid::parse(fields[6]), "payload.ssid");
  if (!ssid) return std::unexpected(ssid.error());
  p.ssid = *ssid;
  auto serial = parse_serial(fields[7], "payload.serial");
  if (!serial) return std::unexpected(serial.error());
  p.serial = *serial;
  if (auto ok = check_batch(fields[8], "payload.batch"); !ok) return std::unexpected(ok.error());
  p.batch = std::string(fields[8]);
  auto name = percent_decode(fields[9]);
  if (!name) return std::unexpected(name.error());
  if (name->empty() || name->size() > 400) return fail("payload.name", "name must be 1-400 bytes of UTF-8");
  p.name = std::move(*name);
  if (fields.size() == 11) {
    auto mac = parse_mac(fields[10], "payload.mac");
    if (!mac) return std::unexpected(mac.error());
    p.mac = std::move(*mac);
  }
  return p;
}

// ---- GIS DataMatrix -----------------------------------------------------------------------------

Result<std::string> format_gis_payload(const GisFields& f) {
  if (f.administration.start_year() == 0) return fail("administration", "administration is not set");
  if (f.lea.str().size() != 14) return fail("lea", "LEA CDS code is not set");
  if (f.school.str().size() != 14) return fail("school", "school CDS code is not set");
  if (auto ok = check_batch(f.batch, "batch"); !ok) return std::unexpected(ok.error());
  if (f.count < 1 || f.count > kMaxGisCount)
    return fail("count",
                "count must be 1-" + std::to_string(kMaxGisCount) + ", got " + std::to_string(f.count));
  if (f.serial > kMaxSerial)
    return fail("serial", "GIS serial " + std::to_string(f.serial) + " exceeds 9999999");
  if (auto ok = check_mac(f.mac, "mac"); !ok) return std::unexpected(ok.error());
  std::string s = "G1|" + f.administration.str() + "|F" + std::to_string(form_number(f.form)) + "|" +
                  f.lea.str() + "|" + f.school.str() + "|" + std::string(grade_code(f.grade)) + "|" +
                  f.batch + "|" + std::to_string(f.count) + "|" + format_serial(f.serial);
  if (f.mac) s += "|" + mac_text(*f.mac);
  return s;
}

Result<GisFields> parse_gis_payload(std::string_view text) {
  const auto fields = split(text);
  if (auto ok = check_tag(fields[0], 'G', "GIS"); !ok) return std::unexpected(ok.error());
  if (fields.size() != 9 && fields.size() != 10)
    return fail("payload",
                "a version-1 GIS payload has 9 fields (10 with a MAC), got " + std::to_string(fields.size()));
  GisFields g;
  auto admin = parse_admin_field(fields[1], "payload.administration");
  if (!admin) return std::unexpected(admin.error());
  g.administration = *admin;
  auto form = parse_form_field(fields[2], "payload.form");
  if (!form) return std::unexpected(form.error());
  g.form = *form;
  auto lea = with_field(CdsCode::parse(fields[3]), "payload.lea");
  if (!lea) return std::unexpected(lea.error());
  g.lea = *lea;
  auto school = with_field(CdsCode::parse(fields[4]), "payload.school");
  if (!school) return std::unexpected(school.error());
  g.school = *school;
  auto grade = parse_grade_field(fields[5], "payload.grade");
  if (!grade) return std::unexpected(grade.error());
  g.grade = *grade;
  if (auto ok = check_batch(fields[6], "payload.batch"); !ok) return std::unexpected(ok.error());
  g.batch = std::string(fields[6]);
  const auto count = fields[7];
  if (count.empty() || count.size() > 4 || !all_digits(count) || count[0] == '0')
    return fail("payload.count", "count must be 1-9999 without leading zeros, got " + quoted(count));
  g.count = static_cast<std::uint32_t>(std::stoul(std::string(count)));
  auto serial = parse_serial(fields[8], "payload.serial");
  if (!serial) return std::unexpected(serial.error());
  g.serial = *serial;
  if (fields.size() == 10) {
    auto mac = parse_mac(fields[9], "payload.mac");
    if (!mac) return std::unexpected(mac.error());
    g.mac = std::move(*mac);
  }
  return g;
}

std::string format_serial(std::uint32_t serial) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%07u", static_cast<unsigned>(serial));
  return buf;
}

}  // namespace lg::barcode

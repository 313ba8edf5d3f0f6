// Roster CSV: the names on the answer books keyed by scan position, serial or SSID.
#include "labelgen/verify/roster.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "labelgen/core/ids.hpp"

namespace lg::verify {
namespace {

/// One CSV record with the line it starts on; false at the end of the text.
struct CsvReader {
  std::string_view text;
  std::size_t pos = 0;
  std::size_t line = 1;

  Result<bool> next(std::vector<std::string>& fields, std::size_t& start_line) {
    fields.clear();
    if (pos >= text.size()) return false;
    start_line = line;
    std::string field;
    bool quoted = false;
    while (pos < text.size()) {
      const char c = text[pos++];
      if (quoted) {
        if (c == '"' && pos < text.size() && text[pos] == '"') {
          field += '"';
          ++pos;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"' && field.empty()) {
        quoted = true;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\r' && pos < text.size() && text[pos] == '\n') {
        continue;
      } else if (c == '\n') {
        ++line;
        fields.push_back(std::move(field));
        return true;
      } else {
        field += c;
      }
    }
    if (quoted) return fail("", "unterminated quoted field");
    fields.push_back(std::move(field));
    return true;
  }
};

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A number without leading zeros (`0000105` and `105` are one serial).
std::string canonical_number(const std::string& s) {
  const auto nz = s.find_first_not_of('0');
  return nz == std::string::npos ? "0" : s.substr(nz);
}

}  // namespace

std::optional<std::string> Roster::find(const LabelScan& label) const {
  std::string k;
  switch (key) {
    case RosterKey::Position:
      k = std::to_string(label.position);
      break;
    case RosterKey::Serial:
      k = std::to_string(label.serial());
      break;
    case RosterKey::Ssid:
      k = label.ssid();
      break;
  }
  auto it = names.find(k);
  if (it == names.end()) return std::nullopt;
  return it->second;
}

Result<Roster> parse_roster(std::string_view text, const std::string& origin) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvReader reader{text};
  std::vector<std::string> fields;
  std::size_t line = 0;
  auto where = [&](std::size_t l, const std::string& field) {
    return origin + ":" + std::to_string(l) + ":" + field;
  };
  auto got = reader.next(fields, line);
  if (!got) return fail("roster", where(reader.line, "header") + ": " + got.error().message);
  if (!*got) return fail("roster", where(1, "header") + ": empty file");
  int name_col = -1, key_col = -1;
  Roster roster;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string h = lower(trim(fields[i]));
    const int col = static_cast<int>(i);
    if (h == "name") {
      name_col = col;
    } else if (h == "position" || h == "serial" || h == "ssid") {
      if (key_col >= 0)
        return fail("roster",
                    where(line, h) + ": only one of the columns position, serial, ssid may be given");
      key_col = col;
      roster.key = h == "position" ? RosterKey::Position
                   : h == "serial" ? RosterKey::Serial
                                   : RosterKey::Ssid;
    }
  }
  if (name_col < 0) return fail("roster", where(line, "header") + ": no 'name' column");
  if (key_col < 0)
    return fail("roster", where(line, "header") + ": needs a 'position', 'serial' or 'ssid' column");
  const char* key_name = roster.key == RosterKey::Position ? "position"
                         : roster.key == RosterKey::Serial ? "serial"
                                                           : "ssid";
  while (true) {
    got = reader.next(fields, line);
    if (!got) return fail("roster", where(reader.line, "record") + ": " + got.error().message);
    if (!*got) break;
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
    const auto need = static_cast<std::size_t>(std::max(name_col, key_col)) + 1;
    if (fields.size() < need) return fail("roster", where(line, "record") + ": too few fields");
    std::string key = trim(fields[static_cast<std::size_t>(key_col)]);
    const std::string name = trim(fields[static_cast<std::size_t>(name_col)]);
    switch (roster.key) {
      case RosterKey::Position:
        if (!all_digits(key) || key.size() > 6 || canonical_number(key) == "0")
          return fail("roster", where(line, key_name) + ": not a position (1, 2, …)");
        key = canonical_number(key);
        break;
      case RosterKey::Serial:
        if (!all_digits(key) || key.size() > 7)
          return fail("roster", where(line, key_name) + ": not a serial (up to 7 digits)");
        key = canonical_number(key);
        break;
      case RosterKey::Ssid:
        if (!Ssid::parse(key)) return fail("roster", where(line, key_name) + ": not an SSID (10 digits)");
        break;
    }
    if (name.empty()) return fail("roster", where(line, "name") + ": empty name");
    if (!roster.names.emplace(key, name).second)
      return fail("roster", where(line, key_name) + ": the same " + key_name + " appears twice");
  }
  return roster;
}

Result<Roster> load_roster(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail("roster", file.string() + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_roster(ss.str(), file.string());
}

}  // namespace lg::verify

#pragma once
/// Verify stage, roster: the names written on the answer books, from a CSV file.
///
/// The file has a header row with a `name` column and exactly one key column: `position`
/// (1-based scan order, see scan.hpp), `serial` (the label's serial, leading zeros optional) or
/// `ssid` (10 digits). Fields may be quoted (RFC 4180); other columns are ignored. Errors name
/// `file:line:field` and never show a name or an SSID.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "labelgen/core/result.hpp"
#include "labelgen/verify/scan.hpp"

namespace lg::verify {

enum class RosterKey { Position, Serial, Ssid };

/// Book names by key.
struct Roster {
  RosterKey key = RosterKey::Position;
  std::map<std::string, std::string> names;  ///< key text (position / serial as a number, or SSID) → name

  /// The book name this roster gives for a label, if any.
  std::optional<std::string> find(const LabelScan& label) const;
};

/// Parses roster CSV text; `origin` names it in errors (`origin:line:field: message`).
Result<Roster> parse_roster(std::string_view text, const std::string& origin);
/// Reads and parses a roster file.
Result<Roster> load_roster(const std::filesystem::path& file);

}  // namespace lg::verify

#pragma once
/// Verify stage, output: the report as a human table, JSON (stable keys) and CSV, optionally
/// redacted (names reduced to initials, SSIDs to their last 4 digits) for email.
#include <string>

#include "labelgen/verify/check.hpp"

namespace lg::verify {

/// `NGUYỄN, THẢO M.` → `N. T. M.` (the first letter of each word, dotted).
std::string redact_name(std::string_view name);
/// `8478921817` → `******1817`.
std::string redact_ssid(std::string_view ssid);

/// One line per group (counts, READY / NOT READY), then one line per problem label.
std::string report_text(const Report& report, bool redact);
/// The report as JSON (keys documented in samples/verify/README.md).
std::string report_json(const Report& report, bool redact);
/// One row per scanned or expected label with its verdict.
std::string report_csv(const Report& report, bool redact);

/// One label's verdict in one line (wedge mode), no name and no SSID: position, serial, status,
/// MAC, name grade, problems.
std::string label_line(const LabelResult& label);

}  // namespace lg::verify

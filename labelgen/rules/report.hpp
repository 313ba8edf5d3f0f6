#pragma once
/// Presenting a plan: JSON summary, decisions CSV, and the operator's text table.
#include <string>

#include <nlohmann/json.hpp>

#include "labelgen/rules/plan.hpp"

namespace lg::rules {

/// Keys: administration, records, labelled, skipped{reason:n}, rejected{reason:n},
/// batches[{lea_cds, lea_name, form, window_start, window_end, preid_arrival, ship_by, batch, count}],
/// corrections[{ssid, earlier_event, later_event, changed[]}], rejections[{file, line, field, reason, message}].
nlohmann::json plan_json(const admin::Administration& admin, const Plan& plan);

/// One row per input record: file, line, record, event_id, ssid, outcome, reason, field, detail,
/// lea_cds, school_cds, form, grade, window_start, ship_by, batch, hold_until, superseded_by, changed.
std::string decisions_csv(const Plan& plan);
/// The header row and one row of decisions_csv, for writing it a decision at a time.
std::string decisions_csv_header();
std::string decisions_csv_row(const Decision& d);

/// Human summary: batches per LEA × form × window, skip and rejection counts, and every
/// rejection as `file:line: field: why`.
std::string plan_text(const admin::Administration& admin, const Plan& plan);

}  // namespace lg::rules

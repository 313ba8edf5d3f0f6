#pragma once
/// Rules that relate several values of an administration (internal to labelgen/admin).
#include <optional>
#include <string>

#include "labelgen/admin/administration.hpp"

namespace lg::admin::detail {

/// A broken rule: the dotted key path of the offending value and why.
struct Issue {
  std::string path;
  std::string why;
};

/// Schedule rules: each window has start <= end < preid_arrival <= ship_by and lies inside the
/// administration year (July 1 – June 30); windows are sorted and do not overlap; no window ends
/// after tested_on_or_before or ships after last_ship_date; tested_on_or_before < last_ship_date.
std::optional<Issue> check_schedule(const Administration& admin);

/// Program rules: ids and forms are unique across programs; no code is listed twice in one program.
std::optional<Issue> check_programs(const Administration& admin);

}  // namespace lg::admin::detail

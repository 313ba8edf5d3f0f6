#include "labelgen/admin/checks.hpp"

#include <unordered_map>

namespace lg::admin::detail {
namespace {

std::string window_path(std::size_t i, std::string_view key) {
  return "windows[" + std::to_string(i) + "]." + std::string(key);
}

std::string span(const Window& w) { return w.start.iso() + " to " + w.end.iso(); }

std::optional<Issue> check_window(const Window& w, std::size_t i, const AdminYear& year) {
  if (w.end < w.start)
    return Issue{window_path(i, "end"), w.end.iso() + " is before the window's start " + w.start.iso()};
  if (w.preid_arrival <= w.end)
    return Issue{window_path(i, "preid_arrival"),
                 w.preid_arrival.iso() + " must be after the window's end " + w.end.iso()};
  if (w.ship_by < w.preid_arrival)
    return Issue{window_path(i, "ship_by"),
                 w.ship_by.iso() + " is before the Pre-ID arrival date " + w.preid_arrival.iso()};
  const Date first = Date::from_ymd(year.start_year(), 7, 1);
  const Date last = Date::from_ymd(year.start_year() + 1, 6, 30);
  if (w.start < first)
    return Issue{window_path(i, "start"), w.start.iso() + " is before the " + year.str() +
                                              " administration year (" + first.iso() + " to " + last.iso() +
                                              ")"};
  if (last < w.end)
    return Issue{window_path(i, "end"), w.end.iso() + " is after the " + year.str() +
                                            " administration year (" + first.iso() + " to " + last.iso() +
                                            ")"};
  return std::nullopt;
}

}  // namespace

std::optional<Issue> check_schedule(const Administration& admin) {
  const auto& windows = admin.windows;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const Window& w = windows[i];
    if (auto issue = check_window(w, i, admin.year)) return issue;
    if (i > 0) {
      const Window& before = windows[i - 1];
      if (w.start < before.start)
        return Issue{window_path(i, "start"), "windows must be listed in date order: " + span(w) +
                                                  " comes before windows[" + std::to_string(i - 1) + "] (" +
                                                  span(before) + ")"};
      if (w.start <= before.end)
        return Issue{window_path(i, "start"),
                     span(w) + " overlaps windows[" + std::to_string(i - 1) + "] (" + span(before) + ")"};
    }
    if (admin.tested_on_or_before && *admin.tested_on_or_before < w.end)
      return Issue{window_path(i, "end"),
                   w.end.iso() + " is after tested_on_or_before " + admin.tested_on_or_before->iso()};
    if (admin.last_ship_date && *admin.last_ship_date < w.ship_by)
      return Issue{window_path(i, "ship_by"),
                   w.ship_by.iso() + " is after last_ship_date " + admin.last_ship_date->iso()};
  }
  if (admin.tested_on_or_before && admin.last_ship_date &&
      *admin.last_ship_date <= *admin.tested_on_or_before)
    return Issue{"last_ship_date", admin.last_ship_date->iso() + " must be after tested_on_or_before " +
                                       admin.tested_on_or_before->iso()};
  return std::nullopt;
}

std::optional<Issue> check_programs(const Administration& admin) {
  std::unordered_map<std::string, std::size_t> ids;
  std::unordered_map<int, std::size_t> forms;
  for (std::size_t p = 0; p < admin.programs.size(); ++p) {
    const Program& program = admin.programs[p];
    const std::string at = "programs[" + std::to_string(p) + "]";
    if (auto [it, added] = ids.emplace(program.id, p); !added)
      return Issue{at + ".id", "program id '" + program.id + "' is already used by programs[" +
                                   std::to_string(it->second) + "]"};
    if (auto [it, added] = forms.emplace(form_number(program.form), p); !added)
      return Issue{at + ".form", "form " + std::to_string(form_number(program.form)) +
                                     " already has a program (programs[" + std::to_string(it->second) + "])"};
    std::unordered_map<std::string, std::size_t> codes;
    for (std::size_t i = 0; i < program.leas.size(); ++i) {
      const SelectedLea& lea = program.leas[i];
      if (auto [it, added] = codes.emplace(lea.code, i); !added) {
        const SelectedLea& first = program.leas[it->second];
        return Issue{at + ".leas[" + std::to_string(i) + "].code",
                     "duplicate code " + lea.code + " (\"" + lea.name + "\"), already listed at " + at +
                         ".leas[" + std::to_string(it->second) + "] (\"" + first.name + "\")"};
      }
    }
  }
  return std::nullopt;
}

}  // namespace lg::admin::detail

// labelgen schedule: which window a test date falls in, and its Pre-ID arrival and ship-by dates.
#include <iostream>
#include <nlohmann/json.hpp>

#include "labelgen/cli/options.hpp"

namespace lg::cli {

int cmd_schedule(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, tested;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "tested", po::value(&tested)->required(), "date the test was completed (YYYY-MM-DD)")(
      "json", "print JSON: window_start, window_end, preid_arrival, ship_by");
  po::variables_map vm;
  if (auto code = parse_options("schedule", "--admin YEAR --tested DATE [--json]", desc, nullptr, args, vm))
    return *code;
  const bool json = vm.count("json") > 0;
  auto date = Date::parse(tested);
  if (!date) {
    std::cerr << "labelgen schedule: --tested: " << date.error().message << "\n";
    return kUsage;
  }
  auto admin = load_admin_or_report("schedule", admin_year);
  if (!admin) return kBadInput;

  if (admin->windows.empty()) {
    std::cerr << "labelgen schedule: administration " << admin->year.str()
              << " has no schedule table in its data file (" << admin->source << ")\n";
    return kNothingToDo;
  }
  const admin::Window* w = admin->window_for(*date);
  std::string why;
  if (!w) {
    if (*date < admin->windows.front().start)
      why = "before the first administration window (" + admin->windows.front().start.iso() + ")";
    else if (*date > admin->windows.back().end)
      why = "after the last administration window (" + admin->windows.back().end.iso() +
            "): answer books tested then are not returned";
    else
      why = "between administration windows";
  }
  if (json) {
    nlohmann::json j;
    j["administration"] = admin->year.str();
    j["tested"] = date->iso();
    if (w) {
      j["window_start"] = w->start.iso();
      j["window_end"] = w->end.iso();
      j["preid_arrival"] = w->preid_arrival.iso();
      j["ship_by"] = w->ship_by.iso();
      j["hold_days"] = admin->hold_days;
    } else {
      j["window_start"] = j["window_end"] = j["preid_arrival"] = j["ship_by"] = nullptr;
      j["error"] = date->iso() + " is outside every window: " + why;
    }
    std::cout << j.dump(2) << "\n";
  } else if (w) {
    std::cout << "Tested " << date->iso() << " (" << admin->year.str() << " administration)\n"
              << "  window:        " << w->start.iso() << " to " << w->end.iso() << "\n"
              << "  Pre-ID labels and GIS arrive at the LEA by " << w->preid_arrival.iso() << "\n"
              << "  ship answer books by " << w->ship_by.iso() << "\n"
              << "  hold each book " << admin->hold_days
              << " days after parent/guardian notification before shipping\n";
  }
  if (!w) {
    std::cerr << "labelgen schedule: " << date->iso() << " is outside every " << admin->year.str()
              << " window: " << why << "\n";
    return kNothingToDo;
  }
  return kOk;
}

}  // namespace lg::cli

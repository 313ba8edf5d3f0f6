// labelgen plan: decide every SSR event and print counts per LEA × form × window × batch.
#include <filesystem>
#include <iostream>

#include "labelgen/cli/options.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/rules/plan.hpp"
#include "labelgen/rules/report.hpp"

namespace lg::cli {

int cmd_plan(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, through, decisions;
  std::vector<std::string> files;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "events", po::value(&files)->multitoken()->required(), "SSR event files (.csv or .jsonl), one or more")(
      "through", po::value(&through), "keep only SSRs generated on or before this date (YYYY-MM-DD)")(
      "decisions", po::value(&decisions), "write one CSV row per input record to this file")(
      "json", "print the plan as JSON");
  po::positional_options_description pos;
  pos.add("events", -1);
  po::variables_map vm;
  if (auto code = parse_options("plan", "--admin YEAR --events FILE... [--through DATE] [--decisions FILE] [--json]",
                                desc, &pos, args, vm))
    return *code;

  rules::PlanOptions options;
  if (!through.empty()) {
    auto d = Date::parse(through);
    if (!d) {
      std::cerr << "labelgen plan: --through: " << d.error().message << "\n";
      return kUsage;
    }
    options.through = *d;
  }
  auto admin = load_admin_or_report("plan", admin_year);
  if (!admin) return kBadInput;

  std::vector<std::filesystem::path> paths(files.begin(), files.end());
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      std::cerr << "labelgen plan: " << p.string() << ": no such file\n";
      return kBadInput;
    }
  }
  auto input = events::read_all_events(paths);
  for (const auto& r : input.rejected)
    if (r.reason == "unreadable_file") {
      std::cerr << "labelgen plan: " << r.describe() << "\n";
      return kBadInput;
    }
  auto plan = rules::make_plan(*admin, std::move(input), options);

  if (!decisions.empty()) {
    if (auto w = io::write_file_atomic(decisions, rules::decisions_csv(plan)); !w) {
      std::cerr << "labelgen plan: " << w.error().message << "\n";
      return kIoFailure;
    }
  }
  if (vm.count("json"))
    std::cout << rules::plan_json(*admin, plan).dump(2) << "\n";
  else
    std::cout << rules::plan_text(*admin, plan);
  if (plan.labelled + plan.skipped_total + plan.rejected_total != plan.records) {
    std::cerr << "labelgen plan: internal error: counts do not add up\n";
    return kInternal;
  }
  return kOk;
}

}  // namespace lg::cli

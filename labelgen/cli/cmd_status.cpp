// labelgen status: what the ledger holds per batch, whether its files are intact, and which
// events are still waiting.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "labelgen/cli/options.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/io/sha256.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "labelgen/rules/plan.hpp"

namespace lg::cli {
namespace {

/// Skip reasons that may still turn into a label later, and rejections (which need fixing).
bool waiting(const rules::Decision& d) {
  if (d.outcome == rules::Outcome::Rejected) return true;
  return d.outcome == rules::Outcome::Skipped &&
         (d.reason == rules::skip::kBookIncomplete || d.reason == rules::skip::kAfterThrough);
}

}  // namespace

int cmd_status(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, out, ledger_path, through;
  std::vector<std::string> files;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "out", po::value(&out)->required(), "output root of the runs")(
      "ledger", po::value(&ledger_path), "ledger database (default: <out>/ledger.db)")(
      "events", po::value(&files)->multitoken(), "event files: also list events still waiting")(
      "through", po::value(&through), "as for run: SSRs generated after this date are waiting")(
      "json", "print JSON");
  po::variables_map vm;
  if (auto code = parse_options("status", "--admin YEAR --out DIR [--events FILE...] [--json]", desc, nullptr, args, vm))
    return *code;
  auto admin = load_admin_or_report("status", admin_year);
  if (!admin) return kBadInput;
  if (ledger_path.empty()) ledger_path = (std::filesystem::path(out) / "ledger.db").string();
  std::error_code ec;
  if (!std::filesystem::exists(ledger_path, ec)) {
    std::cerr << "labelgen status: " << ledger_path << ": no ledger (no run has been made here)\n";
    return kNothingToDo;
  }
  auto ledger = ledger::Ledger::open({ledger_path});
  if (!ledger) {
    std::cerr << "labelgen status: " << ledger.error().message << "\n";
    return kIoFailure;
  }
  auto batches = ledger->batches(admin->year.str());
  if (!batches) {
    std::cerr << "labelgen status: " << batches.error().message << "\n";
    return kIoFailure;
  }
  nlohmann::json j;
  j["administration"] = admin->year.str();
  j["ledger"] = ledger_path;
  j["batches"] = nlohmann::json::array();
  bool damaged = false;
  for (const auto& b : *batches) {
    nlohmann::json jb{{"batch", b.batch},     {"printer", b.printer}, {"created_at", b.created_at},
                      {"issued", b.issued},   {"live", b.live},       {"void", b.voided},
                      {"reprinted", b.reprinted}};
    jb["files"] = nlohmann::json::array();
    for (const auto& f : b.files) {
      const auto path = std::filesystem::path(out) / b.batch / f.file;
      std::string state = "ok";
      if (!std::filesystem::exists(path, ec)) {
        state = "missing";
      } else if (auto sum = io::sha256_file(path); !sum || *sum != f.sha256) {
        state = "changed";
      }
      if (state != "ok") damaged = true;
      jb["files"].push_back({{"file", f.file}, {"sha256", f.sha256}, {"bytes", f.bytes}, {"labels", f.labels},
                             {"pages", f.pages}, {"state", state}});
    }
    j["batches"].push_back(std::move(jb));
  }
  j["waiting"] = nlohmann::json::array();
  if (!files.empty()) {
    rules::PlanOptions po_;
    if (!through.empty()) {
      auto d = Date::parse(through);
      if (!d) {
        std::cerr << "labelgen status: --through: " << d.error().message << "\n";
        return kUsage;
      }
      po_.through = *d;
    }
    std::vector<std::filesystem::path> paths(files.begin(), files.end());
    auto plan = rules::make_plan(*admin, events::read_all_events(paths), po_);
    for (const auto& d : plan.decisions)
      if (waiting(d))
        j["waiting"].push_back({{"file", d.source.file}, {"line", d.source.line}, {"event_id", d.event_id},
                                {"outcome", std::string(rules::outcome_code(d.outcome))}, {"reason", d.reason},
                                {"detail", d.detail}});
  }
  if (vm.count("json")) {
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "Ledger " << ledger_path << " (" << admin->year.str() << ")\n";
    for (const auto& b : j["batches"]) {
      std::cout << "batch " << b["batch"].get<std::string>() << "  created " << b["created_at"].get<std::string>()
                << "  printer " << b["printer"].get<std::string>() << "\n  issued " << b["issued"] << ", live "
                << b["live"] << ", void " << b["void"] << ", reprinted " << b["reprinted"] << "\n";
      for (const auto& f : b["files"])
        std::cout << "    " << f["state"].get<std::string>() << "  " << f["file"].get<std::string>() << "  "
                  << f["sha256"].get<std::string>().substr(0, 16) << "…\n";
    }
    if (!files.empty()) {
      std::cout << "waiting events: " << j["waiting"].size() << "\n";
      for (const auto& w : j["waiting"])
        std::cout << "  " << w["file"].get<std::string>() << ":" << w["line"] << " " << w["event_id"].get<std::string>()
                  << ": " << w["reason"].get<std::string>() << "\n";
    }
  }
  return damaged ? kIoFailure : kOk;
}

}  // namespace lg::cli

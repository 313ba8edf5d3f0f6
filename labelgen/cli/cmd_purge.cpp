// labelgen purge: deletes a closed administration's personal data from the ledger (names,
// SSIDs, birth dates of its labels and voids), keeping counters, batches and file checksums.
#include <filesystem>
#include <iostream>

#include "labelgen/cli/options.hpp"
#include "labelgen/io/lock_file.hpp"
#include "labelgen/ledger/ledger.hpp"

namespace lg::cli {

int cmd_purge(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, out, ledger_path, confirm, today_text;
  desc.add_options()("admin", po::value(&admin_year)->required(), "the closed administration, e.g. 2024-25")(
      "out", po::value(&out)->required(), "output root of the runs (holds the ledger)")(
      "ledger", po::value(&ledger_path), "ledger database (default: <out>/ledger.db)")(
      "confirm", po::value(&confirm), "repeat the administration year to confirm (required)")(
      "today", po::value(&today_text), "date to judge 'closed' by (default: the local date)");
  po::variables_map vm;
  if (auto code = parse_options("purge", "--admin YEAR --out DIR --confirm YEAR", desc, nullptr, args, vm))
    return *code;
  auto admin = load_admin_or_report("purge", admin_year);
  if (!admin) return kBadInput;
  const std::string year = admin->year.str();
  if (confirm != year) {
    std::cerr << "labelgen purge: this deletes every label of " << year
              << " from the ledger for good; repeat the year with --confirm " << year << "\n";
    return kUsage;
  }
  Date today = local_today();
  if (!today_text.empty()) {
    auto d = Date::parse(today_text);
    if (!d) {
      std::cerr << "labelgen purge: --today: " << d.error().message << "\n";
      return kUsage;
    }
    today = *d;
  }
  // Closed: past the last ship date plus the hold (books may be held that long after it).
  if (admin->last_ship_date) {
    const Date closes = admin->last_ship_date->plus_days(admin->hold_days);
    if (today <= closes) {
      std::cerr << "labelgen purge: administration " << year << " is not closed: books may still ship or be held until "
                << closes.iso() << "; purge after that date\n";
      return kNothingToDo;
    }
  }
  auto lock = io::LockFile::acquire(std::filesystem::path(out) / ".labelgen.lock");
  if (!lock) {
    std::cerr << "labelgen purge: " << lock.error().message << "\n";
    return kLockHeld;
  }
  if (ledger_path.empty()) ledger_path = (std::filesystem::path(out) / "ledger.db").string();
  std::error_code ec;
  if (!std::filesystem::exists(ledger_path, ec)) {
    std::cerr << "labelgen purge: " << ledger_path << ": no ledger\n";
    return kBadInput;
  }
  auto ledger = ledger::Ledger::open({ledger_path});
  if (!ledger) {
    std::cerr << "labelgen purge: " << ledger.error().message << "\n";
    return kIoFailure;
  }
  auto removed = ledger->purge_administration(year, now_utc_iso());
  if (!removed) {
    std::cerr << "labelgen purge: " << removed.error().message << "\n";
    return kIoFailure;
  }
  std::cout << "purged " << year << ": " << *removed
            << " labels removed from the ledger (serial counters kept). Batch folders under " << out
            << " still hold PDFs and manifests with names: delete them as SECURITY.md says.\n";
  return kOk;
}

}  // namespace lg::cli

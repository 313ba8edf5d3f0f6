// labelgen reprint: void a live label and print its replacement with a new serial (a one-label
// PDF), or void it so the next monthly batch labels the student again (--next-batch).
#include <filesystem>
#include <iostream>

#include "labelgen/cli/options.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/io/lock_file.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/rules/plan.hpp"
#include "labelgen/run/monthly.hpp"

namespace lg::cli {
int cmd_reprint(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, out, ledger_path, reason, printer = "office-laser-letter", through, key_file;
  std::uint32_t serial = 0;
  std::vector<std::string> files;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "out", po::value(&out)->required(), "output root of the runs")(
      "serial", po::value(&serial)->required(), "the live label to replace")(
      "reason", po::value(&reason)->required(), "why (kept in the ledger)")(
      "events", po::value(&files)->multitoken(), "event files: print the student's latest SSR data")(
      "through", po::value(&through), "as for run")(
      "printer", po::value(&printer)->default_value(printer), "printer profile")(
      "ledger", po::value(&ledger_path), "ledger database (default: <out>/ledger.db)")(
      "key-file", po::value(&key_file), "sign the replacement's payloads with this key file's signing key")(
      "next-batch", "void the label now; the next monthly run labels the student again");
  po::variables_map vm;
  if (auto code = parse_options("reprint", "--admin YEAR --out DIR --serial S --reason TEXT [--events FILE...] [--next-batch]",
                                desc, nullptr, args, vm))
    return *code;
  auto admin = load_admin_or_report("reprint", admin_year);
  if (!admin) return kBadInput;
  auto profile = printers::find_profile(printer);
  if (!profile) {
    std::cerr << "labelgen reprint: --printer: " << profile.error().message << "\n";
    return kBadInput;
  }
  auto signing_key = load_signing_key_or_report("reprint", key_file);
  if (!signing_key) return kBadInput;
  auto lock = io::LockFile::acquire(std::filesystem::path(out) / ".labelgen.lock");
  if (!lock) {
    std::cerr << "labelgen reprint: " << lock.error().message << "\n";
    return kLockHeld;
  }
  if (ledger_path.empty()) ledger_path = (std::filesystem::path(out) / "ledger.db").string();
  auto ledger = ledger::Ledger::open({ledger_path});
  if (!ledger) {
    std::cerr << "labelgen reprint: " << ledger.error().message << "\n";
    return kIoFailure;
  }
  const std::string year = admin->year.str();
  auto old = ledger->label(year, serial);
  if (!old) {
    std::cerr << "labelgen reprint: " << old.error().message << "\n";
    return kIoFailure;
  }
  if (!*old) {
    std::cerr << "labelgen reprint: no label " << serial << " in the " << year << " ledger\n";
    return kBadInput;
  }
  if ((*old)->status != ledger::Status::Live) {
    std::cerr << "labelgen reprint: label " << serial << " is " << ledger::status_name((*old)->status)
              << ", not live\n";
    return kBadInput;
  }
  if (vm.count("next-batch")) {
    if (auto ok = ledger->void_label(year, serial, "reprint in next batch: " + reason, now_utc_iso()); !ok) {
      std::cerr << "labelgen reprint: " << ok.error().message << "\n";
      return kIoFailure;
    }
    std::cout << "label " << serial << " voided; the next `labelgen run` labels the student again\n";
    return kOk;
  }

  // The replacement carries the student's latest SSR data when event files are given.
  ledger::IssuedLabel replacement = **old;
  if (!files.empty()) {
    rules::PlanOptions plan_options;
    if (!through.empty()) {
      auto d = Date::parse(through);
      if (!d) {
        std::cerr << "labelgen reprint: --through: " << d.error().message << "\n";
        return kUsage;
      }
      plan_options.through = *d;
    }
    std::vector<std::filesystem::path> paths(files.begin(), files.end());
    auto plan = rules::make_plan(*admin, events::read_all_events(paths), plan_options);
    bool found = false;
    for (const auto& l : plan.labels)
      if (l.event.ssid == replacement.event.ssid && l.event.form == replacement.event.form) {
        replacement.event = l.event;
        replacement.window_start = l.window ? l.window->start.iso() : "";
        replacement.hold_until = l.hold_until ? l.hold_until->iso() : "";
        found = true;
      }
    if (!found) {
      std::cerr << "labelgen reprint: the events give no eligible SSR for the student of label " << serial
                << "; void it with --next-batch or fix the events\n";
      return kBadInput;
    }
  }
  replacement.printed_name = replacement.event.name.label_form();
  replacement.batch = "reprint-" + std::to_string(serial);
  replacement.replaces = serial;
  replacement.file = "reprint-" + std::to_string(serial) + ".pdf";
  replacement.page = 1;
  replacement.position = 1;
  auto next = ledger->next_serial(year);
  if (!next) {
    std::cerr << "labelgen reprint: " << next.error().message << "\n";
    return kIoFailure;
  }
  replacement.serial = *next;
  // Record the reprint's batch with its printer first, so a re-render uses the same profile.
  auto existing = ledger->batch(year, replacement.batch);
  if (existing && !*existing) {
    auto next_gis = ledger->next_gis_serial(year);
    if (!next_gis) {
      std::cerr << "labelgen reprint: " << next_gis.error().message << "\n";
      return kIoFailure;
    }
    ledger::BatchRecord record;
    record.administration = year;
    record.batch = replacement.batch;
    record.printer = printer;
    record.created_at = now_utc_iso();
    record.next_serial = *next;
    record.next_gis_serial = *next_gis;
    if (auto ok = ledger->commit_batch(record); !ok) {
      std::cerr << "labelgen reprint: " << ok.error().message << "\n";
      return kIoFailure;
    }
  }
  auto new_serial = ledger->reprint(year, serial, reason, now_utc_iso(), replacement);
  if (!new_serial) {
    std::cerr << "labelgen reprint: " << new_serial.error().message << "\n";
    return kIoFailure;
  }
  run::RunOptions options;
  options.printer = *profile;
  options.signing_key = *signing_key;
  options.out_dir = out;
  options.batch = replacement.batch;
  options.labels_only = true;
  options.threads = 1;
  auto rendered = run::rerender(*admin, *ledger, options);
  if (!rendered) {
    std::cerr << "labelgen reprint: label " << *new_serial << " is recorded; rendering failed: "
              << rendered.error().message << "\n(retry with: labelgen run --admin " << year << " --out " << out
              << " --rerender " << replacement.batch << ")\n";
    return kIoFailure;
  }
  std::cout << "label " << serial << " -> " << *new_serial << " (" << reason << ")\n";
  for (const auto& f : rendered->files) std::cout << "  " << (rendered->batch_dir / f.file).string() << "\n";
  return kOk;
}

}  // namespace lg::cli

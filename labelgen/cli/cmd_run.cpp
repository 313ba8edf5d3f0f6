// labelgen run: the monthly print run. Plans the events, skips students who already hold a
// live label in the ledger, renders per-LEA PDFs (GIS + labels), commits the ledger, then moves
// the batch into place. `--rerender BATCH` reproduces a past batch from the ledger.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "labelgen/cli/options.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/events/store.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/io/file_appender.hpp"
#include "labelgen/io/lock_file.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/rules/plan.hpp"
#include "labelgen/rules/planner.hpp"
#include "labelgen/rules/report.hpp"
#include "labelgen/run/monthly.hpp"

namespace lg::cli {
namespace {

void print_result(const run::RunResult& r, const std::string& batch) {
  std::cout << "batch " << batch << " -> " << r.batch_dir.string() << "\n"
            << "  " << r.labels << " labels, " << r.gis << " GIS, " << r.pages << " pages in "
            << r.files.size() << " files";
  if (r.first_serial && r.next_serial > r.first_serial)
    std::cout << "; serials " << r.first_serial << "-" << r.next_serial - 1;
  std::cout << "\n";
  for (const auto& f : r.files)
    std::cout << "  " << f.file << "  " << f.labels << " labels, " << f.gis << " GIS, " << f.pages
              << " pages\n";
}

/// Errors of writing output (folders, files, PDF/PNG writers, the ledger file), as opposed to
/// bad input data or templates.
bool io_error(const Error& e) {
  return e.field == "out" || e.field == "recover" || e.field == "output" || e.field == "pdf" ||
         e.field == "png";
}

}  // namespace

int cmd_run(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, through, printer = "office-laser-letter", out, batch, decisions, ledger_path,
                                   rerender_batch, key_file;
  std::vector<std::string> files;
  unsigned threads = 0;
  std::size_t max_per_file = 5000;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "events", po::value(&files)->multitoken(), "SSR event files (.csv or .jsonl)")(
      "through", po::value(&through), "keep only SSRs generated on or before this date (YYYY-MM-DD)")(
      "printer", po::value(&printer)->default_value(printer), "printer profile (printers/<name>.toml)")(
      "out", po::value(&out)->required(), "output root; batches are written to <out>/<batch>/")(
      "batch", po::value(&batch),
      "batch id (default: the --through month, else the latest SSR month; -2, -3 … when already used)")(
      "ledger", po::value(&ledger_path), "ledger database (default: <out>/ledger.db)")(
      "key-file", po::value(&key_file),
      "sign label and GIS payloads with this key file's signing key (HMAC)")(
      "rerender", po::value(&rerender_batch), "re-render a past batch from the ledger, byte for byte")(
      "max-labels-per-file", po::value(&max_per_file)->default_value(max_per_file),
      "split an LEA's PDF into parts of at most this many labels (at GIS-group boundaries)")(
      "threads", po::value(&threads)->default_value(0), "render threads (0: one per core)")(
      "decisions", po::value(&decisions), "write the decisions CSV (one row per input record)")(
      "replace", "replace an existing batch folder")("json", "print the batch summary as JSON");
  po::positional_options_description pos;
  pos.add("events", -1);
  po::variables_map vm;
  if (auto code = parse_options(
          "run",
          "--admin YEAR --events FILE... [--through DATE] [--printer NAME] --out DIR | --rerender BATCH",
          desc, &pos, args, vm))
    return *code;
  if (rerender_batch.empty() && files.empty()) {
    std::cerr << "labelgen run: --events is required (or --rerender BATCH)\n";
    return kUsage;
  }
  rules::PlanOptions plan_options;
  if (!through.empty()) {
    auto d = Date::parse(through);
    if (!d) {
      std::cerr << "labelgen run: --through: " << d.error().message << "\n";
      return kUsage;
    }
    plan_options.through = *d;
  }
  auto admin = load_admin_or_report("run", admin_year);
  if (!admin) return kBadInput;
  auto profile = printers::find_profile(printer);
  if (!profile) {
    std::cerr << "labelgen run: --printer: " << profile.error().message << "\n";
    return kBadInput;
  }
  auto signing_key = load_signing_key_or_report("run", key_file);
  if (!signing_key) return kBadInput;

  // One run at a time per output root.
  auto lock = io::LockFile::acquire(std::filesystem::path(out) / ".labelgen.lock");
  if (!lock) {
    std::cerr << "labelgen run: " << lock.error().message << "\n";
    return lock.error().field == "lock" && lock.error().message.find("holds the lock") != std::string::npos
               ? kLockHeld
               : kIoFailure;
  }
  if (ledger_path.empty()) ledger_path = (std::filesystem::path(out) / "ledger.db").string();
  auto ledger = ledger::Ledger::open({ledger_path});
  if (!ledger) {
    std::cerr << "labelgen run: " << ledger.error().message << "\n";
    return kIoFailure;
  }

  run::RunOptions options;
  options.printer = *profile;
  options.signing_key = *signing_key;
  options.out_dir = out;
  options.max_labels_per_file = max_per_file;
  options.threads = threads;
  options.replace = vm.count("replace") > 0;
  const bool tty = ::isatty(STDERR_FILENO);
  std::mutex progress_mutex;
  // A progress line on a terminal; plain log lines (one per finished document) otherwise.
  options.progress = [&, tty](std::size_t done, std::size_t total) {
    std::lock_guard lock_(progress_mutex);
    std::fprintf(stderr, tty ? "\rrendered %zu/%zu labels" : "rendered %zu/%zu labels\n", done, total);
    std::fflush(stderr);
  };
  const auto started = std::chrono::steady_clock::now();

  if (!rerender_batch.empty()) {
    options.batch = rerender_batch;
    auto r = run::rerender(*admin, *ledger, options);
    if (tty) std::fprintf(stderr, "\n");
    if (!r) {
      std::cerr << "labelgen run: --rerender: " << r.error().message << "\n";
      return io_error(r.error()) ? kIoFailure : kBadInput;
    }
    print_result(*r, rerender_batch);
    return kOk;
  }

  std::vector<std::filesystem::path> paths(files.begin(), files.end());
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      std::cerr << "labelgen run: " << p.string() << ": no such file\n";
      return kBadInput;
    }
  }
  // Records stream from the files into the planner; the records themselves wait in a private
  // temporary store (unlinked at once) inside the output root.
  const auto read_started = std::chrono::steady_clock::now();
  auto store = events::EventStore::in_folder(out);
  if (!store) {
    std::cerr << "labelgen run: " << store.error().message << "\n";
    return kIoFailure;
  }
  rules::Planner planner(*admin, plan_options, *store);
  std::optional<Error> store_error;
  std::vector<std::string> unreadable;
  events::EventSink sink;
  sink.on_event = [&](SsrEvent&& ev) {
    if (store_error) return;
    if (auto ok = planner.add(ev); !ok) store_error = ok.error();
  };
  sink.on_rejected = [&](events::Rejection&& r) {
    if (r.reason == "unreadable_file") unreadable.push_back(r.describe());
    if (store_error) return;
    if (auto ok = planner.add(r); !ok) store_error = ok.error();
  };
  for (const auto& p : paths) planner.declare_file(p.string());
  events::ReadOptions read_options;
  read_options.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  events::read_events(paths, read_options, sink);
  const auto read_done = std::chrono::steady_clock::now();
  for (const auto& u : unreadable) std::cerr << "labelgen run: " << u << "\n";
  if (!unreadable.empty()) return kBadInput;
  if (!store_error)
    if (auto ok = planner.finish(); !ok) store_error = ok.error();
  if (store_error) {
    std::cerr << "labelgen run: " << store_error->message << "\n";
    return kIoFailure;
  }
  const auto plan_done = std::chrono::steady_clock::now();
  std::vector<std::size_t> rejected;
  auto listed = planner.for_each_planned([&](std::size_t i, const rules::Planned& p) -> Result<void> {
    if (p.outcome() == rules::Outcome::Rejected) rejected.push_back(i);
    return {};
  });
  for (std::size_t i : rejected) {
    auto d = planner.decision(i);
    if (!d) {
      listed = std::unexpected(d.error());
      break;
    }
    std::cerr << "rejected " << d->source.file << ":" << d->source.line << ": "
              << (d->field.empty() ? "" : d->field + ": ") << d->detail << "\n";
  }
  if (!listed) {
    std::cerr << "labelgen run: " << listed.error().message << "\n";
    return kIoFailure;
  }

  if (batch.empty()) {
    if (plan_options.through) {
      batch = plan_options.through->year_month();
    } else {
      batch = planner.latest_batch_month();
      if (batch.empty()) batch = "batch";
    }
  }
  options.batch = batch;
  run::MonthlyOptions monthly;
  monthly.render = options;
  monthly.auto_suffix = !vm.count("batch");
  monthly.command_line = "labelgen run --admin " + admin->year.str() +
                         (through.empty() ? "" : " --through " + through) + " --printer " + printer + " (" +
                         std::to_string(files.size()) + " event files)";
  auto report = run::monthly_run(*admin, planner, *ledger, monthly);
  if (tty) std::fprintf(stderr, "\n");
  if (!decisions.empty()) {
    io::FileAppender out_file;
    auto ok = out_file.open(decisions);
    if (ok) ok = out_file.append(rules::decisions_csv_header());
    if (ok)
      ok = planner.for_each_decision(
          [&](const rules::Decision& d) { return out_file.append(rules::decisions_csv_row(d)); });
    if (ok) ok = out_file.commit();
    if (!ok) {
      std::cerr << "labelgen run: " << ok.error().message << "\n";
      return kIoFailure;
    }
  }
  const auto counts = planner.counts();
  std::cerr << "records " << counts.records << ": labelled " << counts.labelled << ", skipped "
            << counts.skipped_total << ", rejected " << counts.rejected_total << "\n";
  if (report) {
    char line[256];
    int n = std::snprintf(line, sizeof line, "timing: read %.2f s, plan %.2f s",
                          std::chrono::duration<double>(read_done - read_started).count(),
                          std::chrono::duration<double>(plan_done - read_done).count());
    std::string timing(line, static_cast<std::size_t>(n));
    for (const auto& [stage, seconds] : report->timings) {
      n = std::snprintf(line, sizeof line, ", %s %.2f s", stage.c_str(), seconds);
      timing.append(line, static_cast<std::size_t>(n));
    }
    std::cerr << timing << "\n";
  }
  if (!report) {
    std::cerr << "labelgen run: " << report.error().message << "\n";
    return io_error(report.error()) ? kIoFailure : kBadInput;
  }
  for (const auto& b : report->recovered)
    std::cout << "recovered batch " << b << " (its folder was missing; re-rendered from the ledger)\n";
  if (report->already_labelled)
    std::cout << report->already_labelled << " eligible students already hold a live label\n";
  for (const auto& r : report->reprints) {
    std::string changed;
    for (const auto& c : r.changed) changed += (changed.empty() ? "" : ", ") + c;
    std::cout << "needs reprint: label " << r.serial << " (batch " << r.batch << "): event " << r.event_id
              << " changed " << changed << "  -> labelgen reprint --serial " << r.serial << "\n";
  }
  if (!report->printed) {
    std::cout << "nothing new to print\n";
    return kNothingToDo;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (vm.count("json")) {
    std::ifstream in(report->result.batch_dir / "summary.json");
    std::cout << in.rdbuf();
    return kOk;
  }
  print_result(report->result, report->result.batch_dir.filename().string());
  char rate[128];
  std::snprintf(rate, sizeof rate, "  %.2f s, %.0f labels/s\n", seconds,
                report->result.labels / std::max(seconds, 1e-9));
  std::cout << rate;
  return kOk;
}

}  // namespace lg::cli

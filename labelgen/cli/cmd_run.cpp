// labelgen run: plan the events, then render per-LEA PDFs (GIS + labels), manifest and summary.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "labelgen/cli/options.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/rules/plan.hpp"
#include "labelgen/rules/report.hpp"
#include "labelgen/run/print_run.hpp"

namespace lg::cli {
namespace {

std::string io_read_summary(const std::filesystem::path& dir) {
  std::FILE* f = std::fopen((dir / "summary.json").c_str(), "rb");
  if (!f) return "{}\n";
  std::string s;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  std::fclose(f);
  return s;
}

}  // namespace

int cmd_run(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, through, printer = "office-laser-letter", out, batch, decisions;
  std::vector<std::string> files;
  unsigned threads = 0;
  std::size_t max_per_file = 5000;
  std::uint32_t first_serial = 1;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "events", po::value(&files)->multitoken()->required(), "SSR event files (.csv or .jsonl)")(
      "through", po::value(&through), "keep only SSRs generated on or before this date (YYYY-MM-DD)")(
      "printer", po::value(&printer)->default_value(printer), "printer profile (printers/<name>.toml)")(
      "out", po::value(&out)->required(), "output root; the batch is written to <out>/<batch>/")(
      "batch", po::value(&batch), "batch id (default: the --through month, else the latest SSR month)")(
      "first-serial", po::value(&first_serial)->default_value(first_serial), "first label serial of this run")(
      "max-labels-per-file", po::value(&max_per_file)->default_value(max_per_file),
      "split an LEA's PDF into parts of at most this many labels (at GIS-group boundaries)")(
      "threads", po::value(&threads)->default_value(0), "render threads (0: one per core)")(
      "decisions", po::value(&decisions), "also write the decisions CSV (one row per input record)")(
      "replace", "replace an existing batch folder")("json", "print the run summary as JSON");
  po::positional_options_description pos;
  pos.add("events", -1);
  po::variables_map vm;
  if (auto code = parse_options("run",
                                "--admin YEAR --events FILE... [--through DATE] [--printer NAME] --out DIR [--batch ID]",
                                desc, &pos, args, vm))
    return *code;

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
  std::vector<std::filesystem::path> paths(files.begin(), files.end());
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      std::cerr << "labelgen run: " << p.string() << ": no such file\n";
      return kBadInput;
    }
  }
  const auto started = std::chrono::steady_clock::now();
  auto input = events::read_all_events(paths);
  for (const auto& r : input.rejected)
    if (r.reason == "unreadable_file") {
      std::cerr << "labelgen run: " << r.describe() << "\n";
      return kBadInput;
    }
  auto plan = rules::make_plan(*admin, std::move(input), plan_options);
  if (!decisions.empty())
    if (auto w = io::write_file_atomic(decisions, rules::decisions_csv(plan)); !w) {
      std::cerr << "labelgen run: " << w.error().message << "\n";
      return kIoFailure;
    }
  for (const auto& d : plan.decisions)
    if (d.outcome == rules::Outcome::Rejected)
      std::cerr << "rejected " << d.source.file << ":" << d.source.line << ": " << (d.field.empty() ? "" : d.field + ": ")
                << d.detail << "\n";
  std::cerr << "records " << plan.records << ": labelled " << plan.labelled << ", skipped " << plan.skipped_total
            << ", rejected " << plan.rejected_total << "\n";
  if (plan.labels.empty()) {
    std::cerr << "labelgen run: nothing to label\n";
    return kNothingToDo;
  }

  run::RunOptions options;
  options.printer = *profile;
  options.out_dir = out;
  if (batch.empty()) {
    if (plan_options.through) {
      batch = plan_options.through->year_month();
    } else {
      for (const auto& l : plan.labels) batch = std::max(batch, l.batch);
    }
  }
  options.batch = batch;
  options.first_serial = first_serial;
  options.max_labels_per_file = max_per_file;
  options.threads = threads;
  options.replace = vm.count("replace") > 0;
  const bool tty = ::isatty(STDERR_FILENO);
  std::mutex progress_mutex;
  if (tty)
    options.progress = [&](std::size_t done, std::size_t total) {
      std::lock_guard lock(progress_mutex);
      std::fprintf(stderr, "\rrendered %zu/%zu labels", done, total);
      std::fflush(stderr);
    };
  auto result = run::print_run(*admin, plan, options);
  if (tty) std::fprintf(stderr, "\n");
  if (!result) {
    std::cerr << "labelgen run: " << result.error().message << "\n";
    return result.error().field == "out" || result.error().message.find("cannot") != std::string::npos ? kIoFailure
                                                                                                         : kBadInput;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (vm.count("json")) {
    std::cout << io_read_summary(result->batch_dir);
    return kOk;
  }
  std::cout << "batch " << options.batch << " -> " << result->batch_dir.string() << "\n"
            << "  " << result->labels << " labels, " << result->gis << " GIS, " << result->pages << " pages in "
            << result->files.size() << " PDF files; serials " << options.first_serial << "-"
            << result->next_serial - 1 << "\n";
  for (const auto& f : result->files)
    std::cout << "  " << f.file << "  " << f.labels << " labels, " << f.gis << " GIS, " << f.pages << " pages\n";
  char rate[128];
  std::snprintf(rate, sizeof rate, "  %.2f s, %.0f labels/s\n", seconds, result->labels / std::max(seconds, 1e-9));
  std::cout << rate;
  return kOk;
}

}  // namespace lg::cli

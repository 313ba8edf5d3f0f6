// labelgen calibrate: the calibration page of a printer profile (rulers, a cross on the first
// label's corner, label outlines, instructions), drawn with the profile's current offsets,
// written as PDF (PNG for png profiles) and optionally sent to the profile's CUPS queue.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "labelgen/cli/options.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/template.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/printing/calibration.hpp"
#include "labelgen/printing/page_file.hpp"
#include "labelgen/printing/submit.hpp"

namespace lg::cli {

int cmd_calibrate(const Args& args) {
  po::options_description desc("options");
  std::string printer, out, queue, server;
  int timeout = 300;
  desc.add_options()("printer", po::value(&printer)->required(), "printer profile (printers/<name>.toml)")(
      "out", po::value(&out), "file to write (default: calibration-<printer>.pdf, .png for png profiles)")(
      "print", "also send the page to the profile's CUPS queue and wait for it")(
      "queue", po::value(&queue), "with --print: CUPS queue (default: the profile's cups_queue)")(
      "server", po::value(&server), "with --print: CUPS server host[:port] (default: CUPS_SERVER)")(
      "timeout", po::value(&timeout)->default_value(timeout), "with --print: seconds to wait for the job");
  po::variables_map vm;
  if (auto code =
          parse_options("calibrate", "--printer NAME [--out FILE] [--print]", desc, nullptr, args, vm))
    return *code;
  if (timeout < 1) {
    std::cerr << "labelgen calibrate: --timeout must be at least 1 second\n";
    return kUsage;
  }
  auto profile = printers::find_profile(printer);
  if (!profile) {
    std::cerr << "labelgen calibrate: --printer: " << profile.error().message << "\n";
    return kBadInput;
  }
  auto tmpl = layout::load_label_template(profile->label_template);
  if (!tmpl) {
    std::cerr << "labelgen calibrate: " << tmpl.error().message << "\n";
    return kBadInput;
  }
  auto fonts = fonts::FontSet::load();
  if (!fonts) {
    std::cerr << "labelgen calibrate: " << fonts.error().message << "\n";
    return kBadInput;
  }
  auto page = printing::calibration_page(*profile, tmpl->stock, *fonts);
  if (!page) {
    std::cerr << "labelgen calibrate: " << page.error().message << "\n";
    return kBadInput;
  }
  const std::filesystem::path file =
      out.empty() ? std::filesystem::path("calibration-" + profile->name + printing::page_extension(*profile))
                  : std::filesystem::path(out);
  if (auto ok = printing::write_page(*page, *profile, file); !ok) {
    std::cerr << "labelgen calibrate: " << file.string() << ": " << ok.error().message << "\n";
    return kIoFailure;
  }
  std::cout << "calibration page for " << profile->name << " (" << tmpl->stock.description << ", offset_x "
            << profile->offset_x.str() << ", offset_y " << profile->offset_y.str() << ") written to "
            << file.string() << "\n";
  if (!vm.count("print")) return kOk;

  if (queue.empty()) queue = profile->cups_queue;
  if (queue.empty()) {
    std::cerr << "labelgen calibrate: printer " << profile->name
              << " has no CUPS queue: set cups_queue in printers/" << profile->name
              << ".toml to a queue that `lpstat -p` lists, or give --queue\n";
    return kBadInput;
  }
  auto doc = printing::make_document(file, "labelgen calibration " + profile->name);
  if (!doc) {
    std::cerr << "labelgen calibrate: " << doc.error().message << "\n";
    return kIoFailure;
  }
  printing::SubmitOptions options;
  options.queue = queue;
  options.server = server;
  options.timeout = std::chrono::seconds(timeout);
  auto report = printing::submit({*doc}, options);
  if (!report) {
    std::cerr << "labelgen calibrate: " << report.error().message << "\n";
    return report.error().field == "queue" ? kBadInput : kIoFailure;
  }
  const auto& job = report->jobs.front();
  std::string state = std::string(printing::job_state_name(job.state));
  if (job.timed_out) state += " (still not finished at the timeout)";
  if (!job.message.empty() && !job.completed()) state += " — " + job.message;
  if (!job.completed()) {
    std::cerr << "labelgen calibrate: job " << (job.job_name.empty() ? "?" : job.job_name) << ": " << state
              << "\n";
    return kIoFailure;
  }
  std::cout << "sent to " << queue << " at " << report->server << ": job " << job.job_name << " " << state
            << "\n";
  return kOk;
}

}  // namespace lg::cli

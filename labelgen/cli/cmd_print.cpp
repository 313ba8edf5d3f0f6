// labelgen print: sends a batch's files (in summary.json's packing order, each checked against
// the sha256 the ledger recorded) or given PDF/ZPL/PNG files to a CUPS queue, one job per file,
// and waits for every job to complete.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "labelgen/cli/options.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/printing/batch.hpp"
#include "labelgen/printing/submit.hpp"

namespace lg::cli {
namespace {

std::string describe(const printing::JobResult& j) {
  std::string s = (j.job_name.empty() ? std::string("job") : "job " + j.job_name) + " (" + j.title +
                  "): " + std::string(printing::job_state_name(j.state));
  if (j.timed_out) s += ", still not finished at the timeout";
  if (!j.message.empty() && !j.completed()) s += " — " + j.message;
  return s;
}

}  // namespace

int cmd_print(const Args& args) {
  po::options_description desc("options");
  std::string printer, batch, out, ledger_path, queue, server;
  std::vector<std::string> files;
  int copies = 1, timeout = 300;
  desc.add_options()("printer", po::value(&printer)->required(), "printer profile (printers/<name>.toml)")(
      "batch", po::value(&batch), "print this batch's files (with --out)")(
      "out", po::value(&out), "output root of the runs (holds <batch>/ and ledger.db)")(
      "ledger", po::value(&ledger_path), "ledger database (default: <out>/ledger.db)")(
      "queue", po::value(&queue), "CUPS queue (default: the profile's cups_queue)")(
      "server", po::value(&server), "CUPS server host[:port] (default: CUPS_SERVER, else the local one)")(
      "copies", po::value(&copies)->default_value(copies), "copies of each file")(
      "timeout", po::value(&timeout)->default_value(timeout), "seconds to wait for each job to finish")(
      "dry-run", "show what would be sent (queue, files in order, pages, copies); send nothing")(
      "file", po::value(&files)->multitoken(), "files to print (.pdf, .zpl, .png), instead of --batch");
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  if (auto code = parse_options("print",
                                "--printer NAME (--batch B --out DIR | FILE...) [--queue Q] [--copies N] "
                                "[--dry-run] [--timeout S]",
                                desc, &positional, args, vm))
    return *code;
  if (batch.empty() == files.empty()) {
    std::cerr << "labelgen print: give either --batch B --out DIR or files to print\n";
    return kUsage;
  }
  if (!batch.empty() && out.empty()) {
    std::cerr << "labelgen print: --batch needs --out DIR (the output root of the runs)\n";
    return kUsage;
  }
  if (copies < 1 || copies > 999) {
    std::cerr << "labelgen print: --copies must be 1 to 999\n";
    return kUsage;
  }
  if (timeout < 1) {
    std::cerr << "labelgen print: --timeout must be at least 1 second\n";
    return kUsage;
  }
  auto profile = printers::find_profile(printer);
  if (!profile) {
    std::cerr << "labelgen print: --printer: " << profile.error().message << "\n";
    return kBadInput;
  }

  std::vector<printing::Document> documents;
  if (!batch.empty()) {
    auto b = printing::batch_documents({out, batch, ledger_path});
    if (!b) {
      std::cerr << "labelgen print: " << b.error().message << "\n";
      return kBadInput;
    }
    if (b->printer != profile->name) {
      std::cerr << "labelgen print: batch " << batch << " was rendered for printer " << b->printer
                << " (its label stock, resolution and offsets); print it with --printer " << b->printer
                << " or re-render it for " << profile->name << "\n";
      return kBadInput;
    }
    std::cout << "batch " << batch << ": " << b->documents.size() << " files, sha256 checked against "
              << (b->ledger_checked ? "the ledger" : "summary.json (no ledger)") << "\n";
    for (const auto& c : b->companions)
      std::cout << "note: " << c.filename().string()
                << " holds GIS sheets for an office laser; it is not sent to this printer\n";
    documents = std::move(b->documents);
  } else {
    for (const auto& f : files) {
      auto d = printing::make_document(f);
      if (!d) {
        std::cerr << "labelgen print: " << d.error().message << "\n";
        return kBadInput;
      }
      documents.push_back(std::move(*d));
    }
  }

  if (queue.empty()) queue = profile->cups_queue;
  if (queue.empty()) {
    std::cerr << "labelgen print: printer " << profile->name
              << " has no CUPS queue: set cups_queue in printers/" << profile->name
              << ".toml to a queue that `lpstat -p` lists, or give --queue\n";
    return kBadInput;
  }
  printing::SubmitOptions options;
  options.queue = queue;
  options.server = server;
  options.copies = copies;
  options.timeout = std::chrono::seconds(timeout);
  if (vm.count("dry-run")) {
    std::cout << printing::describe_submission(documents, printing::server_name(options), queue, copies);
    return kOk;
  }

  const auto start = std::chrono::steady_clock::now();
  auto report = printing::submit(documents, options, [](const printing::JobResult& j) {
    std::cout << "  " << describe(j) << "\n" << std::flush;
  });
  if (!report) {
    std::cerr << "labelgen print: " << report.error().message << "\n";
    return report.error().field == "queue" ? kBadInput : kIoFailure;
  }
  if (!report->all_completed()) {
    for (const auto& j : report->jobs)
      if (!j.completed()) std::cerr << "labelgen print: " << describe(j) << "\n";
    if (!report->not_sent.empty()) {
      std::cerr << "labelgen print: " << report->not_sent.size()
                << (report->not_sent.size() == 1 ? " file" : " files") << " not sent:";
      for (const auto& f : report->not_sent) std::cerr << " " << f.filename().string();
      std::cerr << "\n";
    }
    return kIoFailure;
  }
  int pages = 0;
  for (const auto& d : documents) pages += d.pages;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char took[32];
  std::snprintf(took, sizeof took, "%.1f s", secs);
  std::cout << "printed " << documents.size() << (documents.size() == 1 ? " file, " : " files, ") << pages
            << " pages x " << copies << " on " << queue << " at " << report->server << " in " << took << "\n";
  return kOk;
}

}  // namespace lg::cli

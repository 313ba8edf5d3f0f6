// labelgen proof: PNG proofs of a batch (Cairo raster backend) at the printer profile's
// resolution, re-rendered from the ledger, to check a sheet on screen before printing.
#include <filesystem>
#include <iostream>

#include "labelgen/cli/options.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/run/monthly.hpp"

namespace lg::cli {

int cmd_proof(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, out, ledger_path, batch, printer = "png-proof", to;
  std::uint32_t serial = 0;
  std::size_t pages = 2;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "out", po::value(&out)->required(), "output root of the runs (holds the ledger)")(
      "batch", po::value(&batch), "the batch to proof")(
      "serial", po::value(&serial), "proof the batch holding this label and say where it is")(
      "printer", po::value(&printer)->default_value(printer), "a png printer profile (resolution)")(
      "pages", po::value(&pages)->default_value(pages), "pages per PDF file to draw (0: all)")(
      "to", po::value(&to), "folder for the PNG files (default: <out>/proofs)")(
      "ledger", po::value(&ledger_path), "ledger database (default: <out>/ledger.db)");
  po::variables_map vm;
  if (auto code = parse_options("proof", "--admin YEAR --out DIR (--batch B | --serial S) [--printer NAME]", desc,
                                nullptr, args, vm))
    return *code;
  if (batch.empty() == !vm.count("serial")) {
    std::cerr << "labelgen proof: give exactly one of --batch and --serial\n";
    return kUsage;
  }
  auto admin = load_admin_or_report("proof", admin_year);
  if (!admin) return kBadInput;
  auto profile = printers::find_profile(printer);
  if (!profile) {
    std::cerr << "labelgen proof: --printer: " << profile.error().message << "\n";
    return kBadInput;
  }
  if (profile->kind != printers::Kind::Png) {
    std::cerr << "labelgen proof: printer " << printer << " is not a png profile\n";
    return kUsage;
  }
  if (ledger_path.empty()) ledger_path = (std::filesystem::path(out) / "ledger.db").string();
  auto ledger = ledger::Ledger::open({ledger_path});
  if (!ledger) {
    std::cerr << "labelgen proof: " << ledger.error().message << "\n";
    return kIoFailure;
  }
  if (vm.count("serial")) {
    auto label = ledger->label(admin->year.str(), serial);
    if (!label || !*label) {
      std::cerr << "labelgen proof: no label " << serial << " in the ledger\n";
      return kBadInput;
    }
    batch = (*label)->batch;
    std::cout << "label " << serial << ": batch " << batch << ", " << (*label)->file << " page " << (*label)->page
              << " position " << (*label)->position << "\n";
    if (pages != 0 && static_cast<std::size_t>((*label)->page) > pages) pages = static_cast<std::size_t>((*label)->page);
  }
  run::RunOptions options;
  options.printer = *profile;
  options.out_dir = to.empty() ? std::filesystem::path(out) / "proofs" : std::filesystem::path(to);
  options.batch = batch;
  options.replace = true;
  options.max_pages_per_file = pages;
  auto r = run::rerender(*admin, *ledger, options);
  if (!r) {
    std::cerr << "labelgen proof: " << r.error().message << "\n";
    return kBadInput;
  }
  std::cout << "proofs of batch " << batch << " in " << r->batch_dir.string() << "\n";
  for (const auto& e : std::filesystem::directory_iterator(r->batch_dir))
    if (e.path().extension() == ".png") std::cout << "  " << e.path().filename().string() << "\n";
  return kOk;
}

}  // namespace lg::cli

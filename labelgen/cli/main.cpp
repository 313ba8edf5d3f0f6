#include <clocale>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "labelgen/cli/command.hpp"
#include "labelgen/core/malloc_tuning.hpp"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(const lg::cli::Args&);
  const char* summary;
};

constexpr Subcommand kCommands[] = {
    {"schedule", lg::cli::cmd_schedule, "administration window, Pre-ID arrival and ship-by date for a test date"},
    {"plan", lg::cli::cmd_plan, "decide every SSR event: label, skipped or rejected; counts per batch"},
    {"run", lg::cli::cmd_run, "monthly print run: per-LEA PDFs of GIS + Pre-ID labels, manifest, ledger"},
    {"status", lg::cli::cmd_status, "batches in the ledger, their files (sha256 checked) and waiting events"},
    {"proof", lg::cli::cmd_proof, "PNG proofs of a batch (Cairo) at a printer profile's resolution"},
    {"reprint", lg::cli::cmd_reprint, "void a label and print its replacement (or queue it for the next batch)"},
    {"print", lg::cli::cmd_print, "send a batch's files (sha256 checked) or PDFs to a CUPS queue, in packing order"},
    {"calibrate", lg::cli::cmd_calibrate, "calibration page of a printer profile: rulers, corner mark, offsets"},
    {"purge", lg::cli::cmd_purge, "delete a closed administration's names and SSIDs from the ledger"},
    {"verify", lg::cli::cmd_verify, "check a box before it ships: scans or a USB scanner vs the ledger, names, GIS counts"},
};

void usage(std::FILE* out) {
  std::fprintf(out, "usage: labelgen <command> [options]   (labelgen <command> --help)\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C");
  lg::tune_malloc();
  if (argc < 2) {
    usage(stderr);
    return lg::cli::kUsage;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(stdout);
    return lg::cli::kOk;
  }
  if (name == "--version") {
    std::printf("labelgen 0.1.0\n");
    return lg::cli::kOk;
  }
  for (const auto& c : kCommands) {
    if (name != c.name) continue;
    try {
      return c.run(lg::cli::Args(argv + 2, argv + argc));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "labelgen %s: internal error: %s\n", c.name, e.what());
      return lg::cli::kInternal;
    }
  }
  std::fprintf(stderr, "labelgen: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return lg::cli::kUsage;
}

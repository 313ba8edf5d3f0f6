// labelgen verify: checks a box of answer books before it ships. Reads scans (PNG, JPEG, TIFF,
// PDF) or, with --wedge, what a USB scanner types; looks every label up in the ledger (or, with
// no ledger, trusts the DataMatrix payloads), checks MACs with --key-file, matches the answer
// books' names (--roster or typed), and reports per GIS group. Exit 0 when every group is ready
// to ship, 6 when not, 1 when nothing recognisable was scanned.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>

#include "labelgen/cli/options.hpp"
#include "labelgen/decode/decode.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "labelgen/match/match.hpp"
#include "labelgen/verify/check.hpp"
#include "labelgen/verify/output.hpp"
#include "labelgen/verify/roster.hpp"
#include "labelgen/verify/scan.hpp"

namespace lg::cli {
namespace {

std::string chomp(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
    s.pop_back();
  return s;
}

/// Wedge mode: one scan per line; after each label, the answer book's name unless the roster
/// gives it. Prompts and per-label verdicts (no names, no SSIDs) go to `talk`.
void wedge_session(verify::ScanSet& set, const verify::Roster* roster, const verify::Settings& settings,
                   std::ostream& talk) {
  std::string line;
  std::size_t line_no = 0;
  std::set<std::uint32_t> seen;
  while (std::getline(std::cin, line)) {
    ++line_no;
    line = chomp(line);
    if (line.empty()) break;
    const auto kind = verify::add_line(set, line, "stdin line " + std::to_string(line_no));
    switch (kind) {
      case verify::CodeKind::PreIdCode128:
      case verify::CodeKind::PreIdPayload: {
        auto& label = set.labels.back();
        if (roster) label.book_name = roster->find(label);
        if (!label.book_name) {
          talk << "name on answer book: " << std::flush;
          std::string name;
          if (std::getline(std::cin, name)) {
            ++line_no;
            label.book_name = chomp(name);
          } else {
            talk << "\n";
          }
        }
        auto result = verify::check_label(label, settings);
        if (!seen.insert(result.serial).second) result.problems.emplace_back(verify::problem::kDuplicate);
        talk << verify::label_line(result) << std::endl;
        break;
      }
      case verify::CodeKind::GisCode128:
      case verify::CodeKind::GisPayload: {
        const auto& g = set.gis.back();
        talk << "GIS " << g.serial() << " scanned"
             << (g.payload ? " (count " + std::to_string(g.payload->count) + ")" : "") << std::endl;
        break;
      }
      case verify::CodeKind::BadOurs:
      case verify::CodeKind::NotOurs:
        talk << "line " << line_no << ": " << set.unrecognised.back().detail << " (ignored)" << std::endl;
        // A diagnostic too, unless it would show twice on one terminal.
        if (&talk != &std::cerr && !::isatty(STDOUT_FILENO))
          std::cerr << "labelgen verify: stdin line " << line_no << ": " << set.unrecognised.back().detail
                    << "\n";
        break;
    }
  }
}

}  // namespace

int cmd_verify(const Args& args) {
  po::options_description desc("options");
  std::string admin_year, out, ledger_path, key_file, roster_file, lea, today_text, csv_file;
  double dpi = 0;
  std::vector<std::string> files;
  desc.add_options()("admin", po::value(&admin_year)->required(), "administration year, e.g. 2024-25")(
      "scan", po::value(&files)->multitoken(), "scan files (PNG, JPEG, TIFF, PDF); also given as arguments")(
      "out", po::value(&out), "output root of the runs: use <out>/ledger.db")(
      "ledger", po::value(&ledger_path), "ledger database (without --out/--ledger: offline, payloads only)")(
      "key-file", po::value(&key_file), "check every payload's MAC with this key file")(
      "roster", po::value(&roster_file), "CSV of the answer books' names: name + position|serial|ssid")(
      "lea", po::value(&lea), "the box's LEA (14-digit CDS); default: the scanned GIS's, else the majority")(
      "today", po::value(&today_text), "date checked against hold-until and ship-by (default: local date)")(
      "dpi", po::value(&dpi), "resolution of images that do not state one")(
      "json", "print the report as JSON")("csv", po::value(&csv_file),
                                          "also write one CSV row per label to FILE")(
      "redact", "names as initials and SSIDs as their last 4 digits in every output")(
      "wedge", "read scans typed by a USB scanner on standard input, one per line");
  po::positional_options_description pos;
  pos.add("scan", -1);
  po::variables_map vm;
  if (auto code = parse_options("verify",
                                "--admin YEAR [--out DIR | --ledger DB] [--key-file F] [--roster CSV] "
                                "[--json] [--csv F] [--redact] (SCAN... | --wedge)",
                                desc, &pos, args, vm))
    return *code;
  const bool wedge = vm.count("wedge") > 0;
  if (wedge == !files.empty()) {
    std::cerr << "labelgen verify: give scan files or --wedge (not both)\n";
    return kUsage;
  }
  if (!lea.empty() && !CdsCode::parse(lea)) {
    std::cerr << "labelgen verify: --lea: not a 14-digit CDS code\n";
    return kUsage;
  }
  verify::Settings settings;
  if (today_text.empty()) {
    settings.today = local_today();
  } else if (auto d = Date::parse(today_text)) {
    settings.today = *d;
  } else {
    std::cerr << "labelgen verify: --today: " << d.error().message << "\n";
    return kUsage;
  }
  auto admin = load_admin_or_report("verify", admin_year);
  if (!admin) return kBadInput;
  settings.admin = &*admin;
  if (!lea.empty()) settings.lea = lea;
  if (const auto& table = match::default_name_table(); !table) {
    std::cerr << "labelgen verify: name table: " << table.error().message << "\n";
    return kBadInput;
  }
  std::optional<barcode::KeyRing> keys;
  if (!key_file.empty()) {
    auto ring = barcode::KeyRing::load(key_file);
    if (!ring) {
      std::cerr << "labelgen verify: --key-file: " << ring.error().message << "\n";
      return kBadInput;
    }
    keys = std::move(*ring);
    settings.keys = &*keys;
  }
  std::optional<verify::Roster> roster;
  if (!roster_file.empty()) {
    auto r = verify::load_roster(roster_file);
    if (!r) {
      std::cerr << "labelgen verify: --roster: " << r.error().message << "\n";
      return kBadInput;
    }
    roster = std::move(*r);
  }
  if (ledger_path.empty() && !out.empty()) ledger_path = (std::filesystem::path(out) / "ledger.db").string();
  std::optional<ledger::Ledger> ledger;
  if (!ledger_path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(ledger_path, ec)) {
      std::cerr << "labelgen verify: " << ledger_path << ": no ledger\n";
      return kBadInput;
    }
    auto l = ledger::Ledger::open({ledger_path});
    if (!l) {
      std::cerr << "labelgen verify: " << l.error().message << "\n";
      return kBadInput;
    }
    ledger = std::move(*l);
    settings.ledger = &*ledger;
  }

  verify::ScanSet set;
  if (wedge) {
    // With --json, stdout carries only the JSON report: the session talks on stderr.
    wedge_session(set, roster ? &*roster : nullptr, settings, vm.count("json") ? std::cerr : std::cout);
  } else {
    decode::DecodeOptions options;
    options.assumed_dpi = dpi;
    options.filter = [ours = decode::labelgen_symbols_only()](decode::SymbolFormat f, std::string_view text) {
      if (ours(f, text)) return true;
      return verify::classify(text).kind == verify::CodeKind::NotOurs;
    };
    for (const auto& f : files) {
      auto result = decode::decode_file(f, options);
      if (!result) {
        std::cerr << "labelgen verify: " << f << ": " << result.error().message << "\n";
        return kBadInput;
      }
      for (const auto& page : result->pages)
        verify::add_page(set, page.symbols, page.dpi, f + " page " + std::to_string(page.page + 1));
    }
    if (roster)
      for (auto& l : set.labels) l.book_name = roster->find(l);
  }
  if (set.empty()) {
    std::cerr << "labelgen verify: nothing recognisable scanned (" << set.unrecognised.size()
              << " other symbols or lines)\n";
    return kNothingToDo;
  }
  auto report = verify::build_report(set, settings);
  if (!report) {
    std::cerr << "labelgen verify: " << report.error().message << "\n";
    return kIoFailure;
  }
  const bool redact = vm.count("redact") > 0;
  std::cout << (vm.count("json") ? verify::report_json(*report, redact)
                                 : verify::report_text(*report, redact));
  if (!csv_file.empty()) {
    if (auto ok = io::write_file_atomic(csv_file, verify::report_csv(*report, redact)); !ok) {
      std::cerr << "labelgen verify: --csv: " << ok.error().message << "\n";
      return kIoFailure;
    }
  }
  return report->ready ? kOk : kNotReady;
}

}  // namespace lg::cli

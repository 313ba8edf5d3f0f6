#pragma once
/// Verify stage, checks: each scanned label looked up (ledger or offline), its MAC checked and
/// its name matched; then the shipment report per GIS group (LEA × school × testing grade × form
/// × batch; with a ledger one group per GIS, as a run prints one GIS per window): expected
/// against scanned, problems, ship window, READY / NOT READY.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/barcode/mac.hpp"
#include "labelgen/core/date.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "labelgen/match/match.hpp"
#include "labelgen/verify/scan.hpp"

namespace lg::verify {

/// Problem codes, stable (JSON, CSV): `missing`, `duplicate`, `unknown`, `void`,
/// `other_administration`, `other_lea`, `forged`, `unknown_key`, `unsigned` (a key file is
/// configured and the payload has no MAC), `symbols_disagree`, `not_confirmed` (a lone Code 128
/// without a ledger to confirm it), `name_mismatch`, `name_needs_review`, `gis_not_scanned`.
namespace problem {
inline constexpr const char* kMissing = "missing";
inline constexpr const char* kDuplicate = "duplicate";
inline constexpr const char* kUnknown = "unknown";
inline constexpr const char* kVoid = "void";
inline constexpr const char* kOtherAdministration = "other_administration";
inline constexpr const char* kOtherLea = "other_lea";
inline constexpr const char* kForged = "forged";
inline constexpr const char* kUnknownKey = "unknown_key";
inline constexpr const char* kUnsigned = "unsigned";
inline constexpr const char* kSymbolsDisagree = "symbols_disagree";
inline constexpr const char* kNotConfirmed = "not_confirmed";
inline constexpr const char* kNameMismatch = "name_mismatch";
inline constexpr const char* kNameNeedsReview = "name_needs_review";
}  // namespace problem

/// What the verifier knows and how it decides.
struct Settings {
  const admin::Administration* admin = nullptr;  ///< required
  ledger::Ledger* ledger = nullptr;              ///< nullptr: offline (payloads only)
  const barcode::KeyRing* keys = nullptr;        ///< nullptr: no key file, MACs not checked
  std::optional<std::string> lea;                ///< --lea: the LEA whose box this is
  Date today;
  match::Options match;
};

/// One label of the report: scanned, or expected and not scanned (missing).
struct LabelResult {
  std::size_t position = 0;  ///< scan order (0: not scanned)
  std::string source;        ///< file and page, or stdin line; empty when not scanned
  bool scanned = true;
  std::uint32_t serial = 0;
  std::string ssid, name, administration, lea, school, grade, batch;
  int form = 0;
  std::uint32_t gis_serial = 0;  ///< from the ledger (0 unknown)
  std::string status;            ///< `live`, `void`, `reprinted`, `unknown`, or `offline`
  std::string
      mac;  ///< `valid`, `unsigned`, `unknown key`, `forged`, `not checked` (no key file), `no payload`
  std::string name_grade;                ///< match grade, or empty when no book name was given
  std::string name_reason;               ///< match reason (never contains names)
  std::string hold_until, window_start;  ///< from the ledger
  std::vector<std::string> problems;     ///< problem codes
  std::vector<std::string> details;      ///< short explanations (no names, no SSIDs)
  std::string group;                     ///< key of its group, empty when in none
  bool ok() const { return problems.empty(); }
  /// Records problem `code` with its explanation, once per code.
  void add_problem(const char* code, std::string detail) {
    for (const auto& p : problems)
      if (p == code) return;
    problems.emplace_back(code);
    details.push_back(std::move(detail));
  }
};

/// Looks one scanned label up and checks it (everything but duplicates, other LEA and groups).
LabelResult check_label(const LabelScan& scan, const Settings& settings);

/// One GIS group in the report.
struct GroupResult {
  std::string key;  ///< `gis <serial>` with a ledger; offline `lea|school|grade|form|batch`
  std::string lea, school, grade, batch;
  int form = 0;
  std::uint32_t gis_serial = 0;
  bool gis_scanned = false;
  std::optional<std::uint32_t> expected;  ///< from the ledger or the scanned GIS payload
  std::uint32_t scanned = 0;              ///< distinct live labels of the group scanned
  std::uint32_t missing = 0;
  std::string hold_until, ship_by;   ///< ISO dates or empty
  std::string dates;                 ///< `ok`, `before hold-until`, `after ship-by`, `unknown`
  std::vector<std::string> reasons;  ///< why not ready
  bool ready = false;
};

/// The whole report.
struct Report {
  std::string administration, lea, today;
  bool offline = false;
  std::vector<GroupResult> groups;
  std::vector<LabelResult> labels;  ///< scanned in scan order, then missing ones
  std::vector<Unrecognised> unrecognised;
  std::vector<std::string> box_problems;  ///< problems outside any group (no names)
  bool ready = false;
};

/// Builds the report of a scan session. Errors are ledger failures.
Result<Report> build_report(const ScanSet& scans, const Settings& settings);

}  // namespace lg::verify

#pragma once
/// The monthly, unattended print run with the ledger: label only students without a live
/// label, allocate serials from the ledger, render into staging, commit the ledger, then move
/// the files into place. An interrupted run is finished by the next one: a committed batch
/// whose folder is missing is re-rendered from the ledger, byte for byte.
#include <filesystem>
#include <string>
#include <vector>

#include "labelgen/ledger/ledger.hpp"
#include "labelgen/rules/planner.hpp"
#include "labelgen/run/print_run.hpp"

namespace lg::run {

/// A labelled student whose latest SSR changed what the label says.
struct NeedsReprint {
  std::uint32_t serial = 0;        ///< the live label
  std::string batch;               ///< where it was printed
  std::string event_id;            ///< the later SSR event
  std::vector<std::string> changed;  ///< printed_name, birth_date, grade, school_cds, lea_cds
};

struct MonthlyOptions {
  RunOptions render;          ///< printer, out_dir, batch, threads, progress
  std::string command_line;   ///< recorded in the ledger (no personal data)
  /// When the batch id is already in the ledger, use `<batch>-2`, `<batch>-3`, … (the default
  /// id is the month, and a second run in a month with new SSRs makes a second batch).
  bool auto_suffix = false;
};

struct MonthlyReport {
  std::vector<std::string> recovered;  ///< batches re-rendered because their folder was missing
  std::size_t already_labelled = 0;    ///< eligible students who already hold a live label
  std::vector<NeedsReprint> reprints;
  bool printed = false;                ///< false: nothing new to print
  RunResult result;                    ///< when printed
  /// Seconds spent per stage (`ledger-check`, `render`, `ledger-commit`, `publish`), in order.
  std::vector<std::pair<std::string, double>> timings;
};

/// Runs one monthly batch against `ledger`, streaming: labels are loaded from the planner's
/// store a document at a time and written to the ledger as their documents finish, inside
/// one transaction committed after the last file is staged. Labels of students who already
/// hold a live label are turned into skips (`already_labelled`) so the counts still add up.
Result<MonthlyReport> monthly_run(const admin::Administration& admin, rules::Planner& planner,
                                  ledger::Ledger& ledger, const MonthlyOptions& options);

/// Re-renders a past batch from the ledger into `<out>/<batch>` (`options.replace` to overwrite).
Result<RunResult> rerender(const admin::Administration& admin, ledger::Ledger& ledger, const RunOptions& options);

/// Finishes interrupted runs: batches in the ledger whose folder is missing under out_dir are
/// re-rendered. Returns the batch ids recovered.
Result<std::vector<std::string>> recover(const admin::Administration& admin, ledger::Ledger& ledger,
                                         const RunOptions& options);

/// The ledger's view of a label turned back into what the renderer needs.
Result<rules::Label> to_label(const admin::Administration& admin, const ledger::IssuedLabel& issued);

}  // namespace lg::run

#pragma once
/// Eligibility and batching: every SSR event ends as exactly one of label, skipped or rejected.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/core/event.hpp"
#include "labelgen/events/reader.hpp"

namespace lg::rules {

enum class Outcome { Label, Skipped, Rejected };
std::string_view outcome_code(Outcome o);  ///< `label`, `skipped`, `rejected`

/// Stable skip reason codes.
namespace skip {
inline constexpr const char* kAfterThrough = "ssr_after_through";
inline constexpr const char* kDuplicate = "duplicate_event";
inline constexpr const char* kSuperseded = "superseded";
inline constexpr const char* kLeaNotSelected = "lea_not_selected";
inline constexpr const char* kFormNotSelected = "form_not_selected_for_lea";
inline constexpr const char* kGradeOutOfScope = "grade_out_of_scope";
inline constexpr const char* kTestedOutsideWindows = "tested_outside_windows";
inline constexpr const char* kTestedAfterLast = "tested_after_last_window";
inline constexpr const char* kBookIncomplete = "answer_book_incomplete";
inline constexpr const char* kBookNone = "answer_book_none";
}  // namespace skip

/// What happened to one input record. Holds no student name.
struct Decision {
  SourceRef source;
  std::string event_id;
  std::string ssid;
  Outcome outcome = Outcome::Rejected;
  std::string reason;  ///< empty for labels
  std::string field;   ///< rejections: the offending column
  std::string detail;  ///< human explanation
  // Set for labels (and, where known, for skips):
  std::string lea_cds;
  std::string school_cds;
  std::optional<Form> form;
  std::optional<Grade> grade;
  std::optional<admin::Window> window;
  std::string batch;  ///< `YYYY-MM` of the official SSR
  std::optional<Date> hold_until;
  std::string superseded_by;         ///< event id of the later SSR
  std::vector<std::string> changed;  ///< fields that the later SSR changed
};

/// A student to label, with everything the print stage needs.
struct Label {
  SsrEvent event;
  const admin::Program* program = nullptr;
  std::optional<admin::Window> window;  ///< absent when the administration has no schedule table
  std::string batch;                    ///< `YYYY-MM` of the official SSR
  std::optional<Date> hold_until;       ///< parent notification + hold days
};

/// Count of labels per LEA × form × window × monthly batch.
struct BatchCount {
  std::string lea_cds;
  std::string lea_name;
  Form form = Form::F1;
  std::optional<admin::Window> window;
  std::string batch;
  std::size_t count = 0;
};

/// A corrected SSR: the later event replaced an earlier one for the same student.
struct Correction {
  std::string ssid;
  std::string earlier_event;
  std::string later_event;
  std::vector<std::string> changed;  ///< e.g. last_name, grade, school_cds
};

struct PlanOptions {
  std::optional<Date> through;  ///< keep only SSRs generated on or before this date
  /// Memory for each sorted run of the planner's on-disk sorts (tests make it small, so that
  /// the runs are merged).
  std::size_t sort_run_bytes = 8 << 20;
};

struct Plan {
  std::size_t records = 0;
  std::size_t labelled = 0;
  std::size_t skipped_total = 0;
  std::size_t rejected_total = 0;
  std::map<std::string, std::size_t> skipped;   ///< reason → count
  std::map<std::string, std::size_t> rejected;  ///< reason → count
  std::vector<Decision> decisions;              ///< one per input record, in input order
  std::vector<Label> labels;                    ///< in input order
  std::vector<BatchCount> batches;              ///< sorted by LEA, form, window, batch
  std::vector<Correction> corrections;
};

/// Decides every record. Consumes the read result (events move into labels).
Plan make_plan(const admin::Administration& admin, events::ReadResult&& input, const PlanOptions& options);

/// The fields of `a` and `b` that differ among those printed or used for grouping
/// (names, birth_date, grade, lea_cds, school_cds, form, test_completed_on, answer_book, …).
std::vector<std::string> changed_fields(const SsrEvent& a, const SsrEvent& b);

}  // namespace lg::rules

#pragma once
/// The ledger: a SQLite database of runs, batches, GIS groups, issued labels and voids, so that
/// every student holds exactly one live label per administration and form, serials are never
/// reused, and any past batch can be re-rendered byte for byte.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "labelgen/core/event.hpp"
#include "labelgen/core/result.hpp"

namespace lg::ledger {

/// Label status.
enum class Status { Live, Void, Reprinted };
std::string_view status_name(Status s);  ///< `live`, `void`, `reprinted`

/// Everything printed on one label, enough to re-render it without the events file.
struct IssuedLabel {
  std::uint32_t serial = 0;
  std::string administration;  ///< `2024-25`
  std::string batch;           ///< batch id
  std::uint32_t gis_serial = 0;
  Status status = Status::Live;
  SsrEvent event;                         ///< the SSR event the label was made from (all fields)
  std::string printed_name;               ///< `LAST, FIRST M.` as printed
  std::string program_id;                 ///< admin program (rsvp, form2-second-scoring)
  std::string window_start;               ///< ISO date or empty
  std::string hold_until;                 ///< ISO date or empty
  std::string file;                       ///< PDF file name within the batch folder
  int page = 0;                           ///< 1-based page in the file
  int position = 0;                       ///< 1-based slot on the sheet
  std::optional<std::uint32_t> replaces;  ///< serial this label reprints
};

/// One GIS group of a batch.
struct IssuedGis {
  std::uint32_t gis_serial = 0;
  std::string lea_cds, school_cds;
  std::string grade;  ///< testing grade code (KN, 01, 02)
  int form = 1;
  std::string window_start;
  std::uint32_t count = 0;
  std::string file;
};

/// A written file of a batch.
struct BatchFile {
  std::string file;
  std::string sha256;
  std::uint64_t bytes = 0;
  std::uint32_t labels = 0;
  std::uint32_t pages = 0;
};

/// A batch to commit: all of it lands in one transaction or none of it does.
struct BatchRecord {
  std::string administration;
  std::string batch;
  std::string printer;     ///< printer profile used (re-render needs it)
  std::string created_at;  ///< ISO timestamp (informational; not part of any output file)
  std::int64_t run_id = 0;
  std::vector<IssuedLabel> labels;
  std::vector<IssuedGis> gis;
  std::vector<BatchFile> files;
  std::uint32_t next_serial = 0;  ///< counter after this batch
  std::uint32_t next_gis_serial = 0;
};

/// Summary of a batch, for status.
struct BatchInfo {
  std::string administration, batch, printer, created_at;
  std::uint32_t issued = 0, live = 0, voided = 0, reprinted = 0;
  std::vector<BatchFile> files;
};

struct LedgerOptions {
  std::filesystem::path path;  ///< database file; created (0600) with its folder (0700)
  int busy_timeout_ms = 5000;
};

class Ledger;

/// A batch committed piece by piece inside one open write transaction: nothing of it is
/// visible to other connections, and nothing of it stays, unless commit() succeeds.
/// Destroyed before commit(), it rolls the batch back. Used from one thread at a time.
class BatchWriter {
 public:
  BatchWriter(BatchWriter&&) noexcept;
  BatchWriter& operator=(BatchWriter&&) = delete;
  ~BatchWriter();
  /// Inserts GIS groups and labels (the checks of Ledger::commit_batch, row by row).
  Result<void> add(std::span<const IssuedGis> gis, std::span<const IssuedLabel> labels);
  /// Inserts the files, moves the counters and commits.
  Result<void> commit(const std::vector<BatchFile>& files, std::uint32_t next_serial,
                      std::uint32_t next_gis_serial);

 private:
  friend class Ledger;
  struct State;
  explicit BatchWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// An open ledger. Move-only. Not shared between threads.
class Ledger {
 public:
  /// Opens or creates the database, applies pending schema migrations (versioned with
  /// PRAGMA user_version), WAL journal, foreign keys on, synchronous=FULL.
  static Result<Ledger> open(const LedgerOptions& options);
  Ledger(Ledger&&) noexcept;
  Ledger& operator=(Ledger&&) noexcept;
  ~Ledger();

  /// Schema version after migrations.
  int schema_version() const;

  /// Records the start of a run (command line without personal data, start time); returns its id.
  Result<std::int64_t> begin_run(const std::string& administration, const std::string& command,
                                 const std::string& started_at);
  /// Marks a run finished with `status` (`ok`, `nothing-to-do`, `failed: …`).
  Result<void> finish_run(std::int64_t run_id, const std::string& status, const std::string& finished_at);

  /// Next label / GIS serial of an administration (1 when none issued yet).
  Result<std::uint32_t> next_serial(const std::string& administration);
  Result<std::uint32_t> next_gis_serial(const std::string& administration);

  /// Live labels of an administration, for deciding who still needs one.
  Result<std::vector<IssuedLabel>> live_labels(const std::string& administration);
  /// One label by serial (any status).
  Result<std::optional<IssuedLabel>> label(const std::string& administration, std::uint32_t serial);
  /// All labels (any status) of a batch in serial order, and its GIS groups and files.
  Result<std::vector<IssuedLabel>> batch_labels(const std::string& administration, const std::string& batch);
  Result<std::vector<IssuedGis>> batch_gis(const std::string& administration, const std::string& batch);
  Result<std::optional<BatchInfo>> batch(const std::string& administration, const std::string& batch);
  Result<std::vector<BatchInfo>> batches(const std::string& administration);

  /// Commits a whole batch in one transaction. Fails (changing nothing) when the batch id
  /// exists, a serial is already used or below the administration's counter, or a student in
  /// it already holds a live label for the same administration and form.
  Result<void> commit_batch(const BatchRecord& batch);
  /// Starts a batch to be written piece by piece (a streaming run): checks the batch id and
  /// run of `header` and inserts the batch row; its labels, GIS and files are ignored.
  /// The ledger is locked for writing until the writer commits or is destroyed.
  Result<BatchWriter> begin_batch(const BatchRecord& header);
  /// Calls `f` with each live label of an administration in serial order, one at a time.
  Result<void> for_each_live_label(const std::string& administration,
                                   const std::function<Result<void>(const IssuedLabel&)>& f);

  /// Purges a closed administration's personal data: deletes its labels and voids (names,
  /// SSIDs, birth dates), overwriting the freed pages (secure_delete) and truncating the WAL,
  /// and records the purge so no label can be added to it again. Counters, batches, GIS
  /// groups and file checksums stay. Returns the number of labels removed. Deciding that an
  /// administration is closed is the caller's job.
  Result<std::size_t> purge_administration(const std::string& administration, const std::string& at);
  /// Voids a live label with a reason (kept in the ledger with the time).
  Result<void> void_label(const std::string& administration, std::uint32_t serial, const std::string& reason,
                          const std::string& at);
  /// Voids `old_serial` (status `reprinted`) and records `replacement` as its live successor,
  /// in one transaction, allocating the replacement's serial from the counter (returned).
  /// `replacement.batch` names the batch it is printed in.
  /// The replacement must be for the same student and form. When `replacement.serial` is not 0
  /// (rendered with the serial next_serial() gave), it must equal the allocated serial, else
  /// nothing changes. A batch not yet in the ledger is recorded with an empty printer; commit
  /// an empty BatchRecord first to record the printer.
  Result<std::uint32_t> reprint(const std::string& administration, std::uint32_t old_serial,
                                const std::string& reason, const std::string& at, IssuedLabel replacement);

  /// Test hook: every write statement counts down `LABELGEN_LEDGER_FAIL_AFTER` (environment)
  /// and the process is killed with SIGKILL when it reaches zero.
  /// Called after each INSERT/UPDATE of commit_batch, void_label, reprint, begin_run and
  /// finish_run, and once after each COMMIT. The variable is read on the first call.
  static void crash_point(const char* where);

 private:
  friend class BatchWriter;
  struct Impl;
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lg::ledger

#include "labelgen/ledger/schema.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace lg::ledger::detail {
namespace {

// Version 1: the initial schema. Serials are INTEGER (1 … 2^32-1); dates and timestamps are
// the ISO text the domain parsers accept; empty text means "none" except where a column is
// nullable (gis_serial, replaces, parent_notified_on, run_id, finished_at).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  administration TEXT NOT NULL,
  command        TEXT NOT NULL,
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  status         TEXT NOT NULL
) STRICT;

CREATE TABLE counters (
  administration  TEXT PRIMARY KEY,
  next_serial     INTEGER NOT NULL CHECK (next_serial BETWEEN 1 AND 4294967295),
  next_gis_serial INTEGER NOT NULL CHECK (next_gis_serial BETWEEN 1 AND 4294967295)
) STRICT;

CREATE TABLE batches (
  administration TEXT NOT NULL,
  batch          TEXT NOT NULL CHECK (batch <> ''),
  printer        TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  run_id         INTEGER REFERENCES runs (id),
  PRIMARY KEY (administration, batch)
) STRICT;

CREATE TABLE gis (
  administration TEXT NOT NULL,
  gis_serial     INTEGER NOT NULL CHECK (gis_serial BETWEEN 1 AND 4294967295),
  batch          TEXT NOT NULL,
  lea_cds        TEXT NOT NULL,
  school_cds     TEXT NOT NULL,
  grade          TEXT NOT NULL,
  form           INTEGER NOT NULL CHECK (form IN (1, 2)),
  window_start   TEXT NOT NULL,
  count          INTEGER NOT NULL CHECK (count >= 0),
  file           TEXT NOT NULL,
  PRIMARY KEY (administration, gis_serial),
  FOREIGN KEY (administration, batch) REFERENCES batches (administration, batch)
) STRICT;
CREATE INDEX gis_by_batch ON gis (administration, batch);

CREATE TABLE labels (
  administration     TEXT NOT NULL,
  serial             INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 4294967295),
  batch              TEXT NOT NULL,
  gis_serial         INTEGER,
  status             TEXT NOT NULL CHECK (status = 'live' OR status = 'void' OR status = 'reprinted'),
  ssid               TEXT NOT NULL,
  form               INTEGER NOT NULL CHECK (form IN (1, 2)),
  event_id           TEXT NOT NULL,
  ssr_generated_at   TEXT NOT NULL,
  last_name          TEXT NOT NULL,
  first_name         TEXT NOT NULL,
  middle_name        TEXT NOT NULL,
  birth_date         TEXT NOT NULL,
  grade              TEXT NOT NULL,
  lea_cds            TEXT NOT NULL,
  lea_name           TEXT NOT NULL,
  school_cds         TEXT NOT NULL,
  school_name        TEXT NOT NULL,
  test_completed_on  TEXT NOT NULL,
  mode               TEXT NOT NULL,
  answer_book        TEXT NOT NULL,
  charter_number     TEXT NOT NULL,
  parent_notified_on TEXT,
  source_file        TEXT NOT NULL,
  source_line        INTEGER NOT NULL,
  source_record      INTEGER NOT NULL,
  printed_name       TEXT NOT NULL,
  program_id         TEXT NOT NULL,
  window_start       TEXT NOT NULL,
  hold_until         TEXT NOT NULL,
  file               TEXT NOT NULL,
  page               INTEGER NOT NULL,
  position           INTEGER NOT NULL,
  replaces           INTEGER,
  PRIMARY KEY (administration, serial),
  FOREIGN KEY (administration, batch) REFERENCES batches (administration, batch),
  FOREIGN KEY (administration, gis_serial) REFERENCES gis (administration, gis_serial),
  FOREIGN KEY (administration, replaces) REFERENCES labels (administration, serial)
) STRICT;
-- The database-level guarantee: one live label per student, administration and form.
CREATE UNIQUE INDEX labels_one_live ON labels (administration, ssid, form) WHERE status = 'live';
-- A label is reprinted at most once.
CREATE UNIQUE INDEX labels_one_replacement ON labels (administration, replaces) WHERE replaces IS NOT NULL;
CREATE INDEX labels_by_batch ON labels (administration, batch, status);

CREATE TABLE voids (
  administration TEXT NOT NULL,
  serial         INTEGER NOT NULL,
  reason         TEXT NOT NULL CHECK (reason <> ''),
  at             TEXT NOT NULL,
  PRIMARY KEY (administration, serial),
  FOREIGN KEY (administration, serial) REFERENCES labels (administration, serial)
) STRICT;

CREATE TABLE files (
  administration TEXT NOT NULL,
  batch          TEXT NOT NULL,
  file           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  bytes          INTEGER NOT NULL CHECK (bytes >= 0),
  labels         INTEGER NOT NULL CHECK (labels >= 0),
  pages          INTEGER NOT NULL CHECK (pages >= 0),
  PRIMARY KEY (administration, batch, file),
  FOREIGN KEY (administration, batch) REFERENCES batches (administration, batch)
) STRICT;

-- Serials are never reused: the primary keys refuse a second row with the same serial, the
-- counter is above every issued serial and never goes down, and issued rows stay. (That a
-- new label is at or above the counter is checked by labelgen before inserting: a BEFORE
-- INSERT trigger on labels would make SQLite keep a statement journal for every row.)
CREATE TRIGGER gis_serial_not_below_counter BEFORE INSERT ON gis
WHEN NEW.gis_serial < (SELECT next_gis_serial FROM counters WHERE administration = NEW.administration)
BEGIN SELECT RAISE(ABORT, 'GIS serial is below the administration''s counter (already allocated)'); END;

CREATE TRIGGER counters_never_decrease BEFORE UPDATE ON counters
WHEN NEW.next_serial < OLD.next_serial OR NEW.next_gis_serial < OLD.next_gis_serial
  OR NEW.administration IS NOT OLD.administration
BEGIN SELECT RAISE(ABORT, 'ledger counters never decrease'); END;

CREATE TRIGGER counters_above_issued_on_insert AFTER INSERT ON counters
WHEN NEW.next_serial <= (SELECT max(serial) FROM labels WHERE administration = NEW.administration)
  OR NEW.next_gis_serial <= (SELECT max(gis_serial) FROM gis WHERE administration = NEW.administration)
BEGIN SELECT RAISE(ABORT, 'ledger counter must be above every issued serial'); END;

CREATE TRIGGER counters_above_issued_on_update AFTER UPDATE ON counters
WHEN NEW.next_serial <= (SELECT max(serial) FROM labels WHERE administration = NEW.administration)
  OR NEW.next_gis_serial <= (SELECT max(gis_serial) FROM gis WHERE administration = NEW.administration)
BEGIN SELECT RAISE(ABORT, 'ledger counter must be above every issued serial'); END;

CREATE TRIGGER counters_never_deleted BEFORE DELETE ON counters
BEGIN SELECT RAISE(ABORT, 'ledger counters are never deleted'); END;

CREATE TRIGGER labels_never_deleted BEFORE DELETE ON labels
BEGIN SELECT RAISE(ABORT, 'issued labels are never deleted'); END;

CREATE TRIGGER labels_status_from_live_only BEFORE UPDATE OF status ON labels
WHEN OLD.status <> 'live' OR NEW.status = 'live'
BEGIN SELECT RAISE(ABORT, 'a label''s status only changes from live to void or reprinted'); END;

CREATE TRIGGER labels_content_fixed BEFORE UPDATE OF
  administration, serial, batch, gis_serial, ssid, form, event_id, ssr_generated_at, last_name,
  first_name, middle_name, birth_date, grade, lea_cds, lea_name, school_cds, school_name,
  test_completed_on, mode, answer_book, charter_number, parent_notified_on, source_file,
  source_line, source_record, printed_name, program_id, window_start, hold_until, file, page,
  position, replaces ON labels
BEGIN SELECT RAISE(ABORT, 'issued labels are not edited (only their status changes)'); END;

CREATE TRIGGER voids_never_deleted BEFORE DELETE ON voids
BEGIN SELECT RAISE(ABORT, 'void records are never deleted'); END;
)sql";

/// v2: a closed administration's personal data can be purged. Labels and voids of an
/// administration listed in `purges` may be deleted (and no label may be added to it again);
/// counters, batches, GIS groups and file checksums stay, so serials are never reused.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE purges (
  administration TEXT PRIMARY KEY,
  purged_at      TEXT NOT NULL,
  labels         INTEGER NOT NULL
) STRICT;

DROP TRIGGER labels_never_deleted;
CREATE TRIGGER labels_never_deleted BEFORE DELETE ON labels
WHEN NOT EXISTS (SELECT 1 FROM purges WHERE administration = OLD.administration)
BEGIN SELECT RAISE(ABORT, 'issued labels are never deleted (except by purging a closed administration)'); END;

DROP TRIGGER voids_never_deleted;
CREATE TRIGGER voids_never_deleted BEFORE DELETE ON voids
WHEN NOT EXISTS (SELECT 1 FROM purges WHERE administration = OLD.administration)
BEGIN SELECT RAISE(ABORT, 'void records are never deleted (except by purging a closed administration)'); END;

CREATE TRIGGER labels_not_after_purge BEFORE INSERT ON labels
WHEN EXISTS (SELECT 1 FROM purges WHERE administration = NEW.administration)
BEGIN SELECT RAISE(ABORT, 'the administration was purged; no label can be added to it'); END;

CREATE TRIGGER purges_never_deleted BEFORE DELETE ON purges
BEGIN SELECT RAISE(ABORT, 'purge records are never deleted'); END;
)sql";

/// v3: "no label after a purge" moves off the labels table. A BEFORE INSERT trigger on labels
/// runs a trigger program for every row, which made each inserted label about four times as
/// expensive (measured: 26 us against 7 us a row, 54,000 rows). Every new label needs a new
/// batch or a counter update (the serial rule of v1), so refusing those after a purge keeps
/// the guarantee at a cost per batch instead of per label.
constexpr const char* kSchemaV3 = R"sql(
DROP TRIGGER labels_not_after_purge;

CREATE TRIGGER batches_not_after_purge BEFORE INSERT ON batches
WHEN EXISTS (SELECT 1 FROM purges WHERE administration = NEW.administration)
BEGIN SELECT RAISE(ABORT, 'the administration was purged; no label can be added to it'); END;

CREATE TRIGGER counters_not_after_purge BEFORE UPDATE ON counters
WHEN EXISTS (SELECT 1 FROM purges WHERE administration = OLD.administration)
BEGIN SELECT RAISE(ABORT, 'the administration was purged; no label can be added to it'); END;
)sql";

constexpr std::array kMigrations{
    Migration{1, "initial schema", kSchemaV1, false},
    Migration{2, "purging a closed administration", kSchemaV2, false},
    Migration{3, "purge guard per batch, not per label row", kSchemaV3, false},
    // Append v3, v4, … here.
};

std::string errno_text(int err) { return std::strerror(err); }

/// Creates the missing folders of `dir` with mode 0700 (existing folders are left alone).
Result<void> make_private_dirs(const std::filesystem::path& dir) {
  if (dir.empty()) return {};
  std::vector<std::filesystem::path> missing;
  for (auto p = dir; !p.empty(); p = p.parent_path()) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode))
        return fail("", "cannot create the folder: " + p.string() + " is not a folder");
      break;
    }
    if (errno != ENOENT) return fail("", "cannot inspect folder " + p.string() + ": " + errno_text(errno));
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0) {
      if (errno == EEXIST) continue;  // created concurrently
      return fail("", "cannot create folder " + it->string() + ": " + errno_text(errno));
    }
    // umask may have removed owner bits; make it exactly 0700.
    if (::chmod(it->c_str(), 0700) != 0)
      return fail("", "cannot set mode 0700 on folder " + it->string() + ": " + errno_text(errno));
  }
  return {};
}

/// Creates the database file with mode 0600 when it does not exist yet.
Result<void> make_private_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return {};
    return fail("", "cannot create the database file: " + errno_text(errno));
  }
  Result<void> result;
  if (::fchmod(fd, 0600) != 0)
    result = fail("", "cannot set mode 0600 on the database file: " + errno_text(errno));
  ::close(fd);
  return result;
}

Result<void> pragma_equals(Db& db, const char* sql, std::string_view expected, std::string_view what) {
  auto v = db.query_text(sql, what);
  if (!v) return std::unexpected(v.error());
  if (*v != expected)
    return fail(
        "", std::string(what) + ": SQLite answered '" + *v + "', expected '" + std::string(expected) + "'");
  return {};
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int current_schema_version() { return kMigrations.back().version; }

Result<int> migrate(Db& db, std::span<const Migration> steps) {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].version != static_cast<int>(i) + 1)
      return fail("", "internal error: migration list is not numbered 1, 2, 3, …");
  const int known = static_cast<int>(steps.size());

  auto version = db.query_int("PRAGMA user_version", "cannot read the schema version");
  if (!version) return std::unexpected(version.error());
  auto app = db.query_int("PRAGMA application_id", "cannot read the application id");
  if (!app) return std::unexpected(app.error());
  if (*version == 0) {
    auto objects = db.query_int("SELECT count(*) FROM sqlite_schema", "cannot read the schema");
    if (!objects) return std::unexpected(objects.error());
    if (*objects != 0) return fail("", "not a labelgen ledger: it has tables but no schema version");
  } else if (*app != kApplicationId) {
    return fail("", "not a labelgen ledger (application_id " + std::to_string(*app) + ")");
  }
  if (*version > known)
    return fail("", "schema version " + std::to_string(*version) + " is newer than this labelgen supports (" +
                        std::to_string(known) + "); use a newer labelgen");

  int current = static_cast<int>(*version);
  for (const Migration& step : steps) {
    if (step.version <= current) continue;
    const std::string what =
        "migration to schema version " + std::to_string(step.version) + " (" + step.summary + ")";
    if (step.rebuilds_tables)
      if (auto r = db.exec("PRAGMA foreign_keys = OFF", what + ": cannot turn foreign keys off"); !r)
        return std::unexpected(r.error());
    auto result = [&]() -> Result<void> {
      auto tx = Transaction::immediate(db);
      if (!tx) return std::unexpected(tx.error());
      // Another process may have migrated while we waited for the write lock.
      auto now = db.query_int("PRAGMA user_version", what + ": cannot read the schema version");
      if (!now) return std::unexpected(now.error());
      if (*now >= step.version) return {};
      if (*now != step.version - 1)
        return fail("", what + ": the file is at version " + std::to_string(*now));
      if (auto r = db.exec(step.sql, what); !r) return r;
      if (step.rebuilds_tables) {
        auto bad =
            db.query_int("SELECT count(*) FROM pragma_foreign_key_check", what + ": foreign key check");
        if (!bad) return std::unexpected(bad.error());
        if (*bad != 0) return fail("", what + ": " + std::to_string(*bad) + " rows violate foreign keys");
      }
      const std::string set = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                              "; PRAGMA user_version = " + std::to_string(step.version);
      if (auto r = db.exec(set.c_str(), what + ": cannot record the schema version"); !r) return r;
      return tx->commit();
    }();
    if (step.rebuilds_tables)
      if (auto r = db.exec("PRAGMA foreign_keys = ON", what + ": cannot turn foreign keys on"); !r && result)
        result = r;
    if (!result) return std::unexpected(result.error());
    current = step.version;
  }
  return current;
}

Result<OpenedDb> open_database(const LedgerOptions& options, std::span<const Migration> steps) {
  if (options.path.empty()) return fail("", "no ledger file given");
  if (auto r = make_private_dirs(options.path.parent_path()); !r) return std::unexpected(r.error());
  if (auto r = make_private_file(options.path); !r) return std::unexpected(r.error());

  auto db = Db::open(options.path, false);
  if (!db) return std::unexpected(db.error());
  if (sqlite3_busy_timeout(db->get(), options.busy_timeout_ms) != SQLITE_OK)
    return std::unexpected(db->error("cannot set busy_timeout"));
  // page_size 16 KiB (takes effect on new files only): a 100,000-label batch needs a quarter of
  // the pages and WAL frames, which halves its commit time. temp_store=MEMORY: statement
  // journals and sorts never go to temporary files (personal data stays out of /var/tmp).
  // cache_size 16 MiB: a streaming run writes a large batch in one transaction while it renders;
  // pages beyond the cache spill to the WAL before COMMIT (64 MiB kept a 500,000-label batch
  // from spilling, for 50 MB more memory and no measurable gain in run time).
  constexpr const char* kPragmas =
      "PRAGMA page_size = 16384; PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON; "
      "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384";
  if (auto r = db->exec(kPragmas, "cannot set pragmas"); !r) return std::unexpected(r.error());
  if (auto r = pragma_equals(*db, "PRAGMA foreign_keys", "1", "cannot turn foreign keys on"); !r)
    return std::unexpected(r.error());
  if (auto r = pragma_equals(*db, "PRAGMA journal_mode = WAL", "wal", "cannot switch to WAL journal"); !r)
    return std::unexpected(r.error());
  if (auto r = db->exec("PRAGMA synchronous = FULL", "cannot set synchronous=FULL"); !r)
    return std::unexpected(r.error());
  if (auto r = pragma_equals(*db, "PRAGMA synchronous", "2", "cannot set synchronous=FULL"); !r)
    return std::unexpected(r.error());

  auto version = migrate(*db, steps);
  if (!version) return std::unexpected(version.error());
  return OpenedDb{std::move(*db), *version};
}

}  // namespace lg::ledger::detail

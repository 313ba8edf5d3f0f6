#pragma once
/// Internal: the ledger's schema as an ordered list of migrations, and opening a database file
/// (private folder and file, pragmas, pending migrations).
///
/// The schema version is PRAGMA user_version: 0 for a new empty file, then the version of the
/// last migration applied. To change the schema, append a Migration with the next version to
/// the list in schema.cpp — never edit or reorder a released step.
#include <cstdint>
#include <span>

#include "labelgen/core/result.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "labelgen/ledger/sqlite.hpp"

namespace lg::ledger::detail {

/// PRAGMA application_id of ledger files ('LGLD').
inline constexpr std::int32_t kApplicationId = 0x4C474C44;

struct Migration {
  int version = 0;           ///< 1, 2, … in list order
  const char* summary = "";  ///< one line, for error messages
  const char* sql = "";      ///< one or more statements, run inside the step's transaction
  /// The step rebuilds tables (SQLite's 12-step ALTER): run it with foreign_keys=OFF and
  /// check PRAGMA foreign_key_check before committing.
  bool rebuilds_tables = false;
};

/// The released migrations, oldest first.
std::span<const Migration> migrations();
/// Version of the last released migration.
int current_schema_version();

/// Applies the steps of `steps` newer than the file's user_version, each in its own
/// BEGIN IMMEDIATE transaction that also sets user_version. Refuses files written by a newer
/// labelgen and SQLite files that are not ledgers. Returns the version after migrating.
Result<int> migrate(Db& db, std::span<const Migration> steps);

struct OpenedDb {
  Db db;
  int version = 0;
};

/// Creates the folder (0700) and file (0600) when missing, opens the connection with
/// busy_timeout, foreign_keys=ON, journal_mode=WAL, synchronous=FULL, and applies `steps`.
/// Error messages do not include the file name (the caller adds it).
Result<OpenedDb> open_database(const LedgerOptions& options, std::span<const Migration> steps);

}  // namespace lg::ledger::detail

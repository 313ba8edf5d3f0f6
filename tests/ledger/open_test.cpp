// Opening, creating and migrating the ledger file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "labelgen/ledger/ledger.hpp"
#include "labelgen/ledger/schema.hpp"
#include "tests/ledger/ledger_support.hpp"
#include "tests/support/support.hpp"

namespace lg::ledger {
namespace {

using namespace lg::ledger::test;

TEST(LedgerOpen, CreatesPrivateFolderAndFile) {
  lg::test::ScratchDir dir;
  const auto db = dir / "state/ledger/ledger.sqlite";
  {
    auto l = open_or_die(db);
    EXPECT_EQ(l.schema_version(), detail::current_schema_version());
    ASSERT_TRUE(l.commit_batch(sample_batch("2025-03", 1, 3, 0, 1)));
    // The WAL and shared-memory files SQLite creates take the database file's mode.
    for (const char* suffix : {"-wal", "-shm"}) {
      auto side = db.string() + suffix;
      if (std::filesystem::exists(side)) {
        EXPECT_EQ(mode_of(side), 0600u) << side;
      }
    }
  }
  EXPECT_EQ(mode_of(dir / "state"), 0700u);
  EXPECT_EQ(mode_of(dir / "state/ledger"), 0700u);
  EXPECT_EQ(mode_of(db), 0600u);
}

TEST(LedgerOpen, CreatesPrivateFileEvenWithPermissiveUmask) {
  lg::test::ScratchDir dir;
  const mode_t old = ::umask(0);
  auto l = Ledger::open(LedgerOptions{dir / "new/ledger.sqlite"});
  ::umask(old);
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ(mode_of(dir / "new"), 0700u);
  EXPECT_EQ(mode_of(dir / "new/ledger.sqlite"), 0600u);
}

TEST(LedgerOpen, ExistingFolderIsLeftAlone) {
  lg::test::ScratchDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
  auto l = Ledger::open(LedgerOptions{dir / "ledger.sqlite"});
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ(mode_of(dir.path()), 0755u);
}

TEST(LedgerOpen, FileIsWalWithSchemaVersionAndIntegrity) {
  lg::test::ScratchDir dir;
  const auto db = dir / "ledger.sqlite";
  { auto l = open_or_die(db); }
  EXPECT_EQ(sqlite_cli(db, "PRAGMA journal_mode;"), "wal");
  EXPECT_EQ(sqlite_cli(db, "PRAGMA integrity_check;"), "ok");
  EXPECT_EQ(sqlite_cli(db, "PRAGMA user_version;"), std::to_string(detail::current_schema_version()));
  EXPECT_EQ(sqlite_cli(db, "PRAGMA application_id;"), std::to_string(detail::kApplicationId));
  EXPECT_EQ(sqlite_cli(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name;"),
            "batches\ncounters\nfiles\ngis\nlabels\npurges\nruns\nvoids");
  EXPECT_EQ(sqlite_cli(db, "SELECT sql IS NOT NULL FROM sqlite_schema WHERE name = 'labels_one_live';"), "1");
}

TEST(LedgerOpen, ConnectionPragmas) {
  lg::test::ScratchDir dir;
  LedgerOptions options{dir / "ledger.sqlite", 1234};
  auto opened = detail::open_database(options, detail::migrations());
  ASSERT_TRUE(opened) << opened.error().message;
  auto& db = opened->db;
  EXPECT_EQ(*db.query_int("PRAGMA foreign_keys", "fk"), 1);
  EXPECT_EQ(*db.query_int("PRAGMA synchronous", "sync"), 2);  // FULL
  EXPECT_EQ(*db.query_int("PRAGMA busy_timeout", "busy"), 1234);
  EXPECT_EQ(*db.query_text("PRAGMA journal_mode", "journal"), "wal");
}

TEST(LedgerOpen, CountersStartAtOne) {
  lg::test::ScratchDir dir;
  auto l = open_or_die(dir / "ledger.sqlite");
  EXPECT_EQ(*l.next_serial(kAdmin), 1u);
  EXPECT_EQ(*l.next_gis_serial(kAdmin), 1u);
  EXPECT_TRUE(l.live_labels(kAdmin)->empty());
  EXPECT_TRUE(l.batches(kAdmin)->empty());
  EXPECT_FALSE(*l.batch(kAdmin, "2025-03"));
  EXPECT_FALSE(*l.label(kAdmin, 1));
}

TEST(LedgerOpen, ReopenKeepsData) {
  lg::test::ScratchDir dir;
  const auto db = dir / "ledger.sqlite";
  {
    auto l = open_or_die(db);
    ASSERT_TRUE(l.commit_batch(sample_batch("2025-03", 1, 4, 0, 1)));
  }
  auto l = open_or_die(db);
  EXPECT_EQ(*l.next_serial(kAdmin), 5u);
  EXPECT_EQ(*l.next_gis_serial(kAdmin), 2u);
  EXPECT_EQ(l.live_labels(kAdmin)->size(), 4u);
}

TEST(LedgerOpen, MoveKeepsTheConnection) {
  lg::test::ScratchDir dir;
  auto a = open_or_die(dir / "ledger.sqlite");
  Ledger b = std::move(a);
  EXPECT_TRUE(b.commit_batch(sample_batch("2025-03", 1, 2, 0, 1)));
  EXPECT_EQ(*b.next_serial(kAdmin), 3u);
}

TEST(LedgerOpen, RefusesNewerSchema) {
  lg::test::ScratchDir dir;
  const auto db = dir / "ledger.sqlite";
  { auto l = open_or_die(db); }
  sqlite_cli(db, "PRAGMA user_version = 99;");
  auto l = Ledger::open(LedgerOptions{db});
  ASSERT_FALSE(l);
  EXPECT_NE(l.error().message.find(db.string()), std::string::npos) << l.error().message;
  EXPECT_NE(l.error().message.find("schema version 99 is newer"), std::string::npos) << l.error().message;
}

TEST(LedgerOpen, RefusesOtherSqliteDatabases) {
  lg::test::ScratchDir dir;
  const auto db = dir / "other.sqlite";
  sqlite_cli(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  auto l = Ledger::open(LedgerOptions{db});
  ASSERT_FALSE(l);
  EXPECT_NE(l.error().message.find("not a labelgen ledger"), std::string::npos) << l.error().message;
  EXPECT_EQ(sqlite_cli(db, "SELECT count(*) FROM sqlite_schema;"), "1");  // untouched

  sqlite_cli(db, "PRAGMA user_version = 1;");
  auto l2 = Ledger::open(LedgerOptions{db});
  ASSERT_FALSE(l2);
  EXPECT_NE(l2.error().message.find("application_id"), std::string::npos) << l2.error().message;
}

TEST(LedgerOpen, ErrorsNameTheFileAndSqliteMessage) {
  lg::test::ScratchDir dir;
  const auto garbage = dir.write("garbage.sqlite", std::string(4096, 'x'));
  auto l = Ledger::open(LedgerOptions{garbage});
  ASSERT_FALSE(l);
  EXPECT_NE(l.error().message.find("ledger " + garbage.string() + ": "), std::string::npos)
      << l.error().message;
  EXPECT_NE(l.error().message.find("file is not a database"), std::string::npos) << l.error().message;

  const auto blocker = dir.write("blocker", "a file, not a folder");
  auto l2 = Ledger::open(LedgerOptions{blocker / "ledger.sqlite"});
  ASSERT_FALSE(l2);
  EXPECT_NE(l2.error().message.find((blocker / "ledger.sqlite").string()), std::string::npos);

  auto l3 = Ledger::open(LedgerOptions{});
  ASSERT_FALSE(l3);
}

// ---- migrations ------------------------------------------------------------------------------

/// The released list plus two later steps, as a future labelgen would ship them.
std::vector<detail::Migration> future_list() {
  std::vector<detail::Migration> list(detail::migrations().begin(), detail::migrations().end());
  const int next = detail::current_schema_version() + 1;
  list.push_back(
      {next, "runs record the host", "ALTER TABLE runs ADD COLUMN host TEXT NOT NULL DEFAULT '';"});
  list.push_back(
      {next + 1, "rebuild files with a checked sha256",
       "CREATE TABLE files_new (administration TEXT NOT NULL, batch TEXT NOT NULL, file TEXT NOT NULL,"
       " sha256 TEXT NOT NULL CHECK (length(sha256) = 64), bytes INTEGER NOT NULL, labels INTEGER NOT "
       "NULL, pages INTEGER NOT NULL, PRIMARY KEY (administration, batch, file), FOREIGN KEY "
       "(administration, batch) REFERENCES batches (administration, batch)) STRICT;"
       "INSERT INTO files_new SELECT * FROM files; DROP TABLE files;"
       "ALTER TABLE files_new RENAME TO files;",
       true});
  return list;
}

TEST(LedgerMigrate, FileFromTheFirstMigrationIsUpgradedOnOpen) {
  lg::test::ScratchDir dir;
  const auto db = dir / "ledger.sqlite";
  {
    // What the oldest labelgen (migration list = v1 only) wrote.
    auto v1 = detail::open_database(LedgerOptions{db}, detail::migrations().first(1));
    ASSERT_TRUE(v1) << v1.error().message;
    EXPECT_EQ(v1->version, 1);
    ASSERT_TRUE(v1->db.exec("INSERT INTO counters VALUES ('2024-25', 41, 7)", "seed"));
  }
  EXPECT_EQ(sqlite_cli(db, "PRAGMA user_version;"), "1");
  auto l = open_or_die(db);
  EXPECT_EQ(l.schema_version(), detail::current_schema_version());
  EXPECT_EQ(sqlite_cli(db, "PRAGMA user_version;"), std::to_string(detail::current_schema_version()));
  EXPECT_EQ(*l.next_serial(kAdmin), 41u);
  EXPECT_EQ(*l.next_gis_serial(kAdmin), 7u);
}

TEST(LedgerMigrate, AppendedStepsUpgradeAnOlderFileAndKeepItsData) {
  lg::test::ScratchDir dir;
  const auto db = dir / "ledger.sqlite";
  {
    auto l = open_or_die(db);
    ASSERT_TRUE(l.commit_batch(sample_batch("2025-03", 1, 3, 0, 1)));
  }
  const auto list = future_list();
  const int target = list.back().version;
  {
    auto up = detail::open_database(LedgerOptions{db}, list);
    ASSERT_TRUE(up) << up.error().message;
    EXPECT_EQ(up->version, target);
    EXPECT_EQ(*up->db.query_int("SELECT count(*) FROM labels", "count"), 3);
    EXPECT_EQ(*up->db.query_int("SELECT count(*) FROM files", "count"), 2);
    EXPECT_EQ(*up->db.query_int("SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'host'", "col"),
              1);
    EXPECT_EQ(*up->db.query_int("PRAGMA foreign_keys", "fk"), 1);  // back on after the rebuild step
  }
  EXPECT_EQ(sqlite_cli(db, "PRAGMA user_version;"), std::to_string(target));
  EXPECT_EQ(sqlite_cli(db, "PRAGMA integrity_check;"), "ok");
  {
    auto again = detail::open_database(LedgerOptions{db}, list);  // nothing left to do
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->version, target);
  }
  // Today's labelgen refuses the newer file rather than guessing.
  auto l = Ledger::open(LedgerOptions{db});
  ASSERT_FALSE(l);
  EXPECT_NE(l.error().message.find("newer"), std::string::npos) << l.error().message;
}

TEST(LedgerMigrate, FailedStepChangesNothing) {
  lg::test::ScratchDir dir;
  const auto db = dir / "ledger.sqlite";
  { auto l = open_or_die(db); }
  auto list = future_list();
  list.resize(static_cast<std::size_t>(detail::current_schema_version()) + 1);
  list.back().sql = "CREATE TABLE extra (x); CREATE TABLE runs (x);";  // second statement fails
  auto up = detail::open_database(LedgerOptions{db}, list);
  ASSERT_FALSE(up);
  EXPECT_NE(up.error().message.find("migration to schema version " + std::to_string(list.back().version)),
            std::string::npos)
      << up.error().message;
  EXPECT_NE(up.error().message.find("table runs already exists"), std::string::npos) << up.error().message;
  EXPECT_EQ(sqlite_cli(db, "PRAGMA user_version;"), std::to_string(detail::current_schema_version()));
  EXPECT_EQ(sqlite_cli(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra';"), "0");
}

TEST(LedgerMigrate, MisnumberedListIsRefused) {
  lg::test::ScratchDir dir;
  std::vector<detail::Migration> list(detail::migrations().begin(), detail::migrations().end());
  list.push_back({list.back().version + 2, "skips a number", "SELECT 1;"});
  auto up = detail::open_database(LedgerOptions{dir / "ledger.sqlite"}, list);
  ASSERT_FALSE(up);
  EXPECT_NE(up.error().message.find("not numbered"), std::string::npos);
}

}  // namespace
}  // namespace lg::ledger

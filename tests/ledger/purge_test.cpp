// Purging a closed administration: its personal data leaves the database file for good, its
// serials are never reused, and other administrations are untouched.
#include <gtest/gtest.h>

#include "tests/ledger/ledger_support.hpp"
#include "tests/support/support.hpp"

namespace lg::ledger::test {
namespace {

/// Whether `needle` occurs anywhere in the bytes of the database file or its WAL.
bool on_disk(const std::filesystem::path& db, const std::string& needle) {
  std::string all = lg::test::read_file(db);
  std::error_code ec;
  auto wal = db;
  wal += "-wal";
  if (std::filesystem::exists(wal, ec)) all += lg::test::read_file(wal);
  return all.find(needle) != std::string::npos;
}

TEST(LedgerPurge, RemovesNamesAndSsidsFromTheFileAndKeepsCounters) {
  lg::test::ScratchDir dir;
  const auto db = dir / "ledger.db";
  const std::string other = "2025-26";
  {
    auto l = open_or_die(db);
    ASSERT_TRUE(l.commit_batch(sample_batch("2024-12", 1, 6, 0, 1)));
    ASSERT_TRUE(l.void_label(kAdmin, 2, "damaged", "2024-12-20T10:00:00Z"));
    auto b = sample_batch("2025-09", 1, 2, 100, 1);
    b.administration = other;
    for (auto& label : b.labels) label.administration = other;
    ASSERT_TRUE(l.commit_batch(b)) << "second administration";
  }
  const SsrEvent first = sample_event(0);
  ASSERT_TRUE(on_disk(db, first.ssid.str())) << "the check would not see the data it looks for";
  {
    auto l = open_or_die(db);
    auto removed = l.purge_administration(kAdmin, "2025-08-01T00:00:00Z");
    ASSERT_TRUE(removed) << removed.error().message;
    EXPECT_EQ(*removed, 6u);
    EXPECT_EQ(*l.next_serial(kAdmin), 7u) << "serials of a purged administration are never reused";
    EXPECT_FALSE(*l.label(kAdmin, 1));
    EXPECT_TRUE(*l.label(other, 1)) << "the other administration keeps its labels";
    auto again = l.commit_batch(sample_batch("2025-01", 7, 1, 50, 2));
    ASSERT_FALSE(again) << "no label can be added to a purged administration";
    EXPECT_NE(again.error().message.find("purged"), std::string::npos) << again.error().message;
  }
  for (std::uint64_t n = 0; n < 6; ++n)
    EXPECT_FALSE(on_disk(db, sample_event(n).ssid.str())) << "SSID of student " << n << " still in the file";
  EXPECT_TRUE(on_disk(db, sample_event(100).ssid.str())) << "the other administration's data is gone too";
  EXPECT_EQ(sqlite_cli(db, "SELECT count(*) FROM labels WHERE administration = '2024-25';"), "0");
  EXPECT_EQ(sqlite_cli(db, "SELECT labels FROM purges WHERE administration = '2024-25';"), "6");
  EXPECT_EQ(sqlite_cli(db, "PRAGMA integrity_check;"), "ok");
  // By hand, too: a new label needs a new batch or a higher counter, and the ledger refuses
  // both for a purged administration (the guard is per batch, not per label row).
  bool ok = true;
  std::string err;
  sqlite_cli(db,
             "INSERT INTO batches (administration, batch, printer, created_at) "
             "VALUES ('2024-25', 'by-hand', 'p', '2025-09-01T00:00:00Z');",
             &ok, &err);
  EXPECT_FALSE(ok) << "a batch was added to a purged administration";
  EXPECT_NE(err.find("purged"), std::string::npos) << err;
  ok = true;
  sqlite_cli(db, "UPDATE counters SET next_serial = next_serial + 1 WHERE administration = '2024-25';", &ok,
             &err);
  EXPECT_FALSE(ok) << "the serial counter moved in a purged administration";
  EXPECT_NE(err.find("purged"), std::string::npos) << err;
  ok = true;
  sqlite_cli(db, "UPDATE counters SET next_serial = next_serial + 1 WHERE administration = '2025-26';", &ok,
             &err);
  EXPECT_TRUE(ok) << "the other administration's counter is not guarded: " << err;
  // Deleting labels by hand is still refused for an administration that was not purged.
  ok = true;
  sqlite_cli(db, "DELETE FROM labels WHERE administration = '2025-26';", &ok, &err);
  EXPECT_FALSE(ok);
  EXPECT_NE(err.find("never deleted"), std::string::npos) << err;
}

}  // namespace
}  // namespace lg::ledger::test

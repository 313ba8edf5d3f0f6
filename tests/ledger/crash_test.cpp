// Killing the process in the middle of a ledger transaction (LABELGEN_LEDGER_FAIL_AFTER).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <functional>

#include "labelgen/ledger/crash_point.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "tests/ledger/ledger_support.hpp"
#include "tests/support/support.hpp"

namespace lg::ledger {
namespace {

using namespace lg::ledger::test;

struct ChildEnd {
  bool killed = false;  ///< died of SIGKILL
  int exit_code = -1;   ///< when it exited
};

/// Runs `work` in a forked child with LABELGEN_LEDGER_FAIL_AFTER=k. The child opens its own
/// connection; the parent must have none open on the file.
ChildEnd run_child(long k, const std::function<bool()>& work) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("LABELGEN_LEDGER_FAIL_AFTER", std::to_string(k).c_str(), 1);
    detail::reset_crash_point();
    bool ok = false;
    try {
      ok = work();
    } catch (...) {
    }
    ::_exit(ok ? 0 : 3);
  }
  ChildEnd end;
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, 0), pid);
  if (WIFSIGNALED(status)) end.killed = WTERMSIG(status) == SIGKILL;
  if (WIFEXITED(status)) end.exit_code = WEXITSTATUS(status);
  return end;
}

void expect_sound(const std::filesystem::path& db) {
  EXPECT_EQ(sqlite_cli(db, "PRAGMA integrity_check;"), "ok");
  EXPECT_EQ(sqlite_cli(db, "PRAGMA foreign_key_check;"), "");
  EXPECT_EQ(sqlite_cli(db, "PRAGMA journal_mode;"), "wal");
  // Counters are past every issued serial.
  EXPECT_EQ(
      sqlite_cli(db,
                 "SELECT count(*) FROM counters c WHERE next_serial <= (SELECT max(serial) FROM labels l "
                 "WHERE l.administration = c.administration);"),
      "0");
  EXPECT_EQ(mode_of(db), 0600u);
}

TEST(LedgerCrash, CrashPointIsOffWithoutTheVariable) {
  ::unsetenv("LABELGEN_LEDGER_FAIL_AFTER");
  detail::reset_crash_point();
  for (int i = 0; i < 1000; ++i) Ledger::crash_point("test");
  SUCCEED();
}

TEST(LedgerCrash, CommitBatchIsAllOrNothing) {
  constexpr std::uint32_t kLabels = 6;
  // Write statements of commit_batch: batch row, 1 GIS row, 6 labels, 2 files, counters; then
  // one point after COMMIT.
  constexpr long kPointsBeforeCommit = 1 + 1 + kLabels + 2 + 1;
  constexpr long kAfterCommit = kPointsBeforeCommit + 1;
  int none = 0, all = 0;
  for (long k = 1; k <= kAfterCommit + 1; ++k) {
    SCOPED_TRACE("LABELGEN_LEDGER_FAIL_AFTER=" + std::to_string(k));
    lg::test::ScratchDir dir;
    const auto db = dir / "ledger/ledger.sqlite";
    {
      auto l = open_or_die(db);
      ASSERT_TRUE(l.commit_batch(sample_batch("2025-02", 1, 4, 0, 1)));
    }
    const auto before = dump(db);
    auto end = run_child(k, [&] {
      auto l = Ledger::open(LedgerOptions{db});
      return l && l->commit_batch(sample_batch("2025-03", 5, kLabels, 100, 2)).has_value();
    });
    if (k <= kAfterCommit) {
      EXPECT_TRUE(end.killed) << "exit " << end.exit_code;
    } else {
      EXPECT_EQ(end.exit_code, 0);
    }

    expect_sound(db);
    auto l = open_or_die(db);
    auto batch = l.batch(kAdmin, "2025-03");
    ASSERT_TRUE(batch);
    if (k < kAfterCommit) {
      ++none;
      EXPECT_FALSE(*batch);
      EXPECT_EQ(*l.next_serial(kAdmin), 5u);
      EXPECT_EQ(*l.next_gis_serial(kAdmin), 2u);
      EXPECT_EQ(l.live_labels(kAdmin)->size(), 4u);
      EXPECT_TRUE(l.batch_gis(kAdmin, "2025-03")->empty());
      EXPECT_EQ(dump(db), before);
      // The interrupted batch can be committed afterwards.
      EXPECT_TRUE(l.commit_batch(sample_batch("2025-03", 5, kLabels, 100, 2)));
    } else {
      ++all;
      ASSERT_TRUE(*batch);
      EXPECT_EQ((*batch)->issued, kLabels);
      EXPECT_EQ((*batch)->files.size(), 2u);
      EXPECT_EQ(l.batch_gis(kAdmin, "2025-03")->size(), 1u);
      EXPECT_EQ(*l.next_serial(kAdmin), 5u + kLabels);
      EXPECT_EQ(*l.next_gis_serial(kAdmin), 3u);
      EXPECT_EQ(l.live_labels(kAdmin)->size(), 4u + kLabels);
    }
  }
  EXPECT_EQ(none, kAfterCommit - 1);
  EXPECT_EQ(all, 2);
}

TEST(LedgerCrash, ReprintIsAllOrNothing) {
  // old status, void row, batch row, new label, counters; then after COMMIT.
  constexpr long kAfterCommit = 6;
  for (long k = 1; k <= kAfterCommit; ++k) {
    SCOPED_TRACE("LABELGEN_LEDGER_FAIL_AFTER=" + std::to_string(k));
    lg::test::ScratchDir dir;
    const auto db = dir / "ledger.sqlite";
    IssuedLabel replacement;
    {
      auto l = open_or_die(db);
      ASSERT_TRUE(l.commit_batch(sample_batch("2025-03", 1, 3, 0, 1)));
      replacement = **l.label(kAdmin, 2);
      replacement.serial = 0;
      replacement.batch = "reprint";
    }
    auto end = run_child(k, [&] {
      auto l = Ledger::open(LedgerOptions{db});
      return l && l->reprint(kAdmin, 2, "torn", "t", replacement).has_value();
    });
    EXPECT_TRUE(end.killed);
    expect_sound(db);
    auto l = open_or_die(db);
    const auto live = l.live_labels(kAdmin);
    ASSERT_TRUE(live);
    EXPECT_EQ(live->size(), 3u);
    if (k < kAfterCommit) {
      EXPECT_EQ((*l.label(kAdmin, 2))->status, Status::Live);
      EXPECT_FALSE(*l.label(kAdmin, 4));
      EXPECT_FALSE(*l.batch(kAdmin, "reprint"));
      EXPECT_EQ(*l.next_serial(kAdmin), 4u);
      EXPECT_EQ(sqlite_cli(db, "SELECT count(*) FROM voids;"), "0");
    } else {
      EXPECT_EQ((*l.label(kAdmin, 2))->status, Status::Reprinted);
      EXPECT_EQ((*l.label(kAdmin, 4))->replaces, std::optional<std::uint32_t>(2));
      EXPECT_EQ(*l.next_serial(kAdmin), 5u);
    }
  }
}

TEST(LedgerCrash, VoidIsAllOrNothing) {
  for (long k = 1; k <= 3; ++k) {
    SCOPED_TRACE("LABELGEN_LEDGER_FAIL_AFTER=" + std::to_string(k));
    lg::test::ScratchDir dir;
    const auto db = dir / "ledger.sqlite";
    {
      auto l = open_or_die(db);
      ASSERT_TRUE(l.commit_batch(sample_batch("2025-03", 1, 3, 0, 1)));
    }
    auto end = run_child(k, [&] {
      auto l = Ledger::open(LedgerOptions{db});
      return l && l->void_label(kAdmin, 1, "withdrew", "t").has_value();
    });
    EXPECT_TRUE(end.killed);
    expect_sound(db);
    const bool done = k == 3;
    EXPECT_EQ(sqlite_cli(db, "SELECT status FROM labels WHERE serial = 1;"), done ? "void" : "live");
    EXPECT_EQ(sqlite_cli(db, "SELECT count(*) FROM voids;"), done ? "1" : "0");
  }
}

}  // namespace
}  // namespace lg::ledger

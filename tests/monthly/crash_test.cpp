// A run killed at any point is finished by the next plain run: every eligible student ends
// with exactly one live serial, files complete, no duplicate serials, ledger intact.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "tests/monthly/monthly_support.hpp"

namespace lg::test {
namespace {

std::string run_args(const std::filesystem::path& out) {
  return "run --admin 2024-25 --events " + sample_events() + " --through 2024-12-31 --out '" + out.string() + "'";
}

class KillAtCrashPoint : public ::testing::TestWithParam<int> {};

TEST_P(KillAtCrashPoint, PlainRerunCompletesTheBatch) {
  static const int eligible = eligible_count("2024-12-31");
  ASSERT_GT(eligible, 100);
  ScratchDir dir;
  const auto out = dir / "out";
  auto killed = run_shell("LABELGEN_LEDGER_FAIL_AFTER=" + std::to_string(GetParam()) + " '" +
                          std::string(LABELGEN_TEST_BIN_PATH) + "' " + run_args(out));
  // A first run passes ~330 crash points (run row, every batch/GIS/label/file row, counters,
  // commit, publish), so each of these points kills it (SIGKILL → 137).
  EXPECT_EQ(killed.exit_code, 137) << "crash point " << GetParam() << " was not reached: " << killed.err;
  auto rerun = run_labelgen(run_args(out));
  EXPECT_TRUE(rerun.exit_code == 0 || rerun.exit_code == 1) << rerun.err;
  expect_consistent(out, eligible);
  // A third run has nothing to do.
  EXPECT_EQ(run_labelgen(run_args(out)).exit_code, 1);
}

// 50 kill points spread over begin_run, every row of the batch commit, the commit, the move
// into place and the end of the run (the later ones outlive short runs, which is fine).
INSTANTIATE_TEST_SUITE_P(Points, KillAtCrashPoint,
                         ::testing::Values(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90,
                                           100, 110, 120, 130, 140, 150, 160, 170, 180, 185, 190, 195, 200, 205,
                                           210, 215, 220, 225, 230, 235, 240, 245, 250, 260, 270, 280, 290, 300,
                                           310));

TEST(KillAtRandomTimes, PlainRerunCompletesTheBatch) {
  const int eligible = eligible_count("2024-12-31");
  std::mt19937 rng(20241209);
  for (int i = 0; i < 8; ++i) {
    ScratchDir dir;
    const auto out = dir / "out";
    const auto delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 400)(rng));
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::execl("/bin/sh", "sh", "-c",
              ("exec '" + std::string(LABELGEN_TEST_BIN_PATH) + "' " + run_args(out) + " >/dev/null 2>&1").c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    auto rerun = run_labelgen(run_args(out));
    EXPECT_TRUE(rerun.exit_code == 0 || rerun.exit_code == 1) << "after kill at " << delay.count() << " ms: " << rerun.err;
    expect_consistent(out, eligible);
  }
}

}  // namespace
}  // namespace lg::test

// End-to-end tests of `labelgen schedule` through the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/support.hpp"

namespace lg {
namespace {

struct ScheduleCase {
  const char* tested;
  const char* window_start;  // nullptr → outside every window
  const char* window_end;
  const char* arrival;
  const char* ship_by;
};

class ScheduleCli : public ::testing::TestWithParam<ScheduleCase> {};

TEST_P(ScheduleCli, AnswersEveryWindowAndGap) {
  const auto& c = GetParam();
  auto r = test::run_labelgen(std::string("schedule --admin 2024-25 --tested ") + c.tested + " --json");
  auto j = nlohmann::json::parse(r.out);
  if (c.window_start) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(j["window_start"], c.window_start);
    EXPECT_EQ(j["window_end"], c.window_end);
    EXPECT_EQ(j["preid_arrival"], c.arrival);
    EXPECT_EQ(j["ship_by"], c.ship_by);
  } else {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(j["window_start"].is_null());
    EXPECT_NE(r.err.find("outside every"), std::string::npos) << r.err;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ScheduleCli,
    ::testing::Values(
        ScheduleCase{"2024-07-02", nullptr, nullptr, nullptr, nullptr},
        ScheduleCase{"2024-07-03", "2024-07-03", "2024-08-02", "2024-08-19", "2024-09-06"},
        ScheduleCase{"2024-07-15", "2024-07-03", "2024-08-02", "2024-08-19", "2024-09-06"},
        ScheduleCase{"2024-08-02", "2024-07-03", "2024-08-02", "2024-08-19", "2024-09-06"},
        ScheduleCase{"2024-08-03", nullptr, nullptr, nullptr, nullptr},  // Saturday gap
        ScheduleCase{"2024-08-04", nullptr, nullptr, nullptr, nullptr},  // Sunday gap
        ScheduleCase{"2024-08-05", "2024-08-05", "2024-09-03", "2024-09-23", "2024-10-14"},
        ScheduleCase{"2024-08-15", "2024-08-05", "2024-09-03", "2024-09-23", "2024-10-14"},
        ScheduleCase{"2024-09-03", "2024-08-05", "2024-09-03", "2024-09-23", "2024-10-14"},
        ScheduleCase{"2024-09-04", "2024-09-04", "2024-09-27", "2024-10-14", "2024-10-25"},
        ScheduleCase{"2024-09-27", "2024-09-04", "2024-09-27", "2024-10-14", "2024-10-25"},
        ScheduleCase{"2024-09-28", nullptr, nullptr, nullptr, nullptr},  // Saturday gap
        ScheduleCase{"2024-09-29", nullptr, nullptr, nullptr, nullptr},  // Sunday gap
        ScheduleCase{"2024-09-30", "2024-09-30", "2024-10-31", "2024-11-18", "2024-12-09"},
        ScheduleCase{"2024-10-31", "2024-09-30", "2024-10-31", "2024-11-18", "2024-12-09"},
        ScheduleCase{"2024-11-01", nullptr, nullptr, nullptr, nullptr}));

TEST(ScheduleCli, HumanOutput) {
  auto r = test::run_labelgen("schedule --admin 2024-25 --tested 2024-08-15");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("2024-08-05 to 2024-09-03"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-10-14"), std::string::npos);
}

struct BadUsage {
  const char* args;
  int exit_code;
  const char* says;
};
class ScheduleCliErrors : public ::testing::TestWithParam<BadUsage> {};
TEST_P(ScheduleCliErrors, ClearMessageAndExitCode) {
  auto r = test::run_labelgen(GetParam().args);
  EXPECT_EQ(r.exit_code, GetParam().exit_code) << r.err;
  EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
}
INSTANTIATE_TEST_SUITE_P(
    Table, ScheduleCliErrors,
    ::testing::Values(BadUsage{"schedule --admin 2024-25 --tested 2024-02-30", 2, "2024-02-30"},
                      BadUsage{"schedule --admin 2024-25", 2, "tested"},
                      BadUsage{"schedule --admin 1999-00 --tested 1999-08-01", 3, "1999-00"},
                      BadUsage{"schedule --admin 2024-25 --tested 2024-08-15 --bogus", 2, "bogus"},
                      BadUsage{"schedule --admin 2020-21 --tested 2020-09-01", 1, "no schedule"},
                      BadUsage{"frobnicate", 2, "unknown command"}));

TEST(Cli, HelpOnEverySubcommand) {
  for (const char* cmd : {"schedule", "plan"}) {
    auto r = test::run_labelgen(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("usage: labelgen " + std::string(cmd)), std::string::npos) << r.out;
  }
  auto r = test::run_labelgen("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("plan"), std::string::npos);
}

}  // namespace
}  // namespace lg

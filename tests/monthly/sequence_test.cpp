// The monthly sequence July → December 2024: each student is issued once, in the batch of the
// month their official SSR appeared, and the ledger totals equal the sum of the manifests.
#include <nlohmann/json.hpp>

#include "tests/monthly/monthly_support.hpp"

namespace lg::test {
namespace {

TEST(MonthlySequence, EachStudentOnceInTheMonthOfTheirSsr) {
  ScratchDir dir;
  const auto out = dir / "out";
  const char* month_ends[] = {"2024-07-31", "2024-08-31", "2024-09-30",
                              "2024-10-31", "2024-11-30", "2024-12-31"};
  std::size_t manifest_rows = 0;
  for (const char* end : month_ends) {
    auto r = run_labelgen("run --admin 2024-25 --events " + sample_events() + " --through " + end +
                          " --out '" + out.string() + "'");
    const std::string month = std::string(end).substr(0, 7);
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    if (r.exit_code == 1) continue;
    // Every label of this month's batch comes from an SSR generated in this month.
    auto months =
        sqlite(out / "ledger.db",
               "SELECT DISTINCT substr(ssr_generated_at, 1, 7) FROM labels WHERE batch='" + month + "';");
    EXPECT_EQ(months, month + "\n") << "batch " << month;
    const auto manifest = read_file(out / month / "manifest.csv");
    manifest_rows += static_cast<std::size_t>(std::count(manifest.begin(), manifest.end(), '\n')) - 1;
    auto summary = nlohmann::json::parse(read_file(out / month / "summary.json"));
    EXPECT_EQ(summary["batch"], month);
  }
  EXPECT_EQ(sqlite(out / "ledger.db", "SELECT count(*) FROM labels;"), std::to_string(manifest_rows) + "\n");
  // Corrections that changed a printed field after the label was issued are reprinted, not
  // issued twice: still one live label per student and form.
  expect_consistent(out,
                    std::stoi(sqlite(out / "ledger.db", "SELECT count(*) FROM labels WHERE status='live';")));
  EXPECT_EQ(sqlite(out / "ledger.db", "SELECT count(DISTINCT ssid || '/' || form) FROM labels;"),
            sqlite(out / "ledger.db", "SELECT count(*) FROM labels;"))
      << "a student was issued twice";
}

TEST(MonthlySequence, SecondIdenticalRunPrintsNothingAndSaysSo) {
  ScratchDir dir;
  const auto out = dir / "out";
  const std::string args = "run --admin 2024-25 --events " + sample_events() +
                           " --through 2024-12-31 --out '" + out.string() + "'";
  auto first = run_labelgen(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto second = run_labelgen(args);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.out.find("nothing new to print"), std::string::npos) << second.out;
  EXPECT_EQ(sqlite(out / "ledger.db", "SELECT count(*) FROM batches;"), "1\n");
}

TEST(MonthlySequence, RerenderReproducesABatchByteForByte) {
  ScratchDir dir;
  const auto out = dir / "out";
  auto first = run_labelgen("run --admin 2024-25 --events " + sample_events() +
                            " --through 2024-09-30 --out '" + out.string() + "'");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::filesystem::rename(out / "2024-09", dir / "original");
  auto again = run_labelgen("run --admin 2024-25 --out '" + out.string() + "' --rerender 2024-09");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const auto& e : std::filesystem::directory_iterator(dir / "original"))
    EXPECT_EQ(read_file(e.path()), read_file(out / "2024-09" / e.path().filename())) << e.path().filename();
}

TEST(MonthlySequence, AGroupTooLargeForOneGisFailsBeforeAnythingIsPrinted) {
  // 10,000 kindergarteners of one school tested with Form 1: one GIS can count 9,999 books.
  ScratchDir dir;
  std::string csv =
      "event_id,ssr_generated_at,ssid,last_name,first_name,middle_name,birth_date,grade,lea_cds,lea_name,"
      "school_cds,"
      "school_name,charter_number,form,test_completed_on,mode,answer_book,parent_notified_on\n";
  for (int i = 0; i < 10'000; ++i)
    csv += "SSR-BIG" + std::to_string(i) + ",2024-09-29T10:16:50-07:00," +
           std::to_string(3'000'000'000LL + i) + ",Student" + std::to_string(i) +
           ",Ana,,2019-01-11,KN,19648080000000,Montebello Unified,19648086018865,Greenwood "
           "Elementary,,1,2024-09-25,"
           "in_person,complete,\n";
  const auto events = dir.write("big.csv", csv);
  const auto out = dir / "out";
  auto r = run_labelgen("run --admin 2024-25 --events '" + events.string() +
                        "' --through 2024-09-30 --out '" + out.string() + "'");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(
      r.err.find(
          "school 19648086018865, grade KN, Form 1 has 10000 answer books; one GIS counts at most 9999"),
      std::string::npos)
      << r.err;
  // Nothing was issued or published.
  EXPECT_EQ(sqlite(out / "ledger.db", "SELECT count(*) FROM labels;"), "0\n");
  EXPECT_FALSE(std::filesystem::exists(out / "2024-09"));
}

TEST(MonthlySequence, ASecondRunWaitsForTheLock) {
  ScratchDir dir;
  const auto out = dir / "out";
  std::filesystem::create_directories(out);
  // Another process (flock(1)) holds the lock while labelgen tries to run.
  auto held = run_shell("( flock '" + (out / ".labelgen.lock").string() + "' sleep 3 & ) ; sleep 0.5; '" +
                        std::string(LABELGEN_TEST_BIN_PATH) + "' run --admin 2024-25 --events " +
                        sample_events() + " --through 2024-12-31 --out '" + out.string() + "'");
  EXPECT_EQ(held.exit_code, 5) << held.err;
  EXPECT_NE(held.err.find("another labelgen run holds the lock"), std::string::npos) << held.err;
}

}  // namespace
}  // namespace lg::test

// Reprint, void and correction paths through the real binary, checked in the real SQLite file.
#include "tests/monthly/monthly_support.hpp"

namespace lg::test {
namespace {

std::string events_csv() { return "'" + (repo_dir() / "samples/events.csv").string() + "'"; }

/// First run over events.csv alone: students corrected later in events-corrections.jsonl
/// are labelled with their first spelling.
std::filesystem::path first_run(const ScratchDir& dir) {
  const auto out = dir / "out";
  auto r = run_labelgen("run --admin 2024-25 --events " + events_csv() + " --through 2024-12-31 --out '" +
                        out.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return out;
}

/// The serial of the live label of the student with this SSID.
std::string serial_of(const std::filesystem::path& db, const std::string& ssid) {
  auto s = sqlite(db, "SELECT serial FROM labels WHERE status='live' AND ssid='" + ssid + "';");
  return s.empty() ? "" : s.substr(0, s.size() - 1);
}

TEST(Corrections, ALaterSsrThatChangesThePrintedNameIsListedForReprint) {
  ScratchDir dir;
  const auto out = first_run(dir);
  auto r = run_labelgen("run --admin 2024-25 --events " + sample_events() + " --through 2024-12-31 --out '" +
                        out.string() + "'");
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_NE(r.out.find("needs reprint: label "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("changed printed_name"), std::string::npos) << r.out;
  // Nobody was issued a second label for the correction.
  EXPECT_EQ(sqlite(out / "ledger.db", "SELECT count(*) FROM (SELECT ssid FROM labels GROUP BY ssid, form HAVING "
                                      "count(*) > 1);"),
            "0\n");
}

TEST(Reprint, VoidsTheOldSerialAndIssuesANewOneWithTheCorrectedName) {
  ScratchDir dir;
  const auto out = first_run(dir);
  const auto db = out / "ledger.db";
  // COR-0003 in events-corrections.jsonl corrects the last name of this student.
  const std::string ssid = sqlite(db, "SELECT ssid FROM labels WHERE event_id='SSR-B496949A4C';").substr(0, 10);
  ASSERT_EQ(ssid.size(), 10u) << "sample student not found";
  const std::string old_serial = serial_of(db, ssid);
  const std::string old_name = sqlite(db, "SELECT printed_name FROM labels WHERE serial=" + old_serial + ";");
  const std::string max_before = sqlite(db, "SELECT max(serial) FROM labels;");
  auto r = run_labelgen("reprint --admin 2024-25 --out '" + out.string() + "' --serial " + old_serial +
                        " --reason 'last name corrected' --events " + sample_events());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sqlite(db, "SELECT status FROM labels WHERE serial=" + old_serial + ";"), "reprinted\n");
  EXPECT_EQ(sqlite(db, "SELECT reason FROM voids WHERE serial=" + old_serial + ";"), "last name corrected\n");
  const std::string new_serial = serial_of(db, ssid);
  EXPECT_EQ(std::stoul(new_serial), std::stoul(max_before) + 1) << "the next serial of the counter";
  EXPECT_EQ(sqlite(db, "SELECT replaces FROM labels WHERE serial=" + new_serial + ";"), old_serial + "\n");
  EXPECT_NE(sqlite(db, "SELECT printed_name FROM labels WHERE serial=" + new_serial + ";"), old_name);
  EXPECT_TRUE(std::filesystem::exists(out / ("reprint-" + old_serial))) << "the one-label PDF";
  // The voided serial stays; reprinting it again is refused.
  auto again = run_labelgen("reprint --admin 2024-25 --out '" + out.string() + "' --serial " + old_serial +
                            " --reason again");
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_NE(again.err.find("not live"), std::string::npos) << again.err;
  expect_consistent(out, std::stoi(sqlite(db, "SELECT count(*) FROM labels WHERE status='live';")));
}

TEST(Reprint, NextBatchVoidsNowAndTheNextRunLabelsTheStudentAgain) {
  ScratchDir dir;
  const auto out = first_run(dir);
  const auto db = out / "ledger.db";
  const std::string serial = sqlite(db, "SELECT min(serial) FROM labels;").substr(0, 1);
  const std::string ssid = sqlite(db, "SELECT ssid FROM labels WHERE serial=" + serial + ";").substr(0, 10);
  auto r = run_labelgen("reprint --admin 2024-25 --out '" + out.string() + "' --serial " + serial +
                        " --reason 'label torn' --next-batch");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sqlite(db, "SELECT status FROM labels WHERE serial=" + serial + ";"), "void\n");
  EXPECT_EQ(serial_of(db, ssid), "");
  auto next = run_labelgen("run --admin 2024-25 --events " + events_csv() + " --through 2024-12-31 --out '" +
                           out.string() + "'");
  ASSERT_EQ(next.exit_code, 0) << next.err;
  const std::string fresh = serial_of(db, ssid);
  ASSERT_FALSE(fresh.empty());
  EXPECT_NE(fresh, serial) << "serials are never reused";
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM labels WHERE ssid='" + ssid + "';"), "2\n");
}

}  // namespace
}  // namespace lg::test

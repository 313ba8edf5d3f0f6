// End-to-end tests of `labelgen plan` through the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/support.hpp"

namespace lg {
namespace {

const char* kHeader =
    "event_id,ssr_generated_at,ssid,last_name,first_name,middle_name,birth_date,grade,lea_cds,lea_name,"
    "school_cds,school_name,form,test_completed_on,mode,answer_book\n";

std::string row(const std::string& id, const std::string& ssid, const std::string& lea, const std::string& grade,
                const std::string& tested, const std::string& ssr, const std::string& last = "Trần") {
  std::string school = lea.substr(7) == "0000000" ? lea.substr(0, 7) + "6011111" : lea;
  return id + "," + ssr + "," + ssid + "," + last + ",Bảo,," + "2019-05-06," + grade + "," + lea + ",LEA," + school +
         ",School,1," + tested + ",in_person,complete\n";
}

TEST(PlanCli, JsonAndDecisionsAccountForEveryRecord) {
  test::ScratchDir dir;
  std::string csv = std::string("\xEF\xBB\xBF") + kHeader + row("A", "1000000001", "19642120000000", "KN", "2024-07-10", "2024-07-20") +
                    row("B", "1000000002", "19642120000000", "03", "2024-07-10", "2024-07-20") +
                    row("C", "100000003", "19642120000000", "KN", "2024-07-10", "2024-07-20") +
                    row("D", "1000000004", "01611920000000", "KN", "2024-07-10", "2024-07-20") +
                    row("E", "1000000005", "19642120000000", "01", "2024-09-10", "2024-09-20") +
                    "F,2024-07-20,1000000006,\"Lê\nVăn\",An,,2019-01-01,KN,19642120000000,LEA,19642126011111,S,1,"
                    "2024-07-10,in_person,complete\n";
  auto events = dir.write("events.csv", csv);
  auto jsonl = dir.write(
      "fix.jsonl",
      R"({"event_id":"A2","ssr_generated_at":"2024-07-25","ssid":"1000000001","last_name":"Trần","first_name":"Bảo",)"
      R"("middle_name":"","birth_date":"2019-05-06","grade":"01","lea_cds":"19642120000000","lea_name":"LEA",)"
      R"("school_cds":"19642126011111","school_name":"School","form":"1","test_completed_on":"2024-07-10",)"
      R"("mode":"in_person","answer_book":"complete"})"
      "\n");
  auto decisions = dir / "decisions.csv";
  auto r = test::run_labelgen("plan --admin 2024-25 --events '" + events.string() + "' '" + jsonl.string() +
                              "' --decisions '" + decisions.string() + "' --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["records"], 7);
  int skipped = 0, rejected = 0;
  for (auto& [k, v] : j["skipped"].items()) skipped += v.get<int>();
  for (auto& [k, v] : j["rejected"].items()) rejected += v.get<int>();
  EXPECT_EQ(j["labelled"].get<int>() + skipped + rejected, 7);
  EXPECT_EQ(j["skipped"]["grade_out_of_scope"], 1);
  EXPECT_EQ(j["skipped"]["lea_not_selected"], 1);
  EXPECT_EQ(j["skipped"]["superseded"], 1);
  EXPECT_EQ(j["rejected"]["invalid_ssid"], 1);
  EXPECT_EQ(j["rejected"]["invalid_last_name"], 1) << "a newline inside a quoted name is one record, rejected";
  EXPECT_EQ(j["labelled"], 2);
  ASSERT_EQ(j["batches"].size(), 2u);
  for (const char* key : {"lea_cds", "form", "window_start", "count"}) EXPECT_TRUE(j["batches"][0].contains(key));
  EXPECT_EQ(j["corrections"][0]["changed"][0], "grade");
  auto text = test::read_file(decisions);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 8) << "header + one row per record (quoted newline kept)";
  EXPECT_EQ(std::filesystem::status(decisions).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  EXPECT_NE(j["rejections"][0]["message"].get<std::string>().find("10 digits"), std::string::npos);
}

TEST(PlanCli, ThroughFiltersBySsrDate) {
  test::ScratchDir dir;
  auto events = dir.write("e.csv", std::string(kHeader) +
                                       row("A", "1000000001", "19642120000000", "KN", "2024-07-10", "2024-07-20") +
                                       row("B", "1000000002", "19642120000000", "KN", "2024-08-10", "2024-08-20"));
  auto r = test::run_labelgen("plan --admin 2024-25 --events '" + events.string() + "' --through 2024-07-31 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["labelled"], 1);
  EXPECT_EQ(j["skipped"]["ssr_after_through"], 1);
}

TEST(PlanCli, TextReportNamesRejectedLines) {
  test::ScratchDir dir;
  auto events = dir.write("e.csv", std::string(kHeader) +
                                       row("A", "1000000001", "1964212000000", "KN", "2024-07-10", "2024-07-20"));
  auto r = test::run_labelgen("plan --admin 2024-25 --events '" + events.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("e.csv:2: lea_cds: CDS code must be exactly 14 digits"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Trần"), std::string::npos) << "no names in the report";
}

TEST(PlanCli, MissingFileIsBadInput) {
  auto r = test::run_labelgen("plan --admin 2024-25 --events /nonexistent.csv");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("/nonexistent.csv"), std::string::npos);
}

}  // namespace
}  // namespace lg

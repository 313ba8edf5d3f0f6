// The shipped samples: plan accounts for every record, and samples/plan-output.txt is current.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/support.hpp"

namespace lg {
namespace {

TEST(SamplesPlan, AccountsForEveryRecordAndMatchesTheDocumentedOutput) {
  const auto repo = test::repo_dir();
  // Run from the repository root so the file names in the output are the documented ones.
  auto text = test::run_shell("cd '" + repo.string() + "' && '" + std::string(LABELGEN_TEST_BIN_PATH) +
                              "' plan --admin 2024-25 --events samples/events.csv samples/events-corrections.jsonl");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, test::read_file(repo / "samples" / "plan-output.txt"))
      << "samples/plan-output.txt is stale: regenerate it with the command in samples/README.md";

  auto json = test::run_labelgen("plan --admin 2024-25 --events '" + (repo / "samples/events.csv").string() + "' '" +
                                 (repo / "samples/events-corrections.jsonl").string() + "' --json");
  ASSERT_EQ(json.exit_code, 0);
  auto j = nlohmann::json::parse(json.out);
  int skipped = 0, rejected = 0;
  for (auto& [k, v] : j["skipped"].items()) skipped += v.get<int>();
  for (auto& [k, v] : j["rejected"].items()) rejected += v.get<int>();
  EXPECT_EQ(j["records"].get<int>(), j["labelled"].get<int>() + skipped + rejected);
  // Every hand-made bad row at the end of events.csv is rejected with its own line number.
  std::set<int> lines;
  for (const auto& r : j["rejections"]) lines.insert(r["line"].get<int>());
  for (int line = 402; line <= 424; ++line) {
    if (line == 417) continue;  // the second line of the record that starts on 416
    EXPECT_TRUE(lines.count(line)) << "events.csv line " << line << " should be rejected";
  }
  EXPECT_FALSE(lines.count(425)) << "line 425 is a valid control row";
}

}  // namespace
}  // namespace lg

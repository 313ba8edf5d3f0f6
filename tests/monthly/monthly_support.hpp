#pragma once
// Helpers for end-to-end tests of the monthly run: the real binary, the real SQLite ledger.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/support/support.hpp"

namespace lg::test {

/// `sqlite3 -batch -noheader <db> "<sql>"` output.
inline std::string sqlite(const std::filesystem::path& db, const std::string& sql) {
  auto r = run_shell("sqlite3 -batch -noheader '" + db.string() + "' \"" + sql + "\"");
  return r.out;
}

/// The repository samples.
inline std::string sample_events() {
  const auto repo = repo_dir();
  return "'" + (repo / "samples/events.csv").string() + "' '" + (repo / "samples/events-corrections.jsonl").string() +
         "'";
}

/// Labels the plan says are eligible through `through`.
inline int eligible_count(const std::string& through) {
  auto r = run_labelgen("plan --admin 2024-25 --events " + sample_events() + " --through " + through + " --json");
  auto pos = r.out.find("\"labelled\": ");
  return pos == std::string::npos ? -1 : std::stoi(r.out.substr(pos + 12));
}

/// Checks the invariants of an output root after runs: ledger integrity, one live label per
/// student and form, unique serials, every batch folder complete (status checks sha256).
inline void expect_consistent(const std::filesystem::path& out, int expected_live) {
  const auto db = out / "ledger.db";
  EXPECT_EQ(sqlite(db, "PRAGMA integrity_check;"), "ok\n");
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM labels WHERE status='live';"), std::to_string(expected_live) + "\n");
  EXPECT_EQ(sqlite(db, "SELECT count(*) FROM (SELECT ssid, form FROM labels WHERE status='live' GROUP BY ssid, form "
                       "HAVING count(*) > 1);"),
            "0\n")
      << "a student holds two live labels";
  EXPECT_EQ(sqlite(db, "SELECT count(*) - count(DISTINCT serial) FROM labels;"), "0\n");
  // Serials are allocated without gaps: 1..max.
  EXPECT_EQ(sqlite(db, "SELECT CASE WHEN count(*) = 0 OR max(serial) = count(*) THEN 'ok' ELSE 'gap' END FROM labels;"),
            "ok\n");
  auto status = run_labelgen("status --admin 2024-25 --out '" + out.string() + "' --json");
  EXPECT_EQ(status.exit_code, 0) << "a batch folder is missing or changed:\n" << status.out << status.err;
  // No staging leftovers.
  for (const auto& e : std::filesystem::directory_iterator(out)) {
    const auto name = e.path().filename().string();
    EXPECT_NE(name.rfind(".staging-", 0), 0u) << name;
    EXPECT_NE(name.rfind(".old-", 0), 0u) << name;
  }
  // Every live serial appears in its batch's manifest.
  auto batches = sqlite(db, "SELECT DISTINCT batch FROM labels WHERE status='live';");
  std::set<std::string> manifest_serials;
  std::size_t start = 0;
  while (start < batches.size()) {
    auto end = batches.find('\n', start);
    const auto batch = batches.substr(start, end - start);
    start = end + 1;
    const auto manifest = read_file(out / batch / "manifest.csv");
    std::size_t line_start = manifest.find('\n') + 1;
    while (line_start < manifest.size()) {
      auto comma = manifest.find(',', line_start);
      manifest_serials.insert(std::to_string(std::stoul(manifest.substr(line_start, comma - line_start))));
      line_start = manifest.find('\n', line_start) + 1;
      if (line_start == 0) break;
    }
  }
  auto live = sqlite(db, "SELECT serial FROM labels WHERE status='live' AND batch NOT LIKE 'reprint-%';");
  start = 0;
  while (start < live.size()) {
    auto end = live.find('\n', start);
    EXPECT_TRUE(manifest_serials.count(live.substr(start, end - start))) << "serial " << live.substr(start, end - start);
    start = end + 1;
  }
}

}  // namespace lg::test

// Personal data stays out of logs: every line a full sample workflow prints (stdout and
// stderr of plan, run, a correction run, status, reprint, proof, print --dry-run) is searched
// for every sample student's SSID and name.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "labelgen/events/reader.hpp"
#include "tests/support/support.hpp"

namespace lg {
namespace {

std::string upper_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

TEST(PersonalData, NoNameOrSsidInAnyLogOfASampleWorkflow) {
  const auto samples = test::repo_dir() / "samples";
  const auto events_csv = samples / "events.csv";
  const auto corrections = samples / "events-corrections.jsonl";
  auto input = events::read_all_events({events_csv, corrections});
  ASSERT_GT(input.events.size(), 300u);

  // Place names appear in logs by design; a student name that is also part of a place name
  // ("Diego" of San Diego) cannot be told apart and is not searched for alone.
  std::string places;
  for (const auto& e : input.events) places += upper_ascii(e.lea_name + "|" + e.school_name + "|");
  std::set<std::string> needles;
  for (const auto& e : input.events) {
    needles.insert(e.ssid.str());
    needles.insert(e.name.label_form());
    needles.insert(e.name.last + ", " + e.name.first);
    for (const auto* part : {&e.name.last, &e.name.first})
      if (part->size() >= 5 && places.find(upper_ascii(*part)) == std::string::npos) {
        needles.insert(*part);
        needles.insert(upper_ascii(*part));
      }
  }

  test::ScratchDir dir;
  const std::string out = (dir / "out").string();
  const std::string ev = "'" + events_csv.string() + "'";
  std::string logs;
  auto run = [&](const std::string& args, int expected) {
    auto r = test::run_labelgen(args);
    EXPECT_EQ(r.exit_code, expected) << args << "\n" << r.err;
    logs += r.out + r.err;
  };
  run("plan --admin 2024-25 --events " + ev + " --through 2024-12-31", 0);
  run("run --admin 2024-25 --events " + ev + " --through 2024-12-31 --out '" + out + "'", 0);
  run("run --admin 2024-25 --events " + ev + " '" + corrections.string() + "' --through 2025-01-31 --out '" + out +
          "'",
      0);
  run("status --admin 2024-25 --out '" + out + "'", 0);
  run("reprint --admin 2024-25 --out '" + out + "' --serial 5 --reason 'name corrected'", 0);
  run("proof --admin 2024-25 --out '" + out + "' --batch 2024-12 --printer png-proof --pages 1 --to '" +
          (dir / "proofs").string() + "'",
      0);
  run("print --printer office-laser-letter --out '" + out + "' --batch 2024-12 --queue nowhere --dry-run", 0);
  ASSERT_GT(logs.size(), 2000u) << "the workflow printed almost nothing: the search proves little";

  std::size_t found = 0;
  std::string examples;
  for (const auto& n : needles)
    if (logs.find(n) != std::string::npos) {
      ++found;
      if (found <= 5) examples += "  '" + n + "'\n";
    }
  EXPECT_EQ(found, 0u) << found << " personal values appear in the logs, e.g.\n" << examples;

  // The search itself works: the batch's manifest (which must hold names and SSIDs) is full of them.
  const auto manifest = test::read_file(dir / "out" / "2024-12" / "manifest.csv");
  std::size_t in_manifest = 0;
  for (const auto& n : needles) in_manifest += manifest.find(n) != std::string::npos;
  EXPECT_GT(in_manifest, 300u);
}

}  // namespace
}  // namespace lg

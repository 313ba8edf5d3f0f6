// A real box: `labelgen run` output rasterized; the clean box passes, the box with one label
// missing, one duplicated, one voided and one of another LEA names exactly those four.
#include "tests/verify/verify_support.hpp"

namespace lg::verify::test {
namespace {

std::string today() {
  const auto& b = box();
  return b.hold_until.empty() ? b.ship_by : b.hold_until;
}

std::string scans_args(std::initializer_list<fs::path> files) {
  std::string s;
  for (const auto& f : files) s += " " + q(f);
  return s;
}

TEST(VerifyBox, CleanBoxIsReadyOnlyInsideTheShipWindow) {
  const auto& b = box();
  const auto& s = scans();
  const std::string base = std::string("verify --admin ") + kAdmin + " --out " + q(b.out) +
                           scans_args({s.gis_png, s.labels_png}) + " --today ";
  auto r = lg::test::run_labelgen(base + today());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("READY to ship"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("NOT READY"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected " + std::to_string(b.group.size()) + "  scanned " +
                       std::to_string(b.group.size())),
            std::string::npos)
      << r.out;
  expect_no_personal_data(r.err, "stderr");

  r = lg::test::run_labelgen(base + Date::parse(b.ship_by)->plus_days(1).iso());
  EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
  EXPECT_NE(r.out.find("after ship-by " + b.ship_by), std::string::npos) << r.out;
  if (!b.hold_until.empty()) {
    r = lg::test::run_labelgen(base + Date::parse(b.hold_until)->plus_days(-1).iso());
    EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
    EXPECT_NE(r.out.find("before hold-until " + b.hold_until), std::string::npos) << r.out;
  }
}

/// The box with four problems, against a ledger where label C was voided by `labelgen reprint`.
struct ProblemRun {
  lg::test::CommandResult text, json, redacted;
  std::string csv, redacted_csv;
};

const ProblemRun& problem_run() {
  static const ProblemRun run = [] {
    const auto& b = box();
    const auto& s = scans();
    const fs::path out = b.copy_out("voided");
    const auto v =
        lg::test::run_labelgen(std::string("reprint --admin ") + kAdmin + " --out " + q(out) + " --serial " +
                               b.voided().serial + " --reason damaged --next-batch");
    if (v.exit_code != 0) throw std::runtime_error("reprint: " + v.err);
    const std::string base = std::string("verify --admin ") + kAdmin + " --out " + q(out) + " --today " +
                             today() + scans_args({s.gis_png, s.blanked_png, s.dup_png, s.foreign_png});
    ProblemRun p;
    p.text = lg::test::run_labelgen(base);
    p.json = lg::test::run_labelgen(base + " --json --csv " + q(*b.dir / "report.csv"));
    p.csv = lg::test::read_file(*b.dir / "report.csv");
    p.redacted = lg::test::run_labelgen(base + " --json --redact --csv " + q(*b.dir / "redacted.csv"));
    p.redacted_csv = lg::test::read_file(*b.dir / "redacted.csv");
    return p;
  }();
  return run;
}

std::map<std::string, std::set<std::string>> expected_problems() {
  const auto& b = box();
  return {{b.missing().serial, {"missing"}},
          {b.duplicate().serial, {"duplicate"}},
          {b.voided().serial, {"void"}},
          {b.foreign.serial, {"other_lea"}}};
}

// One test (one set of runs): the JSON, text, CSV, redacted outputs and stderr of the box.
TEST(VerifyBox, ProblemBoxNamesExactlyTheFourProblems) {
  {
    SCOPED_TRACE("ProblemBoxJsonNamesExactlyTheFourProblems");
    const auto& p = problem_run();
    EXPECT_EQ(p.json.exit_code, 6) << p.json.err;
    const auto j = nlohmann::json::parse(p.json.out);
    EXPECT_FALSE(j.at("ready").get<bool>());
    EXPECT_EQ(j.at("mode"), "ledger");
    EXPECT_EQ(j.at("lea"), box().group[0].lea);
    EXPECT_EQ(problems_by_serial(j), expected_problems()) << p.json.out;
    EXPECT_TRUE(j.at("box_problems").empty());
    ASSERT_EQ(j.at("groups").size(), 1u) << p.json.out;
    const auto& g = j.at("groups")[0];
    EXPECT_EQ(g.at("expected"), box().group.size() - 1);  // C is void
    EXPECT_EQ(g.at("missing"), 1);
    EXPECT_TRUE(g.at("gis_scanned").get<bool>());
    EXPECT_EQ(g.at("dates"), "ok");
    EXPECT_FALSE(g.at("ready").get<bool>());
  }
  {
    SCOPED_TRACE("ProblemBoxTextHasOneLinePerProblem");
    const auto& p = problem_run();
    EXPECT_EQ(p.text.exit_code, 6) << p.text.err;
    const auto& out = p.text.out;
    EXPECT_NE(out.find("NOT READY to ship"), std::string::npos) << out;
    const auto start = out.find("problems:\n");
    ASSERT_NE(start, std::string::npos) << out;
    std::vector<std::string> lines;
    std::string rest = out.substr(start + 10);
    for (std::size_t i = 0; (i = rest.find('\n')) != std::string::npos; rest = rest.substr(i + 1))
      if (rest.starts_with("  ")) lines.push_back(rest.substr(0, i));
    ASSERT_EQ(lines.size(), 4u) << out;
    for (const auto& [serial, codes] : expected_problems()) {
      const auto it = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
        return l.find("serial " + serial) != std::string::npos;
      });
      ASSERT_NE(it, lines.end()) << serial << "\n" << out;
      EXPECT_TRUE(it->starts_with("  " + *codes.begin() + " ")) << *it;
    }
  }
  {
    SCOPED_TRACE("ProblemBoxCsvHasAVerdictPerLabel");
    const auto& b = box();
    const auto rows = parse_csv(problem_run().csv);
    ASSERT_GE(rows.size(), 2u);
    EXPECT_EQ(rows[0][2], "serial");
    EXPECT_EQ(rows[0][15], "verdict");
    std::map<std::string, std::set<std::string>> problems;
    std::size_t scanned = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (!rows[i][0].empty()) ++scanned;
      if (rows[i][15] == "problem") problems[rows[i][2]].insert(rows[i][16]);
    }
    EXPECT_EQ(problems, expected_problems());
    // Scanned: the group minus A, plus B again, plus the foreign label.
    EXPECT_EQ(scanned, b.group.size() - 1 + 1 + 1);
    EXPECT_EQ(rows.size() - 1, scanned + 1);  // + the missing one
  }
  {
    SCOPED_TRACE("RedactedOutputsHaveNoNameOrSsid");
    const auto& p = problem_run();
    EXPECT_EQ(p.redacted.exit_code, 6);
    expect_no_personal_data(p.redacted.out, "redacted JSON");
    expect_no_personal_data(p.redacted_csv, "redacted CSV");
    const auto j = nlohmann::json::parse(p.redacted.out);
    EXPECT_TRUE(j.at("redacted").get<bool>());
    EXPECT_EQ(problems_by_serial(j), expected_problems());
    // Not redacted, the names are there (so the check above can fail).
    EXPECT_NE(p.json.out.find(box().missing().name), std::string::npos);
    EXPECT_NE(p.csv.find(box().missing().ssid), std::string::npos);
    const auto& missing = box().missing();
    for (const auto& l : j.at("labels"))
      if (l.at("serial") == missing.serial) {
        EXPECT_EQ(l.at("ssid"), "******" + missing.ssid.substr(6));
      }
  }
  {
    SCOPED_TRACE("StderrNeverHasNamesOrSsids");
    const auto& p = problem_run();
    for (const auto* r : {&p.text, &p.json, &p.redacted}) expect_no_personal_data(r->err, "stderr");
  }
}

TEST(VerifyBox, OfflineUsesThePayloads) {
  const auto& b = box();
  const auto& s = scans();
  auto r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " --json --today " + today() +
                                  scans_args({s.gis_png, s.blanked_png, s.dup_png, s.foreign_png}));
  EXPECT_EQ(r.exit_code, 6) << r.err;
  expect_no_personal_data(r.err, "stderr");
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("mode"), "offline");
  // Without a ledger: the void label cannot be known and the missing one has no serial; the GIS
  // payload's count says one is missing.
  EXPECT_EQ(problems_by_serial(j),
            (std::map<std::string, std::set<std::string>>{{b.duplicate().serial, {"duplicate"}},
                                                          {b.foreign.serial, {"other_lea"}}}));
  ASSERT_EQ(j.at("groups").size(), 1u);
  EXPECT_EQ(j.at("groups")[0].at("expected"), b.group.size());
  EXPECT_EQ(j.at("groups")[0].at("missing"), 1);
  for (const auto& l : j.at("labels"))
    if (l.at("serial") == b.duplicate().serial) {
      EXPECT_EQ(l.at("name"), b.duplicate().name);
    }

  r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " --today " + today() +
                             scans_args({s.gis_png, s.labels_png}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("offline"), std::string::npos);
}

TEST(VerifyBox, BadInputs) {
  lg::test::ScratchDir tmp;
  write_png(tmp / "white.png", decode::GrayImage::blank(850, 1100));
  auto r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " " + q(tmp / "nope.png"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("nope.png"), std::string::npos) << r.err;
  const auto broken = tmp.write("broken.png", "not a png");
  r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " " + q(broken));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("broken.png"), std::string::npos) << r.err;
  const auto roster = tmp.write("roster.csv", "position,name\n1,\"GARCIA, ANA\"\nx,\"LEE, BO\"\n");
  r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " --roster " + q(roster) + " " +
                             q(tmp / "white.png"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("roster.csv:3:position"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("LEE"), std::string::npos) << r.err;
  r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " " + q(tmp / "white.png"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin);
  EXPECT_EQ(r.exit_code, 2);
  r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " --wedge " + q(tmp / "white.png"));
  EXPECT_EQ(r.exit_code, 2);
}

TEST(VerifyBox, RosterNamesAreMatchedByPosition) {
  const auto& b = box();
  const auto& s = scans();
  // Scan order on the sheet is the manifest's position order (rows top to bottom, left to right).
  std::vector<Label> sorted = b.group;
  std::sort(sorted.begin(), sorted.end(),
            [](const Label& x, const Label& y) { return x.position < y.position; });
  std::string csv = "position,name\n";
  for (std::size_t i = 0; i < sorted.size(); ++i)
    csv += std::to_string(i + 1) + ",\"" + (i == 1 ? std::string("Somebody, Else") : sorted[i].name) + "\"\n";
  lg::test::ScratchDir tmp;
  const auto roster = tmp.write("roster.csv", csv);
  const auto r = lg::test::run_labelgen(std::string("verify --admin ") + kAdmin + " --out " + q(b.out) +
                                        " --today " + today() + " --json --roster " + q(roster) +
                                        scans_args({s.gis_png, s.labels_png}));
  EXPECT_EQ(r.exit_code, 6) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(problems_by_serial(j),
            (std::map<std::string, std::set<std::string>>{{sorted[1].serial, {"name_mismatch"}}}));
  for (const auto& l : j.at("labels"))
    if (l.at("serial") != sorted[1].serial) {
      EXPECT_EQ(l.at("name_grade"), "exact") << l.dump();
    }
  expect_no_personal_data(r.err, "stderr");
}

}  // namespace
}  // namespace lg::verify::test

// Wedge mode: what a USB scanner types, through a pipe and through a pseudo-terminal.
#include <cstdlib>

#include "tests/verify/verify_support.hpp"

namespace lg::verify::test {
namespace {

std::string code128(const Label& l) {
  return *barcode::format_preid_code128(
      {*Ssid::parse(l.ssid), static_cast<std::uint32_t>(std::stoul(l.serial))});
}

/// The session: the GIS, every label of the group with its book name (the second one wrong),
/// a garbage line after the first label, then an empty line.
std::string session() {
  const auto& b = box();
  std::string in = *barcode::format_gis_code128(b.gis_serial) + "\n";
  for (std::size_t i = 0; i < b.group.size(); ++i) {
    in += code128(b.group[i]) + "\n";
    in += (i == 1 ? std::string("Nobody, Atall") : b.group[i].name) + "\n";
    if (i == 0) in += "HELLO-123\n";
  }
  return in + "\n";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t i = 0; (i = text.find(what, i)) != std::string::npos; i += what.size()) ++n;
  return n;
}

std::string args() {
  const auto& b = box();
  return std::string("verify --wedge --admin ") + kAdmin + " --out " + q(b.out) + " --today " +
         (b.hold_until.empty() ? b.ship_by : b.hold_until);
}

TEST(VerifyWedge, PipeSession) {
  const auto& b = box();
  const auto r = lg::test::run_labelgen(args(), session());
  EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
  EXPECT_EQ(count(r.out, "name on answer book: "), b.group.size()) << r.out;
  // The garbage line (line 4: GIS, code, name, garbage) is reported and the session goes on.
  EXPECT_NE(r.out.find("line 4: not a labelgen code (ignored)"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("stdin line 4"), std::string::npos) << r.err;
  // Each label's verdict comes right after its name.
  EXPECT_EQ(count(r.out, "label "), b.group.size()) << r.out;
  EXPECT_NE(r.out.find("label 1: serial " + b.group[0].serial + ", live, MAC no payload, name exact"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("label 2: serial " + b.group[1].serial + ", live, MAC no payload, name mismatch"),
            std::string::npos)
      << r.out;
  // The report: the group complete, one problem.
  EXPECT_NE(r.out.find("expected " + std::to_string(b.group.size()) + "  scanned " +
                       std::to_string(b.group.size())),
            std::string::npos)
      << r.out;
  EXPECT_EQ(count(r.out, "name_mismatch  serial"), 1u) << r.out;
  EXPECT_NE(r.out.find("name_mismatch  serial " + b.group[1].serial), std::string::npos) << r.out;
  expect_no_personal_data(r.err, "stderr");
}

TEST(VerifyWedge, RosterGivesTheNamesSoNoPrompt) {
  const auto& b = box();
  lg::test::ScratchDir tmp;
  std::string csv = "serial,name\n";
  for (const auto& l : b.group) csv += l.serial + ",\"" + l.name + "\"\n";
  const auto roster = tmp.write("roster.csv", csv);
  std::string in = *barcode::format_gis_code128(b.gis_serial) + "\n";
  for (const auto& l : b.group) in += code128(l) + "\n";
  const auto r = lg::test::run_labelgen(args() + " --roster " + q(roster), in);  // ends at EOF
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(count(r.out, "name on answer book"), 0u);
  EXPECT_EQ(count(r.out, "name exact"), b.group.size()) << r.out;
}

TEST(VerifyWedge, PseudoTerminalShowsThePrompt) {
  const auto& b = box();
  lg::test::ScratchDir tmp;
  const auto in = tmp.write("in.txt", session());
  const char* bin = std::getenv("LABELGEN_BIN");
  const std::string labelgen = bin ? bin : LABELGEN_TEST_BIN_PATH;
  // util-linux script runs the command on a pseudo-terminal; the typed lines come from in.txt.
  const auto r = lg::test::run_shell("script -qefc \"'" + labelgen + "' " + args() +
                                     "; echo EXIT=\\$?\" /dev/null < " + q(in));
  EXPECT_NE(r.out.find("name on answer book: "), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("label " + std::to_string(b.group.size()) + ": serial"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("EXIT=6"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace lg::verify::test

namespace lg::verify::test {
namespace {

TEST(VerifyWedge, UnknownOtherAdministrationAndUnparseable) {
  const auto& b = box();
  const Label& l = b.group[0];
  // A Damm-valid code whose serial the ledger never issued.
  const std::string unknown = *barcode::format_preid_code128({*Ssid::parse(l.ssid), 9'999'999});
  // A payload of another administration.
  barcode::PayloadFields f;
  f.administration = *AdminYear::parse("2023-24");
  f.lea = *CdsCode::parse(l.lea);
  f.school = *CdsCode::parse(l.school);
  f.grade = *parse_grade(l.grade);
  f.ssid = *Ssid::parse(l.ssid);
  f.serial = 5;
  f.batch = "2023-12";
  f.name = l.name;
  const std::string other = *barcode::format_payload(f);
  const std::string in = unknown + "\n" + l.name + "\n" + other + "\n" + l.name + "\nP1|2024-25|F7|broken\n" +
                         code128(l) + "\n" + l.name + "\n";
  const auto r = lg::test::run_labelgen(args() + " --json", in);
  EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  auto problems = problems_by_serial(j);
  EXPECT_EQ(problems["9999999"], std::set<std::string>{"unknown"});
  EXPECT_EQ(problems["0000005"], std::set<std::string>{"other_administration"});
  EXPECT_EQ(problems[l.serial], std::set<std::string>{});
  ASSERT_EQ(j.at("box_problems").size(), 1u) << r.out;
  EXPECT_NE(j.at("box_problems")[0].get<std::string>().find("unknown: stdin line 5"), std::string::npos);
  EXPECT_NE(r.err.find("line 5: labelgen-like code that does not parse (payload)"), std::string::npos)
      << r.err;
  expect_no_personal_data(r.err, "stderr");
}

}  // namespace
}  // namespace lg::verify::test

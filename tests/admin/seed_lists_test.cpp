// The LEA lists in templates/administrations/*.toml hold exactly the lists of the seed documents
// (tests/data/seeds), read here by an independent parser.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "tests/support/support.hpp"

namespace lg::admin {
namespace {

struct SeedLea {
  std::string code;
  std::string name;
};

std::filesystem::path seed_file(const std::string& name) {
  return test::repo_dir() / "tests/data/seeds" / name;
}

/// One bullet line `  • Name (digits)`: the code is the last parenthesised run of digits at the end
/// of the line, the name is everything before it, trimmed.
SeedLea parse_bullet(std::string_view line) {
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
  EXPECT_TRUE(line.ends_with(')')) << line;
  const auto open = line.rfind('(');
  EXPECT_NE(open, std::string_view::npos) << line;
  if (open == std::string_view::npos || !line.ends_with(')')) return {};
  SeedLea lea{std::string(line.substr(open + 1, line.size() - open - 2)), std::string(line.substr(0, open))};
  EXPECT_TRUE(std::ranges::all_of(lea.code, [](char c) { return c >= '0' && c <= '9'; })) << line;
  while (!lea.name.empty() && lea.name.back() == ' ') lea.name.pop_back();
  return lea;
}

/// The bullets after the sentence "The following is an alphabetical list of LEAs ...".
std::vector<SeedLea> seed_list(const std::string& name) {
  std::istringstream text(test::read_file(seed_file(name)));
  const std::string bullet = "  \u2022 ";
  std::vector<SeedLea> out;
  bool in_list = false;
  for (std::string line; std::getline(text, line);) {
    if (line.find("alphabetical list") != std::string::npos) in_list = true;
    if (in_list && line.starts_with(bullet))
      out.push_back(parse_bullet(std::string_view(line).substr(bullet.size())));
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Splits a list where its alphabetical order starts again.
std::vector<std::vector<SeedLea>> split_at_restarts(const std::vector<SeedLea>& leas) {
  std::vector<std::vector<SeedLea>> parts(1);
  for (std::size_t i = 0; i < leas.size(); ++i) {
    if (i > 0 && lower(leas[i].name) < lower(leas[i - 1].name)) parts.emplace_back();
    parts.back().push_back(leas[i]);
  }
  return parts;
}

Administration load(const std::string& year) {
  auto admin = load_administration(test::repo_dir() / "templates/administrations" / (year + ".toml"));
  EXPECT_TRUE(admin) << admin.error().message;
  return admin ? *admin : Administration{};
}

void expect_same_list(const Program& program, const std::vector<SeedLea>& seed) {
  ASSERT_EQ(program.leas.size(), seed.size()) << program.id;
  for (std::size_t i = 0; i < seed.size(); ++i) {
    EXPECT_EQ(program.leas[i].code, seed[i].code) << program.id << " leas[" << i << "]";
    EXPECT_EQ(program.leas[i].name, seed[i].name) << program.id << " leas[" << i << "]";
  }
}

TEST(AdminSeedLists, SeedCopiesArePresent) {
  for (const char* name : {"004_9ddbe00322491311.txt", "002_9095db8ab0e3ea0b.txt"})
    EXPECT_TRUE(std::filesystem::is_regular_file(seed_file(name))) << name;
}

TEST(AdminSeedLists, ParserSplits2024ListAtArcata) {
  const auto parts = split_at_restarts(seed_list("004_9ddbe00322491311.txt"));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].size(), 219u);
  EXPECT_EQ(parts[1].size(), 31u);
  EXPECT_EQ(parts[1].front().name, "Arcata Elementary");
  EXPECT_EQ(parts[0].front().name, "ABC Unified");
  EXPECT_EQ(parts[0].back().name, "Yolo County Office of Education");
  EXPECT_EQ(parts[1].back().name, "Wright Elementary");
}

TEST(AdminSeedLists, Rsvp2024MatchesSeed) {
  const auto admin = load("2024-25");
  const auto parts = split_at_restarts(seed_list("004_9ddbe00322491311.txt"));
  ASSERT_EQ(parts.size(), 2u);
  ASSERT_EQ(admin.programs.size(), 2u);
  EXPECT_EQ(admin.source, "004_9ddbe00322491311.txt");
  EXPECT_EQ(admin.code_kind, LeaCodeKind::Cds14);

  const Program& rsvp = admin.programs[0];
  EXPECT_EQ(rsvp.id, "rsvp");
  EXPECT_EQ(rsvp.form, Form::F1);
  EXPECT_EQ(rsvp.grades, (std::vector<Grade>{Grade::KN, Grade::G01, Grade::G02}));
  expect_same_list(rsvp, parts[0]);
}

TEST(AdminSeedLists, Form2SecondScoring2024MatchesSeed) {
  const auto admin = load("2024-25");
  const auto parts = split_at_restarts(seed_list("004_9ddbe00322491311.txt"));
  ASSERT_EQ(parts.size(), 2u);
  ASSERT_EQ(admin.programs.size(), 2u);
  const Program& form2 = admin.programs[1];
  EXPECT_EQ(form2.id, "form2-second-scoring");
  EXPECT_EQ(form2.form, Form::F2);
  EXPECT_EQ(form2.grades, std::vector<Grade>{Grade::KN});
  expect_same_list(form2, parts[1]);
}

TEST(AdminSeedLists, Rsvp2020MatchesSeed) {
  const auto admin = load("2020-21");
  const auto seed = seed_list("002_9095db8ab0e3ea0b.txt");
  EXPECT_EQ(seed.size(), 221u);
  EXPECT_EQ(split_at_restarts(seed).size(), 1u);  // one alphabetical list
  ASSERT_EQ(admin.programs.size(), 1u);
  EXPECT_EQ(admin.source, "002_9095db8ab0e3ea0b.txt");
  EXPECT_EQ(admin.code_kind, LeaCodeKind::Lea7);
  const Program& rsvp = admin.programs[0];
  EXPECT_EQ(rsvp.id, "rsvp");
  EXPECT_EQ(rsvp.form, Form::F1);
  EXPECT_EQ(rsvp.grades, (std::vector<Grade>{Grade::KN, Grade::G01, Grade::G02}));
  expect_same_list(rsvp, seed);
}

TEST(AdminSeedLists, The2024ListsShareNoCode) {
  const auto admin = load("2024-25");
  ASSERT_EQ(admin.programs.size(), 2u);
  std::set<std::string> rsvp;
  for (const auto& lea : admin.programs[0].leas) rsvp.insert(lea.code);
  for (const auto& lea : admin.programs[1].leas) EXPECT_FALSE(rsvp.contains(lea.code)) << lea.name;
}

struct Irregular {
  const char* year;
  std::size_t program;
  const char* name;
  const char* code;
};

void PrintTo(const Irregular& e, std::ostream* os) {
  *os << e.year << " " << e.name << " (" << e.code << ")";
}

class AdminIrregularEntries : public testing::TestWithParam<Irregular> {};

TEST_P(AdminIrregularEntries, AreKeptExactly) {
  const Irregular& e = GetParam();
  const auto admin = load(e.year);
  ASSERT_LT(e.program, admin.programs.size());
  const auto& leas = admin.programs[e.program].leas;
  const bool found = std::ranges::any_of(
      leas, [&](const SelectedLea& lea) { return lea.name == e.name && lea.code == e.code; });
  EXPECT_TRUE(found) << e.name << " (" << e.code << ")";
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, AdminIrregularEntries,
    testing::Values(
        // no space before the code in the seed
        Irregular{"2024-25", 1, "Aspire Firestone Academy Charter", "19647330122622"},
        // names that contain parentheses
        Irregular{"2024-25", 0, "Feaster (Mae L.) Charter", "37680236037956"},
        Irregular{"2024-25", 0, "Gabriella Charter (2)", "19647330135509"},
        Irregular{"2024-25", 0, "Harold McAlister High (Opportunity)", "19647331930619"},
        Irregular{"2024-25", 0, "Orchard Academies (2)C", "19647330122408"},
        Irregular{"2024-25", 0, "Mueller Charter (Robert L.)", "37680236037980"},
        Irregular{"2024-25", 0, "Magnolia Science Academy (2)", "19101990115212"},
        Irregular{"2024-25", 0, "Magnolia Science Academy (7)", "19647330117655"},
        Irregular{"2020-21", 0, "Five Keys Independence HS (SF Sheriff's)", "0118141"},
        // the same name twice with different codes
        Irregular{"2024-25", 0, "Liberty Elementary", "54719850000000"},
        Irregular{"2024-25", 0, "Liberty Elementary", "49707970000000"},
        Irregular{"2024-25", 0, "Mountain View Elementary", "19648160000000"},
        Irregular{"2024-25", 0, "Mountain View Elementary", "19647336018238"},
        Irregular{"2024-25", 0, "Magnolia Science Academy", "19101996119945"},
        Irregular{"2020-21", 0, "Jefferson Elementary", "3968544"},
        Irregular{"2020-21", 0, "Jefferson Elementary", "4168916"},
        // '#', '@', '&', apostrophes
        Irregular{"2024-25", 0, "CHAMPS - Charter HS of Arts-Multimedia & Performing", "19647330108878"},
        Irregular{"2020-21", 0, "Camino Nuevo Charter Academy #2", "0122861"},
        Irregular{"2020-21", 0, "California Connections Academy @ North Bay", "0129601"},
        Irregular{"2020-21", 0, "California Connections Academy@Central", "0112458"},
        Irregular{"2020-21", 0, "Impact Academy of Arts & Technology", "0113902"},
        Irregular{"2020-21", 0, "CHIME Institute's Schwarzenegger Community", "6119531"},
        Irregular{"2020-21", 0, "Today's Fresh Start Charter School Inglewood", "0119552"},
        // lower-case first letter, sorted among the o's
        Irregular{"2024-25", 0, "one.Charter", "39103970120717"},
        Irregular{"2020-21", 0, "one.Charter", "0120717"}));

}  // namespace
}  // namespace lg::admin

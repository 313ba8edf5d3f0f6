// Which LEAs a program selects: full 14-digit CDS codes (2024–25) and 7-digit LEA codes (2020–21).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/admin/administration.hpp"

namespace lg::admin {
namespace {

CdsCode cds(const char* digits) { return CdsCode::parse(digits).value(); }

const Administration& admin(const char* year) {
  static const Administration y2024 = find_administration(AdminYear::parse("2024-25").value()).value();
  static const Administration y2020 = find_administration(AdminYear::parse("2020-21").value()).value();
  return std::string_view(year) == "2024-25" ? y2024 : y2020;
}

std::vector<std::string> ids(const std::vector<const Program*>& programs) {
  std::vector<std::string> out;
  for (const Program* p : programs) out.push_back(p->id);
  return out;
}

struct Case {
  const char* what;
  const char* year;
  const char* lea_cds;
  std::vector<std::string> programs;  ///< ids of the programs that select the LEA
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.what; }

class AdminSelects : public testing::TestWithParam<Case> {};

TEST_P(AdminSelects, MatchesTheLists) {
  const Case& c = GetParam();
  const Administration& a = admin(c.year);
  EXPECT_EQ(ids(a.programs_selecting(cds(c.lea_cds))), c.programs) << c.what;
  for (const Program& program : a.programs) {
    const bool expected = std::ranges::find(c.programs, program.id) != c.programs.end();
    EXPECT_EQ(a.selects(program, cds(c.lea_cds)), expected) << c.what << " / " << program.id;
  }
}

using Ids = std::vector<std::string>;

INSTANTIATE_TEST_SUITE_P(
    Lists, AdminSelects,
    testing::Values(
        Case{"2024-25 district (ABC Unified)", "2024-25", "19642120000000", Ids{"rsvp"}},
        Case{"2024-25 charter (Accelerated Charter Elementary)", "2024-25", "19647330100743", Ids{"rsvp"}},
        Case{"2024-25 Form 2 only (Arcata Elementary)", "2024-25", "12626790000000",
             Ids{"form2-second-scoring"}},
        Case{"2024-25 Form 2 only, no space in seed (Aspire Firestone)", "2024-25", "19647330122622",
             Ids{"form2-second-scoring"}},
        Case{"2024-25 unknown (Los Angeles Unified is not listed)", "2024-25", "19647330000000", Ids{}},
        Case{"2024-25 full code must match: a school code inside ABC Unified", "2024-25", "19642121930000",
             Ids{}},
        Case{"2020-21 district by county+district (Los Angeles Unified 1964733)", "2020-21", "19647330000000",
             Ids{"rsvp"}},
        Case{"2020-21 district (Atascadero Unified 4068700)", "2020-21", "40687000000000", Ids{"rsvp"}},
        Case{"2020-21 charter by school code (Cox Academy 6001788)", "2020-21", "01100176001788",
             Ids{"rsvp"}},
        Case{"2020-21 charter in a listed district, listed itself (Aspire Firestone 0122622)", "2020-21",
             "19647330122622", Ids{"rsvp"}},
        Case{"2020-21 charter in a listed district, not listed itself", "2020-21", "19647330100743", Ids{}},
        Case{"2020-21 unknown district", "2020-21", "01611920000000", Ids{}}));

TEST(AdminProgramFor, FindsTheProgramOfEachForm) {
  ASSERT_NE(admin("2024-25").program_for(Form::F1), nullptr);
  EXPECT_EQ(admin("2024-25").program_for(Form::F1)->id, "rsvp");
  ASSERT_NE(admin("2024-25").program_for(Form::F2), nullptr);
  EXPECT_EQ(admin("2024-25").program_for(Form::F2)->id, "form2-second-scoring");
  EXPECT_EQ(admin("2020-21").program_for(Form::F2), nullptr);
}

TEST(AdminSelectsIndex, LoadedProgramsAreIndexed) {
  for (const Program& program : admin("2024-25").programs) EXPECT_NE(program.index, nullptr) << program.id;
}

TEST(AdminSelectsIndex, HandBuiltProgramWithoutIndexScansTheList) {
  Administration a;
  a.code_kind = LeaCodeKind::Lea7;
  a.programs.push_back(Program{"rsvp", "RSVP", Form::F1, {Grade::KN}, {{"1964733", "Los Angeles Unified"}}});
  ASSERT_EQ(a.programs[0].index, nullptr);
  EXPECT_TRUE(a.selects(a.programs[0], cds("19647330000000")));
  EXPECT_FALSE(a.selects(a.programs[0], cds("19647330100743")));
  a.programs[0].rebuild_index();
  ASSERT_NE(a.programs[0].index, nullptr);
  EXPECT_TRUE(a.selects(a.programs[0], cds("19647330000000")));
  EXPECT_FALSE(a.selects(a.programs[0], cds("19647330100743")));
}

TEST(AdminSelectsIndex, IndexedAndScannedAnswersAgree) {
  for (const char* year : {"2024-25", "2020-21"}) {
    const Administration& a = admin(year);
    for (const Program& program : a.programs) {
      Program scanned = program;
      scanned.index.reset();
      for (const Program& source : a.programs)
        for (const SelectedLea& lea : source.leas) {
          // CDS codes whose lea7() is the listed code: as a district (code + 0000000) and as a
          // charter school inside some district.
          std::vector<std::string> codes{lea.code};
          if (lea.code.size() == 7) codes = {lea.code + "0000000", "1964733" + lea.code};
          for (const auto& code : codes) {
            const CdsCode c = cds(code.c_str());
            EXPECT_EQ(a.selects(program, c), a.selects(scanned, c)) << year << " " << code;
            if (&source == &program) {
              EXPECT_TRUE(a.selects(program, c)) << year << " " << code;
            }
          }
        }
    }
  }
}

TEST(AdminSelectsIndex, DefaultCodeSelectsNothing) {
  for (const char* year : {"2024-25", "2020-21"})
    for (const Program& program : admin(year).programs) EXPECT_FALSE(admin(year).selects(program, CdsCode{}));
}

}  // namespace
}  // namespace lg::admin

// load_administration rejects broken files with messages that name the file and the key.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "labelgen/admin/administration.hpp"
#include "tests/admin/admin_fixtures.hpp"
#include "tests/support/support.hpp"

namespace lg::admin {
namespace {

/// `text` with the first occurrence of `from` replaced by `to` (`from` must occur).
std::string edited(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "fixture lacks: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::size_t line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  return at == std::string::npos
             ? 0
             : 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

TEST(AdminLoader, MinimalFileLoads) {
  test::ScratchDir dir;
  auto admin = load_administration(dir.write("ok.toml", test::minimal_administration_toml()));
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_EQ(admin->year.str(), "2030-31");
  EXPECT_EQ(admin->title, "Test administration");
  EXPECT_EQ(admin->windows.size(), 2u);
  ASSERT_EQ(admin->programs.size(), 1u);
  EXPECT_EQ(admin->programs[0].leas.size(), 2u);
  EXPECT_EQ(admin->programs[0].leas[1].name, "Accelerated Charter Elementary");
}

TEST(AdminLoader, TkIsListedAsKindergarten) {
  test::ScratchDir dir;
  auto text = edited(test::minimal_administration_toml(), R"(grades = ["KN", "01", "02"])",
                     R"(grades = ["TK", "KN", "1"])");
  auto admin = load_administration(dir.write("tk.toml", text));
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_EQ(admin->programs[0].grades, (std::vector<Grade>{Grade::KN, Grade::G01}));
}

TEST(AdminLoader, ScheduleKeysAreOptional) {
  test::ScratchDir dir;
  std::string text = test::minimal_administration_toml();
  text = edited(text, "last_ship_date = 2030-12-09\n", "");
  text = edited(text, "tested_on_or_before = 2030-10-31\n", "");
  text = text.substr(0, text.find("[[windows]]")) + text.substr(text.find("[[programs]]"));
  auto admin = load_administration(dir.write("nowindows.toml", text));
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_TRUE(admin->windows.empty());
  EXPECT_FALSE(admin->last_ship_date);
  EXPECT_FALSE(admin->tested_on_or_before);
}

TEST(AdminLoader, MissingFileIsNamed) {
  test::ScratchDir dir;
  auto admin = load_administration(dir / "nope.toml");
  ASSERT_FALSE(admin);
  EXPECT_NE(admin.error().message.find((dir / "nope.toml").string()), std::string::npos)
      << admin.error().message;
  EXPECT_NE(admin.error().message.find("not found"), std::string::npos) << admin.error().message;
}

TEST(AdminLoader, MissingProgramsAreReported) {
  test::ScratchDir dir;
  std::string text = test::minimal_administration_toml();
  const auto file = dir.write("noprograms.toml", text.substr(0, text.find("[[programs]]")));
  auto admin = load_administration(file);
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().field, "programs");
  EXPECT_EQ(admin.error().message, file.string() + ": programs: missing required key");
}

struct BadFile {
  const char* name;
  std::string from;                  ///< text of the valid fixture to replace
  std::string to;                    ///< replacement
  std::string field;                 ///< expected Error::field
  std::string why;                   ///< expected part of the message
  bool line_of_replacement = false;  ///< the message gives the line of `to`
};

void PrintTo(const BadFile& c, std::ostream* os) { *os << c.name; }

class AdminLoaderRejects : public testing::TestWithParam<BadFile> {};

TEST_P(AdminLoaderRejects, NamesFileAndKey) {
  const BadFile& c = GetParam();
  test::ScratchDir dir;
  const std::string text = edited(test::minimal_administration_toml(), c.from, c.to);
  const auto file = dir.write(std::string(c.name) + ".toml", text);
  auto admin = load_administration(file);
  ASSERT_FALSE(admin) << c.name;
  const Error& e = admin.error();
  EXPECT_EQ(e.field, c.field) << e.message;
  EXPECT_TRUE(e.message.starts_with(file.string() + ": " + c.field + ": ")) << e.message;
  EXPECT_NE(e.message.find(c.why), std::string::npos) << e.message;
  if (c.line_of_replacement) {
    EXPECT_NE(e.message.find("(line " + std::to_string(line_of(text, c.to)) + ", column "), std::string::npos)
        << e.message;
  }
}

const std::string kLea0 = R"({ code = "19642120000000", name = "ABC Unified" })";
const std::string kLea1 = R"({ code = "19647330100743", name = "Accelerated Charter Elementary" })";
const std::string kWindow0 =
    "start = 2030-07-01\nend = 2030-07-31\npreid_arrival = 2030-08-19\nship_by = 2030-09-06\n";
const std::string kWindow1 =
    "start = 2030-08-05\nend = 2030-09-03\npreid_arrival = 2030-09-23\nship_by = 2030-10-14\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, AdminLoaderRejects,
    testing::Values(
        // missing keys
        BadFile{"missing_year", "year = \"2030-31\"\n", "", "year", "missing required key"},
        BadFile{"missing_ship_by", "ship_by = 2030-09-06\n", "", "windows[0].ship_by",
                "missing required key"},
        BadFile{"missing_lea_name", kLea1, R"({ code = "19647330100743" })", "programs[0].leas[1].name",
                "missing required key"},
        BadFile{"missing_grades", "grades = [\"KN\", \"01\", \"02\"]\n", "", "programs[0].grades",
                "missing required key"},
        // wrong types
        BadFile{"hold_days_string", "hold_days = 30", "hold_days = \"30\"", "hold_days",
                "expected an integer, got a string", true},
        BadFile{"form_string", "form = 1", "form = \"1\"", "programs[0].form",
                "expected an integer, got a string", true},
        BadFile{"grades_string", "grades = [\"KN\", \"01\", \"02\"]", "grades = \"KN\"", "programs[0].grades",
                "expected an array, got a string", true},
        BadFile{"code_integer", R"(code = "19642120000000")", "code = 19642120000000",
                "programs[0].leas[0].code", "codes are strings"},
        BadFile{"title_integer", "title = \"Test administration\"", "title = 7", "title",
                "expected a string, got an integer", true},
        BadFile{"empty_name", R"(name = "ABC Unified")", R"(name = "")", "programs[0].leas[0].name",
                "non-empty text"},
        BadFile{"name_trailing_space", R"(name = "ABC Unified")", R"(name = "ABC Unified ")",
                "programs[0].leas[0].name", "without leading or trailing spaces"},
        // codes
        BadFile{"code_13_digits", kLea0, R"({ code = "1964212000000", name = "ABC Unified" })",
                "programs[0].leas[0].code", "CDS code must be exactly 14 digits", true},
        BadFile{"code_7_digits_in_cds14", kLea0, R"({ code = "1964212", name = "ABC Unified" })",
                "programs[0].leas[0].code", "this looks like a 7-digit LEA code but code_kind is \"cds14\"",
                true},
        BadFile{"code_letters", kLea1,
                R"({ code = "1964733010074X", name = "Accelerated Charter Elementary" })",
                "programs[0].leas[1].code", "must be exactly 14 digits", true},
        BadFile{"cds14_code_in_lea7", "code_kind = \"cds14\"", "code_kind = \"lea7\"",
                "programs[0].leas[0].code",
                "LEA code must be exactly 7 digits, got '19642120000000' (14 characters); this looks like a "
                "14-digit CDS code"},
        BadFile{"duplicate_code", kLea1, R"({ code = "19642120000000", name = "ABC Unified again" })",
                "programs[0].leas[1].code", "duplicate code 19642120000000", true},
        BadFile{"no_leas", "leas = [\n  " + kLea0 + ",\n  " + kLea1 + ",\n]", "leas = []", "programs[0].leas",
                "at least one LEA", true},
        // dates
        BadFile{"date_quoted", "start = 2030-07-01", "start = \"2030-07-01\"", "windows[0].start",
                "without quotes", true},
        BadFile{"date_text", "start = 2030-07-01", "start = \"July 1, 2030\"", "windows[0].start",
                "expected a date such as 2024-07-03, got a string", true},
        BadFile{"date_time", "ship_by = 2030-09-06", "ship_by = 2030-09-06T17:00:00", "windows[0].ship_by",
                "got a date-time", true},
        BadFile{"last_ship_integer", "last_ship_date = 2030-12-09", "last_ship_date = 20301209",
                "last_ship_date", "expected a date", true},
        // windows
        BadFile{"end_before_start", "end = 2030-07-31", "end = 2030-06-30", "windows[0].end",
                "is before the window's start"},
        BadFile{"arrival_not_after_end", "preid_arrival = 2030-08-19", "preid_arrival = 2030-07-31",
                "windows[0].preid_arrival", "must be after the window's end"},
        BadFile{"ship_before_arrival", "ship_by = 2030-09-06", "ship_by = 2030-08-18", "windows[0].ship_by",
                "is before the Pre-ID arrival date"},
        BadFile{"unsorted_windows", kWindow0 + "\n[[windows]]\n" + kWindow1,
                kWindow1 + "\n[[windows]]\n" + kWindow0, "windows[1].start",
                "windows must be listed in date order"},
        BadFile{"overlapping_windows", "start = 2030-08-05", "start = 2030-07-31", "windows[1].start",
                "overlaps windows[0] (2030-07-01 to 2030-07-31)", true},
        BadFile{"window_outside_year", "start = 2030-07-01", "start = 2030-06-30", "windows[0].start",
                "administration year"},
        BadFile{"window_after_tested_on_or_before", "tested_on_or_before = 2030-10-31",
                "tested_on_or_before = 2030-08-31", "windows[1].end", "is after tested_on_or_before"},
        BadFile{"ship_after_last_ship_date", "last_ship_date = 2030-12-09", "last_ship_date = 2030-10-01",
                "windows[1].ship_by", "is after last_ship_date"},
        BadFile{"windows_not_tables", "[[windows]]\n" + kWindow0 + "\n[[windows]]\n" + kWindow1,
                "windows = [2030-07-01]\n", "windows[0]", "expected a table, got a date"},
        // programs
        BadFile{"unknown_grade", R"(grades = ["KN", "01", "02"])", R"(grades = ["KN", "13", "02"])",
                "programs[0].grades[1]", "grade must be TK, KN or 01-12"},
        BadFile{"grade_integer", R"(grades = ["KN", "01", "02"])", R"(grades = ["KN", 1])",
                "programs[0].grades[1]", "expected a string, got an integer"},
        BadFile{"no_grades", R"(grades = ["KN", "01", "02"])", "grades = []", "programs[0].grades",
                "at least one grade"},
        BadFile{"form_3", "form = 1", "form = 3", "programs[0].form", "form must be 1 or 2", true},
        BadFile{"two_programs_same_form", "[[programs]]",
                "[[programs]]\nid = \"other\"\nname = \"Other\"\nform = 1\ngrades = [\"KN\"]\nleas = [" +
                    kLea0 + "]\n\n[[programs]]",
                "programs[1].form", "form 1 already has a program (programs[0])"},
        BadFile{"two_programs_same_id", "[[programs]]",
                "[[programs]]\nid = \"rsvp\"\nname = \"Other\"\nform = 2\ngrades = [\"KN\"]\nleas = [" +
                    kLea0 + "]\n\n[[programs]]",
                "programs[1].id", "program id 'rsvp' is already used by programs[0]"},
        // top level
        BadFile{"unknown_key", "hold_days = 30", "ship_date = 2030-12-09\nhold_days = 30", "ship_date",
                "unknown key (expected one of: year, title", true},
        BadFile{"unknown_window_key", "ship_by = 2030-09-06", "ship_by = 2030-09-06\nshipby = 2030-09-06",
                "windows[0].shipby", "unknown key"},
        BadFile{"bad_year", "year = \"2030-31\"", "year = \"2030\"", "year",
                "administration must look like 2024-25", true},
        BadFile{"bad_code_kind", "code_kind = \"cds14\"", "code_kind = \"cds\"", "code_kind",
                "must be \"cds14\" (14-digit CDS codes) or \"lea7\"", true},
        BadFile{"negative_hold", "hold_days = 30", "hold_days = -1", "hold_days", "must be 0 to 365 days",
                true}),
    [](const testing::TestParamInfo<BadFile>& param) { return std::string(param.param.name); });

struct SyntaxError {
  const char* name;
  std::string from;
  std::string to;
  std::string location;  ///< `:line:column:`
};

void PrintTo(const SyntaxError& c, std::ostream* os) { *os << c.name; }

class AdminLoaderSyntax : public testing::TestWithParam<SyntaxError> {};

TEST_P(AdminLoaderSyntax, ReportsFileLineAndColumn) {
  const SyntaxError& c = GetParam();
  test::ScratchDir dir;
  const auto file =
      dir.write(std::string(c.name) + ".toml", edited(test::minimal_administration_toml(), c.from, c.to));
  auto admin = load_administration(file);
  ASSERT_FALSE(admin);
  EXPECT_TRUE(admin.error().message.starts_with(file.string() + c.location + " TOML syntax error: "))
      << admin.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AdminLoaderSyntax,
    testing::Values(SyntaxError{"unterminated_string", "title = \"Test administration\"",
                                "title = \"Test administration", ":3:29:"},
                    SyntaxError{"impossible_date", "start = 2030-07-01", "start = 2030-02-30", ":11:19:"},
                    SyntaxError{"missing_value", "hold_days = 30", "hold_days =", ":6:12:"},
                    SyntaxError{"duplicate_key", "hold_days = 30", "hold_days = 30\nhold_days = 31",
                                ":7:13:"}),
    [](const testing::TestParamInfo<SyntaxError>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace lg::admin

// find_administration / available_administrations: administrations are data files, so a new year
// needs one file and no code.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "tests/admin/admin_fixtures.hpp"
#include "tests/support/support.hpp"

namespace lg::admin {
namespace {

AdminYear year(const char* text) { return AdminYear::parse(text).value(); }

TEST(AdminFiles, ListsItsAdministrations) {
  const auto years = available_administrations();
  EXPECT_NE(std::ranges::find(years, "2020-21"), years.end());
  EXPECT_NE(std::ranges::find(years, "2024-25"), years.end());
  EXPECT_TRUE(std::ranges::is_sorted(years));
}

TEST(AdminFiles, EveryAdministrationFileLoads) {
  for (const auto& name : available_administrations()) {
    auto admin = find_administration(year(name.c_str()));
    ASSERT_TRUE(admin) << admin.error().message;
    EXPECT_EQ(admin->year.str(), name);
    EXPECT_FALSE(admin->title.empty());
    EXPECT_TRUE(std::filesystem::is_regular_file(test::repo_dir() / "tests/data/seeds" / admin->source))
        << name << ": source " << admin->source << " is not kept in tests/data/seeds";
  }
}

TEST(AdminFiles, FormatIsDocumented) {
  EXPECT_TRUE(std::filesystem::is_regular_file(test::repo_dir() / "templates/administrations/README.md"));
}

TEST(AdminFiles, MissingYearListsAvailableYears) {
  auto admin = find_administration(year("2019-20"));
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().field, "administration");
  EXPECT_NE(admin.error().message.find("no administration data for 2019-20"), std::string::npos)
      << admin.error().message;
  EXPECT_NE(admin.error().message.find("2019-20.toml does not exist"), std::string::npos)
      << admin.error().message;
  EXPECT_NE(admin.error().message.find("available: 2020-21, 2024-25"), std::string::npos)
      << admin.error().message;
}

TEST(AdminNewYear, OneDataFileIsEnough) {
  test::ScratchDir data;
  data.write("templates/administrations/2030-31.toml", test::minimal_administration_toml());
  data.write("templates/administrations/README.md", "not an administration\n");
  data.write("templates/administrations/notes.toml", "# not named after a year\n");
  test::EnvGuard env("LABELGEN_DATA_DIR", data.path().string());

  EXPECT_EQ(available_administrations(), std::vector<std::string>{"2030-31"});
  auto admin = find_administration(year("2030-31"));
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_EQ(admin->year.str(), "2030-31");
  ASSERT_EQ(admin->programs.size(), 1u);
  EXPECT_EQ(admin->programs[0].leas.size(), 2u);
  EXPECT_TRUE(admin->selects(admin->programs[0], CdsCode::parse("19642120000000").value()));
  ASSERT_EQ(admin->windows.size(), 2u);
  EXPECT_EQ(admin->window_for(Date::parse("2030-07-15").value()), &admin->windows[0]);

  auto missing = find_administration(year("2024-25"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("available: 2030-31"), std::string::npos) << missing.error().message;
}

TEST(AdminNewYear, FileMustDeclareItsOwnYear) {
  test::ScratchDir data;
  data.write("templates/administrations/2031-32.toml", test::minimal_administration_toml());
  test::EnvGuard env("LABELGEN_DATA_DIR", data.path().string());
  auto admin = find_administration(year("2031-32"));
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().field, "year");
  EXPECT_NE(admin.error().message.find("2031-32.toml: year: the file says 2030-31"), std::string::npos)
      << admin.error().message;
}

TEST(AdminNewYear, EmptyDataDirHasNoAdministrations) {
  test::ScratchDir data;
  test::EnvGuard env("LABELGEN_DATA_DIR", data.path().string());
  EXPECT_TRUE(available_administrations().empty());
  auto admin = find_administration(year("2024-25"));
  ASSERT_FALSE(admin);
  EXPECT_NE(admin.error().message.find("available: none"), std::string::npos) << admin.error().message;
}

}  // namespace
}  // namespace lg::admin

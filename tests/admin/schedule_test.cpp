// The 2024–25 schedule table and Administration::window_for.
#include <gtest/gtest.h>

#include <optional>

#include "labelgen/admin/administration.hpp"
#include "tests/support/support.hpp"

namespace lg::admin {
namespace {

Date d(const char* iso) { return Date::parse(iso).value(); }

Administration load(const std::string& year) {
  auto admin = find_administration(AdminYear::parse(year).value());
  EXPECT_TRUE(admin) << admin.error().message;
  return admin ? *admin : Administration{};
}

struct Row {
  const char* start;
  const char* end;
  const char* arrival;
  const char* ship_by;
};

// "Schedule and Return Dates" table of the 2024–25 seed document.
constexpr Row kSeedTable[] = {
    {"2024-07-03", "2024-08-02", "2024-08-19", "2024-09-06"},
    {"2024-08-05", "2024-09-03", "2024-09-23", "2024-10-14"},
    {"2024-09-04", "2024-09-27", "2024-10-14", "2024-10-25"},
    {"2024-09-30", "2024-10-31", "2024-11-18", "2024-12-09"},
};

TEST(AdminSchedule2024, WindowsAreTheSeedTable) {
  const auto admin = load("2024-25");
  ASSERT_EQ(admin.windows.size(), std::size(kSeedTable));
  for (std::size_t i = 0; i < admin.windows.size(); ++i) {
    const Window& w = admin.windows[i];
    EXPECT_EQ(w.start, d(kSeedTable[i].start)) << i;
    EXPECT_EQ(w.end, d(kSeedTable[i].end)) << i;
    EXPECT_EQ(w.preid_arrival, d(kSeedTable[i].arrival)) << i;
    EXPECT_EQ(w.ship_by, d(kSeedTable[i].ship_by)) << i;
  }
}

TEST(AdminSchedule2024, DatesAndHold) {
  const auto admin = load("2024-25");
  EXPECT_EQ(admin.year.str(), "2024-25");
  EXPECT_EQ(admin.last_ship_date, d("2024-12-09"));
  EXPECT_EQ(admin.tested_on_or_before, d("2024-10-31"));
  EXPECT_EQ(admin.hold_days, 30);
}

TEST(AdminSchedule2024, FirstAndLastDayOfEveryWindowMapToIt) {
  const auto admin = load("2024-25");
  for (const Window& w : admin.windows) {
    EXPECT_EQ(admin.window_for(w.start), &w) << w.start.iso();
    EXPECT_EQ(admin.window_for(w.end), &w) << w.end.iso();
  }
}

struct Lookup {
  const char* tested;
  std::optional<std::size_t> window;  ///< index, or nullopt for "no window"
};

void PrintTo(const Lookup& c, std::ostream* os) { *os << c.tested; }

class AdminWindowFor2024 : public testing::TestWithParam<Lookup> {};

TEST_P(AdminWindowFor2024, FindsTheWindow) {
  static const auto admin = load("2024-25");
  const Lookup& c = GetParam();
  const Window* w = admin.window_for(d(c.tested));
  if (c.window) {
    ASSERT_NE(w, nullptr) << c.tested;
    EXPECT_EQ(w, &admin.windows[*c.window]) << c.tested;
  } else {
    EXPECT_EQ(w, nullptr) << c.tested << " maps to " << w->start.iso();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Seed, AdminWindowFor2024,
    testing::Values(Lookup{"2024-06-30", std::nullopt},  // before July 1
                    Lookup{"2024-07-02", std::nullopt},  // day before the first window
                    Lookup{"2024-07-03", 0}, Lookup{"2024-07-20", 0}, Lookup{"2024-08-02", 0},
                    Lookup{"2024-08-03", std::nullopt},  // Saturday gap
                    Lookup{"2024-08-04", std::nullopt},  // Sunday gap
                    Lookup{"2024-08-05", 1}, Lookup{"2024-09-03", 1}, Lookup{"2024-09-04", 2},
                    Lookup{"2024-09-27", 2}, Lookup{"2024-09-28", std::nullopt},  // Saturday gap
                    Lookup{"2024-09-29", std::nullopt},                           // Sunday gap
                    Lookup{"2024-09-30", 3}, Lookup{"2024-10-31", 3},
                    Lookup{"2024-11-01", std::nullopt},  // after tested_on_or_before
                    Lookup{"2024-12-09", std::nullopt}, Lookup{"2025-03-15", std::nullopt},
                    Lookup{"2025-06-30", std::nullopt}));

TEST(AdminSchedule2024, GapsAreWeekends) {
  for (const char* day : {"2024-08-03", "2024-08-04", "2024-09-28", "2024-09-29"})
    EXPECT_TRUE(d(day).is_weekend());
}

TEST(AdminSchedule2024, WindowForAgreesWithALinearScanEveryDay) {
  const auto admin = load("2024-25");
  for (Date day = d("2024-06-01"); day <= d("2025-07-31"); day = day.plus_days(1)) {
    const Window* expected = nullptr;
    for (const Window& w : admin.windows)
      if (w.start <= day && day <= w.end) expected = &w;
    EXPECT_EQ(admin.window_for(day), expected) << day.iso();
  }
}

TEST(AdminSchedule2020, HasNoSchedule) {
  const auto admin = load("2020-21");
  EXPECT_TRUE(admin.windows.empty());
  EXPECT_FALSE(admin.last_ship_date);
  EXPECT_FALSE(admin.tested_on_or_before);
  EXPECT_EQ(admin.hold_days, 0);  // the 2020–21 document sets no hold period
  EXPECT_EQ(admin.window_for(d("2020-10-01")), nullptr);
}

TEST(AdminWindowFor, WorksOnAHandBuiltAdministration) {
  Administration admin;
  admin.windows = {Window{d("2030-07-01"), d("2030-07-01"), d("2030-07-15"), d("2030-07-20")},
                   Window{d("2030-07-03"), d("2030-07-10"), d("2030-07-20"), d("2030-07-30")}};
  EXPECT_EQ(admin.window_for(d("2030-07-01")), &admin.windows[0]);  // one-day window
  EXPECT_EQ(admin.window_for(d("2030-07-02")), nullptr);
  EXPECT_EQ(admin.window_for(d("2030-07-10")), &admin.windows[1]);
  EXPECT_EQ(admin.window_for(d("2030-07-11")), nullptr);
  EXPECT_EQ(Administration{}.window_for(d("2030-07-01")), nullptr);
}

}  // namespace
}  // namespace lg::admin

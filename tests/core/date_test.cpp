#include "labelgen/core/date.hpp"

#include <gtest/gtest.h>

namespace lg {
namespace {

struct DateCase {
  const char* text;
  bool ok;
};

class DateParse : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateParse, AcceptsOnlyRealIsoDates) {
  const auto& c = GetParam();
  auto d = Date::parse(c.text);
  EXPECT_EQ(d.has_value(), c.ok) << c.text;
  if (d) {
    EXPECT_EQ(d->iso(), c.text);
  }
  if (!d) {
    EXPECT_NE(d.error().message.find(c.text), std::string::npos) << "message names the value";
  }
}

INSTANTIATE_TEST_SUITE_P(Table, DateParse,
                         ::testing::Values(DateCase{"2024-08-15", true}, DateCase{"2024-02-29", true},
                                           DateCase{"2024-02-30", false}, DateCase{"2023-02-29", false},
                                           DateCase{"2024-13-01", false}, DateCase{"2024-00-10", false},
                                           DateCase{"2024-04-31", false}, DateCase{"2024-8-15", false},
                                           DateCase{"08/15/2024", false}, DateCase{"", false},
                                           DateCase{"2024-08-15x", false}, DateCase{"2024-12-31", true}));

TEST(Date, ArithmeticAndWeekday) {
  auto d = *Date::parse("2024-08-02");
  EXPECT_EQ(d.weekday(), 5u);  // Friday
  EXPECT_TRUE(d.plus_days(1).is_weekend());
  EXPECT_EQ(d.plus_days(30).iso(), "2024-09-01");
  EXPECT_EQ(d.year_month(), "2024-08");
  EXPECT_LT(d, d.plus_days(1));
}

struct TimestampCase {
  const char* text;
  bool ok;
  const char* date;
};

class TimestampParse : public ::testing::TestWithParam<TimestampCase> {};

TEST_P(TimestampParse, DateWithOptionalTime) {
  const auto& c = GetParam();
  auto t = Timestamp::parse(c.text);
  ASSERT_EQ(t.has_value(), c.ok) << c.text;
  if (t) {
    EXPECT_EQ(t->date.iso(), c.date);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, TimestampParse,
                         ::testing::Values(TimestampCase{"2024-08-12", true, "2024-08-12"},
                                           TimestampCase{"2024-08-12T14:03", true, "2024-08-12"},
                                           TimestampCase{"2024-08-12T14:03:59", true, "2024-08-12"},
                                           TimestampCase{"2024-08-12 14:03:59.123", true, "2024-08-12"},
                                           TimestampCase{"2024-08-12T14:03:00Z", true, "2024-08-12"},
                                           TimestampCase{"2024-08-12T14:03:00-07:00", true, "2024-08-12"},
                                           TimestampCase{"2024-08-12T25:00", false, ""},
                                           TimestampCase{"2024-08-12T14", false, ""},
                                           TimestampCase{"2024-08-12T14:03:00+0700", false, ""},
                                           TimestampCase{"2024-02-30T10:00", false, ""}));

TEST(Timestamp, OrdersByInstant) {
  auto a = *Timestamp::parse("2024-08-12T10:00:00-07:00");  // 17:00Z
  auto b = *Timestamp::parse("2024-08-12T16:00:00Z");
  auto c = *Timestamp::parse("2024-08-12T09:00");
  EXPECT_TRUE(b < a);
  EXPECT_TRUE(c < a);
  EXPECT_TRUE(*Timestamp::parse("2024-08-12") < c);
}

}  // namespace
}  // namespace lg

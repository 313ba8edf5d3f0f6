#include "labelgen/core/ids.hpp"

#include <gtest/gtest.h>

namespace lg {
namespace {

struct IdCase {
  const char* text;
  bool ok;
};

class SsidParse : public ::testing::TestWithParam<IdCase> {};
TEST_P(SsidParse, TenDigits) { EXPECT_EQ(Ssid::parse(GetParam().text).has_value(), GetParam().ok) << GetParam().text; }
INSTANTIATE_TEST_SUITE_P(Table, SsidParse,
                         ::testing::Values(IdCase{"1234567890", true}, IdCase{"0000000001", true},
                                           IdCase{"123456789", false}, IdCase{"12345678901", false},
                                           IdCase{"12345678a0", false}, IdCase{"", false},
                                           IdCase{" 1234567890", false}, IdCase{"-123456789", false}));

class CdsParse : public ::testing::TestWithParam<IdCase> {};
TEST_P(CdsParse, FourteenDigits) {
  EXPECT_EQ(CdsCode::parse(GetParam().text).has_value(), GetParam().ok) << GetParam().text;
}
INSTANTIATE_TEST_SUITE_P(Table, CdsParse,
                         ::testing::Values(IdCase{"19642120000000", true}, IdCase{"19647330100743", true},
                                           IdCase{"1964212000000", false}, IdCase{"196421200000000", false},
                                           IdCase{"19 64212 0000000", false}, IdCase{"1964212000000O", false}));

TEST(CdsCode, Parts) {
  auto district = *CdsCode::parse("19642120000000");
  EXPECT_TRUE(district.is_district_level());
  EXPECT_EQ(district.county(), "19");
  EXPECT_EQ(district.district(), "64212");
  EXPECT_EQ(district.lea7(), "1964212");
  EXPECT_EQ(district.spaced(), "19 64212 0000000");
  auto charter = *CdsCode::parse("19647330100743");
  EXPECT_FALSE(charter.is_district_level());
  EXPECT_EQ(charter.lea7(), "0100743");
  auto err = CdsCode::parse("1964212000000");
  ASSERT_FALSE(err);
  EXPECT_NE(err.error().message.find("14 digits"), std::string::npos);
  EXPECT_NE(err.error().message.find("13 characters"), std::string::npos);
}

TEST(LeaCode7, SevenDigits) {
  EXPECT_TRUE(LeaCode7::parse("0120097"));
  EXPECT_FALSE(LeaCode7::parse("120097"));
  EXPECT_FALSE(LeaCode7::parse("01200970"));
}

struct GradeCase {
  const char* text;
  bool ok;
  const char* code;
};
class GradeParse : public ::testing::TestWithParam<GradeCase> {};
TEST_P(GradeParse, Codes) {
  auto g = parse_grade(GetParam().text);
  ASSERT_EQ(g.has_value(), GetParam().ok) << GetParam().text;
  if (g) {
    EXPECT_EQ(grade_code(*g), GetParam().code);
  }
}
INSTANTIATE_TEST_SUITE_P(Table, GradeParse,
                         ::testing::Values(GradeCase{"TK", true, "TK"}, GradeCase{"KN", true, "KN"},
                                           GradeCase{"K", true, "KN"}, GradeCase{"01", true, "01"},
                                           GradeCase{"1", true, "01"}, GradeCase{"02", true, "02"},
                                           GradeCase{"12", true, "12"}, GradeCase{"13", false, ""},
                                           GradeCase{"00", false, ""}, GradeCase{"PK", false, ""},
                                           GradeCase{"", false, ""}));

TEST(Grade, TransitionalKindergartenTestsAsKindergarten) {
  EXPECT_EQ(testing_grade(Grade::TK), Grade::KN);
  EXPECT_EQ(testing_grade(Grade::G01), Grade::G01);
}

TEST(Form, OneOrTwo) {
  EXPECT_EQ(*parse_form("1"), Form::F1);
  EXPECT_EQ(*parse_form("2"), Form::F2);
  EXPECT_FALSE(parse_form("3"));
  EXPECT_FALSE(parse_form("F1"));
}

struct YearCase {
  const char* text;
  bool ok;
  const char* canonical;
};
class AdminYearParse : public ::testing::TestWithParam<YearCase> {};
TEST_P(AdminYearParse, Forms) {
  auto y = AdminYear::parse(GetParam().text);
  ASSERT_EQ(y.has_value(), GetParam().ok) << GetParam().text;
  if (y) {
    EXPECT_EQ(y->str(), GetParam().canonical);
  }
}
INSTANTIATE_TEST_SUITE_P(Table, AdminYearParse,
                         ::testing::Values(YearCase{"2024-25", true, "2024-25"}, YearCase{"2024-2025", true, "2024-25"},
                                           YearCase{"2024\xE2\x80\x93" "25", true, "2024-25"},
                                           YearCase{"2099-00", true, "2099-00"}, YearCase{"2024-26", false, ""},
                                           YearCase{"2024", false, ""}, YearCase{"24-25", false, ""}));

}  // namespace
}  // namespace lg

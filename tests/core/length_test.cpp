#include "labelgen/core/length.hpp"

#include <gtest/gtest.h>

namespace lg {
namespace {

struct LengthCase {
  const char* text;
  bool ok;
  double points;
};
class LengthParse : public ::testing::TestWithParam<LengthCase> {};
TEST_P(LengthParse, Units) {
  auto l = Length::parse(GetParam().text);
  ASSERT_EQ(l.has_value(), GetParam().ok) << GetParam().text;
  if (l) {
    EXPECT_NEAR(l->points(), GetParam().points, 1e-9);
  }
}
INSTANTIATE_TEST_SUITE_P(Table, LengthParse,
                         ::testing::Values(LengthCase{"2.625in", true, 189.0}, LengthCase{"25.4mm", true, 72.0},
                                           LengthCase{"1cm", true, 72.0 / 2.54}, LengthCase{"12pt", true, 12.0},
                                           LengthCase{" 1 in ", true, 72.0}, LengthCase{"12", false, 0},
                                           LengthCase{"12px", false, 0}, LengthCase{"in", false, 0},
                                           LengthCase{"1.2.3in", false, 0}));

TEST(Length, Dots) {
  using namespace length_literals;
  EXPECT_DOUBLE_EQ((1.0_in).in_dots(300), 300);
  EXPECT_EQ(Length::dots(3, 203).whole_dots(203), 3);
  EXPECT_DOUBLE_EQ((2.0_in - 0.5_in).inches(), 1.5);
}

}  // namespace
}  // namespace lg

#include <gtest/gtest.h>
TEST(LedgerBuild, Links) { EXPECT_EQ(1 + 1, 2); }

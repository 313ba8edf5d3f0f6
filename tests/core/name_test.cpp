#include "labelgen/core/name.hpp"

#include <gtest/gtest.h>

namespace lg {
namespace {

struct NameCase {
  const char* input;
  bool ok;
  const char* normalised;  // expected NFC text when ok
};

class NamePart : public ::testing::TestWithParam<NameCase> {};

TEST_P(NamePart, ValidatesAndNormalises) {
  const auto& c = GetParam();
  auto r = normalize_name_part(c.input, kMaxLastName, true);
  ASSERT_EQ(r.has_value(), c.ok) << c.input << (r ? "" : " -> " + r.error().message);
  if (r) {
    EXPECT_EQ(*r, c.normalised);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, NamePart,
    ::testing::Values(NameCase{"García López", true, "García López"}, NameCase{"Nguyễn", true, "Nguyễn"},
                      // NFD input (e + combining circumflex + combining tilde) becomes NFC.
                      NameCase{"Nguye\xCC\x82\xCC\x83n", true, "Nguyễn"}, NameCase{"Đặng", true, "Đặng"},
                      NameCase{"O'Connor", true, "O'Connor"},
                      NameCase{"O\xE2\x80\x99"
                               "Connor",
                               true, "O'Connor"},
                      NameCase{"Ter-Petrosyan", true, "Ter-Petrosyan"},
                      NameCase{"St. John", true, "St. John"}, NameCase{"  de la   Cruz ", true, "de la Cruz"},
                      NameCase{"Smith/Jones", true, "Smith/Jones"}, NameCase{"Henry III", true, "Henry III"},
                      NameCase{"Müller", true, "Müller"}, NameCase{"Šimić", true, "Šimić"},
                      NameCase{"Lǚ", true, "Lǚ"}, NameCase{"Smith & Co", false, ""},
                      NameCase{"user@example", false, ""}, NameCase{"Tab\x01", false, ""},
                      NameCase{"", false, ""}, NameCase{"   ", false, ""}, NameCase{"Ana_María", false, ""},
                      NameCase{"Na\xF1"
                               "ez",
                               false, ""}));

TEST(NamePart, LengthLimitsCountCharactersNotBytes) {
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "é";  // 100 bytes, 50 characters
  EXPECT_TRUE(normalize_name_part(fifty, kMaxLastName, true));
  EXPECT_FALSE(normalize_name_part(fifty + "a", kMaxLastName, true));
  auto r = normalize_name_part(std::string(31, 'a'), kMaxFirstName, true);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("31 characters"), std::string::npos);
}

TEST(StudentName, ReportsTheOffendingField) {
  auto r = make_student_name("Nguyễn", "Th@o", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "first_name");
  r = make_student_name("Nguyễn", "Thảo", std::string(31, 'x'));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "middle_name");
  EXPECT_FALSE(make_student_name("", "Ana", ""));
  EXPECT_TRUE(make_student_name("Pérez", "Ana", ""));
}

TEST(StudentName, LabelFormKeepsAccents) {
  EXPECT_EQ(make_student_name("Nguyễn", "Thảo", "minh")->label_form(), "NGUYỄN, THẢO M.");
  EXPECT_EQ(make_student_name("Muñoz Peña", "José", "")->label_form(), "MUÑOZ PEÑA, JOSÉ");
  EXPECT_EQ(make_student_name("đặng", "an", "Ánh")->label_form(), "ĐẶNG, AN Á.");
  EXPECT_EQ(make_student_name("O'Connor", "Mary-Kate", "")->full(), "O'Connor, Mary-Kate");
}

// ASCII takes a short path; it must agree with ICU's root-locale uppercasing, which the rest
// (and any mix of ASCII and other letters) still goes through.
TEST(ToUpper, AsciiShortPathAgreesWithIcu) {
  std::string all;
  for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
  std::string expected = all;
  for (char& c : expected)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  EXPECT_EQ(to_upper(all), expected);
  EXPECT_EQ(to_upper("o'connor-smith jr"), "O'CONNOR-SMITH JR");
  EXPECT_EQ(to_upper(""), "");
  // Not ASCII: ICU's full mappings (ß → SS, ǆ → Ǆ) and marks kept in NFC.
  EXPECT_EQ(to_upper("straße"), "STRASSE");
  EXPECT_EQ(to_upper("\u01C6ani"), "\u01C4ANI");
  EXPECT_EQ(to_upper("nguy\u1ec5n"), "NGUY\u1ec4N");
}

}  // namespace
}  // namespace lg

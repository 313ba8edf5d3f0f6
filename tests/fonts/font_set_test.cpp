#include "labelgen/fonts/font_set.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "tests/support/support.hpp"

namespace lg::fonts {
namespace {

using namespace lg::length_literals;

const FontSet& fontset() {
  static FontSet fs = [] {
    auto r = FontSet::load();
    if (!r) {
      std::fprintf(stderr, "FontSet::load: %s\n", r.error().message.c_str());
      std::abort();
    }
    return std::move(*r);
  }();
  return fs;
}

RoleId label() { return *fontset().role("label"); }

TEST(FontSet, LoadsConfiguredRoles) {
  EXPECT_EQ(fontset().role_names(), (std::vector<std::string>{"label", "label-bold", "mono"}));
  const auto& faces = fontset().faces(label());
  ASSERT_GE(faces.size(), 3u);
  EXPECT_EQ(faces[0].family, "Liberation Sans");
  EXPECT_NE(faces[0].path.find("LiberationSans-Regular.ttf"), std::string::npos) << faces[0].path;
  EXPECT_EQ(faces[1].family, "Noto Sans");
  const auto& bold = fontset().faces(*fontset().role("label-bold"));
  EXPECT_NE(bold[0].path.find("LiberationSans-Bold.ttf"), std::string::npos) << bold[0].path;
  for (const auto& f : faces) {
    EXPECT_EQ(f.path.find(".otf"), std::string::npos) << f.path;
    EXPECT_EQ(f.family.find("DejaVu"), std::string::npos);
  }
  EXPECT_FALSE(fontset().role("nope").has_value());
}

struct RunCase {
  const char* text;
  std::vector<std::pair<std::string, std::string>> runs;  // family, text
};

class Runs : public ::testing::TestWithParam<RunCase> {};

TEST_P(Runs, SplitByCoverage) {
  const RunCase& c = GetParam();
  auto runs = fontset().shape(c.text, label(), 9.0_pt);
  ASSERT_TRUE(runs) << runs.error().message;
  ASSERT_EQ(runs->size(), c.runs.size());
  Length total;
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    EXPECT_EQ((*runs)[i].face->family, c.runs[i].first) << i;
    EXPECT_EQ((*runs)[i].utf8, c.runs[i].second) << i;
    EXPECT_GT((*runs)[i].advance.points(), 0);
    total += (*runs)[i].advance;
  }
  auto measured = fontset().measure(c.text, label(), 9.0_pt);
  ASSERT_TRUE(measured);
  EXPECT_NEAR(measured->points(), total.points(), 1e-9);
}

INSTANTIATE_TEST_SUITE_P(
    Names, Runs,
    ::testing::Values(RunCase{"Nguyễn Đặng Trần ặ ă", {{"Liberation Sans", "Nguyễn Đặng Trần ặ ă"}}},
                      RunCase{"NGUYỄN, THẢO M.", {{"Liberation Sans", "NGUYỄN, THẢO M."}}},
                      RunCase{"Muñoz Peña", {{"Liberation Sans", "Muñoz Peña"}}},
                      RunCase{"Šimić Müller", {{"Liberation Sans", "Šimić Müller"}}},
                      RunCase{"O'Brien-Smith", {{"Liberation Sans", "O'Brien-Smith"}}},
                      RunCase{"Հակոբյան", {{"Noto Sans Armenian", "Հակոբյան"}}},
                      RunCase{"TER-Հակոբյան, ANI",
                              {{"Liberation Sans", "TER-"},
                               {"Noto Sans Armenian", "Հակոբյան"},
                               {"Liberation Sans", ", ANI"}}},
                      RunCase{"ჯავახიშვილი", {{"Noto Sans Georgian", "ჯავახიშვილი"}}},
                      // NFD input: the combining mark stays with its base letter's face.
                      RunCase{"Nguye\u0302\u0303n", {{"Liberation Sans", "Nguye\u0302\u0303n"}}}));

struct BadCase {
  const char* text;
  const char* needle;
};
class Uncovered : public ::testing::TestWithParam<BadCase> {};

TEST_P(Uncovered, ErrorNamesTheCharacter) {
  auto runs = fontset().shape(GetParam().text, label(), 9.0_pt);
  ASSERT_FALSE(runs);
  EXPECT_EQ(runs.error().field, "text");
  EXPECT_NE(runs.error().message.find(GetParam().needle), std::string::npos) << runs.error().message;
  EXPECT_FALSE(fontset().measure(GetParam().text, label(), 9.0_pt));
}

INSTANTIATE_TEST_SUITE_P(Chars, Uncovered,
                         ::testing::Values(BadCase{"Smile \U0001F600", "U+1F600"},   // emoji, beyond BMP
                                           BadCase{"Ana \uE000", "U+E000"},          // private use
                                           BadCase{"\u05E9\u05E8\u05D4", "U+05E9"},  // Hebrew: not configured
                                           BadCase{"Line\nbreak", "U+000A"}, BadCase{"\u0301x", "U+0301"},
                                           BadCase{"bad \xC3", "invalid UTF-8"}));

TEST(FontSet, AdvanceIsHmtxTruncatedToThousandthsEm) {
  // Liberation Sans 2: 'A' advance 1366/2048 em -> 666/1000 em, as libharu writes /W.
  auto w = fontset().measure("A", label(), 1000.0_pt);
  ASSERT_TRUE(w);
  EXPECT_DOUBLE_EQ(w->points(), 666.0);
  auto ww = fontset().measure("AA", label(), 10.0_pt);
  EXPECT_DOUBLE_EQ(ww->points(), 13.32);
}

TEST(FontSet, FitKeepsNominalSizeWhenItFits) {
  auto w = *fontset().measure("NGUYỄN, THẢO M.", label(), 9.0_pt);
  auto f = fontset().fit("NGUYỄN, THẢO M.", label(), {.width = w, .size = 9.0_pt, .min_size = 6.0_pt});
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->size, 9.0_pt);
  EXPECT_FALSE(f->shrunk);
  EXPECT_FALSE(f->truncated);
  EXPECT_EQ(f->text, "NGUYỄN, THẢO M.");
}

TEST(FontSet, FitShrinksInQuarterPointSteps) {
  const char* name = "WOLFESCHLEGELSTEINHAUSEN, MARIA";
  auto w9 = *fontset().measure(name, label(), 9.0_pt);
  auto f = fontset().fit(name, label(), {.width = w9 * 0.8, .size = 9.0_pt, .min_size = 6.0_pt});
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_TRUE(f->shrunk);
  EXPECT_FALSE(f->truncated);
  EXPECT_EQ(f->size, 7.0_pt);  // 9 * 0.8 = 7.2 -> 7.0 (a multiple of 0.25 pt)
  EXPECT_LE(f->width, w9 * 0.8);
  EXPECT_EQ(f->text, name);
}

TEST(FontSet, FitTruncatesWithEllipsisAtMinimumSize) {
  const std::string name = "NGUYỄN-TRẦN-ĐẶNG-WOLFESCHLEGELSTEIN, THẢO";
  auto w6 = *fontset().measure(name, label(), 6.0_pt);
  const Length box = w6 * 0.5;
  auto f = fontset().fit(name, label(), {.width = box, .size = 9.0_pt, .min_size = 6.0_pt});
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_TRUE(f->truncated);
  EXPECT_EQ(f->size, 6.0_pt);
  EXPECT_LE(f->width, box);
  ASSERT_TRUE(f->text.ends_with("\u2026")) << f->text;
  const std::string kept = f->text.substr(0, f->text.size() - 3);
  EXPECT_TRUE(name.starts_with(kept)) << kept;
  // The longest such prefix: one more character would not fit.
  ASSERT_LT(kept.size(), name.size());
  const unsigned char lead = static_cast<unsigned char>(name[kept.size()]);
  const std::size_t next_len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  auto longer = fontset().measure(name.substr(0, kept.size() + next_len) + "\u2026", label(), 6.0_pt);
  ASSERT_TRUE(longer);
  EXPECT_GT(*longer, box);
  // Trailing spaces and commas are dropped before the ellipsis.
  auto g = fontset().fit(
      "AB, CD", label(),
      {.width = *fontset().measure("AB, \u2026", label(), 6.0_pt), .size = 6.0_pt, .min_size = 6.0_pt});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->text, "AB\u2026");
  // Nothing fits: an error, never an empty label.
  EXPECT_FALSE(fontset().fit(name, label(), {.width = 1.0_pt, .size = 9.0_pt, .min_size = 6.0_pt}));
}

TEST(FontSet, TruncationKeepsMarksWithTheirLetter) {
  // NFD: the cut never separates e from its combining marks.
  const std::string name = "Nguye\u0302\u0303n Nguye\u0302\u0303n Nguye\u0302\u0303n";
  for (double frac = 0.2; frac < 1.0; frac += 0.05) {
    auto f = fontset().fit(
        name, label(),
        {.width = *fontset().measure(name, label(), 6.0_pt) * frac, .size = 6.0_pt, .min_size = 6.0_pt});
    ASSERT_TRUE(f);
    const std::string kept = f->text.substr(0, f->text.size() - 3);
    EXPECT_FALSE(kept.ends_with("e") || kept.ends_with("e\u0302")) << kept;
  }
}

TEST(FontSet, BlocklistedFamilyIsRejected) {
  auto r = FontSet::from_toml(R"(
version = 1
[roles.label]
primary = "DejaVu Sans"
[[blocklist]]
match = "prefix"
family = "DejaVu"
reason = "nested composites"
)");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("blocklisted"), std::string::npos) << r.error().message;
  auto missing = FontSet::from_toml("version = 1\n[roles.label]\nprimary = \"No Such Font Family\"\n");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("No Such Font Family"), std::string::npos);
  auto optional = FontSet::from_toml(
      "version = 1\n[roles.label]\nprimary = \"Liberation Sans\"\n"
      "fallbacks = [{ family = \"No Such Font Family\", optional = true }]\n");
  ASSERT_TRUE(optional) << optional.error().message;
  EXPECT_EQ(optional->faces(*optional->role("label")).size(), 1u);
}

TEST(GlyphSafety, DetectorFlagsDejaVuNestedComposites) {
  const layout::FontFace dejavu{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, "DejaVu Sans"};
  ASSERT_TRUE(std::filesystem::exists(dejavu.path))
      << "DejaVu Sans (fonts-dejavu-core, scripts/install-deps.sh) is needed to show the detector works";
  auto s = check_glyphs(dejavu, U"ễặeA");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ((*s)[0], GlyphStatus::NestedComposite);
  EXPECT_EQ((*s)[1], GlyphStatus::NestedComposite);
  EXPECT_EQ((*s)[2], GlyphStatus::Ok);
  // The configured faces draw every Vietnamese letter safely.
  const std::u32string viet =
      U"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệ"
      U"ỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ";
  auto ok = check_glyphs(fontset().faces(label())[0], viet);
  ASSERT_TRUE(ok);
  for (std::size_t i = 0; i < viet.size(); ++i) EXPECT_EQ((*ok)[i], GlyphStatus::Ok) << i;
  // A FontSet that would use DejaVu anyway (no blocklist) refuses its unsafe glyphs.
  auto fs = FontSet::from_toml("version = 1\n[roles.label]\nprimary = \"DejaVu Sans\"\n");
  ASSERT_TRUE(fs) << fs.error().message;
  auto runs = fs->shape("Nguyễn", *fs->role("label"), 9.0_pt);
  ASSERT_FALSE(runs);
  EXPECT_NE(runs.error().message.find("U+1EC5"), std::string::npos) << runs.error().message;
  EXPECT_NE(runs.error().message.find("nested composite"), std::string::npos) << runs.error().message;
}

TEST(FontSet, ShapeSpeed) {
  const char* names[] = {"NGUYỄN, THẢO M.",   "MÜLLER, ANNA",     "PEÑA, JOSÉ L.",
                         "TER-Հակոբյան, ANI", "19 64212 6012345", "Grade KN"};
  const auto t0 = std::chrono::steady_clock::now();
  std::size_t n = 0, bytes = 0;
  for (int i = 0; i < 200000; ++i) {
    auto r = fontset().shape(names[i % 6], label(), 9.0_pt);
    bytes += r->size();
    ++n;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ perf     ] FontSet::shape: %.0f calls/s (%.2f us/call)\n", n / s, s / n * 1e6);
  EXPECT_GT(bytes, 0u);
}

}  // namespace
}  // namespace lg::fonts

// The calibration page: drawn with PdfWriter (and Cairo for png profiles), rasterized at 300 dpi,
// its cross and every ruler tick found where the stock and the profile's offsets put them.
#include <gtest/gtest.h>

#include "labelgen/fonts/font_set.hpp"
#include "labelgen/printing/page_file.hpp"
#include "labelgen/render/raster.hpp"
#include "tests/printing/calibration_check.hpp"

namespace lg::printing::test {
namespace {

namespace fs = std::filesystem;
using lg::run::test::Pdf;

struct Case {
  const char* name;
  const char* printer;
  double dx_in, dy_mm;  ///< offsets given to the profile
};

class CalibrationPage : public ::testing::TestWithParam<Case> {};

const fonts::FontSet& font_set() {
  static const auto fonts = fonts::FontSet::load();
  if (!fonts) throw std::runtime_error(fonts.error().message);
  return *fonts;
}

printers::Profile profile_with(const Case& c) {
  auto p = printers::find_profile(c.printer);
  if (!p) throw std::runtime_error(p.error().message);
  p->offset_x = Length::in(c.dx_in);
  p->offset_y = Length::mm(c.dy_mm);
  return *p;
}

layout::Stock stock_of(const printers::Profile& p) {
  auto t = layout::load_label_template(p.label_template);
  if (!t) throw std::runtime_error(t.error().message);
  return t->stock;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += "\n  " + x;
  return s;
}

TEST_P(CalibrationPage, MarksAndTicksSitWhereTheOffsetsPutThem) {
  const Case& c = GetParam();
  const printers::Profile profile = profile_with(c);
  const layout::Stock stock = stock_of(profile);
  auto page = calibration_page(profile, stock, font_set());
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->size.width, stock.page.width);
  EXPECT_EQ(page->size.height, stock.page.height);

  lg::test::ScratchDir dir;
  const fs::path file = dir / "calibration.pdf";
  ASSERT_TRUE(write_page(*page, profile, file));
  Pdf pdf(file);
  ASSERT_EQ(pdf.pages(), 1);
  const Gray g = pdf.render(0, 300);
  double worst = 0;
  const auto problems = check_calibration(g, stock, profile.offset_x, profile.offset_y, 1.0, &worst);
  EXPECT_TRUE(problems.empty()) << c.name << ":" << joined(problems);
  std::printf("[ measure  ] %s: marks within %.2f dots at 300 dpi\n", c.name, worst);

  // The same page without offsets is not where the offsets put it: the check can fail.
  if (c.dx_in != 0 || c.dy_mm != 0) {
    EXPECT_FALSE(check_calibration(g, stock, Length(), Length()).empty());
  }

  // The instructions name the profile file and the offsets printed with.
  const std::string text = pdf.text(0);
  EXPECT_NE(text.find("printers/" + profile.name + ".toml"), std::string::npos) << text;
  EXPECT_NE(text.find("offset_x"), std::string::npos);
  EXPECT_NE(text.find("measured offset"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Profiles, CalibrationPage,
                         ::testing::Values(Case{"Letter5160", "office-laser-letter", 0.0, 0.0},
                                           Case{"Letter5160Shifted", "office-laser-letter", -0.03, 1.0},
                                           Case{"Letter5163Shifted", "office-laser-5163", 0.05, -0.8},
                                           Case{"Thermal4x2Shifted", "zebra-203-4x2", 0.04, 0.6}),
                         [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

TEST(CalibrationPng, PngProfileDrawsTheSamePageWithCairo) {
  Case c{"Png", "png-proof", 0.02, 0.5};
  const printers::Profile profile = profile_with(c);
  const layout::Stock stock = stock_of(profile);
  auto page = calibration_page(profile, stock, font_set());
  ASSERT_TRUE(page) << page.error().message;
  auto raster = render::RasterRenderer::open({profile.dpi, true});
  ASSERT_TRUE(raster);
  auto r = raster->render(*page);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->width, 2550);
  ASSERT_EQ(r->height, 3300);
  Gray g;
  g.width = r->width;
  g.height = r->height;
  g.stride = r->width;
  g.dpi = profile.dpi;
  g.data = r->pixels.data();
  const auto problems = check_calibration(g, stock, profile.offset_x, profile.offset_y);
  EXPECT_TRUE(problems.empty()) << joined(problems);

  lg::test::ScratchDir dir;
  ASSERT_TRUE(write_page(*page, profile, dir / "c.png"));
  EXPECT_EQ(lg::test::read_file(dir / "c.png").substr(1, 3), "PNG");
}

TEST(CalibrateCli, WritesThePageAndRefusesUnknownPrinters) {
  lg::test::ScratchDir dir;
  const fs::path out = dir / "cal.pdf";
  auto r = lg::test::run_labelgen("calibrate --printer office-laser-5163 --out '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Avery 5163"), std::string::npos) << r.out;
  Pdf pdf(out);
  ASSERT_EQ(pdf.pages(), 1);
  const Size size = pdf.page_size(0);
  EXPECT_NEAR(size.width.points(), 612, 0.01);
  EXPECT_NEAR(size.height.points(), 792, 0.01);
  const auto profile = printers::find_profile("office-laser-5163");
  ASSERT_TRUE(profile);
  EXPECT_TRUE(check_calibration(pdf.render(0, 300), stock_of(*profile), profile->offset_x, profile->offset_y)
                  .empty());

  r = lg::test::run_labelgen("calibrate --printer no-such-printer --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  r = lg::test::run_labelgen("calibrate --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = lg::test::run_labelgen("calibrate --printer office-laser-letter --out '" +
                             (dir / "no/such/dir/x.pdf").string() + "'");
  EXPECT_EQ(r.exit_code, 4) << r.err;
}

}  // namespace
}  // namespace lg::printing::test

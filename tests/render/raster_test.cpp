#include "labelgen/render/raster.hpp"

#include <cairo.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>

#include "tests/render/render_support.hpp"
#include "tests/support/support.hpp"

namespace lg::render {
namespace {

using namespace lg::render::test;

Gray as_gray(const Raster& r) { return Gray{r.width, r.height, r.width, r.dpi, r.pixels}; }

TEST(Raster, EveryBarcodeDecodesAndTextDraws) {
  for (double dpi : {203.0, 300.0}) {
    std::vector<Placed> placed;
    const layout::Page page = sample_page(placed);
    auto rr = RasterRenderer::open({.dpi = dpi});
    ASSERT_TRUE(rr);
    auto r = rr->render(page);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->width, static_cast<int>(std::ceil(8.5 * dpi)));
    const Gray g = as_gray(*r);
    int ok = 0;
    for (const auto& p : placed) {
      EXPECT_EQ(read_symbol(g, p), p.content) << dpi << " dpi";
      ok += read_symbol(g, p) == p.content;
    }
    std::printf("[ decode   ] Cairo raster %.0f dpi: %d/%zu symbols\n", dpi, ok, placed.size());
  }
}

TEST(Raster, BarsOnWholePixels) {
  // Not snapped to this resolution on purpose: edges are rounded to pixels anyway.
  const std::string content = *barcode::format_preid_code128({*Ssid::parse("8478921817"), 769});
  layout::Page page{{Length::in(3), Length::in(1)}, {}};
  layout::Barcode b{layout::Symbology::Code128,
                    *barcode::encode(layout::Symbology::Code128, content),
                    content,
                    {Length::pt(20.3), Length::pt(10.7)},
                    Length::pt(0.75),
                    Length::pt(30)};
  page.items.push_back(b);
  for (double dpi : {203.0, 300.0, 600.0}) {
    auto r = RasterRenderer::open({.dpi = dpi})->render(page);
    ASSERT_TRUE(r);
    long grey = 0, black = 0;
    for (std::uint8_t v : r->pixels) {
      grey += v != 0 && v != 255;
      black += v == 0;
    }
    EXPECT_EQ(grey, 0) << dpi;
    EXPECT_GT(black, 0);
    const Gray g = as_gray(*r);
    EXPECT_EQ(read_symbol(g, {layout::Symbology::Code128, content, 0, 0, 3 * 72, 72}), content) << dpi;
  }
}

TEST(Raster, MarksAreDrawn) {
  auto word = [](const std::string& s) {
    layout::Page page{{Length::in(3), Length::in(1)}, {}};
    page.items.push_back(text(s, "label", 30.0_pt, 10.0_pt, 50.0_pt));
    return RasterRenderer::open({.dpi = 100})->render(page)->pixels;
  };
  EXPECT_NE(word("Nguyễn"), word("Nguyen"));
  EXPECT_NE(word("Հակոբյան"), word("Hakobyan"));
}

TEST(Raster, WritesGrayPngWithMode0600) {
  lg::test::ScratchDir dir;
  std::vector<Placed> placed;
  const layout::Page page = sample_page(placed);
  auto rr = RasterRenderer::open({.dpi = 150});
  const auto path = dir / "page.png";
  const auto t0 = std::chrono::steady_clock::now();
  auto ok = rr->write_png(page, path);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(ok) << ok.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  cairo_surface_t* png = cairo_image_surface_create_from_png(path.c_str());
  ASSERT_EQ(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(cairo_image_surface_get_width(png), static_cast<int>(std::ceil(8.5 * 150)));
  cairo_surface_destroy(png);
  std::printf("[ perf     ] Cairo PNG page at 150 dpi: %.3f s, %.0f KB\n", s,
              std::filesystem::file_size(path) / 1e3);
  EXPECT_FALSE(RasterRenderer::open({.dpi = 0}));
}

}  // namespace
}  // namespace lg::render

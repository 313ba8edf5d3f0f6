// ZplWriter on real thermal label pages from the layout engine: commands, dots, native
// symbols matching the layout's, ^GF graphics for non-ASCII names, compression, determinism,
// atomic 0600 files; PageSink routing of a zpl profile's label and GIS pages.
#include "labelgen/render/zpl_writer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <random>

#include "labelgen/barcode/encode.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/render/raster.hpp"
#include "labelgen/run/page_sink.hpp"
#include "tests/support/support.hpp"
#include "tests/zpl/zpl_support.hpp"

namespace lg::zpl::test {
namespace {

using render::ZplOptions;
using render::ZplWriter;

std::string write(const std::vector<layout::Page>& pages, const ZplOptions& options,
                  render::ZplStats* stats = nullptr) {
  auto w = ZplWriter::open(options);
  if (!w) throw std::runtime_error(w.error().message);
  for (const auto& p : pages)
    if (auto ok = w->add_page(p); !ok) throw std::runtime_error(ok.error().message);
  if (stats) *stats = w->stats();
  return *w->bytes();
}

ZplOptions options_for(double dpi) {
  ZplOptions o;
  o.dpi = dpi;
  o.darkness = 15;
  o.speed = 4;
  return o;
}

const layout::Barcode& barcode_of(const layout::Page& page, layout::Symbology s) {
  for (const auto& item : page.items)
    if (const auto* b = std::get_if<layout::Barcode>(&item); b && b->symbology == s) return *b;
  throw std::runtime_error("no barcode");
}

class ZplLabels : public ::testing::TestWithParam<double> {};

TEST_P(ZplLabels, CommandsDotsAndNativeSymbols) {
  const double dpi = GetParam();
  const auto ascii = thermal_label(make_label("Lor", "Zu", ""), 1001, dpi);
  const auto viet = thermal_label(make_label("Nguyễn", "Thảo", "Minh", "1234567890"), 1002, dpi);
  render::ZplStats stats;
  const std::string zpl = write({ascii.page, viet.page, ascii.page}, options_for(dpi), &stats);
  const auto labels = split_labels(zpl);
  ASSERT_EQ(labels.size(), 3u);
  EXPECT_EQ(count(zpl, "^XA"), 3u);
  EXPECT_EQ(count(zpl, "^XZ"), 3u);
  EXPECT_EQ(stats.labels, 3u);
  const long w = std::lround(4 * dpi), h = std::lround(2 * dpi);
  for (const auto& l : labels) {
    EXPECT_NE(l.find("^PW" + std::to_string(w) + "\n"), std::string::npos) << l.substr(0, 80);
    EXPECT_NE(l.find("^LL" + std::to_string(h) + "\n"), std::string::npos);
    EXPECT_NE(l.find("^CI28\n"), std::string::npos);
    EXPECT_NE(l.find("~SD15\n"), std::string::npos);
    EXPECT_NE(l.find("^PR4\n"), std::string::npos);
    EXPECT_NE(l.find("^LH0,0\n"), std::string::npos);
  }
  // Native Code 128: the layout's module in whole dots, its bar height, set C, its content; the
  // printer's symbol is as wide as the layout's.
  for (const auto* lo : {&ascii, &viet}) {
    const auto& c128 = barcode_of(lo->page, layout::Symbology::Code128);
    const long module = c128.module.whole_dots(dpi);
    EXPECT_EQ(c128.modules->width, render::code128_set_c_modules(c128.content.size()));
    const std::string bc = "^FO" + std::to_string(c128.origin.x.whole_dots(dpi)) + "," +
                           std::to_string(c128.origin.y.whole_dots(dpi)) + "^BY" + std::to_string(module) +
                           "^BCN," + std::to_string(c128.bar_height.whole_dots(dpi)) + ",N,N,N^FD>;" +
                           c128.content + "^FS";
    EXPECT_NE(zpl.find(bc), std::string::npos) << bc << "\nin\n" << zpl.substr(0, 2000);
    EXPECT_EQ(c128.content.size(), 18u);
    const auto& dm = barcode_of(lo->page, layout::Symbology::DataMatrix);
    const std::string bx = "^FO" + std::to_string(dm.origin.x.whole_dots(dpi)) + "," +
                           std::to_string(dm.origin.y.whole_dots(dpi)) + "^BXN," +
                           std::to_string(dm.module.whole_dots(dpi)) + ",200," +
                           std::to_string(dm.modules->width) + "," + std::to_string(dm.modules->height) +
                           "^FD" + dm.content + "^FS";
    EXPECT_NE(zpl.find(bx), std::string::npos) << bx;
  }
  EXPECT_EQ(stats.native_barcodes, 6u);
  EXPECT_EQ(stats.graphic_barcodes, 0u);
  // The ASCII label's text is all resident font, the Vietnamese one has its name as ^GF.
  EXPECT_EQ(labels[0].find("^GFA"), std::string::npos);
  EXPECT_NE(labels[0].find("^A0N,"), std::string::npos);
  EXPECT_NE(labels[0].find("^FDLOR, ZU^FS"), std::string::npos) << labels[0];
  EXPECT_NE(labels[1].find("^GFA"), std::string::npos);
  for (const auto& line : {"^FDNGUY", "^FDNguy"})
    EXPECT_EQ(labels[1].find(line), std::string::npos) << "the name must not go to the resident font";
  EXPECT_EQ(stats.graphic_text, 1u);
  EXPECT_EQ(labels[0], labels[2]);
}

TEST_P(ZplLabels, NameGraphicIsTheRasterBackendsPixels) {
  // The ^GF of a Vietnamese name holds exactly the pixels RasterRenderer draws for the same
  // text line at the printer's resolution (thresholded at half coverage), at the same place.
  const double dpi = GetParam();
  const auto viet = thermal_label(make_label("Trần", "Đặng Ễ", ""), 7, dpi);
  const std::string zpl = write({viet.page}, options_for(dpi));
  const auto gs = graphics(zpl);
  ASSERT_EQ(gs.size(), 1u) << zpl;
  const auto& g = gs[0];
  auto raster = render::RasterRenderer::open({dpi, true});
  ASSERT_TRUE(raster);
  layout::Page name_only{viet.page.size, {}};
  for (const auto& item : viet.page.items)
    if (const auto* t = std::get_if<layout::Text>(&item))
      for (const auto& run : t->runs)
        if (run.utf8.find("TR") != std::string::npos) name_only.items.push_back(*t);
  ASSERT_EQ(name_only.items.size(), 1u);
  auto img = raster->render(name_only);
  ASSERT_TRUE(img) << img.error().message;
  std::size_t ink = 0, diff = 0;
  const long gw = static_cast<long>(g.row_bytes) * 8, gh = static_cast<long>(g.bits.size() / g.row_bytes);
  for (int y = 0; y < img->height; ++y)
    for (int x = 0; x < img->width; ++x) {
      const bool want = img->at(x, y) < 128;
      bool got = false;
      const long gx = x - g.x, gy = y - g.y;
      if (gx >= 0 && gy >= 0 && gx < gw && gy < gh)
        got = g.bits[static_cast<std::size_t>(gy) * g.row_bytes + static_cast<std::size_t>(gx / 8)] &
              (0x80 >> (gx % 8));
      ink += want;
      diff += want != got;
    }
  EXPECT_GT(ink, 200u);
  EXPECT_EQ(diff, 0u) << "of " << ink << " ink pixels";
}

TEST_P(ZplLabels, DeterministicAndCompressedEqualsPlain) {
  const double dpi = GetParam();
  const auto viet = thermal_label(make_label("Phạm", "Bảo Ngọc", "Thị"), 42, dpi);
  auto opt = options_for(dpi);
  const std::string a = write({viet.page}, opt), b = write({viet.page}, opt);
  EXPECT_EQ(a, b);
  opt.compress_graphics = false;
  const std::string plain = write({viet.page}, opt);
  EXPECT_LT(a.size(), plain.size());
  const auto ga = graphics(a), gp = graphics(plain);
  ASSERT_EQ(ga.size(), gp.size());
  for (std::size_t i = 0; i < ga.size(); ++i) {
    EXPECT_EQ(ga[i].bits, gp[i].bits);
    EXPECT_EQ(ga[i].x, gp[i].x);
    EXPECT_EQ(ga[i].y, gp[i].y);
  }
}

TEST_P(ZplLabels, CalibrationOffsetBecomesTheLabelHome) {
  const double dpi = GetParam();
  // Whole-dot offsets: the label home takes all of it, so no field moves by a rounding.
  const Length ox = Length::dots(20, dpi), oy = Length::dots(11, dpi);
  const auto plain = thermal_label(make_label("Lor", "Zu", ""), 5, dpi);
  const auto moved = thermal_label(make_label("Lor", "Zu", ""), 5, dpi, ox, oy);
  auto opt = options_for(dpi);
  const std::string a = write({plain.page}, opt);
  opt.offset_x = ox;
  opt.offset_y = oy;
  std::string b = write({moved.page}, opt);
  const std::string lh =
      "^LH" + std::to_string(ox.whole_dots(dpi)) + "," + std::to_string(oy.whole_dots(dpi)) + "\n";
  ASSERT_NE(b.find(lh), std::string::npos) << b.substr(0, 200);
  b.replace(b.find(lh), lh.size(), "^LH0,0\n");
  EXPECT_EQ(a, b) << "field positions must not move when the offset goes to ^LH";
}

INSTANTIATE_TEST_SUITE_P(Dpi, ZplLabels, ::testing::Values(203.0, 300.0),
                         [](const auto& p) { return std::to_string(static_cast<int>(p.param)) + "dpi"; });

TEST(ZplWriter, BoxesLinesAndGraphicFallbacks) {
  const double dpi = 203;
  layout::Page page{{Length::in(4), Length::in(2)}, {}};
  page.items.push_back(layout::Rect{{Length::dots(10, dpi), Length::dots(20, dpi)},
                                    {Length::dots(100, dpi), Length::dots(50, dpi)},
                                    true,
                                    {}});
  page.items.push_back(layout::Rect{{Length::dots(10, dpi), Length::dots(100, dpi)},
                                    {Length::dots(100, dpi), Length::dots(50, dpi)},
                                    false,
                                    Length::dots(2, dpi)});
  page.items.push_back(layout::Line{{Length::dots(0, dpi), Length::dots(300, dpi)},
                                    {Length::dots(800, dpi), Length::dots(300, dpi)},
                                    Length::dots(2, dpi)});
  // Code 128 whose content is not all digits: the printer's set choice could differ, so the
  // layout's modules are sent as a graphic.
  auto m = barcode::encode(layout::Symbology::Code128, "AB-12");
  ASSERT_TRUE(m);
  layout::Barcode b{layout::Symbology::Code128,
                    *m,
                    "AB-12",
                    {Length::dots(40, dpi), Length::dots(200, dpi)},
                    Length::dots(2, dpi),
                    Length::dots(60, dpi)};
  page.items.push_back(b);
  // ZPL's command prefixes in text go through ^FH hex escapes.
  page.items.push_back(layout::Text{{Length::dots(30, dpi), Length::dots(380, dpi)},
                                    Length::dots(20, dpi),
                                    {layout::TextRun{"A^B~C\\D", {}, Length::dots(60, dpi)}},
                                    false});
  render::ZplStats stats;
  const std::string zpl = write({page}, options_for(dpi), &stats);
  EXPECT_NE(zpl.find("^FT30,380^A0N,20,20^FH\\^FDA\\5EB\\7EC\\5CD^FS"), std::string::npos) << zpl;
  EXPECT_EQ(stats.resident_text, 1u);
  EXPECT_NE(zpl.find("^FO10,20^GB100,50,50,B,0^FS"), std::string::npos) << zpl;
  EXPECT_NE(zpl.find("^FO9,99^GB102,52,2,B,0^FS"), std::string::npos) << zpl;
  EXPECT_NE(zpl.find("^FO0,299^GB800,2,2,B,0^FS"), std::string::npos) << zpl;
  EXPECT_EQ(stats.graphic_barcodes, 1u);
  EXPECT_EQ(stats.native_barcodes, 0u);
  const auto gs = graphics(zpl);
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_EQ(gs[0].x, 40);
  EXPECT_EQ(gs[0].y, 200);
  // Every module 2 dots: bar pattern of row 0 equals the matrix.
  for (int x = 0; x < (*m)->width; ++x) {
    const bool dark = gs[0].bits[static_cast<std::size_t>(2 * x / 8)] & (0x80 >> ((2 * x) % 8));
    EXPECT_EQ(dark, (*m)->dark(x, 0)) << "module " << x;
  }
}

TEST(ZplWriter, ErrorsAreValues) {
  ZplOptions zero;
  zero.dpi = 0;
  EXPECT_FALSE(ZplWriter::open(zero));
  ZplOptions bad;
  bad.darkness = 31;
  EXPECT_FALSE(ZplWriter::open(bad));
  auto w = ZplWriter::open({});
  ASSERT_TRUE(w);
  layout::Page empty;
  EXPECT_FALSE(w->add_page(empty));  // zero size
  layout::Page p{{Length::in(4), Length::in(2)}, {}};
  layout::Barcode nomods;
  nomods.content = "x";
  p.items.push_back(nomods);
  EXPECT_FALSE(ZplWriter::open({})->add_page(p));
}

TEST(ZplCompression, KnownRowsAndRoundTrip) {
  const std::vector<std::uint8_t> rows = {0x00, 0x00, 0x00, 0x00,  // all white → ','
                                          0xFF, 0xFF, 0xFF, 0xFF,  // all black → '!'
                                          0xFF, 0xFF, 0xFF, 0xFF,  // same row → ':'
                                          0x0F, 0x00, 0x00, 0x00,  // 0F then ','
                                          0xAB, 0xCD, 0xEF, 0xFF};
  const std::string c = render::zpl_compress_graphic(rows.data(), 4, 5);
  EXPECT_EQ(c, ",!:0F,ABCDE!");  // the trailing run of F as '!'
  EXPECT_EQ(decode_gfa(c, 4, 5), rows);
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t rb = 1 + rng() % 160, n = 1 + rng() % 20;
    std::vector<std::uint8_t> bits(rb * n);
    for (auto& v : bits) {
      const unsigned k = rng() % 6;
      v = k < 2 ? 0 : k < 4 ? 0xFF : static_cast<std::uint8_t>(rng());
    }
    if (n > 2)
      std::copy(bits.begin(), bits.begin() + static_cast<long>(rb), bits.begin() + static_cast<long>(rb));
    EXPECT_EQ(decode_gfa(render::zpl_compress_graphic(bits.data(), rb, n), rb, n), bits) << "trial " << trial;
  }
}

TEST(ZplWriter, SaveIsAtomicWithMode0600) {
  lg::test::ScratchDir dir;
  auto w = ZplWriter::open(options_for(203));
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->add_page(thermal_label(make_label("Lor", "Zu", ""), 1, 203).page));
  ::umask(022);
  const auto file = dir / "a.zpl";
  ASSERT_TRUE(w->save(file));
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(lg::test::read_file(file), *w->bytes());
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "no temporary file left behind";
}

TEST(PageSinkZpl, LabelsToZplAndGisPagesToAPdfBeside) {
  auto printer = printers::find_profile("zebra-203-4x2");
  ASSERT_TRUE(printer) << printer.error().message;
  EXPECT_EQ(run::PageSink::extension(*printer), ".zpl");
  lg::test::ScratchDir dir;
  auto sink = run::PageSink::open({*printer, 0}, "t", dir / "lea.zpl");
  ASSERT_TRUE(sink) << sink.error().message;
  layout::Page gis{{Length::in(8.5), Length::in(11)}, {}};
  gis.items.push_back(layout::Rect{{Length::in(1), Length::in(1)}, {Length::in(1), Length::in(1)}, true, {}});
  const auto label = thermal_label(make_label("Lor", "Zu", ""), 9, 203).page;
  ASSERT_TRUE(sink->add(gis));
  ASSERT_TRUE(sink->add(label));
  ASSERT_TRUE(sink->add(label));
  auto files = sink->finish();
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path, dir / "lea.zpl");
  EXPECT_EQ((*files)[0].pages, 2u);
  EXPECT_EQ((*files)[1].path, dir / "lea-gis.pdf");
  EXPECT_EQ((*files)[1].pages, 1u);
  EXPECT_EQ(count(lg::test::read_file((*files)[0].path), "^XA"), 2u);
  EXPECT_EQ(lg::test::read_file((*files)[1].path).rfind("%PDF-", 0), 0u);

  // Labels only: no GIS PDF.
  auto only = run::PageSink::open({*printer, 0}, "t", dir / "b.zpl");
  ASSERT_TRUE(only);
  ASSERT_TRUE(only->add(label));
  auto one = only->finish();
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
  EXPECT_FALSE(fs::exists(dir / "b-gis.pdf"));
}

}  // namespace
}  // namespace lg::zpl::test

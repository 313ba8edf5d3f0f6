// Scan files of every kind: a labelgen PDF read directly, a multi-page PDF of scanned images
// (written with Cairo), a multi-page TIFF (libtiff), a blank page, and broken files that must
// give an Error naming the file, never a crash.
#include <cairo-pdf.h>
#include <cairo.h>
#include <png.h>
#include <tiffio.h>

#include <fstream>
#include <iostream>

#include "tests/decode/decode_support.hpp"

namespace lg::decode::test {
namespace {

/// Pages of a PNG/JPEG list written as one PDF, each image placed at its resolution, the way a
/// scanner's "scan to PDF" does.
void write_pdf_scan(const std::vector<fs::path>& images, const fs::path& out) {
  cairo_surface_t* pdf = cairo_pdf_surface_create(out.c_str(), 612, 792);
  cairo_t* cr = cairo_create(pdf);
  for (const auto& path : images) {
    auto pages = load_pages(path);
    ASSERT_TRUE(pages) << pages.error().message;
    const GrayImage& g = pages->front();
    const double dpi = g.dpi > 0 ? g.dpi : 300;
    cairo_pdf_surface_set_size(pdf, g.width * 72.0 / dpi, g.height * 72.0 / dpi);
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, g.width, g.height);
    auto* data = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < g.height; ++y)
      for (int x = 0; x < g.width; ++x) {
        const std::uint32_t v = g.at(x, y);
        reinterpret_cast<std::uint32_t*>(data + static_cast<std::size_t>(y) * stride)[x] =
            (v << 16) | (v << 8) | v;
      }
    cairo_surface_mark_dirty(img);
    cairo_save(cr);
    cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_show_page(cr);
    cairo_surface_destroy(img);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  ASSERT_EQ(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(pdf);
}

/// Images written as one multi-page 8-bit gray TIFF (LZW), resolution kept.
void write_tiff(const std::vector<fs::path>& images, const fs::path& out) {
  TIFF* tif = TIFFOpen(out.c_str(), "w");
  ASSERT_NE(tif, nullptr);
  for (const auto& path : images) {
    auto pages = load_pages(path);
    ASSERT_TRUE(pages) << pages.error().message;
    const GrayImage& g = pages->front();
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(g.width));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(g.height));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 64);
    TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(g.dpi));
    TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(g.dpi));
    TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    for (int y = 0; y < g.height; ++y)
      ASSERT_EQ(
          TIFFWriteScanline(tif, const_cast<std::uint8_t*>(&g.pixels[static_cast<std::size_t>(y) * g.width]),
                            static_cast<std::uint32_t>(y), 0),
          1);
    ASSERT_TRUE(TIFFWriteDirectory(tif));
  }
  TIFFClose(tif);
}

/// A GIS page then the two label pages of full_sheets(), lightly damaged, as PNG files.
struct ScanSet {
  lg::test::ScratchDir dir;
  std::vector<fs::path> pngs;
  std::vector<std::vector<Label>> labels;  // per page
};
const ScanSet& scan_set() {
  static const std::unique_ptr<ScanSet> s = [] {
    auto out = std::make_unique<ScanSet>();
    const auto& run = full_sheets();
    const fs::path pdf = run.batch_dir / full_sheets_file();
    std::set<int> label_pages;
    for (const auto& l : run.labels) label_pages.insert(l.page);
    std::vector<int> pages = {1};  // the GIS's first page
    pages.insert(pages.end(), label_pages.begin(), label_pages.end());
    for (int p : pages) {
      const fs::path clean = rasterize(pdf, p, 300, out->dir / ("p" + std::to_string(p) + ".png"));
      out->pngs.push_back(damage(clean, out->dir / ("s" + std::to_string(p) + ".png"),
                                 "--rotate -1.5 --blur 0.6 --noise 4 --seed " + std::to_string(p)));
      out->labels.push_back(run.on_page(full_sheets_file(), p));
    }
    return out;
  }();
  return *s;
}

/// A quick raster (100 dpi) of the GIS page of full_sheets(), for tests that need any real
/// PNG/JPEG bytes and not the damaged scan set.
const fs::path& small_page() {
  static lg::test::ScratchDir dir;
  static const fs::path png =
      rasterize(full_sheets().batch_dir / full_sheets_file(), 1, 100, dir / "small.png");
  return png;
}

TEST(DecodeFiles, MultiPagePdfScan) {
  lg::test::ScratchDir tmp;
  write_pdf_scan(scan_set().pngs, tmp / "scan.pdf");
  const Score s = decode_and_score(tmp / "scan.pdf", scan_set().labels);
  std::cout << s.summary("multi-page PDF scan") << "\n";
  EXPECT_EQ(s.pages, 3);
  EXPECT_EQ(s.labels, 60);
  EXPECT_GE(s.rate(), 99.0);
  EXPECT_EQ(s.gis_datamatrix, 1);
  EXPECT_EQ(s.gis_code128, 1);
  EXPECT_TRUE(s.wrong.empty()) << s.wrong.front();
}

TEST(DecodeFiles, MultiPageTiff) {
  // The GIS page and the first label sheet, clean 300-dpi rasters (the damaged set is the PDF
  // test's; one is enough to build per test process).
  lg::test::ScratchDir tmp;
  const auto& run = full_sheets();
  const fs::path pdf = run.batch_dir / full_sheets_file();
  const int label_page = run.labels.front().page;
  write_tiff({rasterize(pdf, 1, 300, tmp / "gis.png"), rasterize(pdf, label_page, 300, tmp / "labels.png")},
             tmp / "scan.tif");
  auto pages = load_pages(tmp / "scan.tif");
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_NEAR((*pages)[1].dpi, 300, 0.5);
  EXPECT_EQ((*pages)[1].page, 1);
  const Score s = decode_and_score(
      tmp / "scan.tif", {run.on_page(full_sheets_file(), 1), run.on_page(full_sheets_file(), label_page)});
  std::cout << s.summary("multi-page TIFF") << "\n";
  EXPECT_EQ(s.labels, 30);
  EXPECT_EQ(s.both, 30);
  EXPECT_EQ(s.gis_datamatrix, 1);
  EXPECT_EQ(s.gis_code128, 1);
  EXPECT_TRUE(s.wrong.empty()) << s.wrong.front();
}

TEST(DecodeFiles, LabelgenPdfReadDirectly) {
  // The smallest PDF of the samples run (a GIS and its labels), rendered by the loader itself:
  // every label and GIS symbol, and the GIS's two symbols name the same GIS serial.
  const auto& run = samples_run();
  std::map<std::string, int> per_file;
  for (const auto& l : run.labels) ++per_file[l.file];
  std::string file = per_file.begin()->first;
  for (const auto& [f, n] : per_file)
    if (n < per_file[file]) file = f;
  auto r = decode_file(run.batch_dir / file);
  ASSERT_TRUE(r) << r.error().message;
  Score total;
  std::set<std::uint32_t> gis_dm, gis_code;
  for (const auto& page : r->pages) {
    total.add(score_page(page, run.on_page(file, page.page + 1)));
    for (const auto& s : page.symbols) {
      if (s.format == SymbolFormat::DataMatrix && s.text.starts_with("G1|")) {
        auto g = barcode::parse_gis_payload(s.text);
        ASSERT_TRUE(g);
        gis_dm.insert(g->serial);
      }
      if (s.format == SymbolFormat::Code128 && s.text.size() == 8) {
        auto g = barcode::parse_gis_code128(s.text);
        ASSERT_TRUE(g);
        gis_code.insert(*g);
      }
    }
  }
  std::cout << total.summary("labelgen PDF read directly") << "\n";
  EXPECT_EQ(total.labels, per_file[file]);
  EXPECT_EQ(total.both, total.labels);
  EXPECT_FALSE(gis_dm.empty());
  EXPECT_EQ(gis_dm, gis_code);
  EXPECT_TRUE(total.wrong.empty());
}

TEST(DecodeFiles, EmptyPageHasNoSymbols) {
  GrayImage blank = GrayImage::blank(2550, 3300);
  blank.dpi = 300;
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(decode_image(blank).empty());
  // Nearly blank: a few specks of dust.
  for (int i = 0; i < 40; ++i) blank.at(100 + 50 * i, 200 + 70 * i) = 0;
  EXPECT_TRUE(decode_image(blank).empty());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "[ decode time ] blank letter page: " << s << " s\n";
  // A blank page through a file, too (a white PNG written with libpng).
  lg::test::ScratchDir tmp;
  std::vector<std::uint8_t> white(850u * 1100u, 255);
  png_image im{};
  im.version = PNG_IMAGE_VERSION;
  im.width = 850;
  im.height = 1100;
  im.format = PNG_FORMAT_GRAY;
  ASSERT_TRUE(png_image_write_to_file(&im, (tmp / "blank.png").c_str(), 0, white.data(), 0, nullptr));
  auto r = decode_file(tmp / "blank.png");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->pages.size(), 1u);
  EXPECT_TRUE(r->pages[0].symbols.empty());
  EXPECT_GE(r->pages[0].seconds, 0.0);
}

TEST(DecodeFiles, BrokenFilesAreErrorsNamingTheFile) {
  lg::test::ScratchDir tmp;
  const std::string png = lg::test::read_file(small_page());
  const fs::path jpg = damage(small_page(), tmp / "good.jpg", "--jpeg 80");
  const std::string jpeg = lg::test::read_file(jpg);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty.png", ""},
      {"junk.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\x42')},
      {"truncated.png", png.substr(0, 200)},
      {"header-only.jpg", jpeg.substr(0, 20)},
      {"text.pdf", "%PDF-1.4\nthis is not a PDF body\n"},
      {"notes.txt", "serial,ssid\n1,2\n"},
      {"tiny.tif", std::string("II*\0\x08\0\0\0", 8)},
  };
  for (const auto& [name, bytes] : cases) {
    const fs::path f = tmp.write(name, bytes);
    auto r = decode_file(f);
    ASSERT_FALSE(r) << name << " decoded";
    EXPECT_NE(r.error().message.find(f.string()), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().field, "scan");
  }
  auto missing = decode_file(tmp / "missing.png");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no such file"), std::string::npos);
  auto dir = decode_file(tmp.path());
  ASSERT_FALSE(dir);
  EXPECT_NE(dir.error().message.find("directory"), std::string::npos);
  // A truncated JPEG body still decodes (libjpeg fills the rest) or fails cleanly: no crash.
  const fs::path cut = tmp.write("cut.jpg", jpeg.substr(0, jpeg.size() / 2));
  auto r = decode_file(cut);
  if (!r) {
    EXPECT_NE(r.error().message.find(cut.string()), std::string::npos);
  }
}

TEST(DecodeFiles, ResolutionsAreRead) {
  lg::test::ScratchDir tmp;
  const fs::path small = damage(small_page(), tmp / "small.jpg", "--scale 100:50 --jpeg 90");
  auto pages = load_pages(small);
  ASSERT_TRUE(pages);
  EXPECT_NEAR(pages->front().dpi, 50, 0.5);
  EXPECT_EQ(pages->front().width, 425);
  auto png = load_pages(small_page());
  ASSERT_TRUE(png);
  EXPECT_NEAR(png->front().dpi, 100, 0.5);
  DecodeOptions pdf_opts;
  pdf_opts.pdf_dpi = 200;
  auto pdf = load_pages(full_sheets().batch_dir / full_sheets_file(), pdf_opts);
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->front().width, 1700);  // 8.5 in at 200 dpi
  EXPECT_EQ(pdf->size(), 5u);
}

}  // namespace
}  // namespace lg::decode::test

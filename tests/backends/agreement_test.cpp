// Backend agreement: the same layout::Page drawn by the Cairo RasterRenderer at 300 dpi and by
// the libharu PdfWriter rasterized with poppler-cpp at 300 dpi. Pages are the real ones of a
// print run of the samples (a GIS first page and a full label sheet, built in-process the way
// print_run builds them, and checked pixel for pixel against the PDF that `labelgen run`
// writes). In both rasters every barcode is decoded in its area; the two backends must read the
// same text at the same place (every corner within one module), where layout put it.
#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/engine.hpp"
#include "labelgen/printers/profile.hpp"
#include "labelgen/render/pdf_writer.hpp"
#include "labelgen/render/raster.hpp"
#include "labelgen/rules/plan.hpp"
#include "labelgen/run/content.hpp"
#include "labelgen/run/packing.hpp"
#include "tests/support/support.hpp"

namespace lg::backends::test {
namespace {

namespace fs = std::filesystem;
constexpr double kDpi = 300;
constexpr const char* kBatch = "2024-12";
/// Largest share of ink pixels of one backend with no ink of the other within one pixel.
constexpr double kMaxStray = 0.001;  // measured: 0 (GIS), 62 ppm (label sheets)

/// A grey image (0 black) with its own stride.
struct Gray {
  int width = 0, height = 0, stride = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * stride + x]; }
};

Gray from_raster(const render::Raster& r) { return {r.width, r.height, r.width, r.pixels}; }

void quiet_poppler() {
  static const bool once = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)once;
}

/// Page `index` of a PDF (bytes) rasterized by poppler at kDpi: antialiasing on, gray8.
Gray rasterize_pdf(const std::string& bytes, int index) {
  quiet_poppler();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw std::runtime_error("poppler cannot open the PDF");
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  if (!page) throw std::runtime_error("no page " + std::to_string(index));
  poppler::page_renderer r;
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  r.set_image_format(poppler::image::format_gray8);
  const poppler::image img = r.render_page(page.get(), kDpi, kDpi);
  Gray g{img.width(), img.height(), img.bytes_per_row(), {}};
  const auto* data = reinterpret_cast<const std::uint8_t*>(img.const_data());
  g.pixels.assign(data, data + static_cast<std::size_t>(g.stride) * g.height);
  return g;
}

struct Read {
  std::string text;
  ZXing::Position position;  // page pixels
};

/// Symbols of `format` in the pixel box [x0, x1) × [y0, y1).
std::vector<Read> read(const Gray& g, ZXing::BarcodeFormat format, int x0, int y0, int x1, int y1) {
  x0 = std::clamp(x0, 0, g.width);
  x1 = std::clamp(x1, 0, g.width);
  y0 = std::clamp(y0, 0, g.height);
  y1 = std::clamp(y1, 0, g.height);
  ZXing::ImageView view(g.pixels.data(), g.width, g.height, ZXing::ImageFormat::Lum, g.stride);
  ZXing::DecodeHints hints;
  hints.setFormats(format);
  hints.setTryDownscale(false);  // Debian's ZXing 1.4 asserts on Code 128 otherwise
  hints.setTryRotate(false);
  hints.setTryHarder(true);
  std::vector<Read> out;
  for (const auto& r : ZXing::ReadBarcodes(view.cropped(x0, y0, x1 - x0, y1 - y0), hints)) {
    if (!r.isValid()) continue;
    Read rd{r.text(), r.position()};
    for (auto& p : rd.position) p = {p.x + x0, p.y + y0};
    out.push_back(std::move(rd));
  }
  return out;
}

/// The sample run's pages for one printer profile, built as print_run builds them.
struct SamplePages {
  printers::Profile printer;
  layout::Page gis;     ///< first page of the GIS of the largest group
  layout::Page sheet;   ///< that group's first label sheet
  std::string lea_cds;  ///< where `labelgen run` puts them
  std::uint32_t first_serial = 0;
  std::size_t labels_on_sheet = 0;
};

SamplePages sample_pages(const std::string& printer_name) {
  auto printer = printers::find_profile(printer_name);
  if (!printer) throw std::runtime_error(printer.error().message);
  auto admin = admin::find_administration(*AdminYear::parse("2024-25"));
  if (!admin) throw std::runtime_error(admin.error().message);
  const fs::path samples = lg::test::repo_dir() / "samples";
  rules::PlanOptions po;
  po.through = *Date::parse("2024-12-31");
  const rules::Plan plan = rules::make_plan(
      *admin, events::read_all_events({samples / "events.csv", samples / "events-corrections.jsonl"}), po);
  if (plan.labels.empty()) throw std::runtime_error("the samples gave no labels");
  const auto packs = run::pack(plan.labels, 1, 1);
  static const fonts::FontSet fonts = [] {
    auto f = fonts::FontSet::load();
    if (!f) throw std::runtime_error(f.error().message);
    return std::move(*f);
  }();
  auto lt = layout::load_label_template(printer->label_template);
  auto gt = layout::load_gis_template(printer->gis_template);
  if (!lt || !gt) throw std::runtime_error("templates of " + printer_name + " do not load");
  const layout::LayoutOptions lo{printer->dpi, printer->offset_x, printer->offset_y};
  auto labels = layout::LabelLayout::create(*lt, fonts, lo);
  auto gis = layout::GisLayout::create(*gt, fonts, lo);
  if (!labels || !gis) throw std::runtime_error("layouts of " + printer_name + " cannot be created");

  // The group with the most labels (a fuller sheet, more symbols).
  const run::LeaPack* best_lea = nullptr;
  const run::GisGroup* best = nullptr;
  for (const auto& lea : packs)
    for (const auto& g : lea.groups)
      if (!best || g.labels.size() > best->labels.size()) {
        best = &g;
        best_lea = &lea;
      }
  SamplePages out;
  out.printer = *printer;
  out.lea_cds = best_lea->lea_cds;
  out.first_serial = best->serials.front();
  auto fields = run::gis_fields(*best, *admin, kBatch);
  if (!fields) throw std::runtime_error(fields.error().message);
  std::vector<layout::FieldMap> roster;
  for (std::size_t i = 0; i < best->labels.size(); ++i)
    roster.push_back(run::roster_fields(*best->labels[i], best->serials[i], i + 1, admin->hold_days));
  auto gis_pages = gis->draw(*fields, roster);
  if (!gis_pages || gis_pages->empty()) throw std::runtime_error("no GIS page");
  out.gis = gis_pages->front();
  out.sheet = labels->new_page();
  const int per_page = labels->stock().labels_per_page();
  for (std::size_t i = 0; i < best->labels.size() && i < static_cast<std::size_t>(per_page); ++i) {
    auto lf = run::label_fields(*best->labels[i], best->serials[i], admin->year, kBatch);
    if (!lf) throw std::runtime_error(lf.error().message);
    if (auto ok = labels->draw(*lf, labels->stock().slot_origin(static_cast<int>(i)), out.sheet); !ok)
      throw std::runtime_error(ok.error().message);
    ++out.labels_on_sheet;
  }
  return out;
}

std::string pdf_of(const layout::Page& page, double printer_dpi) {
  render::PdfOptions o;
  o.printer_dpi = printer_dpi;  // as PageSink opens it
  auto w = render::PdfWriter::open(o);
  if (!w) throw std::runtime_error(w.error().message);
  if (auto ok = w->add_page(page); !ok) throw std::runtime_error(ok.error().message);
  auto bytes = w->bytes();
  if (!bytes) throw std::runtime_error(bytes.error().message);
  return *bytes;
}

/// Both backends' rasters of one page.
struct Pair {
  Gray cairo, poppler;
  std::string pdf;
};
Pair rasterize_both(const layout::Page& page, double printer_dpi) {
  Pair p;
  auto r = render::RasterRenderer::open({kDpi, true});
  if (!r) throw std::runtime_error(r.error().message);
  auto img = r->render(page);
  if (!img) throw std::runtime_error(img.error().message);
  p.cairo = from_raster(*img);
  p.pdf = pdf_of(page, printer_dpi);
  p.poppler = rasterize_pdf(p.pdf, 0);
  return p;
}

/// Decodes every barcode of `page` in both rasters and compares: each must read once in each
/// raster, as its content, every corner within one module of the other backend's (x only for
/// Code 128, whose read's y is the scan line that found it), its left and right edges within one
/// module of where layout put them. Returns the problems; counts the symbols checked.
std::vector<std::string> check_symbols(const layout::Page& page, const Pair& both, const std::string& where,
                                       int* checked = nullptr) {
  const double k = kDpi / 72.0;
  std::vector<std::string> problems;
  auto fail = [&](const std::string& what) { problems.push_back(what); };
  for (const auto& item : page.items) {
    const auto* b = std::get_if<layout::Barcode>(&item);
    if (!b) continue;
    const bool linear = b->symbology == layout::Symbology::Code128;
    const auto format = linear ? ZXing::BarcodeFormat::Code128 : ZXing::BarcodeFormat::DataMatrix;
    const double module_px = b->module.points() * k;
    const double quiet = (linear ? 10 : 2) * b->module.points();
    const Size ext = b->extent();
    const int x0 = static_cast<int>(std::floor((b->origin.x.points() - quiet) * k));
    const int y0 = static_cast<int>(std::floor((b->origin.y.points() - quiet) * k));
    const int x1 = static_cast<int>(std::ceil(((b->origin.x + ext.width).points() + quiet) * k));
    const int y1 = static_cast<int>(std::ceil(((b->origin.y + ext.height).points() + quiet) * k));
    const std::string what = where + " " + (linear ? "Code 128 " : "DataMatrix ") + b->content.substr(0, 40);
    const auto a = read(both.cairo, format, x0, y0, x1, y1);
    const auto p = read(both.poppler, format, x0, y0, x1, y1);
    if (a.size() != 1) fail(what + ": " + std::to_string(a.size()) + " reads in the Cairo raster");
    if (p.size() != 1) fail(what + ": " + std::to_string(p.size()) + " reads in the PDF raster");
    if (a.size() != 1 || p.size() != 1) continue;
    if (a[0].text != b->content) fail(what + ": Cairo raster reads \"" + a[0].text + "\"");
    if (p[0].text != b->content) fail(what + ": PDF raster reads \"" + p[0].text + "\"");
    for (int c = 0; c < 4; ++c) {
      const auto& pa = a[0].position[c];
      const auto& pp = p[0].position[c];
      if (std::abs(pa.x - pp.x) > module_px || (!linear && std::abs(pa.y - pp.y) > module_px))
        fail(what + ": corner " + std::to_string(c) + " at " + std::to_string(pa.x) + "," +
             std::to_string(pa.y) + " (Cairo) vs " + std::to_string(pp.x) + "," + std::to_string(pp.y) +
             " (PDF)");
    }
    for (const auto* r : {&a[0], &p[0]}) {
      int lo = r->position[0].x, hi = lo;
      for (const auto& q : r->position) {
        lo = std::min(lo, q.x);
        hi = std::max(hi, q.x);
      }
      const char* backend = r == &a[0] ? " (Cairo)" : " (PDF)";
      if (std::abs(lo - b->origin.x.points() * k) > module_px)
        fail(what + ": left edge at " + std::to_string(lo) + backend);
      if (std::abs(hi - (b->origin.x + ext.width).points() * k) > module_px)
        fail(what + ": right edge at " + std::to_string(hi) + backend);
    }
    if (checked) ++*checked;
  }
  return problems;
}

/// Black/white at mid-grey.
bool ink(const Gray& g, int x, int y) {
  return x >= 0 && y >= 0 && x < g.width && y < g.height && g.at(x, y) < 128;
}

/// Ink pixels (mid-grey threshold) of either raster that the other has no ink within one
/// pixel of (glyph edges may move by a pixel between rasterizers; whole glyphs or rules may
/// not), and all ink pixels of either.
std::pair<std::size_t, std::size_t> misplaced_ink(const Gray& a, const Gray& b) {
  std::size_t stray = 0, total = 0;
  auto near = [](const Gray& g, int x, int y) {
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if (ink(g, x + dx, y + dy)) return true;
    return false;
  };
  const int w = std::max(a.width, b.width), h = std::max(a.height, b.height);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool ia = ink(a, x, y), ib = ink(b, x, y);
      total += ia || ib;
      stray += (ia && !near(b, x, y)) || (ib && !near(a, x, y));
    }
  return {stray, total};
}

/// Pixels that differ in black/white (identical rasters give 0).
std::size_t differing(const Gray& a, const Gray& b) {
  if (a.width != b.width || a.height != b.height) return static_cast<std::size_t>(-1);
  std::size_t n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) n += ink(a, x, y) != ink(b, x, y);
  return n;
}

struct Case {
  const char* name;
  const char* printer;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.printer; }

class BackendAgreement : public ::testing::TestWithParam<Case> {};

TEST_P(BackendAgreement, GisPageAndLabelSheetDecodeAlikeInCairoAndPdf) {
  SamplePages pages;
  ASSERT_NO_THROW(pages = sample_pages(GetParam().printer));
  ASSERT_GE(pages.labels_on_sheet, 2u);
  int symbols = 0;
  for (const auto* page : {&pages.gis, &pages.sheet}) {
    const std::string where = page == &pages.gis ? "GIS page" : "label sheet";
    Pair both;
    ASSERT_NO_THROW(both = rasterize_both(*page, pages.printer.dpi)) << where;
    EXPECT_EQ(both.cairo.width, both.poppler.width) << where;
    EXPECT_EQ(both.cairo.height, both.poppler.height) << where;
    for (const auto& problem : check_symbols(*page, both, where, &symbols)) ADD_FAILURE() << problem;
    // Text and rules are drawn at the same places too: almost no ink is more than a pixel
    // away from ink of the other backend.
    const auto [stray, total] = misplaced_ink(both.cairo, both.poppler);
    ASSERT_GT(total, 10000u) << where;
    EXPECT_LT(static_cast<double>(stray) / static_cast<double>(total), kMaxStray)
        << where << ": " << stray << " of " << total
        << " ink pixels have no ink of the other backend within 1 px";
    RecordProperty(where == "GIS page" ? "gis_stray_ppm" : "sheet_stray_ppm",
                   static_cast<int>(1e6 * static_cast<double>(stray) / static_cast<double>(total)));
  }
  // Every label has two symbols, the GIS at least one.
  EXPECT_GE(symbols, static_cast<int>(2 * pages.labels_on_sheet + 1));
}

TEST_P(BackendAgreement, PagesAreThoseLabelgenRunWrites) {
  // The in-process pages equal the run's: its PDF pages rasterize to the same pixels.
  SamplePages pages;
  ASSERT_NO_THROW(pages = sample_pages(GetParam().printer));
  lg::test::ScratchDir dir;
  const fs::path samples = lg::test::repo_dir() / "samples";
  const auto r = lg::test::run_labelgen("run --admin 2024-25 --events '" + (samples / "events.csv").string() +
                                        "' '" + (samples / "events-corrections.jsonl").string() +
                                        "' --through 2024-12-31 --printer " + GetParam().printer +
                                        " --out '" + (dir / "out").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The manifest row of the sheet's first serial names its file and page; the GIS page is the
  // one right before the group's labels start... or earlier when the roster needs more pages,
  // so it is found by comparing pages before the sheet.
  const std::string manifest = lg::test::read_file(dir / "out" / kBatch / "manifest.csv");
  char serial[16];
  std::snprintf(serial, sizeof serial, "%07u", pages.first_serial);
  const auto at = manifest.find("\n" + std::string(serial) + ",");
  ASSERT_NE(at, std::string::npos) << "serial " << serial << " not in the manifest";
  const std::string row = manifest.substr(at + 1, manifest.find('\n', at + 1) - at - 1);
  std::vector<std::string> cols;
  for (std::size_t b = 0;;) {  // the file, page and position columns hold no quotes or commas
    const auto e = row.find(',', b);
    cols.push_back(row.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  ASSERT_GE(cols.size(), 12u) << row;
  const std::size_t n = cols.size();
  const std::string file = cols[n - 4];
  const int page_no = std::stoi(cols[n - 3]);
  ASSERT_EQ(cols[n - 2], "1") << "the group's first label starts a sheet";
  EXPECT_EQ(file.rfind(pages.lea_cds, 0), 0u) << file;
  const std::string run_pdf = lg::test::read_file(dir / "out" / kBatch / file);
  const Gray run_sheet = rasterize_pdf(run_pdf, page_no - 1);
  const Gray own_sheet = rasterize_pdf(pdf_of(pages.sheet, pages.printer.dpi), 0);
  EXPECT_EQ(differing(run_sheet, own_sheet), 0u)
      << "label sheet differs from " << file << " page " << page_no;
  const Gray own_gis = rasterize_pdf(pdf_of(pages.gis, pages.printer.dpi), 0);
  bool found = false;
  for (int p = page_no - 1; p >= 1 && !found; --p)
    found = differing(rasterize_pdf(run_pdf, p - 1), own_gis) == 0;
  EXPECT_TRUE(found) << "no page before the sheet in " << file << " is the GIS page";
}

TEST(BackendAgreementChecks, DetectMovedSymbolsAndText) {
  // The checks can fail: a page whose PDF has one DataMatrix moved by two modules, one Code 128
  // by two modules and one text line by three pixels is caught by each of them.
  SamplePages pages;
  ASSERT_NO_THROW(pages = sample_pages("office-laser-300"));
  layout::Page moved = pages.sheet;
  bool dm = false, c128 = false, text = false;
  for (auto& item : moved.items) {
    if (auto* b = std::get_if<layout::Barcode>(&item)) {
      bool& done = b->symbology == layout::Symbology::DataMatrix ? dm : c128;
      if (!done) b->origin.x += b->module * 2;
      done = true;
    } else if (auto* t = std::get_if<layout::Text>(&item); t && !text) {
      t->origin.y += Length::dots(3, kDpi);
      text = true;
    }
  }
  ASSERT_TRUE(dm && c128 && text);
  Pair both;
  ASSERT_NO_THROW(both = rasterize_both(pages.sheet, pages.printer.dpi));
  both.poppler = rasterize_pdf(pdf_of(moved, pages.printer.dpi), 0);
  const auto problems = check_symbols(pages.sheet, both, "moved");
  std::size_t dm_problems = 0, c128_problems = 0;
  for (const auto& p : problems) {
    dm_problems += p.find("DataMatrix") != std::string::npos;
    c128_problems += p.find("Code 128") != std::string::npos;
  }
  EXPECT_GT(dm_problems, 0u);
  EXPECT_GT(c128_problems, 0u);
  const auto [stray, total] = misplaced_ink(both.cairo, both.poppler);
  EXPECT_GT(static_cast<double>(stray) / static_cast<double>(total), kMaxStray) << stray << " of " << total;
}

INSTANTIATE_TEST_SUITE_P(Printers, BackendAgreement,
                         ::testing::Values(Case{"Laser300", "office-laser-300"},
                                           Case{"Letter600", "office-laser-letter"}),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace lg::backends::test

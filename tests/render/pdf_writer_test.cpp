#include "labelgen/render/pdf_writer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

#include "labelgen/core/malloc_tuning.hpp"
#include "tests/render/render_support.hpp"
#include "tests/support/support.hpp"

namespace lg::render {
namespace {

using namespace lg::render::test;

std::string render_bytes(const layout::Page& page, PdfOptions options = {}) {
  auto w = PdfWriter::open(options);
  EXPECT_TRUE(w);
  auto ok = w->add_page(page);
  EXPECT_TRUE(ok) << (ok ? "" : ok.error().message);
  auto b = w->bytes();
  EXPECT_TRUE(b);
  return b ? *b : std::string();
}

class SampleSheet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    placed_ = new std::vector<Placed>();
    page_ = new layout::Page(sample_page(*placed_));
    dir_ = new lg::test::ScratchDir();
    auto w = PdfWriter::open(options());
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->add_page(*page_));
    path_ = new std::filesystem::path(*dir_ / "labels.pdf");
    auto ok = w->save(*path_);
    ASSERT_TRUE(ok) << ok.error().message;
    bytes_ = new std::string(lg::test::read_file(*path_));
  }
  static void TearDownTestSuite() {
    delete placed_;
    delete page_;
    delete path_;
    delete bytes_;
    delete dir_;
  }
  /// The sheet is snapped to a 203-dpi grid; DataMatrix images get one pixel per dot.
  static PdfOptions options() {
    PdfOptions o;
    o.title = "Pre-ID labels";
    o.printer_dpi = 203;
    return o;
  }
  static std::vector<Placed>* placed_;
  static layout::Page* page_;
  static lg::test::ScratchDir* dir_;
  static std::filesystem::path* path_;
  static std::string* bytes_;
};
std::vector<Placed>* SampleSheet::placed_;
layout::Page* SampleSheet::page_;
lg::test::ScratchDir* SampleSheet::dir_;
std::filesystem::path* SampleSheet::path_;
std::string* SampleSheet::bytes_;

TEST_F(SampleSheet, EveryBarcodeDecodesAt300And203Dpi) {
  for (double dpi : {300.0, 203.0}) {
    const Gray g = rasterize(*bytes_, 0, dpi);
    ASSERT_GT(g.width, 0);
    int ok = 0;
    for (const auto& p : *placed_) {
      EXPECT_EQ(read_symbol(g, p), p.content) << dpi << " dpi";
      ok += read_symbol(g, p) == p.content;
    }
    std::printf("[ decode   ] %.0f dpi: %d/%zu symbols\n", dpi, ok, placed_->size());
  }
}

TEST_F(SampleSheet, TextExtractsExactly) {
  const std::string text = page_text(*bytes_, 0);
  for (const auto& name : sample_names())
    EXPECT_NE(text.find(name), std::string::npos) << name << "\n" << text;
  EXPECT_NE(text.find("SSID 8478921817"), std::string::npos);
}

TEST_F(SampleSheet, QpdfCheckAndFontsEmbedded) {
  auto q = lg::test::run_shell("qpdf --check '" + path_->string() + "'");
  EXPECT_EQ(q.exit_code, 0) << q.out << q.err;
  auto f = lg::test::run_shell("pdffonts '" + path_->string() + "'");
  ASSERT_EQ(f.exit_code, 0) << f.err;
  std::istringstream lines(f.out);
  std::string line;
  int fonts = 0;
  std::getline(lines, line);  // header
  std::getline(lines, line);  // ----
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++fonts;
    std::istringstream tok(line.substr(line.find("Identity-H") + 10));
    std::string emb;
    tok >> emb;
    EXPECT_EQ(emb, "yes") << line;
  }
  EXPECT_EQ(fonts, 3) << f.out;  // Liberation Sans Bold, Noto Sans Armenian Bold, Liberation Mono
}

TEST_F(SampleSheet, FileModeIs0600AndNoTemporaryLeftBehind) {
  struct stat st {};
  ASSERT_EQ(::stat(path_->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_->path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
  // Saving again replaces the file atomically (same content: the output is deterministic).
  auto w = PdfWriter::open(options());
  ASSERT_TRUE(w->add_page(*page_));
  ASSERT_TRUE(w->save(*path_));
  EXPECT_EQ(lg::test::read_file(*path_), *bytes_);
  EXPECT_FALSE(w->save(dir_->path() / "missing-dir" / "x.pdf"));
}

TEST_F(SampleSheet, ByteIdenticalAcrossRenders) {
  const std::string a = render_bytes(*page_, options());
  const std::string b = render_bytes(*page_, options());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, *bytes_);
  EXPECT_EQ(a.find("CreationDate"), std::string::npos);
  EXPECT_EQ(a.find("/ID"), std::string::npos);
}

struct ModeCase {
  const char* name;
  PdfOptions options;
};

PdfOptions with(PdfOptions::Matrix m, double printer_dpi) {
  PdfOptions o;
  o.datamatrix = m;
  o.printer_dpi = printer_dpi;
  return o;
}

TEST(DrawingModes, DecodeAtEveryResolution) {
  std::vector<Placed> placed;
  const layout::Page page = sample_page(placed);
  const ModeCase modes[] = {{"image, 1 px/module", with(PdfOptions::Matrix::Image, 0)},
                            {"image, printer_dpi 203", with(PdfOptions::Matrix::Image, 203)},
                            {"vector", with(PdfOptions::Matrix::Vector, 0)}};
  for (const auto& mode : modes) {
    const std::string pdf = render_bytes(page, mode.options);
    for (double dpi : {203.0, 300.0, 600.0}) {
      const Gray g = rasterize(pdf, 0, dpi);
      int ok = 0;
      for (const auto& p : placed) ok += read_symbol(g, p) == p.content;
      std::printf("[ decode   ] %-22s %3.0f dpi: %d/%zu\n", mode.name, dpi, ok, placed.size());
      // poppler (Splash) interpolates images scaled up less than 4x: one pixel per module at a
      // 3-dot module blurs at 203 dpi. One pixel per printer dot, or vectors, stay crisp.
      if (mode.options.printer_dpi > 0 || mode.options.datamatrix == PdfOptions::Matrix::Vector ||
          dpi > 203) {
        EXPECT_EQ(ok, static_cast<int>(placed.size())) << mode.name << " " << dpi;
      }
    }
  }
}

// A DataMatrix is an unfiltered inline image inside the page's content. Its bytes are module
// bits, so they can spell "EI" between white space: a reader that looked for the end of the
// data instead of counting /W x /H bits would stop early and drop or garble the rest of the
// page. Rows here spell exactly that; poppler must draw every module and the rectangle after it.
TEST(InlineImage, DataThatSpellsEiIsDrawnExactly) {
  const std::vector<std::string> rows = {"\nEI\nQ\n", " EI EI",   "\rEI\rBT",
                                         "\tEI Q ",   "EI\nEI\n", "\nEI\n\nE"};
  auto m = std::make_shared<layout::ModuleMatrix>();
  m->width = 48;
  m->height = static_cast<int>(rows.size());
  for (const auto& row : rows)
    for (int x = 0; x < m->width; ++x)
      m->cells.push_back(((static_cast<unsigned char>(row[x / 8]) >> (7 - x % 8)) & 1) ? 0
                                                                                       : 1);  // 1 bit = white
  const double px = 4;  // module size in points; rasterized at 72 dpi: 4 pixels
  layout::Page page{{Length::in(4), Length::in(2)}, {}};
  page.items.push_back(
      layout::Barcode{layout::Symbology::DataMatrix, m, "bytes", {8.0_pt, 8.0_pt}, Length::pt(px), {}});
  page.items.push_back(layout::Rect{{8.0_pt, 60.0_pt}, {40.0_pt, 8.0_pt}, true, {}});
  for (bool compress : {true, false}) {
    const std::string pdf = render_bytes(page, {.compress = compress});
    lg::test::ScratchDir dir;
    std::ofstream(dir / "ei.pdf", std::ios::binary) << pdf;
    auto q = lg::test::run_shell("qpdf --check '" + (dir / "ei.pdf").string() + "'");
    EXPECT_EQ(q.exit_code, 0) << q.out << q.err;
    EXPECT_NE(q.out.find("No syntax or stream encoding errors"), std::string::npos) << q.out << q.err;
    const Gray g = rasterize(pdf, 0, 72);
    ASSERT_GT(g.width, 0);
    auto at = [&](double x, double y) {
      return g.data[static_cast<std::size_t>(y) * g.stride + static_cast<std::size_t>(x)];
    };
    int wrong = 0;
    for (int y = 0; y < m->height; ++y)
      for (int x = 0; x < m->width; ++x) {
        const auto v = at(8 + px * x + px / 2, 8 + px * y + px / 2);
        wrong += m->dark(x, y) ? v > 64 : v < 192;
      }
    EXPECT_EQ(wrong, 0) << "modules drawn wrong (compress " << compress << ")";
    EXPECT_LT(at(28, 64), 64) << "the rectangle after the image is missing (compress " << compress << ")";
  }
}

TEST(PdfWriter, ErrorsAreValuesAndPoisonTheDocument) {
  layout::Page page{{Length::in(4), Length::in(2)}, {}};
  page.items.push_back(layout::Text{
      {10.0_pt, 20.0_pt},
      9.0_pt,
      {layout::TextRun{
          "X", std::make_shared<const layout::FontFace>(layout::FontFace{"/nonexistent/font.ttf", 0, "Nope"}),
          5.0_pt}},
      false});
  auto w = PdfWriter::open();
  ASSERT_TRUE(w);
  auto r = w->add_page(page);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("font.ttf"), std::string::npos) << r.error().message;
  EXPECT_FALSE(w->add_page(layout::Page{{Length::in(4), Length::in(2)}, {}}));
  EXPECT_FALSE(w->bytes());
  layout::Page empty_bar{{Length::in(4), Length::in(2)}, {layout::Barcode{}}};
  auto w2 = PdfWriter::open();
  EXPECT_FALSE(w2->add_page(empty_bar));
}

// ---- Glyph check: libharu 2.3.0's subsetter drops the parts of nested composite glyphs ------------

/// Renders `word` alone at 40 pt with `face` into its own document and rasterizes it.
Gray word_raster(const layout::FontFace& face, const std::string& word) {
  layout::Page page{{Length::in(4), Length::in(1.5)}, {}};
  page.items.push_back(
      layout::Text{{20.0_pt, 70.0_pt},
                   40.0_pt,
                   {layout::TextRun{word, std::make_shared<const layout::FontFace>(face), 100.0_pt}},
                   false});
  return rasterize(render_bytes(page), 0, 100);
}

/// The detector: how many pixels differ between a word and its mark-stripped twin. Zero means
/// the marks were lost (the embedded subset lacks the parts of the composite glyphs).
long mark_pixels(const layout::FontFace& face, const std::string& word, const std::string& stripped) {
  const Gray a = word_raster(face, word), b = word_raster(face, stripped);
  if (a.data.size() != b.data.size() || a.data.empty()) return -1;
  long diff = 0;
  for (std::size_t i = 0; i < a.data.size(); ++i) diff += std::abs(int(a.data[i]) - int(b.data[i])) > 64;
  return diff;
}

struct GlyphCase {
  const char* word;
  const char* stripped;
};
const GlyphCase kGlyphCases[] = {
    {"Nguyễn", "Nguyen"}, {"Trần", "Tran"}, {"ặ", "a"}, {"Müller", "Muller"}, {"Šimić", "Simic"}};

TEST(GlyphCheck, DetectorFlagsDejaVuSans) {
  const layout::FontFace dejavu{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, "DejaVu Sans"};
  ASSERT_TRUE(std::filesystem::exists(dejavu.path))
      << "DejaVu Sans (fonts-dejavu-core, scripts/install-deps.sh) is needed to show the detector works";
  // Vietnamese letters with two marks are nested composites in DejaVu: the marks vanish.
  EXPECT_EQ(mark_pixels(dejavu, "Nguyễn", "Nguyen"), 0);
  EXPECT_EQ(mark_pixels(dejavu, "Trần", "Tran"), 0);
}

TEST(GlyphCheck, ConfiguredFontsDrawEveryMark) {
  for (const char* role : {"label", "label-bold"}) {
    const layout::FontFace face = fontset().faces(*fontset().role(role))[0];
    for (const auto& c : kGlyphCases) {
      const long px = mark_pixels(face, c.word, c.stripped);
      EXPECT_GT(px, 20) << role << " " << face.family << ": '" << c.word << "' prints like '" << c.stripped
                        << "'";
    }
    EXPECT_GT(mark_pixels(face, "ặ ă", "ạ a"), 40);
  }
}

// ---- Bars on the dot grid -----------------------------------------------------------------------

/// Parses an uncompressed content stream: every `re` after a `cm`, mapped through it, as x edges.
std::vector<double> written_edges(const std::string& pdf) {
  std::vector<double> edges;
  std::istringstream in(pdf);
  std::string line;
  double a = 0, e = 0;
  bool in_bar = false;
  while (std::getline(in, line)) {
    std::istringstream t(line);
    std::vector<std::string> tok;
    for (std::string s; t >> s;) tok.push_back(s);
    if (tok.size() == 7 && tok[6] == "cm") {
      a = std::stod(tok[0]);
      e = std::stod(tok[4]);
      in_bar = true;
    } else if (in_bar && tok.size() == 5 && tok[4] == "re") {
      const double x = std::stod(tok[0]), w = std::stod(tok[2]);
      edges.push_back(a * x + e);
      edges.push_back(a * (x + w) + e);
    } else if (tok.size() == 1 && tok[0] == "Q") {
      in_bar = false;
    }
  }
  return edges;
}

TEST(DotGrid, Code128EdgesOnWholeDots) {
  const std::string content = *barcode::format_preid_code128({*Ssid::parse("8478921817"), 769});
  auto modules = *barcode::encode(layout::Symbology::Code128, content);
  for (double dpi : {203.0, 300.0, 600.0}) {
    for (int dots : {2, 3}) {
      layout::Barcode b{layout::Symbology::Code128,
                        modules,
                        content,
                        {snap(Length::in(1.23456), dpi), snap(Length::in(0.789), dpi)},
                        Length::dots(dots, dpi),
                        snap(Length::in(0.3), dpi)};
      // The transformation the backend uses, in double precision.
      const auto edges = code128_bar_edges(b);
      ASSERT_EQ(edges.size(), 2u * 3 * 9 + 2u * 3 * 2 + 2u * 4);  // 6 bars per char (11 chars), 7 in stop
      for (double x : edges) EXPECT_NEAR(x * dpi / 72, std::round(x * dpi / 72), 1e-6) << dpi << " dpi";
      // The numbers written to the content stream (9 decimals; 72/203 pt has no finite decimal
      // form, so at 203 dpi this is the rounding of the written numbers).
      layout::Page page{{Length::in(4), Length::in(2)}, {b}};
      const auto written = written_edges(render_bytes(page, {.compress = false}));
      ASSERT_EQ(written.size(), edges.size());
      double worst = 0;
      for (double x : written) worst = std::max(worst, std::abs(x * dpi / 72 - std::round(x * dpi / 72)));
      EXPECT_LT(worst, 1e-6) << dpi << " dpi";
      if (dots == 2)
        std::printf("[ grid     ] %.0f dpi: worst written bar edge off the dot grid by %.2g dots\n", dpi,
                    worst);
    }
  }
}

// ---- Speed (not a timed test) ---------------------------------------------------------------------

TEST(PdfWriterSpeed, ThreeThousandLabels) {
  std::vector<Placed> placed;
  std::vector<layout::Page> pages;
  const auto& names = sample_names();
  std::uint32_t serial = 1000;
  for (int p = 0; p < 100; ++p) {
    layout::Page page{{Length::in(8.5), Length::in(11)}, {}};
    for (int i = 0; i < 30; ++i)
      add_label(page, placed, label_origin(i), names[(p + i) % names.size()], serial++);
    pages.push_back(std::move(page));
  }
  lg::test::ScratchDir dir;
  if (std::getenv("LG_MALLOPT")) lg::tune_malloc();
  const ModeCase modes[] = {{"image, 1 px/module", with(PdfOptions::Matrix::Image, 0)},
                            {"image, printer_dpi 203", with(PdfOptions::Matrix::Image, 203)},
                            {"vector", with(PdfOptions::Matrix::Vector, 0)}};
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  };
  const char* only = std::getenv("LG_SPEED_MODE");  // index of one mode, for memory measurements
  for (const auto& mode : modes) {
    if (only && std::atoi(only) != &mode - modes) continue;
    const double c0 = cpu_now();
    const auto t0 = std::chrono::steady_clock::now();
    auto w = PdfWriter::open(mode.options);
    for (const auto& page : pages) ASSERT_TRUE(w->add_page(page));
    ASSERT_TRUE(w->save(dir / "speed.pdf"));
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpu_now() - c0;
    const auto size = std::filesystem::file_size(dir / "speed.pdf");
    std::printf(
        "[ perf     ] PdfWriter %-22s 3000 labels: %6.0f labels/s wall, %6.0f per CPU-second, %.2f MB per "
        "1,000 labels\n",
        mode.name, 3000 / s, 3000 / cpu, size / 3.0 / 1e6);
    if (&mode == &modes[0]) {
      auto q = lg::test::run_shell("qpdf --check '" + (dir / "speed.pdf").string() + "'");
      EXPECT_EQ(q.exit_code, 0) << q.out;
    }
  }
}

}  // namespace
}  // namespace lg::render

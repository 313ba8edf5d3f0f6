// Layout level: every barcode of a Pre-ID label and of a GIS lands on the printer's dot grid
// (origin, module, Code 128 bar edges, DataMatrix module edges, bar height all whole dots), for
// 203, 300 and 600 dpi, with and without a calibration offset, in every label slot.
#include <gtest/gtest.h>

#include <cmath>

#include "labelgen/admin/administration.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/engine.hpp"
#include "labelgen/render/pdf_writer.hpp"
#include "labelgen/run/content.hpp"
#include "labelgen/run/packing.hpp"
#include "tests/run/sample_label.hpp"

namespace lg::run {
namespace {

const fonts::FontSet& fontset() {
  static const fonts::FontSet fs = [] {
    auto r = fonts::FontSet::load();
    if (!r) throw std::runtime_error("FontSet::load: " + r.error().message);
    return std::move(*r);
  }();
  return fs;
}

const admin::Administration& admin2425() {
  static const admin::Administration a = [] {
    auto r = admin::find_administration(*AdminYear::parse("2024-25"));
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(*r);
  }();
  return a;
}

using lg::test::make_label;

/// Distance of `v` dots from the nearest whole dot.
double off_grid(Length v, double dpi) {
  const double d = v.in_dots(dpi);
  return std::abs(d - std::round(d));
}

constexpr double kTolerance = 1e-6;

/// Checks one barcode primitive; `where` names it in failures. Returns how many edges it checked.
int check_barcode(const layout::Barcode& b, double dpi, const std::string& where) {
  int checked = 0;
  EXPECT_LT(off_grid(b.origin.x, dpi), kTolerance) << where << ": origin.x = " << b.origin.x.in_dots(dpi) << " dots";
  EXPECT_LT(off_grid(b.origin.y, dpi), kTolerance) << where << ": origin.y = " << b.origin.y.in_dots(dpi) << " dots";
  EXPECT_LT(off_grid(b.module, dpi), kTolerance) << where << ": module = " << b.module.in_dots(dpi) << " dots";
  EXPECT_GE(b.module.in_dots(dpi), 2 - kTolerance) << where << ": module under 2 dots";
  if (!b.modules) {
    ADD_FAILURE() << where << ": no modules";
    return 0;
  }
  const auto& m = *b.modules;
  if (b.symbology == layout::Symbology::Code128) {
    EXPECT_EQ(m.height, 1) << where;
    EXPECT_LT(off_grid(b.bar_height, dpi), kTolerance) << where << ": bar height " << b.bar_height.in_dots(dpi);
    // Every bar edge: origin + k * module at each dark/light transition.
    for (int k = 0; k <= m.width; ++k) {
      const bool left = k > 0 && m.dark(k - 1, 0), right = k < m.width && m.dark(k, 0);
      if (left == right) continue;
      const Length edge = b.origin.x + b.module * k;
      EXPECT_LT(off_grid(edge, dpi), kTolerance) << where << ": bar edge at module " << k << " = "
                                                 << edge.in_dots(dpi) << " dots";
      ++checked;
    }
    // The PDF backend's own bar edges (its transformation), before number formatting.
    for (double e : render::code128_bar_edges(b)) {
      const double d = e * dpi / 72.0;
      EXPECT_LT(std::abs(d - std::round(d)), kTolerance) << where << ": PDF bar edge " << d << " dots";
    }
  } else {
    for (int k = 0; k <= std::max(m.width, m.height); ++k) {
      const Length step = b.module * k;
      if (k <= m.width) {
        EXPECT_LT(off_grid(b.origin.x + step, dpi), kTolerance) << where << ": column " << k;
      }
      if (k <= m.height) {
        EXPECT_LT(off_grid(b.origin.y + step, dpi), kTolerance) << where << ": row " << k;
      }
      ++checked;
    }
  }
  return checked;
}

struct GridCase {
  const char* label_template;
  double dpi;
  double offset_x_in, offset_y_in;  ///< printer calibration
};

std::string case_name(const ::testing::TestParamInfo<GridCase>& info) {
  std::string s = std::string(info.param.label_template) + "_" + std::to_string(static_cast<int>(info.param.dpi)) +
                  "dpi" + (info.param.offset_x_in != 0 || info.param.offset_y_in != 0 ? "_offset" : "");
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

void PrintTo(const GridCase& c, std::ostream* os) {
  *os << c.label_template << " at " << c.dpi << " dpi, offset " << c.offset_x_in << "/" << c.offset_y_in << " in";
}

class DotGrid : public ::testing::TestWithParam<GridCase> {};

TEST_P(DotGrid, EveryLabelBarcodeIsOnTheDotGridInEverySlot) {
  const GridCase& c = GetParam();
  auto tmpl = layout::load_label_template(c.label_template);
  ASSERT_TRUE(tmpl) << tmpl.error().message;
  const layout::LayoutOptions options{c.dpi, Length::in(c.offset_x_in), Length::in(c.offset_y_in)};
  auto lay = layout::LabelLayout::create(*tmpl, fontset(), options);
  ASSERT_TRUE(lay) << lay.error().message;
  const std::vector<rules::Label> labels = {make_label("Nguyễn", "Thảo", "Minh"),
                                            make_label("Quiñónez Mendoza", "Joaquín", ""), make_label("Lor", "Zu", "")};
  layout::Page page = lay->new_page();
  int barcodes = 0, edges = 0;
  for (int slot = 0; slot < lay->stock().labels_per_page(); ++slot) {
    const auto& label = labels[static_cast<std::size_t>(slot) % labels.size()];
    auto fields = label_fields(label, 1000 + static_cast<std::uint32_t>(slot), *AdminYear::parse("2024-25"), "2024-08");
    ASSERT_TRUE(fields) << fields.error().message;
    const std::size_t before = page.items.size();
    auto ok = lay->draw(*fields, lay->stock().slot_origin(slot), page);
    ASSERT_TRUE(ok) << ok.error().message;
    int here = 0;
    for (std::size_t i = before; i < page.items.size(); ++i)
      if (const auto* b = std::get_if<layout::Barcode>(&page.items[i])) {
        edges += check_barcode(*b, c.dpi, std::string(c.label_template) + " slot " + std::to_string(slot + 1) + " " +
                                              (b->symbology == layout::Symbology::Code128 ? "Code 128" : "DataMatrix"));
        ++here;
      }
    EXPECT_EQ(here, 2) << "slot " << slot + 1 << ": a Code 128 and a DataMatrix";
    barcodes += here;
  }
  EXPECT_GT(edges, barcodes * 10);
}

class GisDotGrid : public ::testing::TestWithParam<GridCase> {};

TEST_P(GisDotGrid, GisBarcodesAreOnTheDotGrid) {
  const GridCase& c = GetParam();
  auto tmpl = layout::load_gis_template("gis-letter");
  ASSERT_TRUE(tmpl) << tmpl.error().message;
  auto lay = layout::GisLayout::create(*tmpl, fontset(), {c.dpi, Length::in(c.offset_x_in), Length::in(c.offset_y_in)});
  ASSERT_TRUE(lay) << lay.error().message;
  const rules::Label label = make_label("Nguyễn", "Thảo", "Minh");
  GisGroup group;
  group.lea_cds = label.event.lea_cds.str();
  group.school_cds = label.event.school_cds.str();
  group.labels = {&label};
  group.serials = {1000};
  group.gis_serial = 77;
  auto fields = gis_fields(group, admin2425(), "2024-08");
  ASSERT_TRUE(fields) << fields.error().message;
  auto pages = lay->draw(*fields, {roster_fields(label, 1000, 1, admin2425().hold_days)});
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_FALSE(pages->empty());
  int barcodes = 0;
  for (const auto& item : pages->front().items)
    if (const auto* b = std::get_if<layout::Barcode>(&item)) {
      check_barcode(*b, c.dpi, b->symbology == layout::Symbology::Code128 ? "GIS Code 128" : "GIS DataMatrix");
      ++barcodes;
    }
  EXPECT_EQ(barcodes, 2);
}

INSTANTIATE_TEST_SUITE_P(Templates, DotGrid,
                         ::testing::Values(GridCase{"preid-avery-5160", 203, 0, 0},
                                           GridCase{"preid-avery-5160", 300, 0, 0},
                                           GridCase{"preid-avery-5160", 600, 0, 0},
                                           GridCase{"preid-avery-5160", 203, 0.013, -0.021},
                                           GridCase{"preid-avery-5160", 300, 0.013, -0.021},
                                           GridCase{"preid-avery-5160", 600, 0.013, -0.021},
                                           GridCase{"preid-avery-5163", 203, 0, 0},
                                           GridCase{"preid-avery-5163", 300, 0, 0},
                                           GridCase{"preid-avery-5163", 600, 0, 0},
                                           GridCase{"preid-thermal-4x2", 203, 0, 0},
                                           GridCase{"preid-thermal-4x2", 300, 0, 0}),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Printers, GisDotGrid,
                         ::testing::Values(GridCase{"gis-letter", 203, 0, 0}, GridCase{"gis-letter", 300, 0, 0},
                                           GridCase{"gis-letter", 600, 0, 0},
                                           GridCase{"gis-letter", 203, 0.013, -0.021},
                                           GridCase{"gis-letter", 600, 0.013, -0.021}),
                         case_name);

}  // namespace
}  // namespace lg::run

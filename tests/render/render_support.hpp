#pragma once
// Helpers of the render tests: a sample sheet of labels, poppler rasterizing, ZXing reading.
#include <ZXing/ReadBarcode.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "labelgen/barcode/encode.hpp"
#include "labelgen/barcode/payload.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/primitives.hpp"

namespace lg::render::test {

using namespace lg::length_literals;

inline const fonts::FontSet& fontset() {
  static fonts::FontSet fs = [] {
    auto r = fonts::FontSet::load();
    if (!r) {
      std::fprintf(stderr, "FontSet::load: %s\n", r.error().message.c_str());
      std::abort();
    }
    return std::move(*r);
  }();
  return fs;
}

/// `v` rounded to the nearest dot at `dpi`.
inline Length snap(Length v, double dpi) { return Length::dots(std::round(v.in_dots(dpi)), dpi); }

inline layout::Text text(const std::string& s, const char* role, Length size, Length x, Length y) {
  auto runs = fontset().shape(s, *fontset().role(role), size);
  if (!runs) {
    std::fprintf(stderr, "shape '%s': %s\n", s.c_str(), runs.error().message.c_str());
    std::abort();
  }
  return layout::Text{{x, y}, size, std::move(*runs), false};
}

/// One placed symbol, for reading it back.
struct Placed {
  layout::Symbology symbology;
  std::string content;
  double x0, y0, x1, y1;  // points, top-left origin, including the quiet zone
};

/// Avery 5160 geometry: 3 x 10 labels of 2.625 x 1 in on US Letter.
inline Point label_origin(int i) {
  return {Length::in(0.1875) + Length::in(2.75) * (i % 3),
          Length::in(0.5) + Length::in(1.0) * ((i / 3) % 10)};
}

/// Draws one Pre-ID label at `at`: name, an info line, Code 128 (2 dots/module at 203 dpi) and
/// DataMatrix (3 dots/module at 203 dpi), both snapped to the 203-dpi grid.
inline void add_label(layout::Page& page, std::vector<Placed>& placed, Point at, const std::string& name,
                      std::uint32_t serial, double dpi = 203) {
  page.items.push_back(text(name, "label-bold", 9.0_pt, at.x + 6.0_pt, at.y + 12.0_pt));
  page.items.push_back(text("SSID 8478921817  KN  F1", "mono", 6.0_pt, at.x + 6.0_pt, at.y + 20.0_pt));
  page.items.push_back(
      layout::Rect{{at.x + 2.0_pt, at.y + 2.0_pt}, {Length::in(2.625) - 4.0_pt, 68.0_pt}, false, 0.5_pt});
  const std::string c128 = *barcode::format_preid_code128({*Ssid::parse("8478921817"), serial});
  barcode::PayloadFields f;
  f.administration = *AdminYear::parse("2024-25");
  f.lea = *CdsCode::parse("19647330000000");
  f.school = *CdsCode::parse("19647336012345");
  f.ssid = *Ssid::parse("8478921817");
  f.serial = serial;
  f.batch = "2024-09-B03";
  f.name = name;
  const std::string dm = *barcode::format_payload(f);
  layout::Barcode bar{layout::Symbology::Code128,
                      *barcode::encode(layout::Symbology::Code128, c128),
                      c128,
                      {snap(at.x + 12.0_pt, dpi), snap(at.y + 28.0_pt, dpi)},
                      Length::dots(2, dpi),
                      snap(Length::in(0.3), dpi)};
  layout::Barcode mat{layout::Symbology::DataMatrix,
                      *barcode::encode(layout::Symbology::DataMatrix, dm),
                      dm,
                      {},
                      Length::dots(3, dpi),
                      Length{}};
  const Length side = mat.extent().width;
  mat.origin = {snap(at.x + Length::in(2.625) - 8.0_pt - side, dpi), snap(at.y + 22.0_pt, dpi)};
  const double q128 = bar.module.points() * 10, qdm = mat.module.points() * 2;
  placed.push_back({bar.symbology, c128, bar.origin.x.points() - q128, bar.origin.y.points() - 4,
                    (bar.origin.x + bar.extent().width).points() + q128,
                    (bar.origin.y + bar.bar_height).points() + 4});
  placed.push_back({mat.symbology, dm, mat.origin.x.points() - qdm, mat.origin.y.points() - qdm,
                    (mat.origin.x + side).points() + qdm, (mat.origin.y + side).points() + qdm});
  page.items.push_back(std::move(bar));
  page.items.push_back(std::move(mat));
}

/// The names the sample sheet prints (every script and mark the fonts stage must handle).
inline const std::vector<std::string>& sample_names() {
  static const std::vector<std::string> names = {"NGUYỄN, THẢO M.", "ĐẶNG, TRẦN ặ ă", "MÜLLER, ANNA",
                                                 "ŠIMIĆ, IVAN",     "Հակոբյան, ANI",  "MUÑOZ PEÑA, JOSÉ"};
  return names;
}

inline layout::Page sample_page(std::vector<Placed>& placed) {
  layout::Page page{{Length::in(8.5), Length::in(11)}, {}};
  for (std::size_t i = 0; i < sample_names().size(); ++i)
    add_label(page, placed, label_origin(static_cast<int>(i)), sample_names()[i],
              static_cast<std::uint32_t>(100 + i));
  const layout::Line rule{{Length::in(0.5), Length::in(10.5)}, {Length::in(8), Length::in(10.5)}, 1.0_pt};
  page.items.emplace_back(std::in_place_type<layout::Line>, rule);
  return page;
}

/// A gray8 raster of a PDF page (poppler, antialiasing on).
struct Gray {
  int width = 0, height = 0, stride = 0;
  double dpi = 0;
  std::vector<std::uint8_t> data;
};

inline void quiet_poppler() {
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
}

inline Gray rasterize(const std::string& pdf_bytes, int page_index, double dpi) {
  quiet_poppler();
  std::vector<char> raw(pdf_bytes.begin(), pdf_bytes.end());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&raw));
  Gray g;
  if (!doc) return g;
  std::unique_ptr<poppler::page> page(doc->create_page(page_index));
  poppler::page_renderer r;
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  r.set_image_format(poppler::image::format_gray8);
  poppler::image img = r.render_page(page.get(), dpi, dpi);
  g.width = img.width();
  g.height = img.height();
  g.stride = img.bytes_per_row();
  g.dpi = dpi;
  const auto* p = reinterpret_cast<const std::uint8_t*>(img.const_data());
  g.data.assign(p, p + static_cast<std::size_t>(g.stride) * g.height);
  return g;
}

inline std::string page_text(const std::string& pdf_bytes, int page_index) {
  quiet_poppler();
  std::vector<char> raw(pdf_bytes.begin(), pdf_bytes.end());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&raw));
  if (!doc) return {};
  std::unique_ptr<poppler::page> page(doc->create_page(page_index));
  auto bytes = page->text().to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

/// Decodes the symbol inside `p`'s region of a raster (one format per call, tryDownscale off).
inline std::string read_symbol(const Gray& g, const Placed& p) {
  const double k = g.dpi / 72.0;
  const int x0 = std::max(0, static_cast<int>(std::floor(p.x0 * k))),
            y0 = std::max(0, static_cast<int>(std::floor(p.y0 * k)));
  const int x1 = std::min(g.width, static_cast<int>(std::ceil(p.x1 * k))),
            y1 = std::min(g.height, static_cast<int>(std::ceil(p.y1 * k)));
  ZXing::ImageView view(g.data.data(), g.width, g.height, ZXing::ImageFormat::Lum, g.stride);
  ZXing::DecodeHints hints;
  hints.setFormats(p.symbology == layout::Symbology::Code128 ? ZXing::BarcodeFormat::Code128
                                                             : ZXing::BarcodeFormat::DataMatrix);
  hints.setTryDownscale(false);
  hints.setTryRotate(false);
  auto r = ZXing::ReadBarcode(view.cropped(x0, y0, x1 - x0, y1 - y0), hints);
  return r.isValid() ? r.text() : std::string("<no read>");
}

}  // namespace lg::render::test

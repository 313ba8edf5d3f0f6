#pragma once
// Helpers of the ZPL tests: thermal label pages laid out by the real layout engine, ZPL text
// inspection, an independent decoder of ZPL's ^GFA compression, PNG loading (Cairo) and ZXing
// reads of whole labels.
#include <ZXing/ReadBarcode.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/engine.hpp"
#include "labelgen/run/content.hpp"
#include "tests/run/sample_label.hpp"

namespace lg::zpl::test {

namespace fs = std::filesystem;

inline const fonts::FontSet& fontset() {
  static const fonts::FontSet set = [] {
    auto r = fonts::FontSet::load();
    if (!r) throw std::runtime_error("FontSet::load: " + r.error().message);
    return std::move(*r);
  }();
  return set;
}

using lg::test::make_label;

/// One Pre-ID label on the thermal 4x2 stock, laid out for `dpi` (with a calibration offset).
struct LaidOut {
  layout::Page page;
  layout::FieldMap fields;
};
inline LaidOut thermal_label(const rules::Label& label, std::uint32_t serial, double dpi, Length off_x = {},
                             Length off_y = {}) {
  auto tmpl = layout::load_label_template("preid-thermal-4x2");
  if (!tmpl) throw std::runtime_error(tmpl.error().message);
  auto lay = layout::LabelLayout::create(*tmpl, fontset(), {dpi, off_x, off_y});
  if (!lay) throw std::runtime_error(lay.error().message);
  auto fields = run::label_fields(label, serial, *AdminYear::parse("2024-25"), "2024-08");
  if (!fields) throw std::runtime_error(fields.error().message);
  LaidOut out{lay->new_page(), *fields};
  if (auto ok = lay->draw(*fields, lay->stock().slot_origin(0), out.page); !ok)
    throw std::runtime_error(ok.error().message);
  return out;
}

/// Occurrences of `needle` in `hay`.
inline std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

/// The label formats (`^XA … ^XZ`) of a document.
inline std::vector<std::string> split_labels(const std::string& zpl) {
  std::vector<std::string> out;
  for (std::size_t at = 0;;) {
    const auto a = zpl.find("^XA", at);
    if (a == std::string::npos) break;
    const auto z = zpl.find("^XZ", a);
    if (z == std::string::npos) throw std::runtime_error("^XA without ^XZ");
    out.push_back(zpl.substr(a, z + 3 - a));
    at = z + 3;
  }
  return out;
}

/// Decodes ZPL's ASCII-compressed (or plain hex) ^GFA data into `rows` rows of `row_bytes`;
/// written from the ZPL II manual's description, independently of the writer.
inline std::vector<std::uint8_t> decode_gfa(const std::string& data, std::size_t row_bytes,
                                            std::size_t rows) {
  std::vector<std::uint8_t> out;
  std::string row, prev;
  const std::size_t hex_per_row = row_bytes * 2;
  std::size_t repeat = 0;
  auto flush = [&] {
    if (row.size() != hex_per_row)
      throw std::runtime_error("^GFA row of " + std::to_string(row.size()) + " digits");
    for (std::size_t i = 0; i < hex_per_row; i += 2)
      out.push_back(static_cast<std::uint8_t>(std::stoi(row.substr(i, 2), nullptr, 16)));
    prev = row;
    row.clear();
  };
  for (char c : data) {
    if (c >= 'G' && c <= 'Y') {
      repeat += static_cast<std::size_t>(c - 'G' + 1);
    } else if (c >= 'g' && c <= 'z') {
      repeat += static_cast<std::size_t>(c - 'g' + 1) * 20;
    } else if (c == ',' || c == '!') {
      row.append(hex_per_row - row.size(), c == ',' ? '0' : 'F');
      flush();
    } else if (c == ':') {
      if (!row.empty()) throw std::runtime_error("':' inside a row");
      row = prev;
      flush();
    } else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')) {
      row.append(repeat ? repeat : 1, c);
      repeat = 0;
      if (row.size() > hex_per_row) throw std::runtime_error("^GFA row overflows");
      if (row.size() == hex_per_row) flush();
    } else {
      throw std::runtime_error(std::string("unexpected ^GFA character '") + c + "'");
    }
  }
  if (!row.empty() || out.size() != row_bytes * rows)
    throw std::runtime_error("^GFA holds " + std::to_string(out.size()) + " bytes, expected " +
                             std::to_string(row_bytes * rows));
  return out;
}

/// A `^FOx,y^GFA,b,b,r,data^FS` graphic of a label.
struct Graphic {
  long x = 0, y = 0;
  std::size_t total = 0, row_bytes = 0;
  std::vector<std::uint8_t> bits;
};
/// Parsed by hand: std::regex recurses once per character of the data field and overflowed
/// the stack under AddressSanitizer on a label's graphic.
inline std::vector<Graphic> graphics(const std::string& label) {
  std::vector<Graphic> out;
  // Cursor helpers: each advances `pos` only on success.
  auto digits = [&](std::size_t& pos) -> std::optional<unsigned long> {
    std::size_t end = pos;
    while (end < label.size() && label[end] >= '0' && label[end] <= '9') ++end;
    if (end == pos) return std::nullopt;
    const unsigned long v = std::stoul(label.substr(pos, end - pos));
    pos = end;
    return v;
  };
  auto expect = [&](std::size_t& pos, std::string_view text) {
    if (label.compare(pos, text.size(), text) != 0) return false;
    pos += text.size();
    return true;
  };
  for (std::size_t at = label.find("^FO"); at != std::string::npos; at = label.find("^FO", at + 3)) {
    std::size_t pos = at + 3;
    const auto x = digits(pos);
    if (!x || !expect(pos, ",")) continue;
    const auto y = digits(pos);
    if (!y || !expect(pos, "^GFA,")) continue;
    const auto total = digits(pos);
    if (!total || !expect(pos, ",") || !digits(pos) || !expect(pos, ",")) continue;
    const auto row = digits(pos);
    if (!row || *row == 0 || !expect(pos, ",")) continue;
    const std::size_t end = label.find('^', pos);
    if (end == std::string::npos || label.compare(end, 3, "^FS") != 0) continue;
    Graphic g;
    g.x = static_cast<long>(*x);
    g.y = static_cast<long>(*y);
    g.total = *total;
    g.row_bytes = *row;
    g.bits = decode_gfa(label.substr(pos, end - pos), g.row_bytes, g.total / g.row_bytes);
    out.push_back(std::move(g));
  }
  return out;
}

/// An 8-bit grey image (0 black).
struct GrayImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

/// Loads a PNG with Cairo into grey pixels; throws when it cannot.
inline GrayImage load_png(const fs::path& file) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(file.c_str());
  struct Destroy {
    cairo_surface_t* s;
    ~Destroy() { cairo_surface_destroy(s); }
  } guard{s};
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(file.string() + ": " + cairo_status_to_string(cairo_surface_status(s)));
  cairo_surface_flush(s);
  GrayImage g;
  g.width = cairo_image_surface_get_width(s);
  g.height = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const auto format = cairo_image_surface_get_format(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  g.pixels.resize(static_cast<std::size_t>(g.width) * g.height);
  for (int y = 0; y < g.height; ++y)
    for (int x = 0; x < g.width; ++x) {
      std::uint8_t v = 255;
      if (format == CAIRO_FORMAT_A8) {
        v = data[static_cast<std::size_t>(y) * stride + x];
      } else if (format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32) {
        const auto px =
            *reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride + 4 * x);
        const unsigned a = format == CAIRO_FORMAT_ARGB32 ? px >> 24 : 255;
        const unsigned gch = (px >> 8) & 0xFF;  // premultiplied green over white
        v = static_cast<std::uint8_t>(gch + (255 - a));
      } else {
        throw std::runtime_error(file.string() + ": unexpected Cairo format");
      }
      g.pixels[static_cast<std::size_t>(y) * g.width + x] = v;
    }
  return g;
}

/// One ZXing read: text and the quadrilateral's corners in image pixels.
struct Read {
  std::string text;
  int left = 0, right = 0, top = 0, bottom = 0;
};

/// Symbols of `format` inside the crop [x0, x1) × [y0, y1) (clamped to the image).
inline std::vector<Read> read(const GrayImage& g, ZXing::BarcodeFormat format, int x0 = 0, int y0 = 0,
                              int x1 = -1, int y1 = -1) {
  if (x1 < 0) x1 = g.width;
  if (y1 < 0) y1 = g.height;
  x0 = std::clamp(x0, 0, g.width);
  x1 = std::clamp(x1, 0, g.width);
  y0 = std::clamp(y0, 0, g.height);
  y1 = std::clamp(y1, 0, g.height);
  if (x1 - x0 < 8 || y1 - y0 < 8) return {};
  ZXing::ImageView view(g.pixels.data(), g.width, g.height, ZXing::ImageFormat::Lum, g.width);
  ZXing::DecodeHints hints;
  hints.setFormats(format);
  hints.setTryDownscale(false);  // Debian's 1.4 asserts on Code 128 otherwise
  hints.setTryRotate(false);
  hints.setTryHarder(true);
  std::vector<Read> out;
  for (const auto& r : ZXing::ReadBarcodes(view.cropped(x0, y0, x1 - x0, y1 - y0), hints)) {
    if (!r.isValid()) continue;
    Read rd{r.text()};
    const auto& p = r.position();
    rd.left = x0 + std::min({p[0].x, p[1].x, p[2].x, p[3].x});
    rd.right = x0 + std::max({p[0].x, p[1].x, p[2].x, p[3].x});
    rd.top = y0 + std::min({p[0].y, p[1].y, p[2].y, p[3].y});
    rd.bottom = y0 + std::max({p[0].y, p[1].y, p[2].y, p[3].y});
    out.push_back(std::move(rd));
  }
  return out;
}

/// The DataMatrix of a label image: ZXing 1.4 finds one DataMatrix per image, and only one that
/// crosses the image's centre lines, so squares of growing sides are tried, anchored at the
/// top-right corner first and then sliding over the image.
inline std::optional<Read> read_datamatrix(const GrayImage& g) {
  for (int side : {g.height / 2, g.height * 3 / 4, g.height}) {
    const int step = std::max(8, side / 4);
    for (int y = 0; y + side <= g.height + step - 1; y += step)
      for (int x = g.width - side; x > -step; x -= step) {
        auto r = read(g, ZXing::BarcodeFormat::DataMatrix, x, y, x + side, y + side);
        if (!r.empty()) return r.front();
      }
  }
  return std::nullopt;
}

}  // namespace lg::zpl::test

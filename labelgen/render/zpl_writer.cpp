#include "labelgen/render/zpl_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "labelgen/io/atomic_file.hpp"
#include "labelgen/render/raster.hpp"

namespace lg::render {
namespace {

/// Largest coordinate ZPL accepts in `^FO`/`^FT`/`^GB`.
constexpr long kMaxDots = 32000;

/// Square ECC 200 symbol sides (ISO/IEC 16022 table 7): the sizes `^BX` can be asked for.
constexpr int kDataMatrixSquare[] = {10, 12, 14, 16, 18, 20, 22, 24, 26,  32,  36,  40,
                                     44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132, 144};

/// Field data safe to send verbatim: printable ASCII without ZPL's command prefixes (`^`, `~`)
/// and without `\` (the escape character this writer gives `^FH`).
bool plain_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F && c != '^' && c != '~' && c != '\\';
  });
}

/// Printable ASCII (the characters the resident font is trusted with).
bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
}

void put(std::string& out, long v) {
  char buf[24];
  const int n = std::snprintf(buf, sizeof buf, "%ld", v);
  out.append(buf, static_cast<std::size_t>(n));
}

/// Whole dots of a length, clamped to what ZPL accepts.
long dots(Length v, double dpi) { return std::clamp(v.whole_dots(dpi), -kMaxDots, kMaxDots); }

/// True when `v` is a whole number of dots at `dpi` (layout snaps barcodes to the grid).
bool on_grid(Length v, double dpi) {
  const double d = v.in_dots(dpi);
  return std::abs(d - std::round(d)) < 1e-6;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A 1-bit image, rows padded to whole bytes, 1 = black (ZPL's `^GF` convention).
struct Bitmap {
  long width = 0, height = 0;
  std::size_t row_bytes = 0;
  std::vector<std::uint8_t> bits;
  Bitmap(long w, long h)
      : width(w),
        height(h),
        row_bytes(static_cast<std::size_t>((w + 7) / 8)),
        bits(row_bytes * static_cast<std::size_t>(h)) {}
  void set(long x, long y) {
    bits[static_cast<std::size_t>(y) * row_bytes + static_cast<std::size_t>(x / 8)] |=
        static_cast<std::uint8_t>(0x80u >> (x % 8));
  }
};

constexpr char kHex[] = "0123456789ABCDEF";

/// Appends a repeat count in ZPL's compression alphabet: `z` = 400, `g`–`y` = 20–380 in steps
/// of 20, `G`–`Y` = 1–19.
void put_count(std::string& out, std::size_t n) {
  while (n >= 400) {
    out += 'z';
    n -= 400;
  }
  if (n >= 20) {
    out += static_cast<char>('g' + n / 20 - 1);
    n %= 20;
  }
  if (n > 0) out += static_cast<char>('G' + n - 1);
}

}  // namespace

int code128_set_c_modules(std::size_t digits) {
  // Start C (11) + one symbol per pair (11 each) + check (11) + stop (13).
  return static_cast<int>(11 + 11 * (digits / 2) + 11 + 13);
}

std::string zpl_compress_graphic(const std::uint8_t* data, std::size_t row_bytes, std::size_t rows) {
  std::string out, row, prev;
  for (std::size_t y = 0; y < rows; ++y) {
    row.clear();
    for (std::size_t i = 0; i < row_bytes; ++i) {
      const std::uint8_t b = data[y * row_bytes + i];
      row += kHex[b >> 4];
      row += kHex[b & 15];
    }
    if (y > 0 && row == prev) {
      out += ':';
      continue;
    }
    for (std::size_t i = 0; i < row.size();) {
      std::size_t j = i;
      while (j < row.size() && row[j] == row[i]) ++j;
      if (j == row.size() && (row[i] == '0' || row[i] == 'F')) {
        out += row[i] == '0' ? ',' : '!';
        break;
      }
      if (j - i > 1) put_count(out, j - i);
      out += row[i];
      i = j;
    }
    prev.swap(row);
  }
  return out;
}

struct ZplWriter::Impl {
  ZplOptions options;
  double dpi = 203;
  long home_x = 0, home_y = 0;  // ^LH, dots
  std::string doc;
  std::string label;  // the label format being built
  ZplStats stats;
  bool broken = false;
  std::optional<RasterRenderer> raster;  // text graphics, created on first use

  long x_of(Length v) const { return std::clamp(dots(v, dpi) - home_x, 0L, kMaxDots); }
  long y_of(Length v) const { return std::clamp(dots(v, dpi) - home_y, 0L, kMaxDots); }

  void field_origin(long x, long y) {
    label += "^FO";
    put(label, x);
    label += ',';
    put(label, y);
  }

  /// `^FO x,y ^GFA,total,total,row,data ^FS` for a bitmap; nothing when it is empty.
  void graphic(long x, long y, const Bitmap& bmp) {
    if (bmp.bits.empty()) return;
    field_origin(x, y);
    label += "^GFA,";
    put(label, static_cast<long>(bmp.bits.size()));
    label += ',';
    put(label, static_cast<long>(bmp.bits.size()));
    label += ',';
    put(label, static_cast<long>(bmp.row_bytes));
    label += ',';
    if (options.compress_graphics) {
      label += zpl_compress_graphic(bmp.bits.data(), bmp.row_bytes, static_cast<std::size_t>(bmp.height));
    } else {
      for (std::uint8_t b : bmp.bits) {
        label += kHex[b >> 4];
        label += kHex[b & 15];
      }
    }
    label += "^FS\n";
  }

  /// `^GB` box at dots [x0, x1) × [y0, y1) with border `t` (t ≥ the smaller side: filled).
  void box(long x0, long y0, long x1, long y1, long t) {
    const long w = std::max(1L, x1 - x0), h = std::max(1L, y1 - y0);
    t = std::clamp(t, 1L, std::min(w, h));
    field_origin(std::clamp(x0, 0L, kMaxDots), std::clamp(y0, 0L, kMaxDots));
    label += "^GB";
    put(label, w);
    label += ',';
    put(label, h);
    label += ',';
    put(label, t);
    label += ",B,0^FS\n";
  }

  void draw(const layout::Rect& r) {
    if (r.filled) {
      const long x0 = x_of(r.origin.x), x1 = x_of(r.origin.x + r.size.width);
      const long y0 = y_of(r.origin.y), y1 = y_of(r.origin.y + r.size.height);
      box(x0, y0, x1, y1, std::min(x1 - x0, y1 - y0));
      return;
    }
    // A stroke is centred on the outline; ^GB draws its border inside the box.
    const Length half = r.stroke / 2;
    const long x0 = x_of(r.origin.x - half), x1 = x_of(r.origin.x + r.size.width + half);
    const long y0 = y_of(r.origin.y - half), y1 = y_of(r.origin.y + r.size.height + half);
    box(x0, y0, x1, y1, std::max(1L, r.stroke.whole_dots(dpi)));
  }

  void draw(const layout::Line& l) {
    const long t = std::max(1L, l.width.whole_dots(dpi));
    const Length half = l.width / 2;
    if (std::abs((l.from.y - l.to.y).points()) < 1e-9) {  // horizontal
      const Length left = std::min(l.from.x, l.to.x), right = std::max(l.from.x, l.to.x);
      const long y0 = y_of(l.from.y - half);
      box(x_of(left), y0, x_of(right), y0 + t, t);
      return;
    }
    if (std::abs((l.from.x - l.to.x).points()) < 1e-9) {  // vertical
      const Length top = std::min(l.from.y, l.to.y), bottom = std::max(l.from.y, l.to.y);
      const long x0 = x_of(l.from.x - half);
      box(x0, y_of(top), x0 + t, y_of(bottom), t);
      return;
    }
    // Diagonal: ^GD w,h,t,B,R (/) or L (\) inside the bounding box.
    const long x0 = x_of(std::min(l.from.x, l.to.x)), x1 = x_of(std::max(l.from.x, l.to.x));
    const long y0 = y_of(std::min(l.from.y, l.to.y)), y1 = y_of(std::max(l.from.y, l.to.y));
    const bool rising = ((l.to.x - l.from.x).points() > 0) != ((l.to.y - l.from.y).points() > 0);
    field_origin(x0, y0);
    label += "^GD";
    put(label, std::max(1L, x1 - x0));
    label += ',';
    put(label, std::max(1L, y1 - y0));
    label += ',';
    put(label, t);
    label += rising ? ",B,R^FS\n" : ",B,L^FS\n";
  }

  /// Modules drawn as a graphic, each edge rounded to the dot grid (as RasterRenderer does).
  void draw_modules(const layout::Barcode& b) {
    const auto& m = *b.modules;
    const double ox = b.origin.x.in_dots(dpi) - static_cast<double>(home_x);
    const double oy = b.origin.y.in_dots(dpi) - static_cast<double>(home_y);
    const double mod = b.module.in_dots(dpi);
    const bool linear = b.symbology == layout::Symbology::Code128;
    const int rows = linear ? 1 : m.height;
    const long gx = std::lround(ox), gy = std::lround(oy);
    const long w = std::lround(ox + m.width * mod) - gx;
    const long h =
        linear ? std::lround(oy + b.bar_height.in_dots(dpi)) - gy : std::lround(oy + rows * mod) - gy;
    if (w <= 0 || h <= 0) return;
    Bitmap bmp(w, h);
    for (int y = 0; y < rows; ++y) {
      const long y0 = linear ? 0 : std::lround(oy + y * mod) - gy;
      const long y1 = linear ? h : std::lround(oy + (y + 1) * mod) - gy;
      for (int x = 0; x < m.width; ++x) {
        if (!m.dark(x, y)) continue;
        const long x0 = std::lround(ox + x * mod) - gx, x1 = std::lround(ox + (x + 1) * mod) - gx;
        for (long py = std::max(0L, y0); py < std::min(h, y1); ++py)
          for (long px = std::max(0L, x0); px < std::min(w, x1); ++px) bmp.set(px, py);
      }
    }
    ++stats.graphic_barcodes;
    graphic(std::max(0L, gx), std::max(0L, gy), bmp);
  }

  Result<void> draw(const layout::Barcode& b) {
    if (!b.modules || b.modules->width <= 0 || b.modules->height <= 0)
      return fail("zpl", "barcode '" + b.content + "' has no modules");
    const auto& m = *b.modules;
    const long module = b.module.whole_dots(dpi);
    const bool grid = on_grid(b.origin.x, dpi) && on_grid(b.origin.y, dpi) && on_grid(b.module, dpi) &&
                      module >= 1 && module <= 10;
    if (b.symbology == layout::Symbology::Code128) {
      // Native only when the printer's symbol is the layout's: all set C, same module count.
      const bool native = grid && all_digits(b.content) && b.content.size() % 2 == 0 && m.height == 1 &&
                          m.width == code128_set_c_modules(b.content.size()) && on_grid(b.bar_height, dpi) &&
                          b.bar_height.whole_dots(dpi) >= 1;
      if (!native) {
        draw_modules(b);
        return {};
      }
      field_origin(x_of(b.origin.x), y_of(b.origin.y));
      label += "^BY";
      put(label, module);
      label += "^BCN,";
      put(label, b.bar_height.whole_dots(dpi));
      label += ",N,N,N^FD>;";
      label += b.content;
      label += "^FS\n";
      ++stats.native_barcodes;
      return {};
    }
    const bool square_size = m.width == m.height &&
                             std::find(std::begin(kDataMatrixSquare), std::end(kDataMatrixSquare), m.width) !=
                                 std::end(kDataMatrixSquare);
    if (!grid || !square_size || !plain_ascii(b.content)) {
      draw_modules(b);
      return {};
    }
    // ^BX orientation, module height in dots, quality 200, columns, rows (the layout's size).
    field_origin(x_of(b.origin.x), y_of(b.origin.y));
    label += "^BXN,";
    put(label, module);
    label += ",200,";
    put(label, m.width);
    label += ',';
    put(label, m.height);
    label += "^FD";
    label += b.content;
    label += "^FS\n";
    ++stats.native_barcodes;
    return {};
  }

  /// ASCII line: resident scalable font, baseline-positioned with ^FT; `^FH\` escapes `^ ~ \`.
  void resident_text(const layout::Text& t) {
    std::string text;
    for (const auto& run : t.runs) text += run.utf8;
    if (text.empty()) return;
    const long h = std::max(1L, t.size.whole_dots(dpi));
    label += "^FT";
    put(label, x_of(t.origin.x));
    label += ',';
    put(label, y_of(t.origin.y));
    label += "^A0N,";
    put(label, h);
    label += ',';
    put(label, h);
    if (plain_ascii(text)) {
      label += "^FD";
      label += text;
    } else {
      label += "^FH\\^FD";
      for (char c : text) {
        if (c == '^' || c == '~' || c == '\\') {
          label += '\\';
          label += kHex[static_cast<unsigned char>(c) >> 4];
          label += kHex[static_cast<unsigned char>(c) & 15];
        } else {
          label += c;
        }
      }
    }
    label += "^FS\n";
    ++stats.resident_text;
  }

  /// Any other line: drawn with the layout's faces by RasterRenderer at the printer's resolution
  /// in a box around it, thresholded to 1 bit, cropped to its ink and sent as ^GF.
  Result<void> graphic_text(const layout::Text& t) {
    if (!raster) {
      auto r = RasterRenderer::open({dpi, true});
      if (!r) return std::unexpected(r.error());
      raster.emplace(std::move(*r));
    }
    Length advance;
    for (const auto& run : t.runs) advance += run.advance;
    const double em = t.size.in_dots(dpi);
    // Whole-dot box: glyph positions relative to the dot grid stay those of the full page.
    const long bx0 = static_cast<long>(std::floor(t.origin.x.in_dots(dpi) - 0.5 * em)) - 2;
    const long bx1 = static_cast<long>(std::ceil((t.origin.x + advance).in_dots(dpi) + 0.5 * em)) + 2;
    const long by0 = static_cast<long>(std::floor(t.origin.y.in_dots(dpi) - 1.5 * em)) - 2;
    const long by1 = static_cast<long>(std::ceil(t.origin.y.in_dots(dpi) + 0.6 * em)) + 2;
    layout::Text shifted = t;
    shifted.origin = {t.origin.x - Length::dots(static_cast<double>(bx0), dpi),
                      t.origin.y - Length::dots(static_cast<double>(by0), dpi)};
    layout::Page page;
    page.size = {Length::dots(static_cast<double>(bx1 - bx0), dpi),
                 Length::dots(static_cast<double>(by1 - by0), dpi)};
    page.items.emplace_back(std::move(shifted));
    auto img = raster->render(page);
    if (!img) return std::unexpected(img.error());
    // Ink bounds (pixels darker than mid-grey: at least half covered).
    constexpr std::uint8_t kThreshold = 128;
    long ix0 = img->width, iy0 = img->height, ix1 = -1, iy1 = -1;
    for (long y = 0; y < img->height; ++y)
      for (long x = 0; x < img->width; ++x)
        if (img->at(static_cast<int>(x), static_cast<int>(y)) < kThreshold) {
          ix0 = std::min(ix0, x);
          ix1 = std::max(ix1, x);
          iy0 = std::min(iy0, y);
          iy1 = std::max(iy1, y);
        }
    if (ix1 < 0) return {};  // nothing visible (spaces)
    Bitmap bmp(ix1 - ix0 + 1, iy1 - iy0 + 1);
    for (long y = iy0; y <= iy1; ++y)
      for (long x = ix0; x <= ix1; ++x)
        if (img->at(static_cast<int>(x), static_cast<int>(y)) < kThreshold) bmp.set(x - ix0, y - iy0);
    graphic(std::clamp(bx0 + ix0 - home_x, 0L, kMaxDots), std::clamp(by0 + iy0 - home_y, 0L, kMaxDots), bmp);
    ++stats.graphic_text;
    return {};
  }

  Result<void> draw(const layout::Text& t) {
    if (t.runs.empty()) return {};
    const bool ascii = std::all_of(t.runs.begin(), t.runs.end(),
                                   [](const layout::TextRun& r) { return printable_ascii(r.utf8); });
    if (ascii) {
      resident_text(t);
      return {};
    }
    return graphic_text(t);
  }
};

ZplWriter::ZplWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZplWriter::ZplWriter(ZplWriter&&) noexcept = default;
ZplWriter& ZplWriter::operator=(ZplWriter&&) noexcept = default;
ZplWriter::~ZplWriter() = default;

Result<ZplWriter> ZplWriter::open(const ZplOptions& options) {
  if (!(options.dpi >= 100 && options.dpi <= 1200)) return fail("dpi", "ZPL printer dpi must be 100-1200");
  if (options.darkness && (*options.darkness < 0 || *options.darkness > 30))
    return fail("darkness", "must be 0-30");
  if (options.speed && (*options.speed < 1 || *options.speed > 14)) return fail("speed", "must be 1-14");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->dpi = options.dpi;
  impl->home_x = std::clamp(options.offset_x.whole_dots(options.dpi), 0L, kMaxDots);
  impl->home_y = std::clamp(options.offset_y.whole_dots(options.dpi), 0L, kMaxDots);
  return ZplWriter(std::move(impl));
}

std::size_t ZplWriter::page_count() const { return impl_->stats.labels; }
const ZplStats& ZplWriter::stats() const { return impl_->stats; }

Result<void> ZplWriter::add_page(const layout::Page& page) {
  Impl& im = *impl_;
  if (im.broken) return fail("zpl", "the document had an earlier error");
  const long width = page.size.width.whole_dots(im.dpi), height = page.size.height.whole_dots(im.dpi);
  if (width < 1 || height < 1 || width > kMaxDots || height > kMaxDots)
    return fail("zpl", "label size " + std::to_string(width) + "x" + std::to_string(height) +
                           " dots is out of range");
  std::string& l = im.label;
  l.clear();
  l += "^XA\n";
  if (im.options.darkness) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "~SD%02d", *im.options.darkness);
    l += buf;
    l += '\n';
  }
  if (im.options.speed) {
    l += "^PR";
    put(l, *im.options.speed);
    l += '\n';
  }
  l += "^CI28\n^PW";
  put(l, width);
  l += "\n^LL";
  put(l, height);
  l += "\n^LH";
  put(l, im.home_x);
  l += ',';
  put(l, im.home_y);
  l += '\n';
  for (const auto& item : page.items) {
    Result<void> r;
    if (const auto* t = std::get_if<layout::Text>(&item))
      r = im.draw(*t);
    else if (const auto* rect = std::get_if<layout::Rect>(&item))
      im.draw(*rect);
    else if (const auto* line = std::get_if<layout::Line>(&item))
      im.draw(*line);
    else if (const auto* bc = std::get_if<layout::Barcode>(&item))
      r = im.draw(*bc);
    if (!r) {
      im.broken = true;
      return fail("zpl", "label " + std::to_string(im.stats.labels + 1) + ": " + r.error().message);
    }
  }
  l += "^XZ\n";
  im.doc += l;
  ++im.stats.labels;
  return {};
}

Result<std::string> ZplWriter::bytes() const {
  if (impl_->broken) return fail("zpl", "the document had an earlier error");
  return impl_->doc;
}

Result<void> ZplWriter::save(const std::filesystem::path& path) {
  if (impl_->broken) return fail("zpl", "the document had an earlier error");
  return io::write_file_atomic(path, impl_->doc);
}

}  // namespace lg::render

// Code 128, read one pixel row at a time. ZXing 1.4 merges the rows of a whole-image read with
// Result::operator==, which asserts (aborts the process, Debian builds keep assertions) when a
// Code 128 text it already confirmed on two rows appears again elsewhere: a page with the same
// label twice would kill the verifier. Single-row images never trip it, so rows are read one
// by one (every other row) and grouped here: the same text on nearby rows with overlapping
// extents is one symbol, kept when at least two rows agree.
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>

#include "labelgen/decode/passes.hpp"

namespace lg::decode::detail {

namespace {

struct RowHit {
  std::string text;
  int y = 0;
  double x0 = 0, x1 = 0;
};

/// Every Code 128 ZXing reads on rows y0, y0 + step, … of `image`.
std::vector<RowHit> read_rows(const GrayImage& image, int step, const DecodeOptions& options) {
  std::vector<RowHit> hits;
  const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum,
                              image.width);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::Code128);
  hints.setTryDownscale(false);  // Debian's 1.4 asserts (aborts) on Code 128 otherwise
  hints.setTryRotate(false);
  hints.setTryHarder(false);
  hints.setMinLineCount(1);  // one row per image; agreement between rows is checked below
  hints.setBinarizer(ZXing::Binarizer::LocalAverage);
  for (int y = step / 2; y < image.height; y += step) {
    // ZXing returns the first symbol of a row: read the rest of the row after each one.
    int from = 0;
    while (image.width - from >= 32) {
      bool hit = false;
      for (const auto& r : ZXing::ReadBarcodes(view.cropped(from, y, image.width - from, 1), hints)) {
        if (!r.isValid()) continue;
        const auto& p = r.position();
        double x0 = p[0].x, x1 = p[0].x;
        for (int i = 1; i < 4; ++i) {
          x0 = std::min<double>(x0, p[i].x);
          x1 = std::max<double>(x1, p[i].x);
        }
        x0 += from;
        x1 += from;
        hit = true;
        from = std::max(from + 1, static_cast<int>(x1) + 1);
        RawRead raw;
        raw.format = SymbolFormat::Code128;
        raw.text = r.text();
        if (accepted(options, raw)) hits.push_back({std::move(raw.text), y, x0, x1});
      }
      if (!hit) break;
    }
  }
  return hits;
}

/// Groups row hits into symbols: same text, rows at most `max_gap` apart, overlapping extents.
std::vector<Symbol> group_rows(std::vector<RowHit> hits, int max_gap, int min_rows) {
  std::sort(hits.begin(), hits.end(),
            [](const RowHit& a, const RowHit& b) { return std::tie(a.text, a.y) < std::tie(b.text, b.y); });
  struct Group {
    std::string text;
    int y0, y1, rows;
    double x0, x1;
  };
  std::vector<Group> groups;
  for (const auto& h : hits) {
    Group* g = nullptr;
    for (auto it = groups.rbegin(); it != groups.rend() && it->text == h.text; ++it)
      if (h.y - it->y1 <= max_gap && h.x0 < it->x1 && it->x0 < h.x1) {
        g = &*it;
        break;
      }
    if (!g) {
      groups.push_back({h.text, h.y, h.y, 1, h.x0, h.x1});
      continue;
    }
    g->y1 = h.y;
    g->rows += 1;
    g->x0 = std::min(g->x0, h.x0);
    g->x1 = std::max(g->x1, h.x1);
  }
  std::vector<Symbol> out;
  for (const auto& g : groups) {
    if (g.rows < min_rows) continue;
    Symbol s;
    s.format = SymbolFormat::Code128;
    s.text = g.text;
    s.corners = {PointD{g.x0, static_cast<double>(g.y0)}, PointD{g.x1, static_cast<double>(g.y0)},
                 PointD{g.x1, static_cast<double>(g.y1)}, PointD{g.x0, static_cast<double>(g.y1)}};
    set_geometry(s);
    out.push_back(std::move(s));
  }
  return out;
}

/// Symbols read on the rows of `image` (reversed reads give the same text: 0° and 180°).
std::vector<Symbol> read_upright(const GrayImage& image, const DecodeOptions& options, bool thorough) {
  const double dpi = image.dpi > 0 ? image.dpi : 300;
  const int step = thorough ? 1 : 2;
  // Rows of one symbol are at most 0.1 in apart to belong together (bars are 0.27 in tall).
  return group_rows(read_rows(image, step, options), static_cast<int>(0.1 * dpi), 2);
}

}  // namespace

std::vector<Symbol> find_code128(const GrayImage& image, const DecodeOptions& options, bool try_rotate,
                                 bool thorough) {
  std::vector<Symbol> found = read_upright(image, options, thorough);
  if (try_rotate) {
    // Columns: the rows of the image turned a quarter, mapped back.
    Affine to_image;
    const GrayImage turned = rotate(image, 90, &to_image);
    for (auto s : read_upright(turned, options, thorough)) {
      for (auto& p : s.corners) p = to_image(p);
      set_geometry(s);
      merge_symbols(found, {s}, 0.4 * (image.dpi > 0 ? image.dpi : 300));
    }
  }
  return found;
}

std::vector<Symbol> find_code128_turned(const GrayImage& work, double degrees, const DecodeOptions& options,
                                        bool thorough) {
  Affine to_work;
  const GrayImage turned = rotate(work, degrees, &to_work);
  auto found = find_code128(turned, options, true, thorough);
  for (auto& s : found) {
    for (auto& p : s.corners) p = to_work(p);
    set_geometry(s);
  }
  return found;
}

}  // namespace lg::decode::detail

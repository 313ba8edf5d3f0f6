// Symbols from ZXing reads, the filter, merging repeated reads, erasing found symbols.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "labelgen/decode/passes.hpp"

namespace lg::decode::detail {

void set_geometry(Symbol& s) {
  PointD c;
  for (const auto& p : s.corners) {
    c.x += p.x / 4;
    c.y += p.y / 4;
  }
  s.centre = c;
  const double dx = s.corners[1].x - s.corners[0].x, dy = s.corners[1].y - s.corners[0].y;
  double a = std::atan2(-dy, dx) * 180 / std::numbers::pi;
  if (a < 0) a += 360;
  s.angle = a;
}

Symbol to_symbol(const RawRead& read) {
  Symbol s;
  s.format = read.format;
  s.text = read.text;
  s.corners = read.corners;
  set_geometry(s);
  return s;
}

bool accepted(const DecodeOptions& options, const RawRead& read) {
  return !options.filter || options.filter(read.format, read.text);
}

void merge_symbols(std::vector<Symbol>& all, const std::vector<Symbol>& more, double distance) {
  for (const auto& s : more) {
    const bool seen = std::any_of(all.begin(), all.end(), [&](const Symbol& o) {
      return o.format == s.format && o.text == s.text &&
             std::hypot(o.centre.x - s.centre.x, o.centre.y - s.centre.y) < distance;
    });
    if (!seen) all.push_back(s);
  }
}

void erase_quad(GrayImage& image, const std::array<PointD, 4>& corners, double grow) {
  PointD c;
  for (const auto& p : corners) {
    c.x += p.x / 4;
    c.y += p.y / 4;
  }
  std::array<PointD, 4> q{};
  for (std::size_t i = 0; i < 4; ++i) {
    const double dx = corners[i].x - c.x, dy = corners[i].y - c.y, len = std::hypot(dx, dy);
    const double k = len > 0 ? (len + grow * std::numbers::sqrt2) / len : 1;
    q[i] = {c.x + dx * k, c.y + dy * k};
  }
  double x0 = q[0].x, x1 = q[0].x, y0 = q[0].y, y1 = q[0].y;
  for (const auto& p : q) {
    x0 = std::min(x0, p.x);
    x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y);
    y1 = std::max(y1, p.y);
  }
  const int ix0 = std::max(0, static_cast<int>(std::floor(x0))),
            ix1 = std::min(image.width - 1, static_cast<int>(std::ceil(x1)));
  const int iy0 = std::max(0, static_cast<int>(std::floor(y0))),
            iy1 = std::min(image.height - 1, static_cast<int>(std::ceil(y1)));
  // Inside a convex quad: the point is on the same side of all four edges.
  auto side = [&](std::size_t i, double x, double y) {
    const PointD& a = q[i];
    const PointD& b = q[(i + 1) % 4];
    return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
  };
  for (int y = iy0; y <= iy1; ++y)
    for (int x = ix0; x <= ix1; ++x) {
      bool pos = true, neg = true;
      for (std::size_t i = 0; i < 4; ++i) {
        const double s = side(i, x, y);
        pos = pos && s >= 0;
        neg = neg && s <= 0;
      }
      if (pos || neg) image.at(x, y) = 255;
    }
}

}  // namespace lg::decode::detail

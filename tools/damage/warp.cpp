#include "tools/damage/warp.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace lg::damage {

namespace {

double at(const GrayImage& g, int x, int y) {
  if (x < 0 || y < 0 || x >= g.width || y >= g.height) return 255.0;
  return g.at(x, y);
}

std::uint8_t bilinear(const GrayImage& g, double x, double y) {
  const double fx = std::floor(x), fy = std::floor(y);
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const double tx = x - fx, ty = y - fy;
  const double v = (at(g, x0, y0) * (1 - tx) + at(g, x0 + 1, y0) * tx) * (1 - ty) +
                   (at(g, x0, y0 + 1) * (1 - tx) + at(g, x0 + 1, y0 + 1) * tx) * ty;
  return static_cast<std::uint8_t>(std::clamp(v + 0.5, 0.0, 255.0));
}

/// Solves the n×n system a·x = b (Gaussian elimination with partial pivoting).
template <std::size_t N>
std::array<double, N> solve(std::array<std::array<double, N + 1>, N> m) {
  for (std::size_t c = 0; c < N; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < N; ++r)
      if (std::abs(m[r][c]) > std::abs(m[p][c])) p = r;
    if (std::abs(m[p][c]) < 1e-12) throw std::runtime_error("degenerate perspective");
    std::swap(m[c], m[p]);
    for (std::size_t r = 0; r < N; ++r) {
      if (r == c) continue;
      const double k = m[r][c] / m[c][c];
      for (std::size_t k2 = c; k2 <= N; ++k2) m[r][k2] -= k * m[c][k2];
    }
  }
  std::array<double, N> x{};
  for (std::size_t r = 0; r < N; ++r) x[r] = m[r][N] / m[r][r];
  return x;
}

/// SplitMix64: a small deterministic generator (same numbers on every platform).
std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
double uniform(std::uint64_t& state) { return static_cast<double>(next(state) >> 11) / 9007199254740992.0; }

}  // namespace

GrayImage scale(const GrayImage& in, double factor) {
  if (std::abs(factor - 1) < 1e-9) return in;
  const int w = std::max(1, static_cast<int>(std::lround(in.width * factor)));
  const int h = std::max(1, static_cast<int>(std::lround(in.height * factor)));
  GrayImage out = GrayImage::blank(w, h);
  out.dpi = in.dpi * factor;
  const double sx = static_cast<double>(in.width) / w, sy = static_cast<double>(in.height) / h;
  if (factor > 1) {
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        out.at(x, y) = bilinear(in, std::clamp((x + 0.5) * sx - 0.5, 0.0, in.width - 1.0),
                                std::clamp((y + 0.5) * sy - 0.5, 0.0, in.height - 1.0));
    return out;
  }
  for (int y = 0; y < h; ++y) {
    const double ya = y * sy, yb = (y + 1) * sy;
    for (int x = 0; x < w; ++x) {
      const double xa = x * sx, xb = (x + 1) * sx;
      double sum = 0;
      for (int yy = static_cast<int>(ya); yy < std::min(in.height, static_cast<int>(std::ceil(yb))); ++yy) {
        const double wy = std::min<double>(yy + 1, yb) - std::max<double>(yy, ya);
        for (int xx = static_cast<int>(xa); xx < std::min(in.width, static_cast<int>(std::ceil(xb))); ++xx) {
          const double wx = std::min<double>(xx + 1, xb) - std::max<double>(xx, xa);
          sum += wx * wy * in.at(xx, yy);
        }
      }
      out.at(x, y) = static_cast<std::uint8_t>(std::clamp(sum / (sx * sy) + 0.5, 0.0, 255.0));
    }
  }
  return out;
}

Homography homography(const std::array<decode::PointD, 4>& from, const std::array<decode::PointD, 4>& to) {
  // to = H · from, h[8] = 1: two equations per point.
  std::array<std::array<double, 9>, 8> m{};
  for (std::size_t i = 0; i < 4; ++i) {
    const double x = from[i].x, y = from[i].y, u = to[i].x, v = to[i].y;
    m[2 * i] = {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
    m[2 * i + 1] = {0, 0, 0, x, y, 1, -v * x, -v * y, v};
  }
  const auto h = solve<8>(m);
  return {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0};
}

GrayImage warp(const GrayImage& in, int width, int height, const Homography& h) {
  GrayImage out = GrayImage::blank(width, height);
  out.dpi = in.dpi;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const double w = h[6] * x + h[7] * y + h[8];
      out.at(x, y) = bilinear(in, (h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w);
    }
  return out;
}

GrayImage rotate(const GrayImage& in, double degrees) {
  const double r = degrees * std::numbers::pi / 180, c = std::cos(r), s = std::sin(r);
  const int w = static_cast<int>(std::ceil(std::abs(in.width * c) + std::abs(in.height * s)));
  const int h = static_cast<int>(std::ceil(std::abs(in.width * s) + std::abs(in.height * c)));
  // Output offset o from the centre shows input offset (c·ox − s·oy, s·ox + c·oy): a turn
  // counter-clockwise on screen (y down).
  const double ocx = (w - 1) / 2.0, ocy = (h - 1) / 2.0, icx = (in.width - 1) / 2.0,
               icy = (in.height - 1) / 2.0;
  const Homography m = {c, -s, icx - c * ocx + s * ocy, s, c, icy - s * ocx - c * ocy, 0, 0, 1};
  return warp(in, w, h, m);
}

GrayImage perspective(const GrayImage& in, double amount, std::uint64_t seed) {
  const double w = in.width, h = in.height;
  std::uint64_t state = seed ^ 0x5EED0F5CA11ULL;
  auto jitter = [&](double size) { return (uniform(state) - 0.5) * amount * size; };
  // Where the page's corners land in the photo (the output); the photo keeps the page's size.
  const std::array<decode::PointD, 4> page = {{{0, 0}, {w - 1, 0}, {w - 1, h - 1}, {0, h - 1}}};
  std::array<decode::PointD, 4> photo = {{{amount * w + jitter(w), jitter(h)},
                                          {w - 1 - amount * w + jitter(w), jitter(h)},
                                          {w - 1 + jitter(w), h - 1 + jitter(h)},
                                          {jitter(w), h - 1 + jitter(h)}}};
  for (auto& p : photo) p = {std::clamp(p.x, 0.0, w - 1), std::clamp(p.y, 0.0, h - 1)};
  return warp(in, in.width, in.height, homography(photo, page));
}

}  // namespace lg::damage

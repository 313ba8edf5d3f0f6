#include "labelgen/decode/image.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lg::decode {

GrayImage GrayImage::blank(int width, int height, std::uint8_t value) {
  GrayImage g;
  g.width = std::max(0, width);
  g.height = std::max(0, height);
  g.pixels.assign(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height), value);
  return g;
}

Affine Affine::inverse() const {
  const double det = a * e - b * d;
  Affine r;
  r.a = e / det;
  r.b = -b / det;
  r.d = -d / det;
  r.e = a / det;
  r.c = -(r.a * c + r.b * f);
  r.f = -(r.d * c + r.e * f);
  return r;
}

namespace {

/// Bilinear sample at (x, y) in pixel-centre coordinates; outside the image is white.
inline std::uint8_t sample(const GrayImage& g, double x, double y) {
  const double fx = std::floor(x), fy = std::floor(y);
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const double tx = x - fx, ty = y - fy;
  auto px = [&](int xi, int yi) -> double {
    if (xi < 0 || yi < 0 || xi >= g.width || yi >= g.height) return 255.0;
    return g.at(xi, yi);
  };
  const double top = px(x0, y0) * (1 - tx) + px(x0 + 1, y0) * tx;
  const double bottom = px(x0, y0 + 1) * (1 - tx) + px(x0 + 1, y0 + 1) * tx;
  return static_cast<std::uint8_t>(std::clamp(top * (1 - ty) + bottom * ty + 0.5, 0.0, 255.0));
}

/// Area-average downscale by a real factor < 1 (box filter over each output pixel's footprint).
GrayImage shrink(const GrayImage& in, double factor) {
  const int w = std::max(1, static_cast<int>(std::lround(in.width * factor)));
  const int h = std::max(1, static_cast<int>(std::lround(in.height * factor)));
  GrayImage out = GrayImage::blank(w, h);
  out.dpi = in.dpi * factor;
  out.page = in.page;
  const double sx = static_cast<double>(in.width) / w, sy = static_cast<double>(in.height) / h;
  // Horizontal pass into a float buffer, then vertical.
  std::vector<float> tmp(static_cast<std::size_t>(w) * static_cast<std::size_t>(in.height));
  for (int x = 0; x < w; ++x) {
    const double a = x * sx, b = (x + 1) * sx;
    const int ia = static_cast<int>(a), ib = std::min(in.width, static_cast<int>(std::ceil(b)));
    for (int y = 0; y < in.height; ++y) {
      double sum = 0;
      for (int k = ia; k < ib; ++k) {
        const double wgt = std::min<double>(k + 1, b) - std::max<double>(k, a);
        sum += wgt * in.at(k, y);
      }
      tmp[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] =
          static_cast<float>(sum / sx);
    }
  }
  for (int y = 0; y < h; ++y) {
    const double a = y * sy, b = (y + 1) * sy;
    const int ia = static_cast<int>(a), ib = std::min(in.height, static_cast<int>(std::ceil(b)));
    for (int x = 0; x < w; ++x) {
      double sum = 0;
      for (int k = ia; k < ib; ++k) {
        const double wgt = std::min<double>(k + 1, b) - std::max<double>(k, a);
        sum += wgt *
               tmp[static_cast<std::size_t>(k) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
      }
      out.at(x, y) = static_cast<std::uint8_t>(std::clamp(sum / sy + 0.5, 0.0, 255.0));
    }
  }
  return out;
}

/// Lanczos-3 weights of every output index along one axis: `taps` input indices from `first`.
struct Weights {
  int taps = 0;
  std::vector<int> first;
  std::vector<float> w;  // taps per output index
};

Weights lanczos_weights(int in_len, int out_len) {
  constexpr int kRadius = 3;
  Weights r;
  r.taps = 2 * kRadius;
  r.first.resize(static_cast<std::size_t>(out_len));
  r.w.resize(static_cast<std::size_t>(out_len) * r.taps);
  const double scale = static_cast<double>(in_len) / out_len;
  for (int o = 0; o < out_len; ++o) {
    const double centre = (o + 0.5) * scale - 0.5;
    const int first = static_cast<int>(std::floor(centre)) - kRadius + 1;
    r.first[static_cast<std::size_t>(o)] = first;
    double sum = 0;
    float* w = &r.w[static_cast<std::size_t>(o) * r.taps];
    for (int t = 0; t < r.taps; ++t) {
      const double x = std::abs(centre - (first + t));
      double v = 1;
      if (x > 1e-9) {
        const double px = std::numbers::pi * x;
        v = x < kRadius ? kRadius * std::sin(px) * std::sin(px / kRadius) / (px * px) : 0.0;
      }
      w[t] = static_cast<float>(v);
      sum += v;
    }
    for (int t = 0; t < r.taps; ++t) w[t] = static_cast<float>(w[t] / sum);
  }
  return r;
}

/// Lanczos-3 upscale by a factor > 1 (sharper than bilinear: small modules keep their contrast).
GrayImage enlarge(const GrayImage& in, double factor) {
  const int w = std::max(1, static_cast<int>(std::lround(in.width * factor)));
  const int h = std::max(1, static_cast<int>(std::lround(in.height * factor)));
  GrayImage out = GrayImage::blank(w, h);
  out.dpi = in.dpi * factor;
  out.page = in.page;
  const Weights wx = lanczos_weights(in.width, w), wy = lanczos_weights(in.height, h);
  // Horizontal pass into floats (in.height rows of w), then vertical.
  std::vector<float> tmp(static_cast<std::size_t>(w) * static_cast<std::size_t>(in.height));
  for (int y = 0; y < in.height; ++y) {
    const std::uint8_t* row = in.pixels.data() + static_cast<std::size_t>(y) * in.width;
    float* dst = tmp.data() + static_cast<std::size_t>(y) * w;
    for (int x = 0; x < w; ++x) {
      const int f = wx.first[static_cast<std::size_t>(x)];
      const float* k = &wx.w[static_cast<std::size_t>(x) * wx.taps];
      float acc = 0;
      for (int t = 0; t < wx.taps; ++t) acc += k[t] * row[std::clamp(f + t, 0, in.width - 1)];
      dst[x] = acc;
    }
  }
  for (int y = 0; y < h; ++y) {
    const int f = wy.first[static_cast<std::size_t>(y)];
    const float* k = &wy.w[static_cast<std::size_t>(y) * wy.taps];
    std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * w;
    std::vector<float> acc(static_cast<std::size_t>(w), 0.0f);
    for (int t = 0; t < wy.taps; ++t) {
      const float* src = tmp.data() + static_cast<std::size_t>(std::clamp(f + t, 0, in.height - 1)) * w;
      const float kt = k[t];
      for (int x = 0; x < w; ++x) acc[static_cast<std::size_t>(x)] += kt * src[x];
    }
    for (int x = 0; x < w; ++x)
      dst[x] = static_cast<std::uint8_t>(std::clamp(acc[static_cast<std::size_t>(x)] + 0.5f, 0.0f, 255.0f));
  }
  return out;
}

/// Exact halving: each output pixel is the mean of a 2×2 block.
GrayImage halve(const GrayImage& in) {
  GrayImage out = GrayImage::blank(in.width / 2, in.height / 2);
  out.dpi = in.dpi * out.width / std::max(1, in.width);
  out.page = in.page;
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t* a = in.pixels.data() + static_cast<std::size_t>(2 * y) * in.width;
    const std::uint8_t* b = a + in.width;
    std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x)
      dst[x] = static_cast<std::uint8_t>((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) / 4);
  }
  return out;
}

}  // namespace

GrayImage rescale(const GrayImage& image, double factor) {
  if (image.width == 0 || image.height == 0 || std::abs(factor - 1.0) < 1e-6) return image;
  if (std::abs(factor - 0.5) < 1e-9 && image.width >= 2 && image.height >= 2) return halve(image);
  return factor < 1 ? shrink(image, factor) : enlarge(image, factor);
}

GrayImage rotate(const GrayImage& image, double degrees, Affine* to_source) {
  double turn = std::fmod(degrees, 360.0);
  if (turn < 0) turn += 360.0;
  const double rad = turn * std::numbers::pi / 180.0;
  const double cs = std::cos(rad), sn = std::sin(rad);
  const double w = image.width, h = image.height;
  // Output pixel (u, v) maps to source: rotate about the centres. Counter-clockwise on screen
  // (y down) means source = R(+angle) applied to the output offset.
  const int quarter = static_cast<int>(std::lround(turn / 90.0)) % 4;
  const bool exact = std::abs(turn - 90.0 * std::lround(turn / 90.0)) < 1e-9;
  const int ow = exact ? (quarter % 2 ? image.height : image.width)
                       : static_cast<int>(std::ceil(std::abs(w * cs) + std::abs(h * sn)));
  const int oh = exact ? (quarter % 2 ? image.width : image.height)
                       : static_cast<int>(std::ceil(std::abs(w * sn) + std::abs(h * cs)));
  GrayImage out = GrayImage::blank(ow, oh);
  out.dpi = image.dpi;
  out.page = image.page;
  Affine map;
  if (exact) {
    // Exact quarter turns in integer pixel coordinates.
    switch (quarter) {
      case 0:
        map = {1, 0, 0, 0, 1, 0};
        break;
      case 1:  // counter-clockwise: output (u, v) = source (w-1-v, u)
        map = {0, -1, w - 1, 1, 0, 0};
        break;
      case 2:
        map = {-1, 0, w - 1, 0, -1, h - 1};
        break;
      default:  // 270: output (u, v) = source (v, h-1-u)
        map = {0, 1, 0, -1, 0, h - 1};
        break;
    }
    for (int v = 0; v < oh; ++v)
      for (int u = 0; u < ow; ++u) {
        const PointD s = map({static_cast<double>(u), static_cast<double>(v)});
        out.at(u, v) = image.at(static_cast<int>(std::lround(s.x)), static_cast<int>(std::lround(s.y)));
      }
  } else {
    const double ocx = (ow - 1) / 2.0, ocy = (oh - 1) / 2.0, icx = (w - 1) / 2.0, icy = (h - 1) / 2.0;
    // source = R · (out - oc) + ic, with R turning the output back clockwise on screen.
    map.a = cs;
    map.b = -sn;
    map.d = sn;
    map.e = cs;
    map.c = icx - cs * ocx + sn * ocy;
    map.f = icy - sn * ocx - cs * ocy;
    for (int v = 0; v < oh; ++v) {
      double sx = map.a * 0 + map.b * v + map.c, sy = map.d * 0 + map.e * v + map.f;
      for (int u = 0; u < ow; ++u, sx += map.a, sy += map.d) out.at(u, v) = sample(image, sx, sy);
    }
  }
  if (to_source) *to_source = map;
  return out;
}

}  // namespace lg::decode

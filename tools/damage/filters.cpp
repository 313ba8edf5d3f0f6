#include "tools/damage/filters.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace lg::damage {

using decode::GrayImage;

GrayImage blur(const GrayImage& in, double sigma) {
  if (sigma <= 0) return in;
  const int r = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  std::vector<double> k(static_cast<std::size_t>(2 * r + 1));
  double sum = 0;
  for (int i = -r; i <= r; ++i)
    sum += k[static_cast<std::size_t>(i + r)] = std::exp(-i * i / (2 * sigma * sigma));
  for (auto& v : k) v /= sum;
  // Edges repeat the border pixel.
  std::vector<float> tmp(in.pixels.size());
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x) {
      double acc = 0;
      for (int i = -r; i <= r; ++i)
        acc += k[static_cast<std::size_t>(i + r)] * in.at(std::clamp(x + i, 0, in.width - 1), y);
      tmp[static_cast<std::size_t>(y) * in.width + x] = static_cast<float>(acc);
    }
  GrayImage out = in;
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x) {
      double acc = 0;
      for (int i = -r; i <= r; ++i)
        acc += k[static_cast<std::size_t>(i + r)] *
               tmp[static_cast<std::size_t>(std::clamp(y + i, 0, in.height - 1)) * in.width + x];
      out.at(x, y) = static_cast<std::uint8_t>(std::clamp(acc + 0.5, 0.0, 255.0));
    }
  return out;
}

GrayImage noise(const GrayImage& in, double sigma, std::uint64_t seed) {
  if (sigma <= 0) return in;
  std::uint64_t state = seed ^ 0xD1CEB0A7ULL;
  auto next = [&] {  // SplitMix64
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  auto uniform = [&] { return (static_cast<double>(next() >> 11) + 0.5) / 9007199254740992.0; };
  GrayImage out = in;
  for (std::size_t i = 0; i < out.pixels.size(); i += 2) {
    // Box–Muller: two normal deviates per pair of uniforms.
    const double a = std::sqrt(-2 * std::log(uniform())), b = 2 * std::numbers::pi * uniform();
    const double n[2] = {a * std::cos(b), a * std::sin(b)};
    for (std::size_t j = 0; j < 2 && i + j < out.pixels.size(); ++j)
      out.pixels[i + j] =
          static_cast<std::uint8_t>(std::clamp(out.pixels[i + j] + sigma * n[j] + 0.5, 0.0, 255.0));
  }
  return out;
}

}  // namespace lg::damage

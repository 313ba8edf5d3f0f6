#pragma once
/// Decode stage, images: the 8-bit grayscale raster every loader produces and the decoder reads,
/// and the resampling the decoder needs (scaling to its working resolution, turning by an angle).
#include <cstdint>
#include <vector>

namespace lg::decode {

/// An 8-bit grayscale image: 0 = black, 255 = white, rows of `width` bytes, top row first.
struct GrayImage {
  int width = 0;
  int height = 0;
  double dpi = 0;  ///< resolution as stored in the file (or the PDF render resolution); 0 = unknown
  int page = 0;    ///< 0-based page (PDF) or frame (TIFF) index within its file
  std::vector<std::uint8_t> pixels;

  std::uint8_t at(int x, int y) const {
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                  static_cast<std::size_t>(x)];
  }
  std::uint8_t& at(int x, int y) {
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                  static_cast<std::size_t>(x)];
  }
  /// A white image of the given size.
  static GrayImage blank(int width, int height, std::uint8_t value = 255);
};

/// A point in pixels (x right, y down).
struct PointD {
  double x = 0;
  double y = 0;
};

/// A 2×3 affine map: x' = a·x + b·y + c, y' = d·x + e·y + f.
struct Affine {
  double a = 1, b = 0, c = 0, d = 0, e = 1, f = 0;
  PointD operator()(PointD p) const { return {a * p.x + b * p.y + c, d * p.x + e * p.y + f}; }
  /// The inverse map (the matrix must not be singular).
  Affine inverse() const;
};

/// Resizes by `factor` (< 1 averages each output pixel's area, > 1 interpolates with Lanczos-3).
/// The dpi is scaled along.
GrayImage rescale(const GrayImage& image, double factor);

/// The image turned by `degrees` counter-clockwise as seen on screen, on a canvas grown to hold
/// all of it (uncovered pixels white), bilinear. `to_source` receives the map from the result's
/// pixels to the input's. Multiples of 90° are exact pixel copies.
GrayImage rotate(const GrayImage& image, double degrees, Affine* to_source = nullptr);

}  // namespace lg::decode

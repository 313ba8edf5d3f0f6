#pragma once
// labelgen-damage, files: 8-bit grayscale PNG (with its resolution in pHYs) and JPEG (with its
// resolution in the JFIF header), and a JPEG round trip in memory for compression artefacts.
#include <string>

#include "labelgen/core/result.hpp"
#include "labelgen/decode/image.hpp"

namespace lg::damage {

/// PNG bytes of `image`.
Result<std::string> encode_png(const decode::GrayImage& image);
/// JPEG bytes of `image` at `quality` (1–100).
Result<std::string> encode_jpeg(const decode::GrayImage& image, int quality);
/// `image` compressed to JPEG at `quality` and decoded again.
Result<decode::GrayImage> jpeg_round_trip(const decode::GrayImage& image, int quality);

}  // namespace lg::damage

#pragma once
// Decode stage, internal: one ZXing 1.4 call on a rectangle of an image, with the settings that
// are safe on Debian's build (tryDownscale off: it aborts on Code 128; one format per call).
#include <array>
#include <string>
#include <vector>

#include "labelgen/decode/image.hpp"
#include "labelgen/decode/options.hpp"

namespace lg::decode::detail {

/// A pixel rectangle [x, x + w) × [y, y + h).
struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

/// How ZXing is asked to look.
struct ReadSettings {
  bool try_harder = true;
  bool try_rotate = false;  ///< 1D: also scan columns; DataMatrix: walk the centre lines in all 4 directions
  /// LocalAverage (ZXing's hybrid binarizer), GlobalHistogram, or BoolCast for an image that is
  /// already black (0) and white (255).
  enum class Binarizer { Local, Global, Prebinarized } binarizer = Binarizer::Local;
};

/// One symbol as ZXing returned it, corners in the image's pixels.
struct RawRead {
  SymbolFormat format = SymbolFormat::Code128;
  std::string text;
  std::array<PointD, 4> corners{};  ///< ZXing's order: top-left, top-right, bottom-right, bottom-left
  int lines = 0;                    ///< 1D: scan lines that agreed
};

/// Valid reads of `format` inside `area` of `image`.
std::vector<RawRead> zxing_read(const GrayImage& image, Rect area, SymbolFormat format,
                                const ReadSettings& settings);

}  // namespace lg::decode::detail

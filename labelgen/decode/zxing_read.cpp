#include "labelgen/decode/zxing_read.hpp"

#include <ZXing/ReadBarcode.h>

#include <algorithm>

namespace lg::decode::detail {

std::vector<RawRead> zxing_read(const GrayImage& image, Rect area, SymbolFormat format,
                                const ReadSettings& settings) {
  area.w = std::min(area.w, image.width - std::max(0, area.x));
  area.h = std::min(area.h, image.height - std::max(0, area.y));
  area.x = std::max(0, area.x);
  area.y = std::max(0, area.y);
  if (area.w < 16 || area.h < 16) return {};
  const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum,
                              image.width);
  ZXing::DecodeHints hints;
  hints.setFormats(format == SymbolFormat::Code128 ? ZXing::BarcodeFormat::Code128
                                                   : ZXing::BarcodeFormat::DataMatrix);
  hints.setTryDownscale(false);  // Debian's 1.4 asserts (aborts) on Code 128 otherwise
  hints.setTryHarder(settings.try_harder);
  hints.setTryRotate(settings.try_rotate);
  switch (settings.binarizer) {
    case ReadSettings::Binarizer::Local:
      hints.setBinarizer(ZXing::Binarizer::LocalAverage);
      break;
    case ReadSettings::Binarizer::Global:
      hints.setBinarizer(ZXing::Binarizer::GlobalHistogram);
      break;
    case ReadSettings::Binarizer::Prebinarized:
      hints.setBinarizer(ZXing::Binarizer::BoolCast);
      break;
  }
  std::vector<RawRead> out;
  for (const auto& r : ZXing::ReadBarcodes(view.cropped(area.x, area.y, area.w, area.h), hints)) {
    if (!r.isValid()) continue;
    RawRead read;
    read.format = format;
    read.text = r.text();
    const auto& p = r.position();
    for (int i = 0; i < 4; ++i)
      read.corners[static_cast<std::size_t>(i)] = {p[i].x + 0.0 + area.x, p[i].y + 0.0 + area.y};
    read.lines = r.lineCount();
    out.push_back(std::move(read));
  }
  return out;
}

}  // namespace lg::decode::detail

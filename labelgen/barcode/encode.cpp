#include "labelgen/barcode/encode.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ZXVersion.h>

#include <cstdio>
#include <exception>
#include <string>

// ZXing 1.4 does not install the DataMatrix writer's header, and its MultiFormatWriter lets the
// writer pick rectangular symbols (e.g. 16x48 for 45-49 codewords). The writer class is
// exported from libZXing.so; this declaration repeats core/src/datamatrix/DMWriter.h and
// DMSymbolShape.h of v1.4.0 exactly, so that we can ask for square symbols only.
#if ZXING_VERSION_MAJOR != 1 || ZXING_VERSION_MINOR != 4
#error \
    "labelgen/barcode/encode.cpp declares ZXing 1.4's DataMatrix::Writer; re-check it for this ZXing version"
#endif
namespace ZXing::DataMatrix {
enum class SymbolShape { NONE, SQUARE, RECTANGLE };
class Writer {
 public:
  Writer();
  Writer& setMargin(int margin) {
    _quietZone = margin;
    return *this;
  }
  Writer& setShapeHint(SymbolShape shape) {
    _shapeHint = shape;
    return *this;
  }
  BitMatrix encode(const std::wstring& contents, int width, int height) const;
  BitMatrix encode(const std::string& contents, int width, int height) const;

 private:
  SymbolShape _shapeHint;
  int _quietZone = 1, _minWidth = -1, _minHeight = -1, _maxWidth = -1, _maxHeight = -1;
};
}  // namespace ZXing::DataMatrix

namespace lg::barcode {
namespace {

std::string_view name_of(layout::Symbology s) {
  return s == layout::Symbology::Code128 ? "Code 128" : "DataMatrix";
}

}  // namespace

int quiet_zone_modules(layout::Symbology symbology) {
  return symbology == layout::Symbology::Code128 ? 10 : 2;
}

Result<std::shared_ptr<const layout::ModuleMatrix>> encode(layout::Symbology symbology,
                                                           std::string_view content) {
  if (content.empty()) return fail("barcode", std::string(name_of(symbology)) + " content is empty");
  for (std::size_t i = 0; i < content.size(); ++i) {
    const auto c = static_cast<unsigned char>(content[i]);
    if (c < 0x20 || c > 0x7E) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02X", c);
      return fail("barcode", std::string(name_of(symbology)) + " content must be printable ASCII; byte " +
                                 buf + " at offset " + std::to_string(i));
    }
  }
  ZXing::BitMatrix bits;
  try {
    const std::string text(content);
    if (symbology == layout::Symbology::Code128)
      bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::Code128).setMargin(0).encode(text, 0, 0);
    else
      bits = ZXing::DataMatrix::Writer()
                 .setMargin(0)
                 .setShapeHint(ZXing::DataMatrix::SymbolShape::SQUARE)
                 .encode(text, 0, 0);
  } catch (const std::exception& e) {
    return fail("barcode", std::string(name_of(symbology)) + " cannot encode '" + std::string(content) +
                               "': " + e.what());
  }
  auto m = std::make_shared<layout::ModuleMatrix>();
  m->width = bits.width();
  m->height = symbology == layout::Symbology::Code128 ? 1 : bits.height();
  if (m->width <= 0 || bits.height() <= 0) return fail("barcode", "ZXing returned an empty symbol");
  m->cells.resize(static_cast<std::size_t>(m->width) * m->height);
  for (int y = 0; y < m->height; ++y)
    for (int x = 0; x < m->width; ++x)
      m->cells[static_cast<std::size_t>(y) * m->width + x] = bits.get(x, y) ? 1 : 0;
  return std::shared_ptr<const layout::ModuleMatrix>(std::move(m));
}

}  // namespace lg::barcode

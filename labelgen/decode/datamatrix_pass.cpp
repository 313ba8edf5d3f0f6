// DataMatrix in overlapping strips. ZXing 1.4's DataMatrix detector (built without coroutines)
// walks only the image's centre lines, from the borders inwards, and returns the first symbol
// found. So the page is cut into full-width strips whose centre lines are closer together than
// the smallest symbol, and into full-height strips for symbols turned near 90°; each strip is
// read again after each find, with the symbol painted white. The page is binarized once, here,
// rather than by ZXing in every strip.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "labelgen/decode/binarize.hpp"
#include "labelgen/decode/passes.hpp"

namespace lg::decode::detail {

namespace {

/// Strip origins along one axis: `side`-wide strips every `step`, the last one flush with the end.
std::vector<int> origins(int length, int side, int step) {
  if (length <= side) return {0};
  std::vector<int> out;
  for (int p = 0; p + side < length; p += step) out.push_back(p);
  out.push_back(length - side);
  return out;
}

struct StripPass {
  GrayImage& bin;  ///< binarized image, found symbols erased
  const DecodeOptions& options;
  double to_work;  ///< scale from `bin` to the work image
  std::vector<Symbol> found;

  void read(Rect area) {
    const ReadSettings settings{
        .try_harder = true, .try_rotate = true, .binarizer = ReadSettings::Binarizer::Prebinarized};
    const double module_px = bin.dpi / 100;  // a 0.01-in module
    for (int attempt = 0; attempt < 12; ++attempt) {
      bool new_symbol = false;
      for (const auto& read : zxing_read(bin, area, SymbolFormat::DataMatrix, settings)) {
        erase_quad(bin, read.corners, module_px * 2 + 1);  // rejected reads too: not read again
        if (!accepted(options, read)) continue;
        Symbol s = to_symbol(read);
        for (auto& p : s.corners) p = {p.x * to_work, p.y * to_work};
        set_geometry(s);
        found.push_back(std::move(s));
        new_symbol = true;
      }
      if (!new_symbol) break;
    }
  }

  /// Full-width strips `side` tall every `step`, then full-height strips.
  void run(int side, int step) {
    for (int y : origins(bin.height, std::min(side, bin.height), step))
      read({0, y, bin.width, std::min(side, bin.height)});
    for (int x : origins(bin.width, std::min(side, bin.width), step))
      read({x, 0, std::min(side, bin.width), bin.height});
  }
};

}  // namespace

std::vector<Symbol> find_datamatrix(GrayImage& work, const DecodeOptions& options, const DataMatrixPass& how,
                                    const GrayImage* source) {
  const double dpi = work.dpi > 0 ? work.dpi : 300;
  GrayImage scaled;
  if (source) {
    const double source_dpi = source->dpi > 0 ? source->dpi : dpi * source->width / std::max(1, work.width);
    scaled = rescale(*source, how.zoom * dpi / source_dpi);
    scaled.dpi = dpi * how.zoom;
  } else {
    scaled = rescale(work, how.zoom);
    scaled.dpi = dpi * how.zoom;
  }
  GrayImage bin = binarize(scaled);
  scaled = GrayImage();
  StripPass pass{bin, options, static_cast<double>(work.width) / bin.width, {}};
  pass.run(static_cast<int>(std::lround(how.strip_inches * bin.dpi)),
           static_cast<int>(std::lround(how.step_inches * bin.dpi)));
  for (const auto& s : pass.found) erase_quad(work, s.corners, dpi / 50 + 1);
  return pass.found;
}

}  // namespace lg::decode::detail

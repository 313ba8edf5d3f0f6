#include "labelgen/decode/binarize.hpp"

#include <algorithm>
#include <vector>

namespace lg::decode::detail {

GrayImage binarize(const GrayImage& image) {
  constexpr int kBlock = 8;
  constexpr int kMinRange = 24;  // gray levels: less contrast than this is a flat block
  const int bw = (image.width + kBlock - 1) / kBlock, bh = (image.height + kBlock - 1) / kBlock;
  std::vector<int> level(static_cast<std::size_t>(bw) * bh);
  auto lv = [&](int bx, int by) -> int& { return level[static_cast<std::size_t>(by) * bw + bx]; };
  for (int by = 0; by < bh; ++by)
    for (int bx = 0; bx < bw; ++bx) {
      const int x0 = bx * kBlock, y0 = by * kBlock;
      const int x1 = std::min(image.width, x0 + kBlock), y1 = std::min(image.height, y0 + kBlock);
      int lo = 255, hi = 0, sum = 0;
      for (int y = y0; y < y1; ++y) {
        const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.width;
        for (int x = x0; x < x1; ++x) {
          lo = std::min<int>(lo, row[x]);
          hi = std::max<int>(hi, row[x]);
          sum += row[x];
        }
      }
      int mean = sum / ((x1 - x0) * (y1 - y0));
      if (hi - lo <= kMinRange) {
        // Flat: assume paper (half its level, so it stays white) unless the neighbours already
        // seen say this is inside something darker.
        mean = lo / 2;
        if (bx > 0 && by > 0) {
          const int around = (lv(bx, by - 1) + 2 * lv(bx - 1, by) + lv(bx - 1, by - 1)) / 4;
          if (lo < around) mean = around;
        }
      }
      lv(bx, by) = mean;
    }
  GrayImage out = GrayImage::blank(image.width, image.height);
  out.dpi = image.dpi;
  out.page = image.page;
  for (int by = 0; by < bh; ++by)
    for (int bx = 0; bx < bw; ++bx) {
      int sum = 0, n = 0;
      for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
          const int nx = std::clamp(bx + dx, 0, bw - 1), ny = std::clamp(by + dy, 0, bh - 1);
          sum += lv(nx, ny);
          ++n;
        }
      const int threshold = sum / n;
      const int x0 = bx * kBlock, y0 = by * kBlock;
      const int x1 = std::min(image.width, x0 + kBlock), y1 = std::min(image.height, y0 + kBlock);
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) out.at(x, y) = image.at(x, y) <= threshold ? 0 : 255;
    }
  return out;
}

}  // namespace lg::decode::detail

#pragma once
/// Render stage, raster backend (Cairo): draws the same layout::Page primitives into a
/// grayscale image at a given resolution, for PNG proofs and for printers fed bitmaps.
/// Barcode modules are drawn on whole pixels (each edge rounded to the pixel grid, so no grey
/// edges and no gaps). Text uses the runs' FreeType faces with the PDF backend's glyph
/// advances (hmtx truncated to 1/1000 em, no hinting, no kerning), so both backends place
/// every glyph alike.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/layout/primitives.hpp"

namespace lg::render {

/// Options of RasterRenderer::open.
struct RasterOptions {
  double dpi = 300;       ///< output resolution
  bool antialias = true;  ///< anti-aliased text and strokes (bars are on whole pixels either way)
};

/// An 8-bit grayscale image: 0 = black, 255 = white, rows of `width` bytes, top row first.
struct Raster {
  int width = 0;
  int height = 0;
  double dpi = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

/// Draws pages with Cairo. Loaded font faces are cached across pages. Move-only; one per thread.
class RasterRenderer {
 public:
  static Result<RasterRenderer> open(const RasterOptions& options = {});
  RasterRenderer(RasterRenderer&&) noexcept;
  RasterRenderer& operator=(RasterRenderer&&) noexcept;
  ~RasterRenderer();

  /// Draws `page` at the configured resolution (size rounded up to whole pixels).
  Result<Raster> render(const layout::Page& page);
  /// Draws `page` and writes it as an 8-bit grayscale PNG, atomically with mode 0600.
  Result<void> write_png(const layout::Page& page, const std::filesystem::path& path);

 private:
  struct Impl;
  explicit RasterRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lg::render

#pragma once
/// Internal: per-face glyph tables (coverage, libharu safety, advance) built once with FreeType.
#include <ft2build.h>
#include FT_FREETYPE_H

#include <array>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/primitives.hpp"

namespace lg::fonts::detail {

struct FtLibraryDeleter {
  void operator()(FT_Library l) const { FT_Done_FreeType(l); }
};
struct FtFaceDeleter {
  void operator()(FT_Face f) const { FT_Done_Face(f); }
};
/// Owning FreeType handles.
using FtLibrary = std::unique_ptr<std::remove_pointer_t<FT_Library>, FtLibraryDeleter>;
using FtFace = std::unique_ptr<std::remove_pointer_t<FT_Face>, FtFaceDeleter>;

Result<FtLibrary> open_freetype();
Result<FtFace> open_face(FT_Library lib, const layout::FontFace& face);

/// What one face knows about one code point.
struct GlyphEntry {
  std::uint16_t milli = 0;  ///< advance in 1/1000 em, truncated as libharu does
  GlyphStatus status = GlyphStatus::Missing;
};

/// Immutable table of every BMP code point of a face's Unicode cmap.
class FaceTable {
 public:
  static Result<FaceTable> build(FT_Library lib, const layout::FontFace& face);
  const layout::FontFace& face() const { return face_; }
  GlyphEntry lookup(char32_t cp) const {
    if (cp > 0xFFFF) return {};
    const auto& page = pages_[cp >> 8];
    return page ? (*page)[cp & 0xFF] : GlyphEntry{};
  }
  std::size_t covered() const { return covered_; }

 private:
  using Page = std::array<GlyphEntry, 256>;
  layout::FontFace face_;
  std::vector<std::unique_ptr<Page>> pages_ = std::vector<std::unique_ptr<Page>>(256);
  std::size_t covered_ = 0;
};

}  // namespace lg::fonts::detail

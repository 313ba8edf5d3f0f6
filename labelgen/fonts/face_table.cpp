#include "labelgen/fonts/face_table.hpp"

#include FT_TRUETYPE_TAGS_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H

#include <cstdio>
#include <string>

namespace lg::fonts {

std::string_view describe(GlyphStatus s) {
  switch (s) {
    case GlyphStatus::Missing:
      return "no glyph";
    case GlyphStatus::Ok:
      return "ok";
    case GlyphStatus::NestedComposite:
      return "a nested composite glyph, which libharu 2.3.0 embeds without its inner parts (marks vanish)";
    case GlyphStatus::ComponentOutOfRange:
      return "a composite glyph with a component id above 32767, which libharu 2.3.0 drops";
    case GlyphStatus::UnreadableComposite:
      return "a composite glyph libharu 2.3.0 cannot read";
  }
  return "?";
}

namespace detail {
namespace {

std::string ft_error(FT_Error e) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(e));
  const char* s = FT_Error_String(e);
  return std::string("FreeType error ") + buf + (s ? std::string(" (") + s + ")" : std::string());
}

/// Reads a whole sfnt table; empty when the face has none.
std::vector<FT_Byte> sfnt_table(FT_Face face, FT_ULong tag) {
  FT_ULong len = 0;
  if (FT_Load_Sfnt_Table(face, tag, 0, nullptr, &len) != 0 || len == 0) return {};
  std::vector<FT_Byte> data(len);
  if (FT_Load_Sfnt_Table(face, tag, 0, data.data(), &len) != 0) return {};
  return data;
}

std::uint16_t u16(const std::vector<FT_Byte>& d, std::size_t at) {
  return static_cast<std::uint16_t>(d[at] << 8 | d[at + 1]);
}
std::uint32_t u32(const std::vector<FT_Byte>& d, std::size_t at) {
  return static_cast<std::uint32_t>(d[at]) << 24 | static_cast<std::uint32_t>(d[at + 1]) << 16 |
         static_cast<std::uint32_t>(d[at + 2]) << 8 | d[at + 3];
}

/// Classifies glyphs the way libharu 2.3.0's subsetter (CheckCompositGryph) would treat them:
/// it follows the components of a composite one level deep, reads component ids as signed
/// 16-bit, and ignores composites whose numberOfContours is not -1.
class GlyfReader {
 public:
  explicit GlyfReader(FT_Face face) : num_glyphs_(static_cast<std::uint32_t>(face->num_glyphs)) {
    auto head = sfnt_table(face, TTAG_head);
    loca_ = sfnt_table(face, TTAG_loca);
    glyf_ = sfnt_table(face, TTAG_glyf);
    long_loca_ = head.size() >= 54 && u16(head, 50) != 0;
    memo_.assign(num_glyphs_, -1);
  }
  bool usable() const { return !glyf_.empty() && !loca_.empty(); }

  GlyphStatus status(std::uint32_t gid) {
    const int contours = contours_of(gid);
    if (contours >= 0) return GlyphStatus::Ok;
    if (contours != -1) return GlyphStatus::UnreadableComposite;
    std::size_t at = offset(gid) + 10;
    constexpr std::uint16_t kWords = 1, kScale = 8, kMore = 32, kXYScale = 64, kTwoByTwo = 128;
    std::uint16_t flags = 0;
    do {
      if (at + 4 > glyf_.size()) return GlyphStatus::UnreadableComposite;
      flags = u16(glyf_, at);
      const std::uint16_t component = u16(glyf_, at + 2);
      at += 4 + ((flags & kWords) ? 4 : 2);
      if (flags & kScale)
        at += 2;
      else if (flags & kXYScale)
        at += 4;
      else if (flags & kTwoByTwo)
        at += 8;
      if (component > 32767 || component >= num_glyphs_) return GlyphStatus::ComponentOutOfRange;
      if (contours_of(component) < 0) return GlyphStatus::NestedComposite;
    } while (flags & kMore);
    return GlyphStatus::Ok;
  }

 private:
  std::size_t offset(std::uint32_t gid) const {
    if (long_loca_) return (std::size_t{gid} + 1) * 4 <= loca_.size() ? u32(loca_, gid * 4) : glyf_.size();
    return (std::size_t{gid} + 1) * 2 <= loca_.size() ? std::size_t{u16(loca_, gid * 2)} * 2 : glyf_.size();
  }
  std::size_t next_offset(std::uint32_t gid) const { return offset(gid + 1); }
  /// numberOfContours; 0 for an empty glyph.
  int contours_of(std::uint32_t gid) {
    if (gid >= num_glyphs_) return 0;
    if (memo_[gid] != -1) return memo_[gid] == 1 ? -1 : (memo_[gid] == 2 ? -2 : 0);
    const std::size_t at = offset(gid);
    int contours = 0;
    if (next_offset(gid) > at && at + 2 <= glyf_.size()) contours = static_cast<std::int16_t>(u16(glyf_, at));
    memo_[gid] = contours == -1 ? 1 : (contours < -1 ? 2 : 0);
    return contours;
  }

  std::uint32_t num_glyphs_;
  std::vector<FT_Byte> loca_, glyf_;
  bool long_loca_ = false;
  std::vector<signed char> memo_;  // -1 unknown, 0 simple/empty, 1 composite, 2 other negative
};

}  // namespace

Result<FtLibrary> open_freetype() {
  FT_Library lib = nullptr;
  if (FT_Error e = FT_Init_FreeType(&lib); e != 0)
    return fail("fonts", "cannot start FreeType: " + ft_error(e));
  return FtLibrary(lib);
}

Result<FtFace> open_face(FT_Library lib, const layout::FontFace& face) {
  FT_Face f = nullptr;
  if (FT_Error e = FT_New_Face(lib, face.path.c_str(), face.index, &f); e != 0)
    return fail("fonts", "cannot open font '" + face.path + "' face " + std::to_string(face.index) + ": " +
                             ft_error(e));
  FtFace owned(f);
  if (FT_Select_Charmap(f, FT_ENCODING_UNICODE) != 0)
    return fail("fonts", "font '" + face.path + "' has no Unicode cmap");
  return owned;
}

Result<FaceTable> FaceTable::build(FT_Library lib, const layout::FontFace& face) {
  auto ft = open_face(lib, face);
  if (!ft) return std::unexpected(ft.error());
  FT_Face f = ft->get();
  GlyfReader glyf(f);
  if (!glyf.usable() || !FT_IS_SFNT(f))
    return fail("fonts", "font '" + face.path +
                             "' has no TrueType outlines (glyf table); libharu 2.3.0 cannot embed CFF fonts");
  const FT_UShort upem = f->units_per_EM;
  if (upem == 0) return fail("fonts", "font '" + face.path + "' has units_per_EM 0");

  FaceTable table;
  table.face_ = face;
  FT_UInt gid = 0;
  for (FT_ULong cp = FT_Get_First_Char(f, &gid); gid != 0; cp = FT_Get_Next_Char(f, cp, &gid)) {
    if (cp > 0xFFFF) break;  // libharu 2.3.0 reads format-4 (BMP) cmaps only
    FT_Fixed advance = 0;
    if (FT_Get_Advance(f, gid, FT_LOAD_NO_SCALE, &advance) != 0) continue;
    GlyphEntry entry;
    // libharu: (HPDF_UINT)advance_width * 1000 / units_per_em, truncated.
    entry.milli = static_cast<std::uint16_t>(static_cast<unsigned long>(advance) * 1000 / upem);
    entry.status = glyf.status(gid);
    auto& page = table.pages_[cp >> 8];
    if (!page) page = std::make_unique<Page>();
    (*page)[cp & 0xFF] = entry;
    ++table.covered_;
  }
  return table;
}

}  // namespace detail

Result<std::vector<GlyphStatus>> check_glyphs(const layout::FontFace& face, std::u32string_view text) {
  auto lib = detail::open_freetype();
  if (!lib) return std::unexpected(lib.error());
  auto table = detail::FaceTable::build(lib->get(), face);
  if (!table) return std::unexpected(table.error());
  std::vector<GlyphStatus> out;
  out.reserve(text.size());
  for (char32_t cp : text) out.push_back(table->lookup(cp).status);
  return out;
}

}  // namespace lg::fonts

// The constant-time cmap gives libharu exactly the glyphs its own lookup gives, for every BMP
// code point of every configured font face.
#include "labelgen/render/hpdf_cmap.hpp"

#include <gtest/gtest.h>
#include <hpdf_fontdef.h>

#include <set>
#include <vector>

#include "tests/render/render_support.hpp"

namespace lg::render {
namespace {

struct DocDeleter {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};
using Doc = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

/// Loads `face` into a new document; returns the document and the font's name.
std::pair<Doc, const char*> load(const layout::FontFace& face) {
  Doc doc(HPDF_New(nullptr, nullptr));
  HPDF_UseUTFEncodings(doc.get());
  const char* name = face.index == 0
                         ? HPDF_LoadTTFontFromFile(doc.get(), face.path.c_str(), HPDF_TRUE)
                         : HPDF_LoadTTFontFromFile2(doc.get(), face.path.c_str(),
                                                    static_cast<HPDF_UINT>(face.index), HPDF_TRUE);
  return {std::move(doc), name};
}

TEST(FlattenCmap, SameGlyphForEveryCodePointOfEveryFace) {
  const auto& fs = test::fontset();
  std::set<std::pair<std::string, int>> seen;
  int faces = 0;
  for (const auto& role : fs.role_names())
    for (const auto& face : fs.faces(*fs.role(role))) {
      if (!seen.insert({face.path, face.index}).second) continue;
      auto [original, name] = load(face);
      ASSERT_NE(name, nullptr) << face.path;
      HPDF_FontDef before = HPDF_GetFontDef(original.get(), name);
      // Twice: the first call computes the shared table, the second uses it.
      for (int round = 0; round < 2; ++round) {
        auto [doc, flat_name] = load(face);
        ASSERT_NE(flat_name, nullptr);
        detail::flatten_cmap(doc.get(), flat_name, face.path + "#" + std::to_string(face.index));
        HPDF_FontDef after = HPDF_GetFontDef(doc.get(), flat_name);
        const auto* attr = static_cast<HPDF_TTFontDefAttr>(after->attr);
        EXPECT_EQ(attr->cmap.seg_count_x2, 4) << face.path << ": the cmap was not replaced";
        int differ = 0;
        for (std::uint32_t u = 0; u < 65536; ++u)
          differ += HPDF_TTFontDef_GetGlyphid(before, static_cast<HPDF_UINT16>(u)) !=
                    HPDF_TTFontDef_GetGlyphid(after, static_cast<HPDF_UINT16>(u));
        EXPECT_EQ(differ, 0) << face.path << " round " << round;
        // The font still becomes a CID font and measures text.
        HPDF_Font font = HPDF_GetFont(doc.get(), flat_name, "UTF-8");
        ASSERT_NE(font, nullptr);
        EXPECT_GT(HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>("Nguyễn"), 8).width, 0u);
      }
      ++faces;
    }
  EXPECT_GE(faces, 3) << "expected the label, bold, mono and fallback faces";
}

}  // namespace
}  // namespace lg::render

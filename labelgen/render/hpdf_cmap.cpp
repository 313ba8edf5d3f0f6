#include "labelgen/render/hpdf_cmap.hpp"

#include <hpdf_fontdef.h>
#include <hpdf_version.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

// The cmap record and the lookup replaced here are libharu 2.3.0's (hpdf_fontdef.h and
// HPDF_TTFontDef_GetGlyphid in src/hpdf_fontdef_tt.c); re-check both for another version.
#if HPDF_VERSION_ID != 20300
#error "labelgen/render/hpdf_cmap.cpp rewrites libharu 2.3.0's cmap record; re-check it for this libharu"
#endif

namespace lg::render::detail {
namespace {

using Table = std::array<HPDF_UINT16, 65536>;

/// The glyph of every BMP code point, by font file and face, computed once.
std::shared_ptr<const Table> answers(HPDF_FontDef def, const std::string& key) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Table>> cache;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto table = std::make_shared<Table>();
  for (std::uint32_t u = 0; u < 65536; ++u)
    (*table)[u] = HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(u));
  std::lock_guard lock(mutex);
  return cache.emplace(key, std::move(table)).first->second;
}

template <class T>
T* allocate(HPDF_MMgr mmgr, std::size_t count) {
  return static_cast<T*>(HPDF_GetMem(mmgr, static_cast<HPDF_UINT>(sizeof(T) * count)));
}

}  // namespace

void flatten_cmap(HPDF_Doc doc, const char* font_name, const std::string& key) {
  HPDF_FontDef def = HPDF_GetFontDef(doc, font_name);
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr) return;
  auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
  HPDF_TTF_CmapRange& cmap = attr->cmap;
  if (cmap.format != 4 || cmap.seg_count_x2 == 0) return;
  const auto table = answers(def, key);

  // Two segments: U+0000…U+FFFE indexed through the table (idx = id_range_offset/2 +
  // (code - start) - (seg_count - i) = code), and U+FFFF with the delta that gives its glyph.
  HPDF_MMgr mmgr = def->mmgr;
  auto* end = allocate<HPDF_UINT16>(mmgr, 2);
  auto* start = allocate<HPDF_UINT16>(mmgr, 2);
  auto* delta = allocate<HPDF_INT16>(mmgr, 2);
  auto* range = allocate<HPDF_UINT16>(mmgr, 2);
  auto* glyphs = allocate<HPDF_UINT16>(mmgr, table->size());
  if (!end || !start || !delta || !range || !glyphs) {
    for (void* p : {static_cast<void*>(end), static_cast<void*>(start), static_cast<void*>(delta),
                    static_cast<void*>(range), static_cast<void*>(glyphs)})
      HPDF_FreeMem(mmgr, p);
    HPDF_ResetError(doc);  // the font keeps its own cmap and still works
    return;
  }
  end[0] = 0xFFFE;
  end[1] = 0xFFFF;
  start[0] = 0;
  start[1] = 0xFFFF;
  delta[0] = 0;
  delta[1] = static_cast<HPDF_INT16>(static_cast<std::uint16_t>((*table)[0xFFFF] - 0xFFFFu));
  range[0] = 4;
  range[1] = 0;
  std::copy(table->begin(), table->end(), glyphs);

  HPDF_FreeMem(mmgr, cmap.end_count);
  HPDF_FreeMem(mmgr, cmap.start_count);
  HPDF_FreeMem(mmgr, cmap.id_delta);
  HPDF_FreeMem(mmgr, cmap.id_range_offset);
  HPDF_FreeMem(mmgr, cmap.glyph_id_array);
  cmap.seg_count_x2 = 4;
  cmap.end_count = end;
  cmap.start_count = start;
  cmap.id_delta = delta;
  cmap.id_range_offset = range;
  cmap.glyph_id_array = glyphs;
  cmap.glyph_id_array_count = static_cast<HPDF_UINT>(table->size());
}

}  // namespace lg::render::detail

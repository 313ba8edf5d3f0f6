#pragma once
/// PDF backend helper: a constant-time glyph lookup for libharu 2.3.0 TrueType fonts.
///
/// libharu finds a code point's glyph by a linear search over the font's cmap segments, and
/// HPDF_GetFont runs that search for all 65,536 BMP code points of every font of every
/// document (to build the CIDToGIDMap and the widths): 4 % of a whole `labelgen run`'s CPU.
/// `flatten_cmap` replaces a loaded font's cmap by an equivalent one whose first segment
/// covers U+0000…U+FFFE through one table of answers, so each lookup is a single index. The
/// answers are computed once per font file and process (with libharu's own lookup) and
/// shared by every document. Glyphs, widths and output bytes stay exactly the same.
#include <hpdf.h>

#include <string>

namespace lg::render::detail {

/// Call after HPDF_LoadTTFontFromFile(2) and before HPDF_GetFont. `key` names the font file
/// and face (the cache key). Does nothing for fonts that are not format-4 cmaps, and leaves the
/// font unchanged if libharu cannot allocate the new table. Thread-safe.
void flatten_cmap(HPDF_Doc doc, const char* font_name, const std::string& key);

}  // namespace lg::render::detail

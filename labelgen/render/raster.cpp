#include "labelgen/render/raster.hpp"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <cmath>
#include <cstring>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>

#include "labelgen/io/atomic_file.hpp"

namespace lg::render {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

/// The FreeType library behind every Cairo font face. Cairo may keep font faces in its caches
/// after a renderer is gone, so the library lives for the whole process; face creation and
/// destruction are serialized (FreeType's face list is not thread-safe).
std::mutex& ft_mutex() {
  static std::mutex m;
  return m;
}
FT_Library ft_library() {
  static FT_Library lib = [] {
    FT_Library l = nullptr;
    return FT_Init_FreeType(&l) == 0 ? l : nullptr;
  }();
  return lib;
}

const cairo_user_data_key_t kFaceKey{};

void done_face(void* face) {
  std::lock_guard lock(ft_mutex());
  FT_Done_Face(static_cast<FT_Face>(face));
}

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = b0 < 0x80             ? 1
                  : (b0 & 0xE0) == 0xC0 ? 2
                  : (b0 & 0xF0) == 0xE0 ? 3
                  : (b0 & 0xF8) == 0xF0 ? 4
                                        : 0;
  if (n == 0 || i + n > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  cp = n == 1 ? b0 : n == 2 ? (b0 & 0x1F) : n == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return n;
}

}  // namespace

struct RasterRenderer::Impl {
  RasterOptions options;
  struct Face {
    std::string path;
    int index = 0;
    FT_Face ft = nullptr;  // owned by `cairo` (freed through its user data)
    cairo_font_face_t* cairo = nullptr;
    unsigned upem = 1000;
    std::unordered_map<char32_t, std::pair<unsigned, unsigned>> glyphs;  // cp -> (gid, 1/1000 em)
  };
  std::vector<std::unique_ptr<Face>> faces;
  std::vector<cairo_glyph_t> glyph_buf;

  ~Impl() {
    for (auto& f : faces) cairo_font_face_destroy(f->cairo);
  }

  Result<Face*> face_for(const layout::FontFace& ff) {
    for (auto& f : faces)
      if (f->index == ff.index && f->path == ff.path) return f.get();
    FT_Face ft = nullptr;
    {
      std::lock_guard lock(ft_mutex());
      if (!ft_library()) return fail("raster", "cannot start FreeType");
      if (FT_New_Face(ft_library(), ff.path.c_str(), ff.index, &ft) != 0)
        return fail("raster", "cannot open font '" + ff.path + "'");
    }
    FT_Select_Charmap(ft, FT_ENCODING_UNICODE);
    auto face = std::make_unique<Face>();
    face->path = ff.path;
    face->index = ff.index;
    face->ft = ft;
    face->upem = ft->units_per_EM ? ft->units_per_EM : 1000;
    face->cairo = cairo_ft_font_face_create_for_ft_face(ft, FT_LOAD_NO_HINTING);
    if (cairo_font_face_set_user_data(face->cairo, &kFaceKey, ft, &done_face) != CAIRO_STATUS_SUCCESS) {
      cairo_font_face_destroy(face->cairo);
      done_face(ft);
      return fail("raster", "cannot attach font '" + ff.path + "' to Cairo");
    }
    faces.push_back(std::move(face));
    return faces.back().get();
  }

  std::pair<unsigned, unsigned> glyph(Face& f, char32_t cp) {
    auto it = f.glyphs.find(cp);
    if (it != f.glyphs.end()) return it->second;
    const FT_UInt gid = FT_Get_Char_Index(f.ft, cp);
    FT_Fixed adv = 0;
    FT_Get_Advance(f.ft, gid, FT_LOAD_NO_SCALE, &adv);
    // Same widths as the PDF's /W array: advance * 1000 / units_per_EM, truncated.
    const auto milli = static_cast<unsigned>(static_cast<unsigned long>(adv) * 1000 / f.upem);
    return f.glyphs[cp] = {gid, milli};
  }

  Result<void> draw(cairo_t* cr, double s, const layout::Text& t) {
    double x = t.origin.x.points();
    const double y = t.origin.y.points() * s;
    const double size = t.size.points();
    for (const auto& run : t.runs) {
      if (!run.face) return fail("raster", "a text run has no font face");
      auto face = face_for(*run.face);
      if (!face) return std::unexpected(face.error());
      glyph_buf.clear();
      double pen = x;
      for (std::size_t i = 0; i < run.utf8.size();) {
        char32_t cp = 0;
        i += decode_utf8(run.utf8, i, cp);
        auto [gid, milli] = glyph(**face, cp);
        glyph_buf.push_back(cairo_glyph_t{gid, pen * s, y});
        pen += milli * size / 1000.0;
      }
      cairo_set_font_face(cr, (*face)->cairo);
      cairo_set_font_size(cr, size * s);
      cairo_show_glyphs(cr, glyph_buf.data(), static_cast<int>(glyph_buf.size()));
      x += run.advance.points();
    }
    return {};
  }

  /// Fills the modules of a symbol, every edge rounded to the pixel grid.
  static void draw(cairo_t* cr, double s, const layout::Barcode& b) {
    const auto& m = *b.modules;
    auto px = [s](double pt) { return std::round(pt * s); };
    const double ox = b.origin.x.points(), oy = b.origin.y.points(), mod = b.module.points();
    const int rows = b.symbology == layout::Symbology::Code128 ? 1 : m.height;
    for (int y = 0; y < rows; ++y) {
      const double y0 = px(oy + (rows == 1 ? 0 : y * mod));
      const double y1 = px(rows == 1 ? oy + b.bar_height.points() : oy + (y + 1) * mod);
      for (int x = 0; x < m.width;) {
        if (!m.dark(x, y)) {
          ++x;
          continue;
        }
        int end = x;
        while (end < m.width && m.dark(end, y)) ++end;
        const double x0 = px(ox + x * mod), x1 = px(ox + end * mod);
        cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
        x = end;
      }
    }
    cairo_fill(cr);
  }
};

RasterRenderer::RasterRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RasterRenderer::RasterRenderer(RasterRenderer&&) noexcept = default;
RasterRenderer& RasterRenderer::operator=(RasterRenderer&&) noexcept = default;
RasterRenderer::~RasterRenderer() = default;

Result<RasterRenderer> RasterRenderer::open(const RasterOptions& options) {
  if (!(options.dpi >= 10 && options.dpi <= 2400)) return fail("dpi", "raster dpi must be 10-2400");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  return RasterRenderer(std::move(impl));
}

Result<Raster> RasterRenderer::render(const layout::Page& page) {
  Impl& im = *impl_;
  const double s = im.options.dpi / 72.0;
  const int w = static_cast<int>(std::ceil(page.size.width.points() * s - 1e-6));
  const int h = static_cast<int>(std::ceil(page.size.height.points() * s - 1e-6));
  if (w <= 0 || h <= 0 || static_cast<long long>(w) * h > 400'000'000LL)
    return fail("raster", "page size " + std::to_string(w) + "x" + std::to_string(h) + " px is out of range");
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return fail("raster", "cannot allocate the image");
  Context cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  cairo_set_antialias(cr.get(), im.options.antialias ? CAIRO_ANTIALIAS_GRAY : CAIRO_ANTIALIAS_NONE);
  {
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, im.options.antialias ? CAIRO_ANTIALIAS_GRAY : CAIRO_ANTIALIAS_NONE);
    cairo_set_font_options(cr.get(), fo);
    cairo_font_options_destroy(fo);
  }
  for (const auto& item : page.items) {
    if (const auto* t = std::get_if<layout::Text>(&item)) {
      if (auto ok = im.draw(cr.get(), s, *t); !ok) return std::unexpected(ok.error());
    } else if (const auto* r = std::get_if<layout::Rect>(&item)) {
      cairo_rectangle(cr.get(), r->origin.x.points() * s, r->origin.y.points() * s,
                      r->size.width.points() * s, r->size.height.points() * s);
      if (r->filled) {
        cairo_fill(cr.get());
      } else {
        cairo_set_line_width(cr.get(), r->stroke.points() * s);
        cairo_stroke(cr.get());
      }
    } else if (const auto* l = std::get_if<layout::Line>(&item)) {
      cairo_set_line_width(cr.get(), l->width.points() * s);
      cairo_move_to(cr.get(), l->from.x.points() * s, l->from.y.points() * s);
      cairo_line_to(cr.get(), l->to.x.points() * s, l->to.y.points() * s);
      cairo_stroke(cr.get());
    } else if (const auto* b = std::get_if<layout::Barcode>(&item)) {
      if (!b->modules || b->modules->width <= 0)
        return fail("raster", "barcode '" + b->content + "' has no modules");
      Impl::draw(cr.get(), s, *b);
    }
  }
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
    return fail("raster", std::string("Cairo: ") + cairo_status_to_string(cairo_status(cr.get())));
  cairo_surface_flush(surface.get());
  Raster out;
  out.width = w;
  out.height = h;
  out.dpi = im.options.dpi;
  out.pixels.resize(static_cast<std::size_t>(w) * h);
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
    for (int x = 0; x < w; ++x)
      out.pixels[static_cast<std::size_t>(y) * w + x] = static_cast<std::uint8_t>(row[x] >> 8);
  }
  return out;
}

Result<void> RasterRenderer::write_png(const layout::Page& page, const std::filesystem::path& path) {
  auto raster = render(page);
  if (!raster) return std::unexpected(raster.error());
  // An A8 surface is written as an 8-bit grayscale PNG of its values.
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, raster->width);
  std::vector<unsigned char> data(static_cast<std::size_t>(stride) * raster->height);
  for (int y = 0; y < raster->height; ++y)
    std::memcpy(data.data() + static_cast<std::size_t>(y) * stride,
                raster->pixels.data() + static_cast<std::size_t>(y) * raster->width, raster->width);
  Surface surface(cairo_image_surface_create_for_data(data.data(), CAIRO_FORMAT_A8, raster->width,
                                                      raster->height, stride));
  std::string png;
  auto write = [](void* closure, const unsigned char* bytes, unsigned int len) -> cairo_status_t {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(bytes), len);
    return CAIRO_STATUS_SUCCESS;
  };
  if (cairo_surface_write_to_png_stream(surface.get(), write, &png) != CAIRO_STATUS_SUCCESS)
    return fail("raster", "cannot encode PNG '" + path.string() + "'");
  return io::write_file_atomic(path, png);
}

}  // namespace lg::render

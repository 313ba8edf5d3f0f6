#include "labelgen/render/pdf_writer.hpp"

#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <type_traits>
#include <vector>

#include "labelgen/core/utf8.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/render/hpdf_cmap.hpp"

namespace lg::render {
namespace {

struct DocDeleter {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};
/// Owning libharu document handle.
using Doc = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

std::string hex(unsigned long v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%04lX", v);
  return buf;
}

/// Short explanations of the libharu errors this backend can meet.
std::string describe_hpdf(HPDF_STATUS error, HPDF_STATUS detail) {
  std::string what;
  switch (error) {
    case 0x1015:
      what = "memory allocation failed";
      break;
    case 0x1017:
      what = "file open error";
      break;
    case 0x1025:
      what = "document is invalid after an earlier error";
      break;
    case 0x102B:
      what = "invalid encoder (UTF encodings not enabled?)";
      break;
    case 0x1051:
      what = "invalid graphics mode (path operator inside BT/ET?)";
      break;
    case 0x1060:
      what = "unsupported font format (CFF .otf?)";
      break;
    case 0x1075:
      what = "TrueType font is missing a required table";
      break;
    default:
      break;
  }
  return "libharu error " + hex(error) + " detail " + std::to_string(detail) +
         (what.empty() ? "" : " (" + what + ")");
}

/// A libdeflate compressor (zlib format, as /FlateDecode expects), allocated once per
/// document.
class Deflater {
 public:
  /// Level 1: 47,077 labels (bench, 100,000 events) make 55 MB of PDF. In a trial with vector
  /// symbols, levels 4-6 saved a fifth of the bytes for about 20 % more CPU of the whole run,
  /// and libharu's zlib level 6 took 2.2 times the CPU.
  static constexpr int kLevel = 1;
  Deflater() : c_(libdeflate_alloc_compressor(kLevel)) {}
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  ~Deflater() {
    if (c_) libdeflate_free_compressor(c_);
  }

  /// Replaces `out` with the zlib (RFC 1950) stream of `in`.
  Result<void> deflate_all(const std::string& in, std::string& out) {
    if (!c_) return fail("pdf", "cannot set up the compressor (out of memory)");
    out.resize(libdeflate_zlib_compress_bound(c_, in.size()));
    const std::size_t n = libdeflate_zlib_compress(c_, in.data(), in.size(), out.data(), out.size());
    if (n == 0) return fail("pdf", "deflate: output larger than its bound");
    out.resize(n);
    return {};
  }

 private:
  libdeflate_compressor* c_;
};

/// Appends a PDF number: fixed notation, up to 9 decimals, trailing zeros dropped. 9 decimals
/// keep every bar edge within 1e-6 printer dots of the grid (libharu's own operators print 5
/// decimals of a float: 1.5e-4 dots off at 203 dpi).
void put_number(std::string& out, double v) {
  if (!(std::fabs(v) < 1e9)) {  // not a page coordinate; never reached by layout's lengths
    char buf[48];
    const int n = std::snprintf(buf, sizeof buf, "%.9f", v);
    out.append(buf, static_cast<std::size_t>(n));
    return;
  }
  // Fixed point in nanopoints: integer formatting only (snprintf("%.9f") was 9 % of a run).
  long long scaled = std::llround(v * 1e9);
  if (scaled < 0) {
    out += '-';
    scaled = -scaled;
  }
  const long long whole = scaled / 1'000'000'000LL;
  long long frac = scaled % 1'000'000'000LL;
  char buf[32];
  char* p = buf + sizeof buf;
  long long w = whole;
  do {
    *--p = static_cast<char>('0' + w % 10);
    w /= 10;
  } while (w);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
  if (frac == 0) return;
  int digits = 9;
  while (frac % 10 == 0) {
    frac /= 10;
    --digits;
  }
  char fb[10];
  for (int i = digits - 1; i >= 0; --i) {
    fb[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  out += '.';
  out.append(fb, static_cast<std::size_t>(digits));
}

void put_int(std::string& out, int v) {
  char buf[16];
  char* p = buf + sizeof buf;
  unsigned u = v < 0 ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) *--p = '-';
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

/// Writes the first pixel row of a module row of a 1-bit image: each of the `width` modules
/// becomes `k` pixels (1 <= k <= 8), a dark module 0 bits (black), a light one 1 bits, most
/// significant bit first; `stride` bytes in all. Eight modules make exactly `k` whole bytes, so
/// the row is written eight modules at a time through a table, with no branch per module (the
/// module-by-module loop this replaces was 6 % of a run's CPU time, mostly mispredictions).
void expand_row(const std::uint8_t* cells, int width, int k, std::uint8_t* row, std::size_t stride) {
  // dark_bits[k][m]: the 8k-bit mask (first module highest) of the dark modules in m.
  static const auto dark_bits = [] {
    std::array<std::array<std::uint64_t, 256>, 9> t{};
    for (int kk = 1; kk <= 8; ++kk)
      for (int m = 0; m < 256; ++m) {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << kk) | ((m >> (7 - i)) & 1 ? (std::uint64_t{1} << kk) - 1 : 0);
        t[static_cast<std::size_t>(kk)][static_cast<std::size_t>(m)] = v;
      }
    return t;
  }();
  const auto& table = dark_bits[static_cast<std::size_t>(k)];
  std::size_t out = 0;
  for (int x = 0; x < width; x += 8) {
    unsigned group = 0;
    for (int i = 0; i < 8; ++i) group = (group << 1) | (x + i < width && cells[x + i] != 0 ? 1u : 0u);
    const std::uint64_t v = table[group];
    for (int j = 0; j < k && out < stride; ++j, ++out)
      row[out] = static_cast<std::uint8_t>(~(v >> (8 * (k - 1 - j))));
  }
}

/// Appends `q a 0 0 d e f cm`: saves the graphics state and scales by (a, d) at (e, f).
void put_scale(std::string& out, double a, double d, double e, double f) {
  out += "q\n";
  put_number(out, a);
  out += " 0 0 ";
  put_number(out, d);
  out += ' ';
  put_number(out, e);
  out += ' ';
  put_number(out, f);
  out += " cm\n";
}

/// Appends `q a 0 0 d e f cm`, then one `x y w 1 re` per horizontal dark run of the module
/// rows (integers: module units), then `f Q`: a whole symbol as one path and one fill.
void put_modules(std::string& out, const layout::ModuleMatrix& m, int rows, double a, double d, double e,
                 double f) {
  put_scale(out, a, d, e, f);
  for (int y = 0; y < rows; ++y) {
    for (int x = 0; x < m.width;) {
      if (!m.dark(x, y)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < m.width && m.dark(end, y)) ++end;
      put_int(out, x);
      out += ' ';
      put_int(out, rows - 1 - y);
      out += ' ';
      put_int(out, end - x);
      out += " 1 re\n";
      x = end;
    }
  }
  out += "f\nQ\n";
}

}  // namespace

struct PdfWriter::Impl {
  Doc doc;
  PdfOptions options;
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
  bool broken = false;
  std::size_t pages = 0;
  struct LoadedFont {
    std::string path;
    int index;
    HPDF_Font font;
    std::vector<std::uint64_t> used;  ///< code points already passed to libharu (bit set)
  };
  std::vector<LoadedFont> fonts;
  std::string content;            // the current page's operators, written at its end
  std::string packed;             // scratch for the deflated content
  Deflater deflater;              // one compressor per document
  HPDF_Font page_font = nullptr;  // font and size last set with Tf on this page
  double page_font_size = 0;

  /// Ends a page: its operators go into the page's content stream in one write, deflated here
  /// (libdeflate) when compression is on. libharu 2.3.0 deflates every stream at level 6
  /// (hard-coded), which was half of a whole run's CPU time with vector symbols. libharu must
  /// not compress again: the stream's filter is cleared and `/Filter /FlateDecode` is written
  /// by the dictionary's write hook (libharu removes a Filter key it did not set itself). libharu 2.3.0 has
  /// no public call for any of this; its installed hpdf_pages.h and hpdf_objects.h declare the page and
  /// dictionary records used.
  Result<void> end_page(HPDF_Page page) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    const std::string* bytes = &content;
    if (options.compress) {
      if (auto ok = deflater.deflate_all(content, packed); !ok) return ok;
      attr->contents->filter = HPDF_STREAM_FILTER_NONE;
      attr->contents->write_fn = &write_flate_filter;
      bytes = &packed;
    }
    if (!bytes->empty() && HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(bytes->data()),
                                             static_cast<HPDF_UINT>(bytes->size())) != HPDF_OK)
      HPDF_CheckError(page->error);
    content.clear();
    return {};
  }

  static HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
  }

  static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept {
    auto* self = static_cast<Impl*>(user_data);
    if (self->error == HPDF_OK) {  // keep the first error: later ones are consequences
      self->error = error_no;
      self->detail = detail_no;
    }
  }

  /// The single error boundary: turns a recorded libharu error into an Error value.
  Result<void> check(const std::string& context) {
    if (error == HPDF_OK) return {};
    std::string msg = context + ": " + describe_hpdf(error, detail);
    HPDF_ResetError(doc.get());
    error = HPDF_OK;
    broken = true;
    return fail("pdf", msg);
  }

  /// The document's font for `face`, loaded on first use; nullptr when libharu cannot load it.
  LoadedFont* font_for(const layout::FontFace& face) {
    for (auto& f : fonts)
      if (f.index == face.index && f.path == face.path) return &f;
    const char* name = face.index == 0
                           ? HPDF_LoadTTFontFromFile(doc.get(), face.path.c_str(), HPDF_TRUE)
                           : HPDF_LoadTTFontFromFile2(doc.get(), face.path.c_str(),
                                                      static_cast<HPDF_UINT>(face.index), HPDF_TRUE);
    if (!name) return nullptr;
    detail::flatten_cmap(doc.get(), name, face.path + "#" + std::to_string(face.index));
    HPDF_Font font = HPDF_GetFont(doc.get(), name, "UTF-8");
    if (!font) return nullptr;
    fonts.push_back({face.path, face.index, font, std::vector<std::uint64_t>(65536 / 64)});
    return &fonts.back();
  }

  /// Text is written as raw operators: `/Fn size Tf`, an absolute `Tm`, and the run as
  /// `<UTF-16BE hex> Tj` — exactly what libharu's UTF-8 encoder writes (its CIDs are the BMP
  /// code points, mapped to glyphs by the font's CIDToGIDMap), without libharu's per-character
  /// linear cmap search for the text width it would compute and we never use. libharu still
  /// has to learn which glyphs the subset needs: each code point goes once per document through
  /// HPDF_Font_TextWidth, which marks its glyph (and the parts of a composite) as used.
  Result<void> draw(HPDF_Page page, double page_h, const layout::Text& t) {
    if (t.runs.empty()) return {};
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string& ops = content;
    ops += "BT\n";
    double x = t.origin.x.points();
    const double y = page_h - t.origin.y.points();
    for (const auto& run : t.runs) {
      if (!run.face) return fail("pdf", "a text run has no font face");
      LoadedFont* loaded = font_for(*run.face);
      if (!loaded) {
        if (auto r = check("loading font '" + run.face->path + "'"); !r) return r;
        return fail("pdf", "cannot load font '" + run.face->path + "'");
      }
      LoadedFont& lf = *loaded;
      HPDF_Font font = lf.font;
      const char* local = HPDF_Page_GetLocalFontName(page, font);
      if (!local) {
        if (auto r = check("font resource"); !r) return r;
        return fail("pdf", "cannot add font '" + run.face->path + "' to the page");
      }
      // Tf is graphics state and survives ET/BT: set it only when it changes on this page.
      if (font != page_font || t.size.points() != page_font_size) {
        ops += '/';
        ops += local;
        ops += ' ';
        put_number(ops, t.size.points());
        ops += " Tf\n";
        page_font = font;
        page_font_size = t.size.points();
      }
      // Text positions to 0.001 pt (1/72000 in); only barcode edges need 9 decimals.
      ops += "1 0 0 1 ";
      put_number(ops, std::round(x * 1000) / 1000);
      ops += ' ';
      put_number(ops, std::round(y * 1000) / 1000);
      ops += " Tm\n<";
      const std::string_view text = run.utf8;
      for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t n = utf8::decode_at(text, i, cp);
        if (n == 0) return fail("pdf", "text is not valid UTF-8");
        if (cp > 0xFFFF)
          return fail("pdf", "character U+" + hex(cp).substr(2) + " is outside the Basic Multilingual Plane");
        auto& word = lf.used[cp / 64];
        const std::uint64_t bit = std::uint64_t{1} << (cp % 64);
        if (!(word & bit)) {
          word |= bit;
          HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(text.data() + i),
                              static_cast<HPDF_UINT>(n));
        }
        ops += kHex[(cp >> 12) & 15];
        ops += kHex[(cp >> 8) & 15];
        ops += kHex[(cp >> 4) & 15];
        ops += kHex[cp & 15];
        i += n;
      }
      ops += "> Tj\n";
      x += run.advance.points();
    }
    ops += "ET\n";
    return check("drawing text");
  }

  void draw(double page_h, const layout::Rect& r) {
    if (!r.filled) {
      put_number(content, r.stroke.points());
      content += " w\n";
    }
    put_number(content, r.origin.x.points());
    content += ' ';
    put_number(content, page_h - r.origin.y.points() - r.size.height.points());
    content += ' ';
    put_number(content, r.size.width.points());
    content += ' ';
    put_number(content, r.size.height.points());
    content += r.filled ? " re\nf\n" : " re\nS\n";
  }

  void draw(double page_h, const layout::Line& l) {
    put_number(content, l.width.points());
    content += " w\n";
    put_number(content, l.from.x.points());
    content += ' ';
    put_number(content, page_h - l.from.y.points());
    content += " m\n";
    put_number(content, l.to.x.points());
    content += ' ';
    put_number(content, page_h - l.to.y.points());
    content += " l\nS\n";
  }

  Result<void> draw(double page_h, const layout::Barcode& b) {
    if (!b.modules || b.modules->width <= 0 || b.modules->height <= 0)
      return fail("pdf", "barcode '" + b.content + "' has no modules");
    const layout::ModuleMatrix& m = *b.modules;
    if (b.symbology == layout::Symbology::Code128) {
      // One transformation to module units (x in modules, y in bar heights), one path, one fill.
      put_modules(content, m, 1, b.module.points(), b.bar_height.points(), b.origin.x.points(),
                  page_h - b.origin.y.points() - b.bar_height.points());
      return {};
    }
    const double w = b.module.points() * m.width, h = b.module.points() * m.height;
    if (options.datamatrix == PdfOptions::Matrix::Vector) {
      put_modules(content, m, m.height, b.module.points(), b.module.points(), b.origin.x.points(),
                  page_h - b.origin.y.points() - h);
      return {};
    }
    // A 1-bit DeviceGray inline image (BI … ID … EI) in the page's content stream, rows padded
    // to whole bytes, 1 = white, `k` pixels per module; it is deflated with the rest of the page.
    // Inline, because every symbol is drawn once: an image XObject per label cost a libharu
    // object, a cross-reference entry and a libdeflate call (whose setup alone is 3.4 us) each,
    // about a sixth of a run's CPU time. The data is unfiltered, so a reader knows its length
    // from /W, /H and /BPC (poppler reads exactly that many bytes before it looks for EI).
    // Pixels per module: one per printer dot when the printer is known (up to 8), so the image
    // maps 1:1 onto the printer's grid and rasterizers never enlarge it by a small factor
    // (poppler/Splash interpolates images enlarged less than 4x: a 6-dot module drawn from one
    // pixel and rasterized at 300 dpi is enlarged 3x and blurs); 1 otherwise. Measured again
    // with an inline stencil mask of one sample per module (cheaper: no CCITT, no object) and
    // of 2: 30/183 DataMatrix reads failed at 203 dpi from a 600-dpi layout (Splash smooths
    // enlarged masks too); 4 samples per module passed. So the image stays one pixel per dot.
    int k = 1;
    if (options.printer_dpi > 0) {
      const long dots = b.module.whole_dots(options.printer_dpi);
      if (dots > 1) k = static_cast<int>(std::min(dots, 8L));
    }
    const int iw = m.width * k, ih = m.height * k;
    const auto stride = static_cast<std::size_t>((iw + 7) / 8);
    put_scale(content, w, h, b.origin.x.points(), page_h - b.origin.y.points() - h);
    content += "BI /W ";
    put_int(content, iw);
    content += " /H ";
    put_int(content, ih);
    content += " /BPC 1 /CS /G ID ";
    const std::size_t data_at = content.size();
    content.append(stride * static_cast<std::size_t>(ih), '\xFF');
    auto* data = reinterpret_cast<std::uint8_t*>(content.data() + data_at);
    for (int y = 0; y < m.height; ++y) {
      std::uint8_t* first = data + static_cast<std::size_t>(y) * k * stride;
      expand_row(m.cells.data() + static_cast<std::size_t>(y) * m.width, m.width, k, first, stride);
      for (int r = 1; r < k; ++r)
        std::copy(first, first + stride, first + static_cast<std::size_t>(r) * stride);
    }
    content += "\nEI\nQ\n";
    return {};
  }
};

PdfWriter::PdfWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfWriter::PdfWriter(PdfWriter&&) noexcept = default;
PdfWriter& PdfWriter::operator=(PdfWriter&&) noexcept = default;
PdfWriter::~PdfWriter() = default;

Result<PdfWriter> PdfWriter::open(const PdfOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // No memory pool (mem_pool_buf_size 0): libharu 2.3.0's pool carves objects at unaligned
  // offsets, which UBSan reports as misaligned access on every object.
  impl->doc.reset(HPDF_NewEx(&Impl::on_error, nullptr, nullptr, 0, impl.get()));
  if (!impl->doc) return fail("pdf", "cannot create a libharu document (out of memory)");
  HPDF_Doc d = impl->doc.get();
  HPDF_UseUTFEncodings(d);
  HPDF_SetCurrentEncoder(d, "UTF-8");
  HPDF_SetCompressionMode(d, options.compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
  if (!options.creator.empty()) HPDF_SetInfoAttr(d, HPDF_INFO_CREATOR, options.creator.c_str());
  if (!options.title.empty()) HPDF_SetInfoAttr(d, HPDF_INFO_TITLE, options.title.c_str());
  if (auto ok = impl->check("opening the document"); !ok) return std::unexpected(ok.error());
  return PdfWriter(std::move(impl));
}

std::size_t PdfWriter::page_count() const { return impl_->pages; }

Result<void> PdfWriter::add_page(const layout::Page& p) {
  Impl& im = *impl_;
  if (im.broken) return fail("pdf", "the document had an earlier error");
  HPDF_Page page = HPDF_AddPage(im.doc.get());
  if (!page) return im.check("adding a page");
  im.page_font = nullptr;
  im.content.clear();
  const double page_h = p.size.height.points();
  HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(p.size.width.points()));
  HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(page_h));
  for (const auto& item : p.items) {
    Result<void> r;
    if (const auto* t = std::get_if<layout::Text>(&item))
      r = im.draw(page, page_h, *t);
    else if (const auto* rect = std::get_if<layout::Rect>(&item))
      im.draw(page_h, *rect);
    else if (const auto* line = std::get_if<layout::Line>(&item))
      im.draw(page_h, *line);
    else if (const auto* bc = std::get_if<layout::Barcode>(&item))
      r = im.draw(page_h, *bc);
    if (!r) {
      im.broken = true;
      return r;
    }
  }
  if (auto ok = im.end_page(page); !ok) {
    im.broken = true;
    return ok;
  }
  if (auto ok = im.check("drawing page " + std::to_string(im.pages + 1)); !ok) return ok;
  ++im.pages;
  return {};
}

Result<std::string> PdfWriter::bytes() {
  Impl& im = *impl_;
  if (im.broken) return fail("pdf", "the document had an earlier error");
  HPDF_SaveToStream(im.doc.get());
  if (auto ok = im.check("serializing"); !ok) return std::unexpected(ok.error());
  HPDF_UINT32 size = HPDF_GetStreamSize(im.doc.get());
  std::string out(size, '\0');
  if (size > 0) HPDF_ReadFromStream(im.doc.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  if (auto ok = im.check("reading the serialized document"); !ok) return std::unexpected(ok.error());
  out.resize(size);
  HPDF_ResetStream(im.doc.get());
  return out;
}

Result<void> PdfWriter::save(const std::filesystem::path& path, io::Durability durability) {
  Impl& im = *impl_;
  if (im.broken) return fail("pdf", "the document had an earlier error");
  // The temporary file is created with mode 0600 first; libharu's fopen("wb") keeps the mode.
  auto temp = io::create_temp_for(path);
  if (!temp) return std::unexpected(temp.error());
  HPDF_SaveToFile(im.doc.get(), temp->c_str());
  if (im.error != HPDF_OK) {
    std::error_code ec;
    std::filesystem::remove(*temp, ec);
    return im.check("writing '" + path.string() + "'");
  }
  return io::commit_temp(*temp, path, durability);
}

std::vector<double> code128_bar_edges(const layout::Barcode& b) {
  std::vector<double> edges;
  if (!b.modules) return edges;
  const auto& m = *b.modules;
  for (int x = 0; x < m.width;) {
    if (!m.dark(x, 0)) {
      ++x;
      continue;
    }
    int end = x;
    while (end < m.width && m.dark(end, 0)) ++end;
    // The same transformation the writer concatenates: x' = module * x + origin.
    edges.push_back(b.module.points() * x + b.origin.x.points());
    edges.push_back(b.module.points() * end + b.origin.x.points());
    x = end;
  }
  return edges;
}

}  // namespace lg::render

// libpng and libjpeg report fatal errors by long-jumping back to the setjmp in the function
// that called them; only trivially destructible locals live across those calls.
#include "tools/damage/codecs.hpp"

#include <png.h>

#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
// clang-format off
#include <jpeglib.h>
#include <jerror.h>

#include "labelgen/decode/load.hpp"
// clang-format on

namespace lg::damage {

using decode::GrayImage;

namespace {

void png_append(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}
void png_flush(png_structp) {}

bool png_encode(const GrayImage& image, std::string& out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, &out, png_append, png_flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
               PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (image.dpi > 0) {
    const auto ppm = static_cast<png_uint_32>(std::lround(image.dpi / 0.0254));
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  }
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y)
    png_write_row(png,
                  image.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width));
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

struct JpegError {
  jpeg_error_mgr mgr;  // first member
  std::jmp_buf jump;
};
[[noreturn]] void jpeg_fatal(j_common_ptr cinfo) {
  std::longjmp(reinterpret_cast<JpegError*>(cinfo->err)->jump, 1);
}
void jpeg_quiet(j_common_ptr) {}

bool jpeg_encode(const GrayImage& image, int quality, std::string& out) {
  jpeg_compress_struct cinfo{};
  JpegError err{};
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = jpeg_fatal;
  err.mgr.output_message = jpeg_quiet;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return false;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = static_cast<JDIMENSION>(image.width);
  cinfo.image_height = static_cast<JDIMENSION>(image.height);
  cinfo.input_components = 1;
  cinfo.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  if (image.dpi > 0) {
    cinfo.density_unit = 1;
    cinfo.X_density = cinfo.Y_density = static_cast<UINT16>(std::lround(image.dpi));
  }
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(image.pixels.data() + static_cast<std::size_t>(cinfo.next_scanline) *
                                                                  static_cast<std::size_t>(image.width));
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  out.assign(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return true;
}

}  // namespace

Result<std::string> encode_png(const GrayImage& image) {
  std::string out;
  if (!png_encode(image, out)) return fail("png", "cannot encode PNG");
  return out;
}

Result<std::string> encode_jpeg(const GrayImage& image, int quality) {
  std::string out;
  if (!jpeg_encode(image, quality, out)) return fail("jpeg", "cannot encode JPEG");
  return out;
}

Result<GrayImage> jpeg_round_trip(const GrayImage& image, int quality) {
  auto bytes = encode_jpeg(image, quality);
  if (!bytes) return std::unexpected(bytes.error());
  // Decoded by the verifier's own loader: the damage is what a scan reader sees.
  auto source = decode::PageSource::from_bytes(std::move(*bytes), "JPEG round trip");
  if (!source) return std::unexpected(source.error());
  auto page = source->page(0);
  if (!page) return std::unexpected(page.error());
  GrayImage out = std::move(*page);
  out.dpi = image.dpi;
  out.page = image.page;
  return out;
}

}  // namespace lg::damage

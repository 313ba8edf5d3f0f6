// JPEG pages through libjpeg(-turbo), converted to gray by the library. libjpeg reports fatal
// errors through error_exit, which must not return: it long-jumps back to read_jpeg's setjmp.
#include <csetjmp>
#include <cstdio>
// clang-format off
#include <jpeglib.h>
#include <jerror.h>
// clang-format on

#include "labelgen/decode/readers.hpp"

namespace lg::decode::detail {

namespace {

struct JpegError {
  jpeg_error_mgr mgr;  // first member: libjpeg hands back a pointer to it
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void on_error(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}
void on_message(j_common_ptr) {}  // warnings (a truncated file still decodes): not printed

/// Decodes `bytes` into `out`; on failure returns false with `message` set. Only trivially
/// destructible objects live between setjmp and a possible longjmp.
bool decode(const std::string& bytes, const DecodeOptions& options, GrayImage& out, std::string& message) {
  jpeg_decompress_struct cinfo{};
  JpegError err{};
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = on_error;
  err.mgr.output_message = on_message;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    message = err.message;
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
    jpeg_destroy_decompress(&cinfo);
    message = "CMYK JPEG is not supported (scan in gray or color)";
    return false;
  }
  const std::uint64_t w = cinfo.image_width, h = cinfo.image_height;
  if (w == 0 || h == 0 || w * h > options.max_pixels || w > 1'000'000 || h > 1'000'000) {
    jpeg_destroy_decompress(&cinfo);
    message = "image of " + std::to_string(w) + " x " + std::to_string(h) +
              " pixels is empty or larger than the limit";
    return false;
  }
  cinfo.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&cinfo);
  out.width = static_cast<int>(cinfo.output_width);
  out.height = static_cast<int>(cinfo.output_height);
  out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height), 255);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out.pixels.data() + static_cast<std::size_t>(cinfo.output_scanline) * out.width;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  if (cinfo.density_unit == 1 && cinfo.X_density > 0) out.dpi = cinfo.X_density;
  if (cinfo.density_unit == 2 && cinfo.X_density > 0) out.dpi = cinfo.X_density * 2.54;
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return true;
}

class JpegReader final : public PageSource::Reader {
 public:
  JpegReader(std::string bytes, std::string name, DecodeOptions options)
      : bytes_(std::move(bytes)), name_(std::move(name)), options_(std::move(options)) {}
  int count() const override { return 1; }
  Result<GrayImage> read(int) override {
    GrayImage g;
    std::string message;
    if (!decode(bytes_, options_, g, message)) return file_error(name_, "bad JPEG: " + message);
    return g;
  }

 private:
  std::string bytes_;
  std::string name_;
  DecodeOptions options_;
};

}  // namespace

Result<ReaderPtr> open_jpeg(std::string bytes, const std::string& name, const DecodeOptions& options) {
  return std::make_unique<JpegReader>(std::move(bytes), name, options);
}

}  // namespace lg::decode::detail

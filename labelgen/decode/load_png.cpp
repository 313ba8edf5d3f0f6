// PNG pages through libpng's simplified API (any bit depth, palette, alpha → 8-bit gray on white).
#include <png.h>

#include <cstring>

#include "labelgen/decode/readers.hpp"

namespace lg::decode::detail {

namespace {

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

/// The resolution of a pHYs chunk in pixels per metre, as dpi; 0 when absent or not metric.
double phys_dpi(const std::string& bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t at = 8;
  while (at + 12 <= bytes.size()) {
    const std::uint32_t len = be32(p + at);
    if (len > bytes.size() - at - 12) break;
    const std::string_view type(bytes.data() + at + 4, 4);
    if (type == "pHYs" && len == 9) {
      const std::uint32_t ppm = be32(p + at + 8);
      return p[at + 16] == 1 ? ppm * 0.0254 : 0.0;
    }
    if (type == "IDAT" || type == "IEND") break;
    at += 12 + len;
  }
  return 0;
}

/// png_image owns libpng state until finished or freed.
struct PngImage {
  png_image image{};
  PngImage() { image.version = PNG_IMAGE_VERSION; }
  ~PngImage() { png_image_free(&image); }
  PngImage(const PngImage&) = delete;
  PngImage& operator=(const PngImage&) = delete;
};

class PngReader final : public PageSource::Reader {
 public:
  PngReader(std::string bytes, std::string name, DecodeOptions options)
      : bytes_(std::move(bytes)), name_(std::move(name)), options_(std::move(options)) {}
  int count() const override { return 1; }
  Result<GrayImage> read(int) override {
    PngImage png;
    if (!png_image_begin_read_from_memory(&png.image, bytes_.data(), bytes_.size()))
      return file_error(name_, std::string("bad PNG: ") + png.image.message);
    if (auto ok = check_size(name_, png.image.width, png.image.height, options_); !ok)
      return std::unexpected(ok.error());
    png.image.format = PNG_FORMAT_GRAY;
    GrayImage g = GrayImage::blank(static_cast<int>(png.image.width), static_cast<int>(png.image.height));
    png_color white{255, 255, 255};
    if (!png_image_finish_read(&png.image, &white, g.pixels.data(), static_cast<png_int_32>(png.image.width),
                               nullptr))
      return file_error(name_, std::string("bad PNG: ") + png.image.message);
    g.dpi = phys_dpi(bytes_);
    return g;
  }

 private:
  std::string bytes_;
  std::string name_;
  DecodeOptions options_;
};

}  // namespace

Result<ReaderPtr> open_png(std::string bytes, const std::string& name, const DecodeOptions& options) {
  {
    PngImage png;  // the header is checked now, so a broken file fails at open
    if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size()))
      return file_error(name, std::string("bad PNG: ") + png.image.message);
    if (auto ok = check_size(name, png.image.width, png.image.height, options); !ok)
      return std::unexpected(ok.error());
  }
  return std::make_unique<PngReader>(std::move(bytes), name, options);
}

}  // namespace lg::decode::detail

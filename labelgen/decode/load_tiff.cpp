// TIFF pages (every directory) through libtiff, read from memory; any photometric kind is
// turned to RGBA by libtiff and then to gray here.
#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "labelgen/decode/readers.hpp"

namespace lg::decode::detail {

namespace {

/// The file's bytes as a libtiff stream, plus the last error libtiff reported.
struct MemoryStream {
  std::string bytes;
  toff_t pos = 0;
  std::string error;
};

tmsize_t stream_read(thandle_t h, void* buf, tmsize_t size) {
  auto* s = static_cast<MemoryStream*>(h);
  if (size < 0 || s->pos >= s->bytes.size()) return 0;
  const auto n = std::min<toff_t>(static_cast<toff_t>(size), s->bytes.size() - s->pos);
  std::memcpy(buf, s->bytes.data() + s->pos, n);
  s->pos += n;
  return static_cast<tmsize_t>(n);
}
tmsize_t stream_write(thandle_t, void*, tmsize_t) { return 0; }
toff_t stream_seek(thandle_t h, toff_t off, int whence) {
  auto* s = static_cast<MemoryStream*>(h);
  toff_t base = 0;
  if (whence == SEEK_CUR) base = s->pos;
  if (whence == SEEK_END) base = s->bytes.size();
  s->pos = base + off;
  return s->pos;
}
int stream_close(thandle_t) { return 0; }
toff_t stream_size(thandle_t h) { return static_cast<MemoryStream*>(h)->bytes.size(); }
int stream_map(thandle_t, void**, toff_t*) { return 0; }
void stream_unmap(thandle_t, void*, toff_t) {}

int on_error(TIFF*, void* user, const char* module, const char* fmt, va_list ap) {
  char buf[512];
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  auto* s = static_cast<MemoryStream*>(user);
  if (s->error.empty()) s->error = std::string(module ? module : "libtiff") + ": " + buf;
  return 1;
}
int on_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffClose {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
struct OptionsFree {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

class TiffReader final : public PageSource::Reader {
 public:
  TiffReader(std::string bytes, std::string name, DecodeOptions options)
      : name_(std::move(name)), options_(std::move(options)) {
    stream_.bytes = std::move(bytes);
  }

  Result<void> open() {
    std::unique_ptr<TIFFOpenOptions, OptionsFree> opts(TIFFOpenOptionsAlloc());
    TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), on_error, &stream_);
    TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), on_warning, &stream_);
    TIFFOpenOptionsSetMaxSingleMemAlloc(opts.get(),
                                        static_cast<tmsize_t>(options_.max_pixels * 4 + (1 << 20)));
    tiff_.reset(TIFFClientOpenExt(name_.c_str(), "rm", &stream_, stream_read, stream_write, stream_seek,
                                  stream_close, stream_size, stream_map, stream_unmap, opts.get()));
    if (!tiff_) return file_error(name_, "bad TIFF: " + why());
    count_ = TIFFNumberOfDirectories(tiff_.get());
    return {};
  }

  int count() const override { return count_; }

  Result<GrayImage> read(int index) override {
    stream_.error.clear();
    if (!TIFFSetDirectory(tiff_.get(), static_cast<tdir_t>(index)))
      return file_error(name_, "bad TIFF page " + std::to_string(index + 1) + ": " + why());
    std::uint32_t w = 0, h = 0;
    TIFFGetField(tiff_.get(), TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(tiff_.get(), TIFFTAG_IMAGELENGTH, &h);
    if (auto ok = check_size(name_, w, h, options_); !ok) return std::unexpected(ok.error());
    std::vector<std::uint32_t> rgba(static_cast<std::size_t>(w) * h);
    if (!TIFFReadRGBAImageOriented(tiff_.get(), w, h, rgba.data(), ORIENTATION_TOPLEFT, 0))
      return file_error(name_, "bad TIFF page " + std::to_string(index + 1) + ": " + why());
    GrayImage g = GrayImage::blank(static_cast<int>(w), static_cast<int>(h));
    for (std::size_t i = 0; i < rgba.size(); ++i) {
      const std::uint32_t p = rgba[i];
      const unsigned r = TIFFGetR(p), gr = TIFFGetG(p), b = TIFFGetB(p), a = TIFFGetA(p);
      const unsigned lum = (306 * r + 601 * gr + 117 * b + 512) >> 10;
      g.pixels[i] = static_cast<std::uint8_t>((lum * a + 255 * (255 - a)) / 255);  // on white
    }
    float res = 0;
    std::uint16_t unit = RESUNIT_INCH;
    if (TIFFGetField(tiff_.get(), TIFFTAG_XRESOLUTION, &res) && res > 0) {
      TIFFGetFieldDefaulted(tiff_.get(), TIFFTAG_RESOLUTIONUNIT, &unit);
      if (unit == RESUNIT_INCH) g.dpi = res;
      if (unit == RESUNIT_CENTIMETER) g.dpi = res * 2.54;
    }
    return g;
  }

 private:
  std::string why() const { return stream_.error.empty() ? "unreadable" : stream_.error; }
  std::string name_;
  DecodeOptions options_;
  MemoryStream stream_;
  std::unique_ptr<TIFF, TiffClose> tiff_;  // after stream_: closed before the bytes go
  int count_ = 0;
};

}  // namespace

Result<ReaderPtr> open_tiff(std::string bytes, const std::string& name, const DecodeOptions& options) {
  auto reader = std::make_unique<TiffReader>(std::move(bytes), name, options);
  if (auto ok = reader->open(); !ok) return std::unexpected(ok.error());
  return reader;
}

}  // namespace lg::decode::detail

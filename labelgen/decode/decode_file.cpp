#include <chrono>

#include "labelgen/decode/decode.hpp"
#include "labelgen/decode/load.hpp"

namespace lg::decode {

PageResult decode_page(const GrayImage& image, const DecodeOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  PageResult r;
  r.page = image.page;
  r.width = image.width;
  r.height = image.height;
  r.dpi = effective_dpi(image, options);
  r.symbols = decode_image(image, options);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

Result<FileResult> decode_file(const std::filesystem::path& path, const DecodeOptions& options) {
  FileResult out;
  out.path = path.string();
  auto t0 = std::chrono::steady_clock::now();
  auto source = PageSource::open(path, options);
  if (!source) return std::unexpected(source.error());
  out.load_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (int i = 0; i < source->page_count(); ++i) {
    t0 = std::chrono::steady_clock::now();
    auto page = source->page(i);
    if (!page) return std::unexpected(page.error());
    out.load_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.pages.push_back(decode_page(*page, options));
  }
  return out;
}

}  // namespace lg::decode

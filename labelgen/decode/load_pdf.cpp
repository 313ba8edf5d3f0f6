// PDF scans: every page rendered with poppler-cpp (antialiasing on, gray8; with it off poppler
// widens every bar by a pixel, see libraries.md).
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cstring>

#include "labelgen/decode/readers.hpp"

namespace lg::decode::detail {

namespace {

void quiet_poppler() {
  static const bool once = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)once;
}

class PdfReader final : public PageSource::Reader {
 public:
  PdfReader(std::string bytes, std::string name, DecodeOptions options)
      : bytes_(bytes.begin(), bytes.end()), name_(std::move(name)), options_(std::move(options)) {}

  Result<void> open() {
    doc_.reset(poppler::document::load_from_data(&bytes_));
    if (!doc_) return file_error(name_, "bad PDF: poppler cannot open it");
    if (doc_->is_locked()) return file_error(name_, "PDF is password-protected");
    return {};
  }

  int count() const override { return doc_->pages(); }

  Result<GrayImage> read(int index) override {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    if (!page) return file_error(name_, "bad PDF: page " + std::to_string(index + 1) + " cannot be read");
    const double dpi = options_.pdf_dpi;
    const auto box = page->page_rect(poppler::media_box);
    const bool turned =
        page->orientation() == poppler::page::landscape || page->orientation() == poppler::page::seascape;
    const double wpt = turned ? box.height() : box.width(), hpt = turned ? box.width() : box.height();
    if (auto ok = check_size(name_, static_cast<std::uint64_t>(wpt / 72 * dpi) + 1,
                             static_cast<std::uint64_t>(hpt / 72 * dpi) + 1, options_);
        !ok)
      return std::unexpected(ok.error());
    poppler::page_renderer r;
    r.set_render_hint(poppler::page_renderer::antialiasing, true);
    r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    r.set_image_format(poppler::image::format_gray8);
    poppler::image img = r.render_page(page.get(), dpi, dpi);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0)
      return file_error(name_, "bad PDF: page " + std::to_string(index + 1) + " cannot be rendered");
    GrayImage g = GrayImage::blank(img.width(), img.height());
    const char* data = img.const_data();
    for (int y = 0; y < g.height; ++y)
      std::memcpy(g.pixels.data() + static_cast<std::size_t>(y) * g.width,
                  data + static_cast<std::size_t>(y) * img.bytes_per_row(),
                  static_cast<std::size_t>(g.width));
    g.dpi = dpi;
    return g;
  }

 private:
  std::vector<char> bytes_;  // poppler reads from it for the document's lifetime
  std::string name_;
  DecodeOptions options_;
  std::unique_ptr<poppler::document> doc_;  // after bytes_: destroyed first
};

}  // namespace

Result<ReaderPtr> open_pdf(std::string bytes, const std::string& name, const DecodeOptions& options) {
  quiet_poppler();
  auto reader = std::make_unique<PdfReader>(std::move(bytes), name, options);
  if (auto ok = reader->open(); !ok) return std::unexpected(ok.error());
  return reader;
}

}  // namespace lg::decode::detail

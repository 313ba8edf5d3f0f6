#include "labelgen/run/page_sink.hpp"

#include <cstdio>
#include <optional>

#include "labelgen/render/pdf_writer.hpp"
#include "labelgen/render/raster.hpp"

namespace lg::run {

struct PageSink::Impl {
  std::optional<render::PdfWriter> pdf;
  std::optional<render::RasterRenderer> raster;
  std::filesystem::path target;
  std::size_t max_pages = 0, pages = 0;
  std::vector<std::filesystem::path> written;
};

std::string PageSink::extension(const printers::Profile& printer) {
  return printer.kind == printers::Kind::Png ? ".png" : ".pdf";
}

PageSink::PageSink(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PageSink::PageSink(PageSink&&) noexcept = default;
PageSink& PageSink::operator=(PageSink&&) noexcept = default;
PageSink::~PageSink() = default;

Result<PageSink> PageSink::open(const PageSinkOptions& options, const std::string& title,
                                std::filesystem::path target) {
  auto impl = std::make_unique<Impl>();
  impl->target = std::move(target);
  impl->max_pages = options.max_pages;
  if (options.printer.kind == printers::Kind::Png) {
    auto raster = render::RasterRenderer::open({options.printer.dpi, true});
    if (!raster) return std::unexpected(raster.error());
    impl->raster.emplace(std::move(*raster));
  } else {
    render::PdfOptions pdf_options;
    pdf_options.printer_dpi = options.printer.dpi;
    pdf_options.title = title;
    auto pdf = render::PdfWriter::open(pdf_options);
    if (!pdf) return std::unexpected(pdf.error());
    impl->pdf.emplace(std::move(*pdf));
  }
  return PageSink(std::move(impl));
}

Result<void> PageSink::add(const layout::Page& page) {
  Impl& s = *impl_;
  ++s.pages;
  if (s.max_pages && s.pages > s.max_pages) return {};
  if (s.pdf) return s.pdf->add_page(page);
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, "-p%03zu.png", s.pages);
  auto path = s.target;
  path.replace_extension();
  path += suffix;
  s.written.push_back(path);
  return s.raster->write_png(page, path);
}

Result<std::vector<std::filesystem::path>> PageSink::finish() {
  Impl& s = *impl_;
  if (s.pdf) {
    if (auto ok = s.pdf->save(s.target); !ok) return std::unexpected(ok.error());
    return std::vector<std::filesystem::path>{s.target};
  }
  return s.written;
}

}  // namespace lg::run

#include "labelgen/run/page_sink.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

#include "labelgen/layout/template.hpp"
#include "labelgen/render/pdf_writer.hpp"
#include "labelgen/render/raster.hpp"
#include "labelgen/render/zpl_writer.hpp"

namespace lg::run {
namespace {

render::PdfOptions pdf_options(const printers::Profile& printer, const std::string& title) {
  render::PdfOptions o;
  o.printer_dpi = printer.dpi;
  o.title = title;
  return o;
}

bool same_size(const Size& a, const Size& b) {
  return std::abs((a.width - b.width).points()) < 0.5 && std::abs((a.height - b.height).points()) < 0.5;
}

}  // namespace

struct PageSink::Impl {
  std::optional<render::PdfWriter> pdf;
  std::optional<render::RasterRenderer> raster;
  std::optional<render::ZplWriter> zpl;
  Size label_page;  // ZPL: pages of this size are labels; others go to the GIS PDF
  render::PdfOptions gis_options;
  std::filesystem::path target;
  io::Durability durability = io::Durability::Now;
  std::size_t max_pages = 0, pages = 0;
  std::size_t pdf_pages = 0, zpl_pages = 0;  // pages drawn into each file
  std::vector<std::filesystem::path> written;

  std::filesystem::path gis_path() const {
    auto path = target;
    path.replace_extension();
    path += "-gis.pdf";
    return path;
  }
};

std::string PageSink::extension(const printers::Profile& printer) {
  switch (printer.kind) {
    case printers::Kind::Png:
      return ".png";
    case printers::Kind::Zpl:
      return ".zpl";
    case printers::Kind::Pdf:
      break;
  }
  return ".pdf";
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
  impl->durability = options.durability;
  const printers::Profile& printer = options.printer;
  if (printer.kind == printers::Kind::Png) {
    auto raster = render::RasterRenderer::open({printer.dpi, true});
    if (!raster) return std::unexpected(raster.error());
    impl->raster.emplace(std::move(*raster));
  } else if (printer.kind == printers::Kind::Zpl) {
    auto tmpl = layout::load_label_template(printer.label_template);
    if (!tmpl) return std::unexpected(tmpl.error());
    impl->label_page = tmpl->stock.page;
    render::ZplOptions zo;
    zo.dpi = printer.dpi;
    zo.offset_x = printer.offset_x;
    zo.offset_y = printer.offset_y;
    zo.darkness = printer.darkness;
    zo.speed = printer.speed;
    auto zpl = render::ZplWriter::open(zo);
    if (!zpl) return std::unexpected(zpl.error());
    impl->zpl.emplace(std::move(*zpl));
    impl->gis_options = pdf_options(printer, title + " (GIS)");
  } else {
    auto pdf = render::PdfWriter::open(pdf_options(printer, title));
    if (!pdf) return std::unexpected(pdf.error());
    impl->pdf.emplace(std::move(*pdf));
  }
  return PageSink(std::move(impl));
}

namespace {
std::filesystem::path png_path(const std::filesystem::path& target, std::size_t page) {
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, "-p%03zu.png", page);
  auto path = target;
  path.replace_extension();
  path += suffix;
  return path;
}
}  // namespace

std::pair<std::string, int> PageSink::next_position(const Size& size) const {
  const Impl& s = *impl_;
  if (s.zpl) {
    if (same_size(size, s.label_page))
      return {s.target.filename().string(), static_cast<int>(s.zpl_pages + 1)};
    return {s.gis_path().filename().string(), static_cast<int>(s.pdf_pages + 1)};
  }
  if (s.raster) return {png_path(s.target, s.pages + 1).filename().string(), 1};
  return {s.target.filename().string(), static_cast<int>(s.pdf_pages + 1)};
}

Result<void> PageSink::add(const layout::Page& page) {
  Impl& s = *impl_;
  ++s.pages;
  if (s.max_pages && s.pages > s.max_pages) return {};
  if (s.zpl) {
    if (same_size(page.size, s.label_page)) {
      ++s.zpl_pages;
      return s.zpl->add_page(page);
    }
    if (!s.pdf) {
      auto pdf = render::PdfWriter::open(s.gis_options);
      if (!pdf) return std::unexpected(pdf.error());
      s.pdf.emplace(std::move(*pdf));
    }
    ++s.pdf_pages;
    return s.pdf->add_page(page);
  }
  if (s.pdf) {
    ++s.pdf_pages;
    return s.pdf->add_page(page);
  }
  auto path = png_path(s.target, s.pages);
  s.written.push_back(path);
  return s.raster->write_png(page, path);
}

Result<std::vector<PageSink::Written>> PageSink::finish() {
  Impl& s = *impl_;
  if (s.zpl) {
    if (auto ok = s.zpl->save(s.target); !ok) return std::unexpected(ok.error());
    std::vector<Written> files{{s.target, s.zpl_pages}};
    if (s.pdf) {
      if (auto ok = s.pdf->save(s.gis_path(), s.durability); !ok) return std::unexpected(ok.error());
      files.push_back({s.gis_path(), s.pdf_pages});
    }
    return files;
  }
  if (s.pdf) {
    if (auto ok = s.pdf->save(s.target, s.durability); !ok) return std::unexpected(ok.error());
    return std::vector<Written>{{s.target, s.pdf_pages}};
  }
  std::vector<Written> files;
  for (const auto& p : s.written) files.push_back({p, 1});
  return files;
}

}  // namespace lg::run

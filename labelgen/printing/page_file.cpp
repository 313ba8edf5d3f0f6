#include "labelgen/printing/page_file.hpp"

#include "labelgen/render/pdf_writer.hpp"
#include "labelgen/render/raster.hpp"

namespace lg::printing {

const char* page_extension(const printers::Profile& profile) {
  return profile.kind == printers::Kind::Png ? ".png" : ".pdf";
}

Result<void> write_page(const layout::Page& page, const printers::Profile& profile,
                        const std::filesystem::path& file) {
  if (profile.kind == printers::Kind::Png) {
    auto raster = render::RasterRenderer::open({profile.dpi, true});
    if (!raster) return std::unexpected(raster.error());
    return raster->write_png(page, file);
  }
  render::PdfOptions options;
  options.printer_dpi = profile.dpi;
  options.title = "labelgen calibration " + profile.name;
  auto pdf = render::PdfWriter::open(options);
  if (!pdf) return std::unexpected(pdf.error());
  if (auto ok = pdf->add_page(page); !ok) return ok;
  return pdf->save(file);
}

}  // namespace lg::printing

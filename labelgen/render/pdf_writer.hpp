#pragma once
/// Render stage, PDF backend (libharu 2.3.0): draws layout::Page primitives into a PDF.
/// Fonts are embedded TrueType (subset, CID Identity-H, UTF-8 text), each face loaded once per
/// document; Code 128 as vector bars in module units under one transformation and one fill;
/// DataMatrix as a 1-bit inline image scaled to whole modules. Page content is written in one piece
/// per page and deflated by labelgen (libharu's fixed level 6 was the largest cost). Output is byte-identical
/// for identical input (no dates, no /ID). The whole document stays in memory until save(): write bounded
/// documents (a few thousand labels each).
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/layout/primitives.hpp"

namespace lg::render {

/// Options of PdfWriter::open.
struct PdfOptions {
  /// Deflate content streams (libdeflate level 1, here; DataMatrix images are inline in them)
  /// and fonts (libharu). Off only for tests that read the content stream.
  bool compress = true;
  /// How DataMatrix symbols are drawn.
  enum class Matrix {
    Image,   ///< a 1-bit inline image (deflated with the page), crisp in every rasterizer; see `printer_dpi`
    Vector,  ///< one rectangle per horizontal dark run, in module units, one fill
  };
  Matrix datamatrix = Matrix::Image;
  /// The printer resolution layout snapped the symbols to. When set and a DataMatrix module is
  /// 2 or 3 printer dots, its image carries one pixel per dot instead of one per module:
  /// rasterizers that interpolate images scaled up less than 4x (poppler/Splash, hence CUPS)
  /// then map it 1:1 and keep every module crisp (at 203 dpi with 3-dot modules, one pixel per
  /// module decodes 6/12 after poppler; one per dot 12/12). 0 = one pixel per module.
  double printer_dpi = 0;
  std::string title{};               ///< document Title (omitted when empty)
  std::string creator = "labelgen";  ///< document Creator
};

/// One PDF document being built. Move-only; not thread-safe (use one writer per thread).
class PdfWriter {
 public:
  static Result<PdfWriter> open(const PdfOptions& options = {});
  PdfWriter(PdfWriter&&) noexcept;
  PdfWriter& operator=(PdfWriter&&) noexcept;
  ~PdfWriter();

  /// Appends a page and draws every primitive of `page`. After an error the document is
  /// unusable and every later call fails.
  Result<void> add_page(const layout::Page& page);
  /// Writes the document atomically: a temporary file (mode 0600) in the same folder, fsync,
  /// then rename over `path`.
  /// Writes the document to `path` atomically (mode 0600). With io::Durability::Deferred the
  /// caller flushes the folder later (io::sync_folder).
  Result<void> save(const std::filesystem::path& path, io::Durability durability = io::Durability::Now);
  /// The serialized document (for tests and streaming).
  Result<std::string> bytes();
  std::size_t page_count() const;

 private:
  struct Impl;
  explicit PdfWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Bar edges of a Code 128 symbol in PDF user space (points from the page's left edge), in
/// drawing order, through the transformation the PDF backend writes (`module 0 0 height x y cm`,
/// then bars in whole modules; numbers written with 9 decimals).
std::vector<double> code128_bar_edges(const layout::Barcode& barcode);

}  // namespace lg::render

#pragma once
/// Where a document's pages go, by printer kind: one PDF (libharu), one PNG per page (Cairo
/// proofs), or ZPL for thermal label printers. New output languages plug in here; print_run
/// only adds pages.
/// ZPL documents: pages of the printer's label stock size (one label each) become one label
/// format each in `<target>` (`.zpl`); any other page (GIS sheets, letter size) cannot go to a
/// label printer and is written to a PDF beside it, `<target stem>-gis.pdf`, for the office
/// laser.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/io/atomic_file.hpp"
#include "labelgen/layout/primitives.hpp"
#include "labelgen/printers/profile.hpp"

namespace lg::run {

struct PageSinkOptions {
  printers::Profile printer;
  std::size_t max_pages = 0;  ///< 0: all; pages past it are counted but not drawn (proofs)
  /// When PDF files reach the disk: Deferred inside a staging folder that is flushed as a whole
  /// (io::sync_folder) before anything refers to it.
  io::Durability durability = io::Durability::Now;
};

/// One output document being written. Move-only.
class PageSink {
 public:
  /// File name extension of a document for `printer` (".pdf", ".png", ".zpl").
  static std::string extension(const printers::Profile& printer);
  /// Opens a document that will be written to `target` (PNG proofs: `<target stem>-pNNN.png`).
  static Result<PageSink> open(const PageSinkOptions& options, const std::string& title,
                               std::filesystem::path target);
  PageSink(PageSink&&) noexcept;
  PageSink& operator=(PageSink&&) noexcept;
  ~PageSink();

  /// Where the next page of `size` will land: its file (name only) and 1-based page within it
  /// (a ZPL file counts labels; its GIS sheets go to `<base>-gis.pdf`).
  std::pair<std::string, int> next_position(const Size& size) const;
  /// Adds the next page.
  Result<void> add(const layout::Page& page);
  /// One written file and how many pages (labels, for ZPL) it holds.
  struct Written {
    std::filesystem::path path;
    std::size_t pages = 0;
  };
  /// Finishes the document; returns the files written, in page order (ZPL: the `.zpl`, then
  /// the GIS PDF when there were GIS pages).
  Result<std::vector<Written>> finish();

  struct Impl;

 private:
  explicit PageSink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lg::run

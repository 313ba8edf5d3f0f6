#pragma once
/// Where a document's pages go, by printer kind: one PDF (libharu), or one PNG per page
/// (Cairo proofs). New output languages plug in here; print_run only adds pages.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/layout/primitives.hpp"
#include "labelgen/printers/profile.hpp"

namespace lg::run {

struct PageSinkOptions {
  printers::Profile printer;
  std::size_t max_pages = 0;  ///< 0: all; pages past it are counted but not drawn (proofs)
};

/// One output document being written. Move-only.
class PageSink {
 public:
  /// File name extension of a document for `printer` (".pdf", ".png", …).
  static std::string extension(const printers::Profile& printer);
  /// Opens a document that will be written to `target` (PNG proofs: `<target stem>-pNNN.png`).
  static Result<PageSink> open(const PageSinkOptions& options, const std::string& title,
                               std::filesystem::path target);
  PageSink(PageSink&&) noexcept;
  PageSink& operator=(PageSink&&) noexcept;
  ~PageSink();

  /// Adds the next page.
  Result<void> add(const layout::Page& page);
  /// Finishes the document; returns the files written, in page order.
  Result<std::vector<std::filesystem::path>> finish();

  struct Impl;

 private:
  explicit PageSink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lg::run

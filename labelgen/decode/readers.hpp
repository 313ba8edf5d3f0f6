#pragma once
// Decode stage, internal: one page reader per file format (load_png.cpp, load_jpeg.cpp,
// load_tiff.cpp, load_pdf.cpp). `name` is the file name used in error messages.
#include <memory>
#include <string>

#include "labelgen/core/result.hpp"
#include "labelgen/decode/load.hpp"

namespace lg::decode::detail {

using ReaderPtr = std::unique_ptr<PageSource::Reader>;

Result<ReaderPtr> open_png(std::string bytes, const std::string& name, const DecodeOptions& options);
Result<ReaderPtr> open_jpeg(std::string bytes, const std::string& name, const DecodeOptions& options);
Result<ReaderPtr> open_tiff(std::string bytes, const std::string& name, const DecodeOptions& options);
Result<ReaderPtr> open_pdf(std::string bytes, const std::string& name, const DecodeOptions& options);

/// The error every loader returns: field "scan", message "<name>: <what>".
inline std::unexpected<Error> file_error(const std::string& name, const std::string& what) {
  return fail("scan", name + ": " + what);
}

/// Rejects sizes that are empty or above the options' pixel limit.
inline Result<void> check_size(const std::string& name, std::uint64_t width, std::uint64_t height,
                               const DecodeOptions& options) {
  if (width == 0 || height == 0) return file_error(name, "image has no pixels");
  if (width > 1'000'000 || height > 1'000'000 || width * height > options.max_pixels)
    return file_error(name, "image of " + std::to_string(width) + " x " + std::to_string(height) +
                                " pixels is larger than the limit of " + std::to_string(options.max_pixels) +
                                " pixels");
  return {};
}

}  // namespace lg::decode::detail

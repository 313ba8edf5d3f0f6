#pragma once
/// Decode stage, loading: scans as 8-bit grayscale images, one per page. PNG (libpng), JPEG
/// (libjpeg-turbo), TIFF (libtiff, every page) and PDF (every page rendered with poppler-cpp,
/// antialiased, gray8, at DecodeOptions::pdf_dpi). The kind is told by the file's first bytes,
/// not its name. A file that cannot be read is an Error naming the file and the problem.
#include <filesystem>
#include <memory>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/decode/image.hpp"
#include "labelgen/decode/options.hpp"

namespace lg::decode {

/// What a scan file holds, from its first bytes.
enum class FileKind { Png, Jpeg, Tiff, Pdf };

/// One opened scan file whose pages are read one at a time (a long PDF never sits in memory
/// whole). Move-only.
class PageSource {
 public:
  /// Opens `path` and reads its header (page count, format). Errors name the file.
  static Result<PageSource> open(const std::filesystem::path& path, const DecodeOptions& options = {});
  /// The same for a scan already in memory; `name` names it in errors.
  static Result<PageSource> from_bytes(std::string bytes, const std::string& name,
                                       const DecodeOptions& options = {});
  PageSource(PageSource&&) noexcept;
  PageSource& operator=(PageSource&&) noexcept;
  ~PageSource();

  FileKind kind() const;
  int page_count() const;
  /// Page `index` (0-based) as a grayscale image; `dpi` is the stated resolution (0 if none).
  Result<GrayImage> page(int index);

  /// The internal per-format reader.
  struct Reader {
    virtual ~Reader() = default;
    virtual int count() const = 0;
    virtual Result<GrayImage> read(int index) = 0;
  };

 private:
  PageSource(FileKind kind, std::unique_ptr<Reader> reader);
  FileKind kind_;
  std::unique_ptr<Reader> reader_;
};

/// Every page of `path`, loaded at once (convenient for single images and tests).
Result<std::vector<GrayImage>> load_pages(const std::filesystem::path& path,
                                          const DecodeOptions& options = {});

}  // namespace lg::decode

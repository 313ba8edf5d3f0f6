#include "labelgen/decode/load.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "labelgen/decode/readers.hpp"

namespace lg::decode {

namespace {

/// Largest scan file read into memory.
constexpr std::uintmax_t kMaxFileBytes = 2ull << 30;

Result<std::string> read_bytes(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return detail::file_error(name, "no such file");
  if (std::filesystem::is_directory(status))
    return detail::file_error(name, "is a directory, not a scan file");
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) return detail::file_error(name, "file is larger than 2 GiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return detail::file_error(name, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return detail::file_error(name, "read error");
  return std::move(s).str();
}

Result<FileKind> sniff(const std::string& bytes, const std::string& name) {
  auto starts = [&](std::string_view magic) { return std::string_view(bytes).starts_with(magic); };
  if (bytes.empty()) return detail::file_error(name, "file is empty");
  if (starts("\x89PNG\r\n\x1a\n")) return FileKind::Png;
  if (starts("\xff\xd8\xff")) return FileKind::Jpeg;
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return FileKind::Tiff;
  // PDF allows a few bytes of junk before the header.
  if (std::string_view(bytes).substr(0, 1024).find("%PDF-") != std::string_view::npos) return FileKind::Pdf;
  return detail::file_error(name, "not a PNG, JPEG, TIFF or PDF file");
}

}  // namespace

PageSource::PageSource(FileKind kind, std::unique_ptr<Reader> reader)
    : kind_(kind), reader_(std::move(reader)) {}
PageSource::PageSource(PageSource&&) noexcept = default;
PageSource& PageSource::operator=(PageSource&&) noexcept = default;
PageSource::~PageSource() = default;

Result<PageSource> PageSource::open(const std::filesystem::path& path, const DecodeOptions& options) {
  auto bytes = read_bytes(path);
  if (!bytes) return std::unexpected(bytes.error());
  return from_bytes(std::move(*bytes), path.string(), options);
}

Result<PageSource> PageSource::from_bytes(std::string bytes, const std::string& name,
                                          const DecodeOptions& options) {
  auto kind = sniff(bytes, name);
  if (!kind) return std::unexpected(kind.error());
  Result<detail::ReaderPtr> reader = [&]() -> Result<detail::ReaderPtr> {
    switch (*kind) {
      case FileKind::Png:
        return detail::open_png(std::move(bytes), name, options);
      case FileKind::Jpeg:
        return detail::open_jpeg(std::move(bytes), name, options);
      case FileKind::Tiff:
        return detail::open_tiff(std::move(bytes), name, options);
      case FileKind::Pdf:
        return detail::open_pdf(std::move(bytes), name, options);
    }
    return detail::file_error(name, "unknown file kind");
  }();
  if (!reader) return std::unexpected(reader.error());
  if ((*reader)->count() < 1) return detail::file_error(name, "file has no pages");
  if ((*reader)->count() > options.max_pages)
    return detail::file_error(name, "file has " + std::to_string((*reader)->count()) +
                                        " pages, more than the limit of " +
                                        std::to_string(options.max_pages));
  return PageSource(*kind, std::move(*reader));
}

FileKind PageSource::kind() const { return kind_; }
int PageSource::page_count() const { return reader_->count(); }

Result<GrayImage> PageSource::page(int index) {
  if (index < 0 || index >= reader_->count())
    return fail("scan", "page " + std::to_string(index + 1) + " does not exist");
  auto g = reader_->read(index);
  if (g) g->page = index;
  return g;
}

Result<std::vector<GrayImage>> load_pages(const std::filesystem::path& path, const DecodeOptions& options) {
  auto source = PageSource::open(path, options);
  if (!source) return std::unexpected(source.error());
  std::vector<GrayImage> pages;
  for (int i = 0; i < source->page_count(); ++i) {
    auto g = source->page(i);
    if (!g) return std::unexpected(g.error());
    pages.push_back(std::move(*g));
  }
  return pages;
}

}  // namespace lg::decode

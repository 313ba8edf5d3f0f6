#include "labelgen/printing/document.hpp"

#include <poppler-document.h>
#include <poppler-global.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <sstream>

namespace lg::printing {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// poppler prints parse warnings of libharu's ToUnicode maps on every load; counting pages
/// needs none of them.
void quiet_poppler() {
  static const bool once = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)once;
}

}  // namespace

Result<std::string> document_format(const std::filesystem::path& file) {
  const std::string ext = lower(file.extension().string());
  if (ext == ".pdf") return std::string(kFormatPdf);
  if (ext == ".zpl") return std::string(kFormatRaw);
  if (ext == ".png") return std::string(kFormatPng);
  return fail("file",
              file.string() + ": cannot tell its document format from the extension (.pdf, .zpl or .png)");
}

Result<int> count_pages(const std::filesystem::path& file, const std::string& format) {
  if (format == kFormatPng) return 1;
  if (format == kFormatRaw) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail("file", file.string() + ": cannot read it");
    std::ostringstream s;
    s << in.rdbuf();
    const std::string zpl = s.str();
    int labels = 0;
    for (std::size_t at = zpl.find("^XA"); at != std::string::npos; at = zpl.find("^XA", at + 3)) ++labels;
    return labels;
  }
  quiet_poppler();
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
  if (!doc) return fail("file", file.string() + ": not a readable PDF");
  if (doc->is_locked()) return fail("file", file.string() + ": the PDF is encrypted");
  return doc->pages();
}

Result<Document> make_document(const std::filesystem::path& file, const std::string& title) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return fail("file", file.string() +
                            (std::filesystem::exists(file, ec) ? ": not a regular file" : ": no such file"));
  auto format = document_format(file);
  if (!format) return std::unexpected(format.error());
  auto pages = count_pages(file, *format);
  if (!pages) return std::unexpected(pages.error());
  return Document{file, title.empty() ? file.filename().string() : title, *format, *pages};
}

std::string describe_submission(const std::vector<Document>& documents, const std::string& server,
                                const std::string& queue, int copies) {
  std::ostringstream out;
  out << "dry run: nothing is sent\n";
  out << "server " << server << ", queue " << queue << ", " << copies << (copies == 1 ? " copy" : " copies")
      << " of each file\n";
  int pages = 0;
  std::size_t n = 0;
  for (const auto& d : documents) {
    pages += d.pages;
    out << "  " << ++n << ". " << d.title << "  " << d.pages
        << (d.format == kFormatRaw ? " labels"
            : d.pages == 1         ? " page"
                                   : " pages")
        << "  " << d.format << "  " << d.path.string() << "\n";
  }
  out << documents.size() << (documents.size() == 1 ? " job, " : " jobs, ") << pages << " pages x " << copies
      << " = " << pages * copies << " pages to print\n";
  return out.str();
}

}  // namespace lg::printing

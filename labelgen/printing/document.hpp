#pragma once
/// Documents to print: a file, the job title it is sent under, its document format and page
/// count, and the dry-run description of what a submission would send.
#include <filesystem>
#include <string>
#include <vector>

#include "labelgen/core/result.hpp"

namespace lg::printing {

/// MIME types sent as document-format.
inline constexpr const char* kFormatPdf = "application/pdf";
inline constexpr const char* kFormatRaw = "application/vnd.cups-raw";  ///< ZPL: straight to the printer
inline constexpr const char* kFormatPng = "image/png";

/// One file to print as one job.
struct Document {
  std::filesystem::path path;
  std::string title;   ///< job title (batch id and file name); never a student's name
  std::string format;  ///< document-format (see document_format)
  int pages = 0;       ///< pages (PDF, PNG) or labels (ZPL); 0 when unknown
};

/// The document-format of a file by its extension: `.pdf` application/pdf, `.zpl`
/// application/vnd.cups-raw (a thermal printer takes ZPL as it is), `.png` image/png. Fails for
/// any other extension.
Result<std::string> document_format(const std::filesystem::path& file);

/// Pages of a document: a PDF's page count (poppler), a ZPL file's `^XA` label formats, 1 for
/// a PNG. Fails when the file cannot be read or is not a PDF.
Result<int> count_pages(const std::filesystem::path& file, const std::string& format);

/// A document for `file` with its format and page count, titled `title` (the file name when
/// empty). Fails when the file is missing, not a regular file, or of an unknown format.
Result<Document> make_document(const std::filesystem::path& file, const std::string& title = {});

/// What a submission would send, for --dry-run: server, queue, copies, then one line per
/// document in order (title, pages, format, path) and the totals.
std::string describe_submission(const std::vector<Document>& documents, const std::string& server,
                                const std::string& queue, int copies);

}  // namespace lg::printing

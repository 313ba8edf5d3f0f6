#pragma once
/// A streaming RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line
/// breaks; CRLF or LF line ends; a UTF-8 byte-order mark at the start is skipped.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lg::events {

/// One physical record. `line` is the 1-based line on which it starts.
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;
  /// The file ended inside a quoted field. The record then holds what its first line held,
  /// and reading resumes on the next line, so one stray quote cannot swallow the rest of the file.
  bool unterminated_quote = false;
};

class CsvReader {
 public:
  /// Opens `path`; throws nothing — check ok() / error().
  explicit CsvReader(const std::filesystem::path& path);
  bool ok() const { return file_ != nullptr; }
  const std::string& error() const { return error_; }
  /// Reads the next record, skipping empty lines. Returns false at end of file.
  bool next(CsvRecord& record);

 private:
  int get();
  int peek();
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file_;
  std::string error_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0;
  long buffer_offset_ = 0;  ///< file offset of buffer_[0]
  void seek(long offset);
  std::size_t line_ = 1;
  bool started_ = false;
};

}  // namespace lg::events

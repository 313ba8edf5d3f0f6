#pragma once
/// A file written piece by piece and published atomically: pieces go to a private temporary
/// file next to the target, and commit() flushes and renames it into place. Destroyed
/// without commit(), the temporary file is removed and the target is untouched.
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg::io {

class FileAppender {
 public:
  FileAppender() = default;
  FileAppender(const FileAppender&) = delete;
  FileAppender& operator=(const FileAppender&) = delete;
  ~FileAppender();

  /// Starts writing `target` (mode 0600).
  Result<void> open(const std::filesystem::path& target);
  Result<void> append(std::string_view data);
  /// Appends the whole content of `file`.
  Result<void> append_file(const std::filesystem::path& file);
  /// Flushes to disk and renames over the target.
  Result<void> commit();

 private:
  Result<void> failed(const char* what);
  std::filesystem::path target_, temp_;
  std::FILE* out_ = nullptr;
};

}  // namespace lg::io

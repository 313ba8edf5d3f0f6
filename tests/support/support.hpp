#pragma once
/// Shared test helpers: data paths, scratch folders, running the labelgen binary.
#include <filesystem>
#include <string>
#include <vector>

#include "labelgen/core/event.hpp"

namespace lg::test {

/// Repository root (LABELGEN_DATA_DIR as set by CTest).
std::filesystem::path repo_dir();
/// A fresh empty directory, removed when the object dies.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  /// Writes `content` to `name` inside the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

/// Reads a whole file.
std::string read_file(const std::filesystem::path& p);

/// Parses RFC 4180 CSV (quoted fields, doubled quotes, LF or CRLF line ends); throws
/// std::runtime_error on an unterminated quoted field.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

/// `'path'`, for shell command lines.
std::string quoted(const std::filesystem::path& p);

/// Result of running a command.
struct CommandResult {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};
/// Runs the labelgen binary (LABELGEN_BIN) with `args` (shell-quoted by the caller) and
/// optional stdin text.
CommandResult run_labelgen(const std::string& args, const std::string& stdin_text = "");
/// Runs a shell command.
CommandResult run_shell(const std::string& command, const std::string& stdin_text = "");

/// Expects every field of two events to be equal (a failure names the field).
void expect_same_event(const SsrEvent& a, const SsrEvent& b);

}  // namespace lg::test

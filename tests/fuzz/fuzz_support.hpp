#pragma once
/// Helpers shared by the fuzz targets: invariant checks that abort (so libFuzzer, or the corpus
/// replay under CTest, reports the input), and an in-memory file for readers that take a path.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace lg::fuzz {

/// Prints `what` and aborts when `ok` is false: an invariant of the code under test is broken.
void check(bool ok, const char* what);

/// The repository root (the loaders' data files: stocks, seed templates).
std::filesystem::path repo_dir();

/// A file that lives only in memory (memfd), rewritten for every input; nothing touches the disk
/// and nothing is left behind when a run is killed.
class InputFile {
 public:
  explicit InputFile(const char* name);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  /// Replaces the contents with `size` bytes at `data`; returns a path that opens them.
  const std::filesystem::path& write(const std::uint8_t* data, std::size_t size);

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

/// The input as text.
inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace lg::fuzz

/// Checks an invariant; the message names the condition and where it is written.
#define LG_FUZZ_CHECK(cond) \
  ::lg::fuzz::check(static_cast<bool>(cond), #cond " [" __FILE__ ":" LG_FUZZ_STR(__LINE__) "]")
#define LG_FUZZ_STR(x) LG_FUZZ_STR2(x)
#define LG_FUZZ_STR2(x) #x

#pragma once
/// Unnamed temporary files for data that must never outlive the process: opened with
/// O_TMPFILE (or created and unlinked at once where the file system lacks it), mode 0600.
#include <filesystem>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg::io {

/// Owns a file descriptor and closes it.
class OwnedFd {
 public:
  OwnedFd() = default;
  explicit OwnedFd(int fd) : fd_(fd) {}
  OwnedFd(OwnedFd&& other) noexcept : fd_(other.release()) {}
  OwnedFd& operator=(OwnedFd&& other) noexcept;
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  ~OwnedFd();

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

/// Opens a new unnamed read-write file in `dir` (which must exist). `what` names the file in
/// the error message ("the temporary event store").
Result<OwnedFd> open_unnamed_file(const std::filesystem::path& dir, std::string_view what);

/// Writes all of `size` bytes at the end of `fd`, or at `offset` when it is not negative,
/// retrying short writes and EINTR; false with errno set on failure.
bool write_fully(int fd, const void* data, std::size_t size, off_t offset = -1);
/// write_fully with an error naming `what`.
Result<void> write_all(int fd, const void* data, std::size_t size, std::string_view what, off_t offset = -1);
/// Reads exactly `size` bytes at `offset`.
Result<void> read_exactly(int fd, void* data, std::size_t size, off_t offset, std::string_view what);

}  // namespace lg::io

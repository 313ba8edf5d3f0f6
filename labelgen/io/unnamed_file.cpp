#include "labelgen/io/unnamed_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace lg::io {

OwnedFd& OwnedFd::operator=(OwnedFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

OwnedFd::~OwnedFd() {
  if (fd_ >= 0) ::close(fd_);
}

Result<OwnedFd> open_unnamed_file(const std::filesystem::path& dir, std::string_view what) {
  OwnedFd fd(::open(dir.c_str(), O_RDWR | O_TMPFILE | O_CLOEXEC, 0600));
  if (fd) return fd;
  // File systems without O_TMPFILE: a named file, unlinked at once.
  std::string name = (dir / ".labelgen-temp-XXXXXX").string();
  fd = OwnedFd(::mkostemp(name.data(), O_CLOEXEC));
  if (!fd)
    return fail("out", dir.string() + ": cannot create " + std::string(what) + ": " + std::strerror(errno));
  ::unlink(name.c_str());
  ::fchmod(fd.get(), 0600);
  return fd;
}

bool write_fully(int fd, const void* data, std::size_t size, off_t offset) {
  const auto* bytes = static_cast<const char*>(data);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = offset < 0 ? ::write(fd, bytes + done, size - done)
                                 : ::pwrite(fd, bytes + done, size - done, offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

Result<void> write_all(int fd, const void* data, std::size_t size, std::string_view what, off_t offset) {
  if (!write_fully(fd, data, size, offset))
    return fail("store", "cannot write " + std::string(what) + ": " + std::strerror(errno));
  return {};
}

Result<void> read_exactly(int fd, void* data, std::size_t size, off_t offset, std::string_view what) {
  auto* bytes = static_cast<char*>(data);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, bytes + done, size - done, offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("store", "cannot read " + std::string(what) + ": " + std::strerror(errno));
    if (n == 0) return fail("store", std::string(what) + " ends early (truncated?)");
    done += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace lg::io

#include "labelgen/io/lock_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "labelgen/io/atomic_file.hpp"

namespace lg::io {

Result<LockFile> LockFile::acquire(const std::filesystem::path& path) {
  if (auto ok = make_private_dir(path.parent_path()); !ok) return std::unexpected(ok.error());
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return fail("lock", path.string() + ": cannot open lock file: " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string holder;
    char buf[64] = {};
    if (::pread(fd, buf, sizeof buf - 1, 0) > 0) holder = buf;
    ::close(fd);
    if (err == EWOULDBLOCK)
      return fail("lock", path.string() + ": another labelgen run holds the lock" +
                              (holder.empty() ? std::string() : " (pid " + holder + ")") + "; try again when it ends");
    return fail("lock", path.string() + ": cannot lock: " + std::strerror(err));
  }
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] auto n = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  return LockFile(fd);
}

LockFile::LockFile(LockFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

LockFile& LockFile::operator=(LockFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

LockFile::~LockFile() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace lg::io

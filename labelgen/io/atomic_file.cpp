#include "labelgen/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace lg::io {

Result<void> make_private_dir(const std::filesystem::path& dir) {
  if (dir.empty()) return {};
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return {};
  if (auto parent = dir.parent_path(); !parent.empty() && parent != dir)
    if (auto r = make_private_dir(parent); !r) return r;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return fail("", dir.string() + ": cannot create folder: " + std::strerror(errno));
  return {};
}

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  const auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  if (auto r = make_private_dir(dir); !r) return r;
  std::string tmpl = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return fail("", path.string() + ": cannot create temporary file: " + std::strerror(errno));
  auto cleanup = [&](const std::string& what) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    ::unlink(tmpl.c_str());
    return fail("", path.string() + ": " + what + ": " + why);
  };
  ::fchmod(fd, 0600);
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return cleanup("write failed");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return cleanup("fsync failed");
  if (::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return fail("", path.string() + ": close failed: " + std::strerror(errno));
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmpl.c_str());
    return fail("", path.string() + ": rename failed: " + why);
  }
  return {};
}

}  // namespace lg::io

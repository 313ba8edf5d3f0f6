#include "labelgen/io/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace lg::io {

namespace {

Result<void> sys_fail(const std::string& what, const std::filesystem::path& p,
                      const std::filesystem::path& temp) {
  const int e = errno;
  std::error_code ec;
  if (!temp.empty()) std::filesystem::remove(temp, ec);
  return fail("output", what + " '" + p.string() + "': " + std::strerror(e));
}

}  // namespace

Result<std::filesystem::path> create_temp_for(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const auto temp = dir / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                           std::to_string(counter.fetch_add(1)));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    auto r = sys_fail("cannot create a temporary file for", target, {});
    return std::unexpected(r.error());
  }
  const bool ok = ::fchmod(fd, 0600) == 0;  // exact mode whatever the umask
  ::close(fd);
  if (!ok) {
    auto r = sys_fail("cannot set mode 0600 for", target, temp);
    return std::unexpected(r.error());
  }
  return temp;
}

Result<void> commit_temp(const std::filesystem::path& temp, const std::filesystem::path& target) {
  const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return sys_fail("cannot reopen the temporary file of", target, temp);
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return sys_fail("cannot flush", target, temp);
  if (::rename(temp.c_str(), target.c_str()) != 0)
    return sys_fail("cannot rename the temporary file to", target, temp);
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

namespace {

/// Writes all of `data` to `fd` and closes it; false (errno set) on a failed write.
bool write_all_and_close(int fd, std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      errno = e;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0;
}

}  // namespace

Result<void> write_file_atomic(const std::filesystem::path& target, std::string_view data) {
  if (target.has_parent_path())
    if (auto made = make_private_dir(target.parent_path()); !made) return made;
  auto temp = create_temp_for(target);
  if (!temp) return std::unexpected(temp.error());
  const int fd = ::open(temp->c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return sys_fail("cannot open the temporary file of", target, *temp);
  if (!write_all_and_close(fd, data)) return sys_fail("cannot write", target, *temp);
  return commit_temp(*temp, target);
}

Result<void> write_scratch_file(const std::filesystem::path& path, std::string_view data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return sys_fail("cannot create", path, {});
  if (!write_all_and_close(fd, data)) return sys_fail("cannot write", path, path);
  return {};
}


Result<void> make_private_dir(const std::filesystem::path& dir) {
  if (dir.empty()) return {};
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return {};
  if (auto parent = dir.parent_path(); !parent.empty() && parent != dir)
    if (auto r = make_private_dir(parent); !r) return r;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return fail("output", dir.string() + ": cannot create folder: " + std::strerror(errno));
  return {};
}

}  // namespace lg::io

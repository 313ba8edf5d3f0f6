#include "labelgen/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "labelgen/io/unnamed_file.hpp"

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

/// Opens `path` with `flags`, fsyncs and closes it; false (errno set) when opening or
/// flushing fails.
static bool fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  const int e = errno;
  ::close(fd);
  errno = e;
  return synced;
}

Result<void> commit_temp(const std::filesystem::path& temp, const std::filesystem::path& target,
                         Durability durability) {
  const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return sys_fail("cannot reopen the temporary file of", target, temp);
  bool synced = true;
  if (durability == Durability::Now)
    synced = ::fsync(fd) == 0;
  else
    (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);  // a hint: errors surface at sync_folder
  ::close(fd);
  if (!synced) return sys_fail("cannot flush", target, temp);
  if (::rename(temp.c_str(), target.c_str()) != 0)
    return sys_fail("cannot rename the temporary file to", target, temp);
  if (durability == Durability::Deferred) return {};
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  (void)fsync_path(dir, O_RDONLY | O_DIRECTORY);  // best effort, as before: the file itself is flushed
  return {};
}

Result<void> sync_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    if (!fsync_path(entry.path(), O_RDONLY)) return sys_fail("cannot flush", entry.path(), {});
  }
  if (ec) return fail("output", dir.string() + ": cannot list the folder: " + ec.message());
  if (!fsync_path(dir, O_RDONLY | O_DIRECTORY)) return sys_fail("cannot flush folder", dir, {});
  return {};
}

namespace {

/// Writes all of `data` to `fd` and closes it; false (errno set) on a failed write.
bool write_all_and_close(int fd, std::string_view data) {
  if (!write_fully(fd, data.data(), data.size())) {
    const int e = errno;
    ::close(fd);
    errno = e;
    return false;
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

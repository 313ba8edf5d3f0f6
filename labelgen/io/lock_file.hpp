#pragma once
/// An exclusive advisory lock (flock) held for the life of the object, so that two unattended
/// runs never write the same output root at once.
#include <filesystem>

#include "labelgen/core/result.hpp"

namespace lg::io {

class LockFile {
 public:
  /// Takes the lock without waiting. Fails with field "lock" when another process holds it.
  static Result<LockFile> acquire(const std::filesystem::path& path);
  LockFile(LockFile&& other) noexcept;
  LockFile& operator=(LockFile&& other) noexcept;
  ~LockFile();

 private:
  explicit LockFile(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace lg::io

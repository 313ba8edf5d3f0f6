#include "labelgen/io/spill.hpp"

#include <string>

#include "labelgen/io/unnamed_file.hpp"

namespace lg::io {
namespace {
constexpr std::size_t kWriteBuffer = 256 << 10;
constexpr const char* kWhat = "a temporary spill file";
}  // namespace

struct SpillFile::Impl {
  std::size_t record_size = 0;
  std::optional<std::filesystem::path> dir;  // none: in memory
  OwnedFd fd;
  std::vector<char> tail;   // the records in memory, or those not yet written to the file
  std::size_t written = 0;  // records in the file

  std::size_t size() const { return written + tail.size() / record_size; }

  Result<void> write_out() {
    if (!fd || tail.empty()) return {};
    if (auto ok = write_all(fd.get(), tail.data(), tail.size(), kWhat); !ok) return ok;
    written += tail.size() / record_size;
    tail.clear();
    return {};
  }
};

SpillFile::SpillFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SpillFile::SpillFile(SpillFile&&) noexcept = default;
SpillFile& SpillFile::operator=(SpillFile&&) noexcept = default;
SpillFile::~SpillFile() = default;

Result<SpillFile> SpillFile::in_folder(const std::filesystem::path& dir, std::size_t record_size) {
  auto fd = open_unnamed_file(dir, kWhat);
  if (!fd) return std::unexpected(fd.error());
  auto impl = std::make_unique<Impl>();
  impl->record_size = record_size;
  impl->dir = dir;
  impl->fd = std::move(*fd);
  return SpillFile(std::move(impl));
}

SpillFile SpillFile::in_memory(std::size_t record_size) {
  auto impl = std::make_unique<Impl>();
  impl->record_size = record_size;
  return SpillFile(std::move(impl));
}

Result<SpillFile> SpillFile::sibling(std::size_t record_size) const {
  if (impl_->dir) return in_folder(*impl_->dir, record_size);
  return in_memory(record_size);
}

Result<void> SpillFile::append(const void* record) {
  const auto* bytes = static_cast<const char*>(record);
  impl_->tail.insert(impl_->tail.end(), bytes, bytes + impl_->record_size);
  if (impl_->fd && impl_->tail.size() >= kWriteBuffer) return impl_->write_out();
  return {};
}

Result<void> SpillFile::flush() { return impl_->write_out(); }

std::size_t SpillFile::size() const { return impl_->size(); }

std::size_t SpillFile::record_size() const { return impl_->record_size; }

Result<void> SpillFile::read(std::size_t first, std::size_t count, void* out) const {
  const std::size_t rs = impl_->record_size;
  if (count == 0) return {};
  if (first + count > impl_->size() || first + count < first)
    return fail("store", "a read outside " + std::string(kWhat));
  if (!impl_->fd) {
    std::memcpy(out, impl_->tail.data() + first * rs, count * rs);
    return {};
  }
  if (first + count > impl_->written)
    return fail("store", "a read of " + std::string(kWhat) + " before flush()");
  return read_exactly(impl_->fd.get(), out, count * rs, static_cast<off_t>(first * rs), kWhat);
}

Result<void> SpillFile::write(std::size_t index, const void* record) {
  const std::size_t rs = impl_->record_size;
  if (index >= impl_->size()) return fail("store", "a write outside " + std::string(kWhat));
  if (!impl_->fd || index >= impl_->written) {
    const std::size_t at = (impl_->fd ? index - impl_->written : index) * rs;
    std::memcpy(impl_->tail.data() + at, record, rs);
    return {};
  }
  return write_all(impl_->fd.get(), record, rs, kWhat, static_cast<off_t>(index * rs));
}

}  // namespace lg::io

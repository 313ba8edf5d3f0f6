#pragma once
/// A spill store for read records: events and rejections are appended in a compact binary
/// form to an unnamed temporary file (or to memory) and read back by reference, so a run over
/// a million records holds only small references, not the records. Reads are thread-safe.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "labelgen/core/event.hpp"
#include "labelgen/core/result.hpp"
#include "labelgen/events/reader.hpp"

namespace lg::events {

/// Where a record lies in the store.
struct StoreRef {
  std::uint64_t offset = 0;
  std::uint32_t size = 0;
};

class EventStore {
 public:
  /// A store backed by an unnamed temporary file (mode 0600, removed when closed or when the
  /// process dies) in `dir`, which must exist.
  static Result<EventStore> in_folder(const std::filesystem::path& dir);
  /// A store held in memory (small inputs, tests, `labelgen plan`).
  static EventStore in_memory();

  EventStore(EventStore&&) noexcept;
  EventStore& operator=(EventStore&&) noexcept;
  ~EventStore();

  /// Appends a record. Not thread-safe; call flush() before reading what was appended.
  Result<StoreRef> put(const SsrEvent& event);
  Result<StoreRef> put(const Rejection& rejection);
  /// Makes everything appended readable.
  Result<void> flush();

  /// Reads a record back exactly as it was put. Thread-safe after flush().
  Result<SsrEvent> event(StoreRef ref) const;
  Result<Rejection> rejection(StoreRef ref) const;

  /// Bytes appended so far.
  std::uint64_t size() const;
  /// The folder of a file-backed store (none in memory): where related scratch data belongs.
  std::optional<std::filesystem::path> folder() const;

 private:
  struct Impl;
  explicit EventStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lg::events

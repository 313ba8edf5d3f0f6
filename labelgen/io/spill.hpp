#pragma once
/// Spill arrays: fixed-size records appended to an unnamed temporary file (or held in memory
/// for small inputs and tests), read back by index or front to back, and sorted by an external
/// merge sort with bounded memory. They keep the per-record state of a million-record run on
/// disk, so a run's memory does not grow with its input.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <queue>
#include <type_traits>
#include <vector>

#include "labelgen/core/result.hpp"

namespace lg::io {

/// Untyped records of a fixed size.
class SpillFile {
 public:
  /// Records in an unnamed temporary file (mode 0600, gone when closed) in `dir`.
  static Result<SpillFile> in_folder(const std::filesystem::path& dir, std::size_t record_size);
  /// Records in memory.
  static SpillFile in_memory(std::size_t record_size);
  /// A new, empty spill file of the same kind: in the same folder, or in memory.
  Result<SpillFile> sibling(std::size_t record_size) const;

  SpillFile(SpillFile&&) noexcept;
  SpillFile& operator=(SpillFile&&) noexcept;
  ~SpillFile();

  /// Appends one record; flush() makes it readable.
  Result<void> append(const void* record);
  /// Makes every appended record readable.
  Result<void> flush();
  /// Records appended.
  std::size_t size() const;
  std::size_t record_size() const;
  /// Reads `count` records from index `first`. Thread-safe after flush().
  Result<void> read(std::size_t first, std::size_t count, void* out) const;
  /// Overwrites record `index` (which must be flushed).
  Result<void> write(std::size_t index, const void* record);

 private:
  struct Impl;
  explicit SpillFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Records of type T (trivially copyable) in a SpillFile.
template <class T>
class SpillArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  static Result<SpillArray> in_folder(const std::filesystem::path& dir) {
    auto f = SpillFile::in_folder(dir, sizeof(T));
    if (!f) return std::unexpected(f.error());
    return SpillArray(std::move(*f));
  }
  static SpillArray in_memory() { return SpillArray(SpillFile::in_memory(sizeof(T))); }
  /// An empty array of the kind of `other` (same folder, or memory).
  template <class U>
  static Result<SpillArray> like(const SpillArray<U>& other) {
    auto f = other.file().sibling(sizeof(T));
    if (!f) return std::unexpected(f.error());
    return SpillArray(std::move(*f));
  }

  Result<void> push_back(const T& value) { return file_.append(&value); }
  Result<void> flush() { return file_.flush(); }
  std::size_t size() const { return file_.size(); }
  bool empty() const { return size() == 0; }
  /// Thread-safe after flush().
  Result<void> read(std::size_t first, std::size_t count, T* out) const {
    return file_.read(first, count, out);
  }
  Result<T> get(std::size_t index) const {
    T value;
    if (auto ok = read(index, 1, &value); !ok) return std::unexpected(ok.error());
    return value;
  }
  Result<void> set(std::size_t index, const T& value) { return file_.write(index, &value); }
  const SpillFile& file() const { return file_; }

 private:
  explicit SpillArray(SpillFile file) : file_(std::move(file)) {}
  SpillFile file_;
};

/// Calls `f(index, record)` for every record of `array` (flushed), front to back, reading
/// `block` records at a time; stops at the first error `f` returns.
template <class T, class F>
Result<void> for_each_record(const SpillArray<T>& array, F&& f,
                             std::size_t block = (64 << 10) / sizeof(T) + 1) {
  std::vector<T> buffer(std::min(block, std::max<std::size_t>(array.size(), 1)));
  for (std::size_t first = 0; first < array.size(); first += buffer.size()) {
    const std::size_t count = std::min(buffer.size(), array.size() - first);
    if (auto ok = array.read(first, count, buffer.data()); !ok) return ok;
    for (std::size_t k = 0; k < count; ++k)
      if (auto ok = f(first + k, buffer[k]); !ok) return ok;
  }
  return {};
}

/// Random reads of a spill array through a one-block cache: cheap when nearby records are
/// read in turn. Not thread-safe.
template <class T>
class CachedReader {
 public:
  explicit CachedReader(const SpillArray<T>& array, std::size_t block = (4 << 10) / sizeof(T) + 1)
      : array_(&array), block_(block) {}
  Result<T> get(std::size_t index) {
    if (index >= array_->size()) return fail("store", "a read outside a temporary spill file");
    if (index < first_ || index >= first_ + buffer_.size()) {
      const std::size_t first = index - index % block_;
      buffer_.resize(std::min(block_, array_->size() - first));
      if (auto ok = array_->read(first, buffer_.size(), buffer_.data()); !ok) {
        buffer_.clear();
        return std::unexpected(ok.error());
      }
      first_ = first;
    }
    return buffer_[index - first_];
  }
  /// Drops the cached block (after the array was written).
  void invalidate() { buffer_.clear(); }

 private:
  const SpillArray<T>* array_;
  std::size_t block_;
  std::size_t first_ = 0;
  std::vector<T> buffer_;
};

/// Sorts `in` (flushed) into a new array of the same kind, stable under `less`, holding at most
/// about `memory_bytes` of records at a time: sorted runs are written to a temporary array and
/// merged.
template <class T, class Less>
Result<SpillArray<T>> sorted(const SpillArray<T>& in, Less less, std::size_t memory_bytes = 8 << 20) {
  auto out = SpillArray<T>::like(in);
  if (!out) return out;
  const std::size_t n = in.size();
  const std::size_t per_run = std::max<std::size_t>(memory_bytes / sizeof(T), 2);
  if (n <= per_run) {
    std::vector<T> all(n);
    if (auto ok = in.read(0, n, all.data()); !ok) return std::unexpected(ok.error());
    std::stable_sort(all.begin(), all.end(), less);
    for (const T& v : all)
      if (auto ok = out->push_back(v); !ok) return std::unexpected(ok.error());
    if (auto ok = out->flush(); !ok) return std::unexpected(ok.error());
    return out;
  }
  auto runs = SpillArray<T>::like(in);
  if (!runs) return runs;
  {
    std::vector<T> chunk;
    for (std::size_t first = 0; first < n; first += per_run) {
      chunk.resize(std::min(per_run, n - first));
      if (auto ok = in.read(first, chunk.size(), chunk.data()); !ok) return std::unexpected(ok.error());
      std::stable_sort(chunk.begin(), chunk.end(), less);
      for (const T& v : chunk)
        if (auto ok = runs->push_back(v); !ok) return std::unexpected(ok.error());
    }
    if (auto ok = runs->flush(); !ok) return std::unexpected(ok.error());
  }
  // Merge: one buffered cursor per run; equal records leave in run order (stability).
  struct Cursor {
    std::size_t next = 0, end = 0;  // records of the run not yet buffered
    std::vector<T> buffer;
    std::size_t pos = 0;
  };
  const std::size_t buffer_records = std::max<std::size_t>((64 << 10) / sizeof(T), 1);
  std::vector<Cursor> cursors;
  for (std::size_t first = 0; first < n; first += per_run)
    cursors.push_back({first, std::min(n, first + per_run), {}, 0});
  auto refill = [&](Cursor& c) -> Result<bool> {
    if (c.pos < c.buffer.size()) return true;
    if (c.next == c.end) return false;
    c.buffer.resize(std::min(buffer_records, c.end - c.next));
    if (auto ok = runs->read(c.next, c.buffer.size(), c.buffer.data()); !ok)
      return std::unexpected(ok.error());
    c.next += c.buffer.size();
    c.pos = 0;
    return true;
  };
  auto later = [&](std::size_t a, std::size_t b) {  // priority_queue keeps the greatest on top
    const T& x = cursors[a].buffer[cursors[a].pos];
    const T& y = cursors[b].buffer[cursors[b].pos];
    if (less(y, x)) return true;
    if (less(x, y)) return false;
    return a > b;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heap(later);
  for (std::size_t r = 0; r < cursors.size(); ++r) {
    auto has = refill(cursors[r]);
    if (!has) return std::unexpected(has.error());
    if (*has) heap.push(r);
  }
  while (!heap.empty()) {
    const std::size_t r = heap.top();
    heap.pop();
    Cursor& c = cursors[r];
    if (auto ok = out->push_back(c.buffer[c.pos++]); !ok) return std::unexpected(ok.error());
    auto has = refill(c);
    if (!has) return std::unexpected(has.error());
    if (*has) heap.push(r);
  }
  if (auto ok = out->flush(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace lg::io

#pragma once
/// Output files written atomically (temporary file in the same folder, fsync, rename) and
/// private to the owner (mode 0600; folders 0700).
#include <filesystem>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg::io {

/// Writes `content` to `path` atomically with mode 0600. Readers see the old file or the new
/// one, never a half-written one.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Writes `content` to `path` (mode 0600) without fsync or rename: for intermediate files
/// inside a private staging folder that a later step joins and removes.
Result<void> write_scratch_file(const std::filesystem::path& path, std::string_view content);

/// Creates an empty temporary file with mode 0600 next to `target` and returns its path (for
/// writers that fill a file themselves, such as libharu).
Result<std::filesystem::path> create_temp_for(const std::filesystem::path& target);
/// When a written file reaches the disk.
enum class Durability {
  Now,       ///< fsync before the rename, then the folder: durable on return
  Deferred,  ///< writeback is started, not waited for: the caller calls sync_folder() later
};

/// Renames `temp` over `target`, first flushing it to disk (Durability::Now) or only starting
/// its writeback (Deferred: a render thread does not wait for the disk; the batch's files are
/// flushed together before the ledger commits them); removes `temp` on failure.
Result<void> commit_temp(const std::filesystem::path& temp, const std::filesystem::path& target,
                         Durability durability = Durability::Now);

/// Flushes every regular file directly in `dir`, then `dir` itself: what Durability::Deferred
/// postponed. Files whose writeback was started early are mostly on disk already.
Result<void> sync_folder(const std::filesystem::path& dir);

/// Creates `dir` (and parents) with mode 0700 for the folders it creates.
Result<void> make_private_dir(const std::filesystem::path& dir);

}  // namespace lg::io

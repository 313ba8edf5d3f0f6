#pragma once
/// Official-SSR event input: CSV (RFC 4180, header row, any column order, UTF-8 with or
/// without BOM) and JSON Lines with the same fields. Every record ends as an event or a
/// rejection naming file, line, field and why; a bad record never stops the rest of a file.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "labelgen/core/event.hpp"

namespace lg::events {

/// Why a record could not be read. `reason` is a stable code (`invalid_ssid`,
/// `missing_column`, …); `message` is the human explanation.
struct Rejection {
  SourceRef source;
  std::string event_id;  ///< when it could be read
  std::string field;     ///< the offending column, or empty for whole-record problems
  std::string reason;
  std::string message;
  /// `file:line: field: message`, the form printed to operators.
  std::string describe() const;
};

enum class Format { Auto, Csv, JsonLines };

struct ReadOptions {
  Format format = Format::Auto;  ///< Auto: by extension (.jsonl/.ndjson → JSON Lines, else CSV)
  /// Threads in all: above 1, records are validated on `threads - 1` helper threads while the
  /// calling thread reads; the sink is still called on the calling thread, in input order.
  unsigned threads = 1;
};

/// Receives each record's outcome in input order.
struct EventSink {
  std::function<void(SsrEvent&&)> on_event;
  std::function<void(Rejection&&)> on_rejected;
};

/// Totals of one read.
struct ReadStats {
  std::size_t records = 0;
  std::size_t events = 0;
  std::size_t rejected = 0;
};

/// Streams every record of `files` to `sink`. A file that cannot be opened is reported as a
/// rejection with line 0 and reason `unreadable_file` (it holds no records we could count).
ReadStats read_events(const std::vector<std::filesystem::path>& files, const ReadOptions& options,
                      const EventSink& sink);

/// Convenience: collects everything in memory.
struct ReadResult {
  std::vector<std::string> files;  ///< in the order read
  std::vector<SsrEvent> events;
  std::vector<Rejection> rejected;
  ReadStats stats;
};
ReadResult read_all_events(const std::vector<std::filesystem::path>& files, const ReadOptions& options = {});

/// The required and optional column names, in documentation order.
const std::vector<std::string>& required_columns();
const std::vector<std::string>& optional_columns();

}  // namespace lg::events

#include "labelgen/events/reader.hpp"

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "labelgen/core/utf8.hpp"
#include "labelgen/events/csv.hpp"
#include "labelgen/events/record.hpp"

namespace lg::events {
namespace {

/// What one record became: an event, or a rejection (which may not count as a record: an
/// unreadable file holds none we could count).
struct Outcome {
  std::optional<SsrEvent> event;
  std::optional<Rejection> rejection;
  bool counts_as_record = true;
};

/// Where each schema column is among a record's fields (nullopt: the file lacks it).
using Columns = std::array<std::optional<std::size_t>, kColumnCount>;

/// Validates a record into its outcome (pure: runs on any thread).
Outcome decide(std::vector<std::string>&& fields, const Columns& columns, const SourceRef& source) {
  RawRecord raw;
  for (std::size_t c = 0; c < kColumnCount; ++c)
    if (columns[c] && *columns[c] < fields.size()) raw[c] = std::move(fields[*columns[c]]);
  Outcome o;
  SsrEvent ev;
  ev.source = source;
  if (auto rej = validate(raw, ev)) {
    rej->source = source;
    if (raw[kEventId] && !utf8::first_invalid(*raw[kEventId])) rej->event_id = *raw[kEventId];
    o.rejection = std::move(*rej);
  } else {
    o.event = std::move(ev);
  }
  return o;
}

/// Counts outcomes and forwards them to the caller's sink, in input order, on the calling
/// thread. With helper threads, records are validated in batches on the helpers while this
/// thread goes on splitting the file; finished batches are emitted in the order they were read.
class Emitter {
 public:
  Emitter(const EventSink& sink, ReadStats& stats, unsigned helpers) : sink_(sink), stats_(stats) {
    for (unsigned i = 0; i < helpers; ++i) workers_.emplace_back([this] { work(); });
  }
  Emitter(const Emitter&) = delete;
  Emitter& operator=(const Emitter&) = delete;
  ~Emitter() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (auto& w : workers_) w.join();
  }

  void rejected(Rejection&& r, bool counts_as_record = true) {
    Outcome o;
    o.rejection = std::move(r);
    o.counts_as_record = counts_as_record;
    if (workers_.empty()) return emit(std::move(o));
    batch_.push_back({{}, {}, {}, std::make_unique<Outcome>(std::move(o))});
    if (batch_.size() >= kBatch) submit();
  }
  /// Validates a record (here, or on a helper) and emits its outcome in order. `fields` are
  /// the record's values; `columns` says which schema column each field is.
  void record(std::vector<std::string>&& fields, std::shared_ptr<const Columns> columns,
              const SourceRef& source) {
    if (workers_.empty()) return emit(decide(std::move(fields), *columns, source));
    batch_.push_back({std::move(fields), std::move(columns), source, nullptr});
    if (batch_.size() >= kBatch) submit();
  }
  /// Emits everything still pending. Call at the end of the input (and before anything is
  /// reported outside this emitter).
  void finish() {
    if (workers_.empty()) return;
    if (!batch_.empty()) submit();
    while (next_emit_ < next_seq_) emit_next(true);
  }

 private:
  static constexpr std::size_t kBatch = 1024;
  static constexpr std::size_t kInFlight = 8;  ///< batches read ahead: bounds the memory held
  struct Item {
    std::vector<std::string> fields;  ///< a CSV record as split, or one JSON record's values
    std::shared_ptr<const Columns> columns;
    SourceRef source;
    std::unique_ptr<Outcome> decided;  ///< set when the reader already decided (a rejection)
  };
  struct Job {
    std::size_t seq;
    std::vector<Item> items;
  };

  void emit(Outcome&& o) {
    if (o.event) {
      ++stats_.records;
      ++stats_.events;
      if (sink_.on_event) sink_.on_event(std::move(*o.event));
    } else if (o.rejection) {
      if (o.counts_as_record) ++stats_.records;
      ++stats_.rejected;
      if (sink_.on_rejected) sink_.on_rejected(std::move(*o.rejection));
    }
  }

  void submit() {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back({next_seq_++, std::move(batch_)});
    }
    batch_.clear();  // moved from: valid and empty
    batch_.reserve(kBatch);
    work_ready_.notify_one();
    // Emit what is done; wait only when too much is read ahead.
    while (next_emit_ < next_seq_ && emit_next(next_seq_ - next_emit_ > kInFlight)) {
    }
  }

  /// Emits the next batch in order if it is done (or, with `wait`, once it is). Returns
  /// whether one was emitted.
  bool emit_next(bool wait) {
    std::vector<Outcome> outcomes;
    {
      std::unique_lock lock(mutex_);
      if (wait) done_ready_.wait(lock, [&] { return failure_ || done_.count(next_emit_) > 0; });
      if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
      auto it = done_.find(next_emit_);
      if (it == done_.end()) return false;
      outcomes = std::move(it->second);
      done_.erase(it);
    }
    ++next_emit_;
    for (auto& o : outcomes) emit(std::move(o));
    return true;
  }

  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      std::vector<Outcome> outcomes;
      try {
        outcomes.reserve(job.items.size());
        for (auto& item : job.items)
          outcomes.push_back(item.decided ? std::move(*item.decided)
                                          : decide(std::move(item.fields), *item.columns, item.source));
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
        outcomes.clear();
      }
      {
        std::lock_guard lock(mutex_);
        done_.emplace(job.seq, std::move(outcomes));
      }
      done_ready_.notify_all();
    }
  }

  const EventSink& sink_;
  ReadStats& stats_;
  std::vector<Item> batch_;
  std::size_t next_seq_ = 0, next_emit_ = 0;
  std::mutex mutex_;
  std::condition_variable work_ready_, done_ready_;
  std::deque<Job> jobs_;
  std::map<std::size_t, std::vector<Outcome>> done_;
  std::exception_ptr failure_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // last: joined (in the destructor) before the rest goes
};

Rejection whole_record(const SourceRef& src, std::string field, std::string reason, std::string message) {
  Rejection r;
  r.source = src;
  r.field = std::move(field);
  r.reason = std::move(reason);
  r.message = std::move(message);
  return r;
}

void read_csv(const std::filesystem::path& path, Emitter& out) {
  const std::string file = path.string();
  CsvReader reader(path);
  if (!reader.ok()) {
    out.rejected(whole_record({file, 0, 0}, "", "unreadable_file", "cannot open: " + reader.error()), false);
    return;
  }
  CsvRecord rec;
  if (!reader.next(rec)) return;  // empty file: no records
  // Header: map each schema column to its position.
  auto columns = std::make_shared<Columns>();
  Columns& position = *columns;
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    std::string name = rec.fields[i];
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r')) name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    if (auto col = column_index(name)) position[*col] = i;
  }
  for (std::size_t c = 0; c < kRequiredCount; ++c)
    if (!position[c]) missing.push_back(column_name(c));
  const std::size_t width = rec.fields.size();

  std::size_t index = 0;
  while (reader.next(rec)) {
    SourceRef src{file, rec.line, ++index};
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      out.rejected(whole_record(src, missing.front(), "missing_column",
                                "the header (line 1) lacks required column(s): " + list));
      continue;
    }
    if (rec.unterminated_quote) {
      out.rejected(whole_record(src, "", "unterminated_quote",
                                "a quoted field opened on this line is never closed; the record was cut at "
                                "this line and reading resumed on the next"));
      continue;
    }
    if (rec.fields.size() != width) {
      // Name the first schema column a short record lacks; a long record has no such column.
      std::string field;
      for (std::size_t c = 0; c < kColumnCount && rec.fields.size() < width; ++c)
        if (position[c] && *position[c] >= rec.fields.size() &&
            (field.empty() || *position[c] < *position[*column_index(field)]))
          field = column_name(c);
      out.rejected(whole_record(
          src, field, "field_count",
          "has " + std::to_string(rec.fields.size()) + " fields, the header has " + std::to_string(width)));
      continue;
    }
    out.record(std::move(rec.fields), columns, src);
    rec.fields = {};
    rec.fields.reserve(width);
  }
}

/// Columns of a JSON record: field i is column i, where the record has it.
std::shared_ptr<const Columns> present_columns(const RawRecord& raw) {
  auto columns = std::make_shared<Columns>();
  for (std::size_t c = 0; c < kColumnCount; ++c)
    if (raw[c]) (*columns)[c] = c;
  return columns;
}

void read_jsonl(const std::filesystem::path& path, Emitter& out) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.rejected(whole_record({file, 0, 0}, "", "unreadable_file", "cannot open"), false);
    return;
  }
  std::string line;
  std::size_t line_no = 0, index = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    SourceRef src{file, line_no, ++index};
    // Invalid UTF-8 bytes become U+FFFD so the JSON parses and the field can be named.
    std::string text = line;
    bool had_invalid = false;
    if (utf8::first_invalid(text)) {
      had_invalid = true;
      std::string fixed;
      for (std::size_t i = 0; i < text.size();) {
        auto rest = std::string_view(text).substr(i);
        auto bad = utf8::first_invalid(rest);
        if (!bad) {
          fixed.append(rest);
          break;
        }
        fixed.append(rest.substr(0, *bad));
        fixed.append("\xEF\xBF\xBD");
        i += *bad + 1;
      }
      text = std::move(fixed);
    }
    nlohmann::json obj;
    try {
      obj = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e400
      out.rejected(whole_record(src, "", "malformed_json", std::string("is not valid JSON: ") + e.what()));
      continue;
    }
    if (!obj.is_object()) {
      out.rejected(whole_record(src, "", "malformed_json", "is not a JSON object"));
      continue;
    }
    RawRecord raw;
    std::optional<Rejection> problem;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      auto col = column_index(it.key());
      if (!col) continue;  // unknown keys are ignored, as unknown CSV columns are
      const auto& value = it.value();
      if (value.is_null()) continue;
      if (value.is_string()) {
        std::string s = value.get<std::string>();
        if (had_invalid && s.find("\xEF\xBF\xBD") != std::string::npos && !problem)
          problem = whole_record(src, it.key(), "invalid_utf8", "is not valid UTF-8; save the file as UTF-8");
        raw[*col] = std::move(s);
      } else if (value.is_number_integer() && (*col == kForm || *col == kGrade)) {
        raw[*col] = value.dump();
      } else if (!problem) {
        problem =
            whole_record(src, it.key(), "invalid_" + it.key(), "must be a JSON string, got " + value.dump());
      }
    }
    if (problem) {
      if (raw[kEventId]) problem->event_id = *raw[kEventId];
      out.rejected(std::move(*problem));
      continue;
    }
    auto columns = present_columns(raw);
    std::vector<std::string> fields;
    for (auto& value : raw) fields.push_back(value ? std::move(*value) : std::string());
    out.record(std::move(fields), std::move(columns), src);
  }
}

bool is_jsonl(const std::filesystem::path& p, Format f) {
  if (f != Format::Auto) return f == Format::JsonLines;
  auto ext = p.extension().string();
  return ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
}

}  // namespace

std::string Rejection::describe() const {
  std::string s = source.file + ":" + std::to_string(source.line) + ": ";
  if (!field.empty()) s += field + ": ";
  s += message;
  if (!event_id.empty()) s += " (event " + event_id + ")";
  return s;
}

ReadStats read_events(const std::vector<std::filesystem::path>& files, const ReadOptions& options,
                      const EventSink& sink) {
  ReadStats stats;
  Emitter out(sink, stats, options.threads > 1 ? options.threads - 1 : 0);
  for (const auto& f : files) {
    if (is_jsonl(f, options.format))
      read_jsonl(f, out);
    else
      read_csv(f, out);
  }
  out.finish();
  return stats;
}

ReadResult read_all_events(const std::vector<std::filesystem::path>& files, const ReadOptions& options) {
  ReadResult result;
  for (const auto& f : files) result.files.push_back(f.string());
  EventSink sink{[&](SsrEvent&& e) { result.events.push_back(std::move(e)); },
                 [&](Rejection&& r) { result.rejected.push_back(std::move(r)); }};
  result.stats = read_events(files, options, sink);
  return result;
}

const std::vector<std::string>& required_columns() {
  static const std::vector<std::string> cols = [] {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < kRequiredCount; ++i) v.push_back(column_name(i));
    return v;
  }();
  return cols;
}

const std::vector<std::string>& optional_columns() {
  static const std::vector<std::string> cols{column_name(kCharterNumber), column_name(kParentNotifiedOn)};
  return cols;
}

}  // namespace lg::events

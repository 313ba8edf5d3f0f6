#include "labelgen/events/reader.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "labelgen/core/utf8.hpp"
#include "labelgen/events/csv.hpp"
#include "labelgen/events/record.hpp"

namespace lg::events {
namespace {

/// Counts outcomes and forwards them to the caller's sink.
class Emitter {
 public:
  Emitter(const EventSink& sink, ReadStats& stats) : sink_(sink), stats_(stats) {}

  void event(SsrEvent&& ev) {
    ++stats_.records;
    ++stats_.events;
    if (sink_.on_event) sink_.on_event(std::move(ev));
  }
  void rejected(Rejection&& r, bool counts_as_record = true) {
    if (counts_as_record) ++stats_.records;
    ++stats_.rejected;
    if (sink_.on_rejected) sink_.on_rejected(std::move(r));
  }
  /// Validates a raw record and emits its outcome.
  void record(const RawRecord& raw, const SourceRef& source) {
    SsrEvent ev;
    ev.source = source;
    if (auto rej = validate(raw, ev)) {
      rej->source = source;
      if (raw[kEventId] && !utf8::first_invalid(*raw[kEventId])) rej->event_id = *raw[kEventId];
      rejected(std::move(*rej));
    } else {
      event(std::move(ev));
    }
  }

 private:
  const EventSink& sink_;
  ReadStats& stats_;
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
  std::array<std::optional<std::size_t>, kColumnCount> position;
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
      out.rejected(whole_record(src, field, "field_count",
                                "has " + std::to_string(rec.fields.size()) + " fields, the header has " +
                                    std::to_string(width)));
      continue;
    }
    RawRecord raw;
    for (std::size_t c = 0; c < kColumnCount; ++c)
      if (position[c]) raw[c] = std::move(rec.fields[*position[c]]);
    out.record(raw, src);
  }
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
        problem = whole_record(src, it.key(), "invalid_" + it.key(), "must be a JSON string, got " + value.dump());
      }
    }
    if (problem) {
      if (raw[kEventId]) problem->event_id = *raw[kEventId];
      out.rejected(std::move(*problem));
      continue;
    }
    out.record(raw, src);
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
  Emitter out(sink, stats);
  for (const auto& f : files) {
    if (is_jsonl(f, options.format))
      read_jsonl(f, out);
    else
      read_csv(f, out);
  }
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

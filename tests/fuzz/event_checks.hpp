#pragma once
/// Invariants of one events read (tests/fuzz/targets/events_*.cpp): every record ends as an
/// event or as a rejection naming file, line and (where it is about one) field; the counts add
/// up; record numbers run 1, 2, 3 … in input order on increasing lines; every event is valid.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "labelgen/core/utf8.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/events/record.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace lg::fuzz {

/// Where one record ended.
struct Outcome {
  std::size_t line = 0;
  std::size_t record = 0;
  bool event = false;
};

inline void check_event(const SsrEvent& e) {
  LG_FUZZ_CHECK(!e.event_id.empty() && !utf8::first_invalid(e.event_id));
  LG_FUZZ_CHECK(e.event_id.front() != ' ' && e.event_id.back() != ' ');
  auto ssid = Ssid::parse(e.ssid.str());
  LG_FUZZ_CHECK(ssid && *ssid == e.ssid);
  auto lea = CdsCode::parse(e.lea_cds.str());
  auto school = CdsCode::parse(e.school_cds.str());
  LG_FUZZ_CHECK(lea && school && school->county_district() == lea->county_district());
  LG_FUZZ_CHECK(lea->is_district_level() || school->str() == lea->str());
  LG_FUZZ_CHECK(e.birth_date < e.test_completed_on);
  LG_FUZZ_CHECK(e.test_completed_on <= e.ssr_generated_at.date);
  LG_FUZZ_CHECK(!e.parent_notified_on || e.ssr_generated_at.date <= *e.parent_notified_on);
  LG_FUZZ_CHECK(e.charter_number.empty() || e.charter_number.size() == 4);
  LG_FUZZ_CHECK(!e.name.last.empty() && !e.name.first.empty());
  const std::string printed = e.name.label_form();
  LG_FUZZ_CHECK(!utf8::first_invalid(printed) && !utf8::first_invalid(e.name.full()));
  LG_FUZZ_CHECK(!utf8::first_invalid(e.lea_name) && !utf8::first_invalid(e.school_name));
}

inline void check_rejection(const events::Rejection& r) {
  static const std::set<std::string> kWholeRecord{"unterminated_quote", "malformed_json", "field_count"};
  LG_FUZZ_CHECK(r.source.line >= 1 && r.source.record >= 1);
  LG_FUZZ_CHECK(!r.reason.empty() && !r.message.empty());
  // The field is a schema column; only whole-record problems may leave it empty.
  LG_FUZZ_CHECK(r.field.empty() ? kWholeRecord.count(r.reason) == 1
                                : events::column_index(r.field).has_value());
  LG_FUZZ_CHECK(!utf8::first_invalid(r.event_id));
  const std::string where = r.source.file + ":" + std::to_string(r.source.line) + ": ";
  LG_FUZZ_CHECK(r.describe().rfind(where, 0) == 0);
}

/// Reads `path` as `format`, checking every outcome; returns them in input order.
inline std::vector<Outcome> read_and_check(const std::filesystem::path& path, events::Format format) {
  std::vector<Outcome> out;
  events::EventSink sink{[&](SsrEvent&& e) {
                           LG_FUZZ_CHECK(e.source.file == path.string());
                           check_event(e);
                           out.push_back({e.source.line, e.source.record, true});
                         },
                         [&](events::Rejection&& r) {
                           LG_FUZZ_CHECK(r.source.file == path.string());
                           LG_FUZZ_CHECK(r.reason != "unreadable_file");
                           check_rejection(r);
                           out.push_back({r.source.line, r.source.record, false});
                         }};
  const auto stats = events::read_events({path}, events::ReadOptions{format}, sink);
  std::size_t events = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    events += out[i].event ? 1 : 0;
    LG_FUZZ_CHECK(out[i].record == i + 1);
    LG_FUZZ_CHECK(i == 0 || out[i].line > out[i - 1].line);
  }
  LG_FUZZ_CHECK(stats.records == out.size());
  LG_FUZZ_CHECK(stats.records == stats.events + stats.rejected);
  LG_FUZZ_CHECK(stats.events == events);
  return out;
}

}  // namespace lg::fuzz

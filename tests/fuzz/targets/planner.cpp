// Fuzz target: the planner (labelgen/rules/planner) behind `labelgen run`, on events CSV.
// Beyond "no crash": every record gets exactly one decision and the counts add up; each
// decision and label can be rebuilt from the record store; no student (SSID) gets two
// labels, no event id labels twice; and the streaming planner decides exactly as make_plan
// does on the same input read in memory.
#include "labelgen/rules/planner.hpp"

#include <cstdint>
#include <set>
#include <string>

#include "labelgen/admin/administration.hpp"
#include "labelgen/events/reader.hpp"
#include "labelgen/events/store.hpp"
#include "labelgen/rules/plan.hpp"
#include "labelgen/rules/report.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

const lg::admin::Administration& administration() {
  static const auto admin = [] {
    auto a = lg::admin::load_administration(lg::fuzz::repo_dir() / "templates/administrations/2024-25.toml");
    LG_FUZZ_CHECK(a.has_value());
    return *a;
  }();
  return admin;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("events.csv");
  const auto& path = file.write(data, size);
  const auto& admin = administration();
  lg::rules::PlanOptions options;
  // The first byte chooses whether --through applies, so both paths are explored.
  if (size > 0 && (data[0] & 1)) options.through = lg::Date::from_ymd(2024, 12, 31);

  auto store = lg::events::EventStore::in_memory();
  lg::rules::Planner planner(admin, options, store);
  lg::events::EventSink sink;
  sink.on_event = [&](lg::SsrEvent&& e) { LG_FUZZ_CHECK(planner.add(e).has_value()); };
  sink.on_rejected = [&](lg::events::Rejection&& r) { LG_FUZZ_CHECK(planner.add(r).has_value()); };
  const auto stats = lg::events::read_events({path}, {lg::events::Format::Csv}, sink);
  LG_FUZZ_CHECK(planner.finish().has_value());

  const auto counts = planner.counts();
  LG_FUZZ_CHECK(counts.records == planner.size());
  LG_FUZZ_CHECK(counts.records == stats.records);
  LG_FUZZ_CHECK(counts.labelled + counts.skipped_total + counts.rejected_total == counts.records);

  std::string streamed = lg::rules::decisions_csv_header();
  std::set<std::string> ssids, event_ids;
  std::size_t labels = 0, previous_record = 0;
  for (std::size_t i = 0; i < planner.size(); ++i) {
    auto d = planner.decision(i);
    LG_FUZZ_CHECK(d.has_value());
    LG_FUZZ_CHECK(d->outcome == planner.planned(i)->outcome());
    LG_FUZZ_CHECK(d->source.record > previous_record);  // one file: records in order
    previous_record = d->source.record;
    LG_FUZZ_CHECK((d->outcome == lg::rules::Outcome::Label) == d->reason.empty());
    if (d->outcome == lg::rules::Outcome::Label) {
      ++labels;
      auto label = planner.label(i);
      LG_FUZZ_CHECK(label.has_value());
      LG_FUZZ_CHECK(label->event.event_id == d->event_id);
      LG_FUZZ_CHECK(label->event.ssid.str() == d->ssid);
      LG_FUZZ_CHECK(ssids.insert(d->ssid).second);
      LG_FUZZ_CHECK(event_ids.insert(d->event_id).second);
    }
    if (d->reason == lg::rules::skip::kSuperseded) LG_FUZZ_CHECK(!d->superseded_by.empty());
    streamed += lg::rules::decisions_csv_row(*d);
  }
  LG_FUZZ_CHECK(labels == counts.labelled);
  LG_FUZZ_CHECK(planner.labelled()->size() == labels);

  // The same input through make_plan (read in memory, then planned) decides the same.
  auto plan =
      lg::rules::make_plan(admin, lg::events::read_all_events({path}, {lg::events::Format::Csv}), options);
  LG_FUZZ_CHECK(lg::rules::decisions_csv(plan) == streamed);
  LG_FUZZ_CHECK(plan.labels.size() == labels);
  return 0;
}

#include "labelgen/rules/plan.hpp"

#include <stdexcept>

#include "labelgen/rules/planner.hpp"

namespace lg::rules {

std::string_view outcome_code(Outcome o) {
  switch (o) {
    case Outcome::Label:
      return "label";
    case Outcome::Skipped:
      return "skipped";
    case Outcome::Rejected:
      return "rejected";
  }
  return "rejected";
}

std::vector<std::string> changed_fields(const SsrEvent& a, const SsrEvent& b) {
  std::vector<std::string> out;
  if (a.name.last != b.name.last) out.push_back("last_name");
  if (a.name.first != b.name.first) out.push_back("first_name");
  if (a.name.middle != b.name.middle) out.push_back("middle_name");
  if (a.birth_date != b.birth_date) out.push_back("birth_date");
  if (a.grade != b.grade) out.push_back("grade");
  if (a.lea_cds != b.lea_cds) out.push_back("lea_cds");
  if (a.school_cds != b.school_cds) out.push_back("school_cds");
  if (a.form != b.form) out.push_back("form");
  if (a.test_completed_on != b.test_completed_on) out.push_back("test_completed_on");
  if (a.mode != b.mode) out.push_back("mode");
  if (a.answer_book != b.answer_book) out.push_back("answer_book");
  if (a.parent_notified_on != b.parent_notified_on) out.push_back("parent_notified_on");
  return out;
}

Plan make_plan(const admin::Administration& admin, events::ReadResult&& input, const PlanOptions& options) {
  auto store = events::EventStore::in_memory();
  Planner planner(admin, options, store);
  // An internal store error here (memory only) is a bug, not bad input.
  auto check = [](Result<void> ok) {
    if (!ok) throw std::runtime_error("planning: " + ok.error().message);
  };
  for (const auto& f : input.files) planner.declare_file(f);
  for (const auto& ev : input.events) check(planner.add(ev));
  for (const auto& r : input.rejected) check(planner.add(r));
  std::vector<SsrEvent>().swap(input.events);
  check(planner.finish());

  Plan plan;
  plan.records = input.stats.records;
  plan.decisions.reserve(planner.size());
  check(planner.for_each_decision([&](const Decision& d) -> Result<void> {
    plan.decisions.push_back(d);
    return {};
  }));
  auto labelled = planner.labelled();
  if (!labelled) check(std::unexpected(labelled.error()));
  plan.labels.reserve(labelled->size());
  for (std::uint32_t i : *labelled) {
    auto label = planner.label(i);
    if (!label) check(std::unexpected(label.error()));
    plan.labels.push_back(std::move(*label));
  }
  auto counts = planner.counts();  // a copy: its maps move into the plan
  plan.labelled = counts.labelled;
  plan.skipped_total = counts.skipped_total;
  plan.rejected_total = counts.rejected_total;
  plan.skipped = std::move(counts.skipped);
  plan.rejected = std::move(counts.rejected);
  plan.batches = planner.batches();
  plan.corrections = planner.corrections();
  return plan;
}

}  // namespace lg::rules

#include "labelgen/rules/plan.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace lg::rules {
namespace {

struct Eligibility {
  const char* reason = nullptr;  // nullptr: label
  std::string detail;
  const admin::Program* program = nullptr;
  const admin::Window* window = nullptr;
};

std::string form_list(const std::vector<const admin::Program*>& programs) {
  std::string s;
  for (const auto* p : programs) s += (s.empty() ? "Form " : ", Form ") + std::to_string(form_number(p->form));
  return s;
}

Eligibility decide(const admin::Administration& admin, const SsrEvent& ev) {
  Eligibility e;
  auto programs = admin.programs_selecting(ev.lea_cds);
  if (programs.empty()) {
    e.reason = skip::kLeaNotSelected;
    e.detail = "LEA " + ev.lea_cds.str() + " is not selected to return answer books in " + admin.year.str();
    return e;
  }
  for (const auto* p : programs)
    if (p->form == ev.form) e.program = p;
  if (!e.program) {
    e.reason = skip::kFormNotSelected;
    e.detail = "tested with Form " + std::to_string(form_number(ev.form)) + "; the LEA returns " +
               form_list(programs) + " books only";
    return e;
  }
  const Grade tested_as = testing_grade(ev.grade);
  if (std::find(e.program->grades.begin(), e.program->grades.end(), tested_as) == e.program->grades.end()) {
    e.reason = skip::kGradeOutOfScope;
    e.detail = "grade " + std::string(grade_code(ev.grade)) + " is outside " + e.program->name + "'s grades";
    return e;
  }
  if (admin.tested_on_or_before && ev.test_completed_on > *admin.tested_on_or_before) {
    e.reason = skip::kTestedAfterLast;
    e.detail = "tested " + ev.test_completed_on.iso() + "; only books tested on or before " +
               admin.tested_on_or_before->iso() + " are returned";
    return e;
  }
  if (!admin.windows.empty()) {
    e.window = admin.window_for(ev.test_completed_on);
    if (!e.window) {
      if (ev.test_completed_on > admin.windows.back().end) {
        e.reason = skip::kTestedAfterLast;
        e.detail = "tested " + ev.test_completed_on.iso() + ", after the last window ended " +
                   admin.windows.back().end.iso();
      } else {
        e.reason = skip::kTestedOutsideWindows;
        e.detail = "tested " + ev.test_completed_on.iso() + ", outside every administration window";
      }
      return e;
    }
  }
  if (ev.answer_book == AnswerBook::Incomplete) {
    e.reason = skip::kBookIncomplete;
    e.detail = "answer book incomplete: incomplete books are not returned";
    return e;
  }
  if (ev.answer_book == AnswerBook::None) {
    e.reason = skip::kBookNone;
    e.detail = "no answer book was returned to the LEA";
    return e;
  }
  return e;
}

bool same_record(const SsrEvent& a, const SsrEvent& b) {
  return a.ssid == b.ssid && a.ssr_generated_at.order_key == b.ssr_generated_at.order_key &&
         changed_fields(a, b).empty();
}

}  // namespace

std::string_view outcome_code(Outcome o) {
  switch (o) {
    case Outcome::Label: return "label";
    case Outcome::Skipped: return "skipped";
    case Outcome::Rejected: return "rejected";
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
  Plan plan;
  plan.records = input.stats.records;

  // Every record gets a decision slot in input order: events and rejections are interleaved by
  // (file order, record index). Rejections for unreadable files carry no record.
  struct Slot {
    std::size_t file_order;
    std::size_t record;
    bool is_event;
    std::size_t index;
  };
  auto order_of = [&](const std::string& f) {
    auto it = std::find(input.files.begin(), input.files.end(), f);
    return static_cast<std::size_t>(it - input.files.begin());
  };
  std::vector<Slot> slots;
  slots.reserve(input.events.size() + input.rejected.size());
  for (std::size_t i = 0; i < input.events.size(); ++i)
    slots.push_back({order_of(input.events[i].source.file), input.events[i].source.record, true, i});
  for (std::size_t i = 0; i < input.rejected.size(); ++i)
    if (input.rejected[i].source.record > 0)
      slots.push_back({order_of(input.rejected[i].source.file), input.rejected[i].source.record, false, i});
  std::stable_sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return std::tie(a.file_order, a.record) < std::tie(b.file_order, b.record);
  });

  // Decisions are made in place, in their final (input) order: no second copy of them.
  plan.decisions.resize(slots.size());
  std::vector<std::size_t> event_slot(input.events.size());
  for (std::size_t k = 0; k < slots.size(); ++k)
    if (slots[k].is_event) event_slot[slots[k].index] = k;
  auto event_decision = [&](std::size_t i) -> Decision& { return plan.decisions[event_slot[i]]; };
  std::vector<bool> active(input.events.size(), true);

  auto set_skip = [&](std::size_t i, const char* reason, std::string detail) {
    Decision& d = event_decision(i);
    d.outcome = Outcome::Skipped;
    d.reason = reason;
    d.detail = std::move(detail);
    active[i] = false;
  };

  // Base decision fields, then --through.
  for (std::size_t i = 0; i < input.events.size(); ++i) {
    const auto& ev = input.events[i];
    auto& d = event_decision(i);
    d.source = ev.source;
    d.event_id = ev.event_id;
    d.ssid = ev.ssid.str();
    d.lea_cds = ev.lea_cds.str();
    d.school_cds = ev.school_cds.str();
    d.form = ev.form;
    d.grade = ev.grade;
    d.batch = ev.ssr_generated_at.date.year_month();
    if (options.through && ev.ssr_generated_at.date > *options.through)
      set_skip(i, skip::kAfterThrough,
               "official SSR generated " + ev.ssr_generated_at.date.iso() + ", after --through " +
                   options.through->iso());
  }

  // Repeated event ids: identical repeats are skipped, conflicting ones rejected.
  {
    std::unordered_map<std::string, std::size_t> first_by_id;
    for (std::size_t i = 0; i < input.events.size(); ++i) {
      auto [it, inserted] = first_by_id.emplace(input.events[i].event_id, i);
      if (inserted) continue;
      const auto& first = input.events[it->second];
      const std::string where = first.source.file + ":" + std::to_string(first.source.line);
      if (same_record(first, input.events[i])) {
        set_skip(i, skip::kDuplicate, "repeats event " + first.event_id + " of " + where);
      } else {
        auto& d = event_decision(i);
        d.outcome = Outcome::Rejected;
        d.reason = "duplicate_event_id";
        d.field = "event_id";
        d.detail = "event id " + first.event_id + " was already used by a different record at " + where;
        active[i] = false;
      }
    }
  }

  // Corrected SSRs: per student, the latest ssr_generated_at wins (later input wins a tie).
  {
    std::unordered_map<std::string, std::size_t> latest;
    for (std::size_t i = 0; i < input.events.size(); ++i) {
      if (!active[i]) continue;
      auto [it, inserted] = latest.emplace(input.events[i].ssid.str(), i);
      if (!inserted && !(input.events[i].ssr_generated_at < input.events[it->second].ssr_generated_at))
        it->second = i;
    }
    for (std::size_t i = 0; i < input.events.size(); ++i) {
      if (!active[i]) continue;
      const std::size_t w = latest[input.events[i].ssid.str()];
      if (w == i) continue;
      const auto& winner = input.events[w];
      auto changed = changed_fields(input.events[i], winner);
      set_skip(i, skip::kSuperseded,
               "superseded by event " + winner.event_id + " (SSR " + winner.ssr_generated_at.text + ")");
      Decision& d = event_decision(i);
      d.superseded_by = winner.event_id;
      d.changed = changed;
      plan.corrections.push_back({input.events[i].ssid.str(), input.events[i].event_id, winner.event_id, changed});
    }
  }

  // Eligibility of the remaining (latest) events.
  std::map<std::tuple<std::string, int, std::string, std::string>, std::size_t> batch_index;
  std::vector<std::pair<std::size_t, const admin::Program*>> labelled;  // event index, program
  for (std::size_t i = 0; i < input.events.size(); ++i) {
    if (!active[i]) continue;
    auto& ev = input.events[i];
    auto& d = event_decision(i);
    Eligibility e = decide(admin, ev);
    if (e.window) d.window = *e.window;
    if (e.reason) {
      set_skip(i, e.reason, std::move(e.detail));
      continue;
    }
    d.outcome = Outcome::Label;
    if (ev.parent_notified_on) d.hold_until = ev.parent_notified_on->plus_days(admin.hold_days);
    const auto key = std::make_tuple(ev.lea_cds.str(), form_number(ev.form),
                                     e.window ? e.window->start.iso() : std::string(), d.batch);
    auto [it, inserted] = batch_index.emplace(key, plan.batches.size());
    if (inserted) plan.batches.push_back({ev.lea_cds.str(), ev.lea_name, ev.form, d.window, d.batch, 0});
    ++plan.batches[it->second].count;
    labelled.emplace_back(i, e.program);
  }
  // Labels are built once their number is known: the vector never grows by copying (at
  // 100,000 events its growth was the largest allocation of the whole run).
  plan.labels.reserve(labelled.size());
  for (const auto& [i, program] : labelled) {
    const Decision& d = event_decision(i);
    Label label;
    label.program = program;
    label.window = d.window;
    label.batch = d.batch;
    label.hold_until = d.hold_until;
    label.event = std::move(input.events[i]);
    plan.labels.push_back(std::move(label));
  }
  std::sort(plan.batches.begin(), plan.batches.end(), [](const BatchCount& a, const BatchCount& b) {
    auto ws = [](const BatchCount& x) { return x.window ? x.window->start.iso() : std::string(); };
    return std::make_tuple(a.lea_cds, form_number(a.form), ws(a), a.batch) <
           std::make_tuple(b.lea_cds, form_number(b.form), ws(b), b.batch);
  });

  // Rejections of unreadable records take their slots; then count.
  for (std::size_t k = 0; k < slots.size(); ++k) {
    if (slots[k].is_event) continue;
    const auto& r = input.rejected[slots[k].index];
    Decision& d = plan.decisions[k];
    d.source = r.source;
    d.event_id = r.event_id;
    d.outcome = Outcome::Rejected;
    d.reason = r.reason;
    d.field = r.field;
    d.detail = r.message;
  }
  // The events moved into labels; the rest are decided. Release their storage now rather than
  // when the caller's ReadResult goes out of scope (at a million events, about 600 MB).
  std::vector<SsrEvent>().swap(input.events);
  for (const auto& d : plan.decisions) {
    switch (d.outcome) {
      case Outcome::Label: ++plan.labelled; break;
      case Outcome::Skipped: ++plan.skipped_total, ++plan.skipped[d.reason]; break;
      case Outcome::Rejected: ++plan.rejected_total, ++plan.rejected[d.reason]; break;
    }
  }
  return plan;
}

}  // namespace lg::rules

#include "labelgen/rules/planner.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <tuple>

namespace lg::rules {
namespace {

/// Skip and rejection reasons an entry can carry; index 0 is "none" (labels).
constexpr const char* kReasons[] = {
    "",
    skip::kAfterThrough,
    skip::kDuplicate,
    skip::kSuperseded,
    skip::kLeaNotSelected,
    skip::kFormNotSelected,
    skip::kGradeOutOfScope,
    skip::kTestedOutsideWindows,
    skip::kTestedAfterLast,
    skip::kBookIncomplete,
    skip::kBookNone,
    "already_labelled",
    "duplicate_event_id",
};
constexpr std::uint8_t kNone = 0, kAfterThrough = 1, kDuplicate = 2, kSuperseded = 3, kAlreadyLabelled = 11,
                       kDuplicateId = 12;

std::uint8_t reason_index(const char* reason) {
  if (!reason) return kNone;
  for (std::uint8_t i = 1; i < std::size(kReasons); ++i)
    if (std::string_view(kReasons[i]) == reason) return i;
  throw std::logic_error(std::string("unknown skip reason ") + reason);
}

struct Eligibility {
  const char* reason = nullptr;  // nullptr: label
  std::string detail;
  const admin::Program* program = nullptr;
  const admin::Window* window = nullptr;
};

std::string form_list(const std::vector<const admin::Program*>& programs) {
  std::string s;
  for (const auto* p : programs)
    s += (s.empty() ? "Form " : ", Form ") + std::to_string(form_number(p->form));
  return s;
}

/// Whether a latest, unrepeated SSR event gets a label, and why not. The human detail is
/// built only when `explain` (planning reads every record; decisions are rebuilt one by one).
Eligibility decide(const admin::Administration& admin, const SsrEvent& ev, bool explain) {
  Eligibility e;
  auto programs = admin.programs_selecting(ev.lea_cds);
  if (programs.empty()) {
    e.reason = skip::kLeaNotSelected;
    if (explain)
      e.detail = "LEA " + ev.lea_cds.str() + " is not selected to return answer books in " + admin.year.str();
    return e;
  }
  for (const auto* p : programs)
    if (p->form == ev.form) e.program = p;
  if (!e.program) {
    e.reason = skip::kFormNotSelected;
    if (explain)
      e.detail = "tested with Form " + std::to_string(form_number(ev.form)) + "; the LEA returns " +
                 form_list(programs) + " books only";
    return e;
  }
  const Grade tested_as = testing_grade(ev.grade);
  if (std::find(e.program->grades.begin(), e.program->grades.end(), tested_as) == e.program->grades.end()) {
    e.reason = skip::kGradeOutOfScope;
    if (explain)
      e.detail =
          "grade " + std::string(grade_code(ev.grade)) + " is outside " + e.program->name + "'s grades";
    return e;
  }
  if (admin.tested_on_or_before && ev.test_completed_on > *admin.tested_on_or_before) {
    e.reason = skip::kTestedAfterLast;
    if (explain)
      e.detail = "tested " + ev.test_completed_on.iso() + "; only books tested on or before " +
                 admin.tested_on_or_before->iso() + " are returned";
    return e;
  }
  if (!admin.windows.empty()) {
    e.window = admin.window_for(ev.test_completed_on);
    if (!e.window) {
      if (ev.test_completed_on > admin.windows.back().end) {
        e.reason = skip::kTestedAfterLast;
        if (explain)
          e.detail = "tested " + ev.test_completed_on.iso() + ", after the last window ended " +
                     admin.windows.back().end.iso();
      } else {
        e.reason = skip::kTestedOutsideWindows;
        if (explain)
          e.detail = "tested " + ev.test_completed_on.iso() + ", outside every administration window";
      }
      return e;
    }
  }
  if (ev.answer_book == AnswerBook::Incomplete) {
    e.reason = skip::kBookIncomplete;
    if (explain) e.detail = "answer book incomplete: incomplete books are not returned";
    return e;
  }
  if (ev.answer_book == AnswerBook::None) {
    e.reason = skip::kBookNone;
    if (explain) e.detail = "no answer book was returned to the LEA";
    return e;
  }
  return e;
}

bool same_record(const SsrEvent& a, const SsrEvent& b) {
  return a.ssid == b.ssid && a.ssr_generated_at.order_key == b.ssr_generated_at.order_key &&
         changed_fields(a, b).empty();
}

/// A store reference in 64 bits: offset (40 bits, 1 TiB) and size (24 bits, 16 MiB).
Result<std::uint64_t> pack_ref(events::StoreRef ref) {
  if (ref.size >= (1u << 24))
    return fail("", "a record of " + std::to_string(ref.size) + " bytes is too large");
  if (ref.offset >= (std::uint64_t{1} << 40)) return fail("", "more than 1 TiB of records");
  return ref.offset << 24 | ref.size;
}

std::string where(const SsrEvent& e) { return e.source.file + ":" + std::to_string(e.source.line); }

}  // namespace

std::uint64_t Planner::ssid_key(const Ssid& ssid) {
  std::uint64_t v = 0;
  for (char c : ssid.str()) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v;
}

Planner::Planner(const admin::Administration& admin, const PlanOptions& options, events::EventStore& store)
    : admin_(admin), options_(options), store_(store) {}

std::uint32_t Planner::intern(std::vector<std::pair<std::string, std::string>>& table, PairIndex& index,
                              const std::string& a, const std::string& b) {
  const std::pair<std::string_view, std::string_view> key(a, b);
  if (auto it = index.find(key); it != index.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(table.size());
  table.emplace_back(a, b);
  index.emplace(table.back(), id);
  return id;
}

namespace {
template <class Table>
std::uint16_t intern_string(Table& table, const std::string& s) {
  auto it = std::find(table.begin(), table.end(), s);
  if (it != table.end()) return static_cast<std::uint16_t>(it - table.begin());
  if (table.size() >= std::numeric_limits<std::uint16_t>::max())
    throw std::length_error("more than 65,535 distinct values of a planner table");
  table.push_back(s);
  return static_cast<std::uint16_t>(table.size() - 1);
}
}  // namespace

void Planner::declare_file(const std::string& file) { intern_string(files_, file); }

Result<Planner::Entry> Planner::stored_entry(Result<events::StoreRef> ref, Kind kind,
                                             const SourceRef& source) {
  if (!ref) return std::unexpected(ref.error());
  auto packed = pack_ref(*ref);
  if (!packed) return std::unexpected(packed.error());
  Entry e;
  e.ref = *packed;
  e.kind = kind;
  e.file = intern_string(files_, source.file);
  e.record = static_cast<std::uint32_t>(source.record);
  return e;
}

Result<void> Planner::add(const SsrEvent& ev) {
  auto stored = stored_entry(store_.put(ev), Kind::Event, ev.source);
  if (!stored) return std::unexpected(stored.error());
  Entry& e = *stored;
  e.ssid = ssid_key(ev.ssid);
  e.ssr_key = ev.ssr_generated_at.order_key;
  e.id_hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(ev.event_id));
  e.lea = intern(leas_, lea_index_, ev.lea_cds.str(), ev.lea_name);
  e.school = intern(schools_, school_index_, ev.school_cds.str(), ev.school_name);
  e.month = intern_string(months_, ev.ssr_generated_at.date.year_month());
  e.form = static_cast<std::uint8_t>(form_number(ev.form));
  e.grade = static_cast<std::uint8_t>(ev.grade);
  if (options_.through && ev.ssr_generated_at.date > *options_.through) {
    e.outcome = static_cast<std::uint8_t>(Outcome::Skipped);
    e.reason = kAfterThrough;
  } else {
    e.outcome = static_cast<std::uint8_t>(Outcome::Label);
  }
  // Eligibility depends on this record alone; it applies if the record survives the checks
  // against other records (repeats, corrections) in finish().
  Eligibility el = decide(admin_, ev, false);
  e.eligibility = reason_index(el.reason);
  if (el.window) e.window = static_cast<std::int8_t>(el.window - admin_.windows.data());
  if (el.program) e.program = static_cast<std::int8_t>(el.program - admin_.programs.data());
  reading_.push_back(e);
  return {};
}

Result<void> Planner::add(const events::Rejection& r) {
  if (r.source.record == 0) return {};
  auto stored = stored_entry(store_.put(r), Kind::Rejection, r.source);
  if (!stored) return std::unexpected(stored.error());
  Entry& e = *stored;
  e.outcome = static_cast<std::uint8_t>(Outcome::Rejected);
  e.reason = static_cast<std::uint8_t>(intern_string(rejection_reasons_, r.reason));
  reading_.push_back(e);
  return {};
}

Result<SsrEvent> Planner::event_of(std::size_t i) const { return store_.event(entries_[i].store_ref()); }

Result<void> Planner::finish() {
  if (finished_) return {};
  finished_ = true;
  if (auto ok = store_.flush(); !ok) return ok;
  // Input order: by file, then record (events before rejections of the same record).
  auto by_position = [](const Entry& a, const Entry& b) {
    return std::tie(a.file, a.record) < std::tie(b.file, b.record);
  };
  if (!std::is_sorted(reading_.begin(), reading_.end(), by_position))
    std::stable_sort(reading_.begin(), reading_.end(), by_position);
  const std::size_t n = reading_.size();
  auto read_event = [&](std::size_t i) { return store_.event(reading_[i].store_ref()); };
  auto is_event = [&](std::size_t i) { return reading_[i].kind == Kind::Event; };
  auto active = [&](std::size_t i) { return is_event(i) && reading_[i].reason == kNone; };

  // Repeated event ids: identical repeats are skipped, conflicting ones rejected. Runs of
  // equal hashes are checked on the records themselves.
  {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ids;
    ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (is_event(i)) ids.emplace_back(reading_[i].id_hash, static_cast<std::uint32_t>(i));
    std::sort(ids.begin(), ids.end());
    for (std::size_t a = 0; a < ids.size();) {
      std::size_t b = a + 1;
      while (b < ids.size() && ids[b].first == ids[a].first) ++b;
      if (b - a > 1) {
        std::vector<std::pair<std::uint32_t, SsrEvent>> run;
        for (std::size_t k = a; k < b; ++k) {
          auto ev = read_event(ids[k].second);
          if (!ev) return std::unexpected(ev.error());
          run.emplace_back(ids[k].second, std::move(*ev));
        }
        for (std::size_t k = 1; k < run.size(); ++k)
          for (std::size_t f = 0; f < k; ++f) {
            if (run[f].second.event_id != run[k].second.event_id) continue;
            // `f` is the first record with this id: the run is in input order.
            Entry& e = reading_[run[k].first];
            e.aux = run[f].first;
            if (same_record(run[f].second, run[k].second)) {
              e.outcome = static_cast<std::uint8_t>(Outcome::Skipped);
              e.reason = kDuplicate;
            } else {
              e.outcome = static_cast<std::uint8_t>(Outcome::Rejected);
              e.reason = kDuplicateId;
            }
            break;
          }
      }
      a = b;
    }
  }

  // Corrected SSRs: per student, the latest ssr_generated_at wins (later input wins a tie).
  {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_student;
    for (std::size_t i = 0; i < n; ++i)
      if (active(i)) by_student.emplace_back(reading_[i].ssid, static_cast<std::uint32_t>(i));
    std::sort(by_student.begin(), by_student.end());
    std::vector<std::uint32_t> losers;
    for (std::size_t a = 0; a < by_student.size();) {
      std::size_t b = a + 1;
      while (b < by_student.size() && by_student[b].first == by_student[a].first) ++b;
      if (b - a > 1) {
        std::uint32_t w = by_student[a].second;
        for (std::size_t k = a + 1; k < b; ++k)
          if (!(reading_[by_student[k].second].ssr_key < reading_[w].ssr_key)) w = by_student[k].second;
        for (std::size_t k = a; k < b; ++k)
          if (by_student[k].second != w) {
            Entry& e = reading_[by_student[k].second];
            e.outcome = static_cast<std::uint8_t>(Outcome::Skipped);
            e.reason = kSuperseded;
            e.aux = w;
            losers.push_back(by_student[k].second);
          }
      }
      a = b;
    }
    std::sort(losers.begin(), losers.end());
    for (std::uint32_t i : losers) {
      auto loser = read_event(i);
      if (!loser) return std::unexpected(loser.error());
      auto winner = read_event(reading_[i].aux);
      if (!winner) return std::unexpected(winner.error());
      corrections_.push_back(
          {loser->ssid.str(), loser->event_id, winner->event_id, changed_fields(*loser, *winner)});
    }
  }

  // Eligibility of the remaining (latest) events, decided when they were read.
  for (std::size_t i = 0; i < n; ++i) {
    if (!active(i)) continue;
    Entry& e = reading_[i];
    e.evaluated = true;
    if (e.eligibility != kNone) {
      e.outcome = static_cast<std::uint8_t>(Outcome::Skipped);
      e.reason = e.eligibility;
    }
  }

  // What the rest of the run needs of each record, 40 bytes instead of 64; the planning
  // entries are freed block by block as they are converted.
  while (!reading_.empty()) {
    const Entry& r = reading_.front();
    Kept k;
    k.ref = r.ref;
    k.ssid = r.ssid;
    k.aux = r.aux;
    k.lea = r.lea;
    k.school = r.school;
    k.month = r.month;
    k.kind = r.kind;
    k.outcome = r.outcome;
    k.reason = r.reason;
    k.form = r.form;
    k.grade = r.grade;
    k.window = r.window;
    k.program = r.program;
    k.evaluated = r.evaluated;
    entries_.push_back(k);
    reading_.pop_front();
  }
  return {};
}

std::optional<admin::Window> Planner::window(std::size_t i) const {
  const Kept& e = entries_[i];
  if (e.window < 0) return std::nullopt;
  return admin_.windows[static_cast<std::size_t>(e.window)];
}

Result<Decision> Planner::decision(std::size_t i) const {
  const Kept& e = entries_[i];
  Decision d;
  if (e.kind == Kind::Rejection) {
    auto r = store_.rejection(e.store_ref());
    if (!r) return std::unexpected(r.error());
    d.source = std::move(r->source);
    d.event_id = std::move(r->event_id);
    d.outcome = Outcome::Rejected;
    d.reason = std::move(r->reason);
    d.field = std::move(r->field);
    d.detail = std::move(r->message);
    return d;
  }
  auto ev = event_of(i);
  if (!ev) return std::unexpected(ev.error());
  d.source = ev->source;
  d.event_id = ev->event_id;
  d.ssid = ev->ssid.str();
  d.lea_cds = ev->lea_cds.str();
  d.school_cds = ev->school_cds.str();
  d.form = ev->form;
  d.grade = ev->grade;
  d.batch = months_[e.month];
  d.outcome = static_cast<Outcome>(e.outcome);
  d.reason = kReasons[e.reason];
  switch (e.reason) {
    case kAfterThrough:
      d.detail = "official SSR generated " + ev->ssr_generated_at.date.iso() + ", after --through " +
                 options_.through->iso();
      return d;
    case kDuplicate:
    case kDuplicateId: {
      auto first = event_of(e.aux);
      if (!first) return std::unexpected(first.error());
      if (e.reason == kDuplicate) {
        d.detail = "repeats event " + first->event_id + " of " + where(*first);
      } else {
        d.field = "event_id";
        d.detail =
            "event id " + first->event_id + " was already used by a different record at " + where(*first);
      }
      return d;
    }
    case kSuperseded: {
      auto winner = event_of(e.aux);
      if (!winner) return std::unexpected(winner.error());
      d.detail = "superseded by event " + winner->event_id + " (SSR " + winner->ssr_generated_at.text + ")";
      d.superseded_by = winner->event_id;
      d.changed = changed_fields(*ev, *winner);
      return d;
    }
    default:
      break;
  }
  if (!e.evaluated) return d;
  Eligibility el = decide(admin_, *ev, true);
  if (el.window) d.window = *el.window;
  if (el.reason) {
    d.detail = std::move(el.detail);
    return d;
  }
  if (ev->parent_notified_on) d.hold_until = ev->parent_notified_on->plus_days(admin_.hold_days);
  if (e.reason == kAlreadyLabelled)
    d.detail = "holds live label " + std::to_string(e.aux) + " from batch " + holder_batches_[e.aux_batch] +
               (e.reprint ? "; needs a reprint" : "");
  return d;
}

Result<void> Planner::for_each_decision(const std::function<Result<void>(const Decision&)>& f) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    auto d = decision(i);
    if (!d) return std::unexpected(d.error());
    if (auto ok = f(*d); !ok) return ok;
  }
  return {};
}

std::vector<std::uint32_t> Planner::labelled() const {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (outcome(i) == Outcome::Label) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

Result<Label> Planner::label(std::size_t i) const {
  const Kept& e = entries_[i];
  auto ev = event_of(i);
  if (!ev) return std::unexpected(ev.error());
  Label l;
  if (e.program >= 0) l.program = &admin_.programs[static_cast<std::size_t>(e.program)];
  l.window = window(i);
  l.batch = months_[e.month];
  if (ev->parent_notified_on) l.hold_until = ev->parent_notified_on->plus_days(admin_.hold_days);
  l.event = std::move(*ev);
  return l;
}

void Planner::mark_already_labelled(std::size_t i, std::uint32_t serial, const std::string& batch,
                                    bool needs_reprint) {
  Kept& e = entries_[i];
  e.outcome = static_cast<std::uint8_t>(Outcome::Skipped);
  e.reason = kAlreadyLabelled;
  e.aux = serial;
  e.aux_batch = intern_string(holder_batches_, batch);
  e.reprint = needs_reprint;
}

Planner::Counts Planner::counts() const {
  Counts c;
  c.records = entries_.size();
  for (const Kept& e : entries_) {
    switch (static_cast<Outcome>(e.outcome)) {
      case Outcome::Label:
        ++c.labelled;
        break;
      case Outcome::Skipped:
        ++c.skipped_total, ++c.skipped[kReasons[e.reason]];
        break;
      case Outcome::Rejected:
        ++c.rejected_total;
        ++c.rejected[e.kind == Kind::Rejection ? rejection_reasons_[e.reason]
                                               : std::string(kReasons[e.reason])];
        break;
    }
  }
  return c;
}

std::vector<BatchCount> Planner::batches() const {
  std::vector<BatchCount> out;
  std::map<std::tuple<std::string, int, std::string, std::string>, std::size_t> index;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (outcome(i) != Outcome::Label) continue;
    const Kept& e = entries_[i];
    const auto w = window(i);
    const auto key = std::make_tuple(leas_[e.lea].first, static_cast<int>(e.form),
                                     w ? w->start.iso() : std::string(), months_[e.month]);
    auto [it, inserted] = index.emplace(key, out.size());
    if (inserted) out.push_back({leas_[e.lea].first, leas_[e.lea].second, form(i), w, months_[e.month], 0});
    ++out[it->second].count;
  }
  std::sort(out.begin(), out.end(), [](const BatchCount& a, const BatchCount& b) {
    auto ws = [](const BatchCount& x) { return x.window ? x.window->start.iso() : std::string(); };
    return std::make_tuple(a.lea_cds, form_number(a.form), ws(a), a.batch) <
           std::make_tuple(b.lea_cds, form_number(b.form), ws(b), b.batch);
  });
  return out;
}

std::string Planner::latest_batch_month() const {
  std::string latest;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (outcome(i) == Outcome::Label) latest = std::max(latest, months_[entries_[i].month]);
  return latest;
}

}  // namespace lg::rules

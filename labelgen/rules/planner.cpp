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

Result<void> Planner::append(const Entry& e) {
  if (!reading_) {
    if (auto dir = store_.folder()) {
      auto spill = io::SpillArray<Entry>::in_folder(*dir);
      if (!spill) return std::unexpected(spill.error());
      reading_.emplace(std::move(*spill));
    } else {
      reading_.emplace(io::SpillArray<Entry>::in_memory());
    }
  }
  if (!reading_->empty() && std::tie(e.file, e.record) < std::tie(last_file_, last_record_))
    in_order_ = false;
  last_file_ = e.file;
  last_record_ = e.record;
  return reading_->push_back(e);
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
  return append(e);
}

Result<void> Planner::add(const events::Rejection& r) {
  if (r.source.record == 0) return {};
  auto stored = stored_entry(store_.put(r), Kind::Rejection, r.source);
  if (!stored) return std::unexpected(stored.error());
  Entry& e = *stored;
  e.outcome = static_cast<std::uint8_t>(Outcome::Rejected);
  e.reason = static_cast<std::uint8_t>(intern_string(rejection_reasons_, r.reason));
  return append(e);
}

namespace {
/// Whether `patches` (sorted by record) decide `record`.
template <class Patches>
bool patched(const Patches& patches, std::uint32_t record) {
  auto it = std::lower_bound(patches.begin(), patches.end(), record,
                             [](const auto& p, std::uint32_t r) { return p.record < r; });
  return it != patches.end() && it->record == record;
}
}  // namespace

Result<std::vector<Planner::Patch>> Planner::repeated_event_ids(const io::SpillArray<Entry>& entries) {
  // Repeated event ids: identical repeats are skipped, conflicting ones rejected. Runs of
  // equal hashes are checked on the records themselves.
  struct Id {
    std::uint32_t hash, record;
  };
  auto ids = io::SpillArray<Id>::like(entries);
  if (!ids) return std::unexpected(ids.error());
  auto listed = io::for_each_record(entries, [&](std::size_t i, const Entry& e) -> Result<void> {
    if (e.kind != Kind::Event) return {};
    return ids->push_back({e.id_hash, static_cast<std::uint32_t>(i)});
  });
  if (!listed) return std::unexpected(listed.error());
  if (auto ok = ids->flush(); !ok) return std::unexpected(ok.error());
  auto by_hash = io::sorted(
      *ids, [](const Id& a, const Id& b) { return std::tie(a.hash, a.record) < std::tie(b.hash, b.record); },
      options_.sort_run_bytes);
  if (!by_hash) return std::unexpected(by_hash.error());
  *ids = std::move(*by_hash);

  std::vector<Patch> patches;
  std::vector<Id> run;
  auto check_run = [&]() -> Result<void> {
    if (run.size() < 2) return {};
    std::vector<std::pair<std::uint32_t, SsrEvent>> events;
    for (const Id& id : run) {
      Entry e;
      if (auto ok = entries.read(id.record, 1, &e); !ok) return ok;
      auto ev = store_.event(e.store_ref());
      if (!ev) return std::unexpected(ev.error());
      events.emplace_back(id.record, std::move(*ev));
    }
    for (std::size_t k = 1; k < events.size(); ++k)
      for (std::size_t f = 0; f < k; ++f) {
        if (events[f].second.event_id != events[k].second.event_id) continue;
        // `f` is the first record with this id: the run is in input order.
        const bool same = same_record(events[f].second, events[k].second);
        patches.push_back({events[k].first, events[f].first,
                           static_cast<std::uint8_t>(same ? Outcome::Skipped : Outcome::Rejected),
                           same ? kDuplicate : kDuplicateId});
        break;
      }
    return {};
  };
  auto scanned = io::for_each_record(*ids, [&](std::size_t, const Id& id) -> Result<void> {
    if (!run.empty() && run.front().hash != id.hash) {
      if (auto ok = check_run(); !ok) return ok;
      run.clear();
    }
    run.push_back(id);
    return {};
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (auto ok = check_run(); !ok) return std::unexpected(ok.error());
  std::sort(patches.begin(), patches.end(),
            [](const Patch& a, const Patch& b) { return a.record < b.record; });
  return patches;
}

Result<std::vector<Planner::Patch>> Planner::corrected_ssrs(const io::SpillArray<Entry>& entries,
                                                            const std::vector<Patch>& repeats) {
  // Corrected SSRs: per student, the latest ssr_generated_at wins (later input wins a tie).
  struct Student {
    std::uint64_t ssid;
    std::int64_t ssr_key;
    std::uint32_t record;
  };
  auto students = io::SpillArray<Student>::like(entries);
  if (!students) return std::unexpected(students.error());
  auto listed = io::for_each_record(entries, [&](std::size_t i, const Entry& e) -> Result<void> {
    const auto record = static_cast<std::uint32_t>(i);
    if (e.kind != Kind::Event || e.reason != kNone || patched(repeats, record)) return {};
    return students->push_back({e.ssid, e.ssr_key, record});
  });
  if (!listed) return std::unexpected(listed.error());
  if (auto ok = students->flush(); !ok) return std::unexpected(ok.error());
  auto by_student = io::sorted(
      *students,
      [](const Student& a, const Student& b) {
        return std::tie(a.ssid, a.record) < std::tie(b.ssid, b.record);
      },
      options_.sort_run_bytes);
  if (!by_student) return std::unexpected(by_student.error());
  *students = std::move(*by_student);

  std::vector<Patch> patches;
  std::vector<Student> run;
  auto settle = [&] {
    if (run.size() < 2) return;
    std::size_t w = 0;
    for (std::size_t k = 1; k < run.size(); ++k)
      if (!(run[k].ssr_key < run[w].ssr_key)) w = k;
    for (std::size_t k = 0; k < run.size(); ++k)
      if (k != w)
        patches.push_back(
            {run[k].record, run[w].record, static_cast<std::uint8_t>(Outcome::Skipped), kSuperseded});
  };
  auto scanned = io::for_each_record(*students, [&](std::size_t, const Student& s) -> Result<void> {
    if (!run.empty() && run.front().ssid != s.ssid) {
      settle();
      run.clear();
    }
    run.push_back(s);
    return {};
  });
  if (!scanned) return std::unexpected(scanned.error());
  settle();
  std::sort(patches.begin(), patches.end(),
            [](const Patch& a, const Patch& b) { return a.record < b.record; });

  for (const Patch& p : patches) {
    Entry loser_entry, winner_entry;
    if (auto ok = entries.read(p.record, 1, &loser_entry); !ok) return std::unexpected(ok.error());
    if (auto ok = entries.read(p.aux, 1, &winner_entry); !ok) return std::unexpected(ok.error());
    auto loser = store_.event(loser_entry.store_ref());
    if (!loser) return std::unexpected(loser.error());
    auto winner = store_.event(winner_entry.store_ref());
    if (!winner) return std::unexpected(winner.error());
    corrections_.push_back(
        {loser->ssid.str(), loser->event_id, winner->event_id, changed_fields(*loser, *winner)});
  }
  return patches;
}

void Planner::count(const Planned& p, int delta) {
  auto add = [delta](std::size_t& n) {
    n = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(n) + delta);
  };
  switch (p.outcome()) {
    case Outcome::Label: {
      add(counts_.labelled);
      auto& n = batch_counts_[BatchKey(p.lea_, p.form_, p.window_, p.month_)];
      add(n);
      break;
    }
    case Outcome::Skipped:
      add(counts_.skipped_total);
      add(counts_.skipped[kReasons[p.reason_]]);
      break;
    case Outcome::Rejected:
      add(counts_.rejected_total);
      add(counts_
              .rejected[p.is_rejection() ? rejection_reasons_[p.reason_] : std::string(kReasons[p.reason_])]);
      break;
  }
}

Result<void> Planner::keep(const io::SpillArray<Entry>& entries, const std::vector<Patch>& patches) {
  auto kept = io::SpillArray<Planned>::like(entries);
  if (!kept) return std::unexpected(kept.error());
  auto next = patches.begin();
  auto converted = io::for_each_record(entries, [&](std::size_t i, const Entry& r) -> Result<void> {
    Planned k;
    k.ref_ = r.ref;
    k.ssid_ = r.ssid;
    k.lea_ = r.lea;
    k.school_ = r.school;
    k.month_ = r.month;
    k.kind_ = r.kind == Kind::Rejection ? 1 : 0;
    k.outcome_ = r.outcome;
    k.reason_ = r.reason;
    k.form_ = r.form;
    k.grade_ = r.grade;
    k.window_ = r.window;
    k.program_ = r.program;
    if (next != patches.end() && next->record == i) {
      k.outcome_ = next->outcome;
      k.reason_ = next->reason;
      k.aux_ = next->aux;
      ++next;
    }
    // Eligibility of the remaining (latest) events, decided when they were read.
    if (r.kind == Kind::Event && k.reason_ == kNone) {
      k.evaluated_ = 1;
      if (r.eligibility != kNone) {
        k.outcome_ = static_cast<std::uint8_t>(Outcome::Skipped);
        k.reason_ = r.eligibility;
      }
    }
    ++counts_.records;
    count(k, +1);
    return kept->push_back(k);
  });
  if (!converted) return converted;
  if (auto ok = kept->flush(); !ok) return ok;
  entries_.emplace(std::move(*kept));
  cache_.emplace(*entries_);
  return {};
}

Result<void> Planner::finish() {
  if (finished_) return {};
  finished_ = true;
  if (auto ok = store_.flush(); !ok) return ok;
  if (!reading_) reading_.emplace(io::SpillArray<Entry>::in_memory());
  if (auto ok = reading_->flush(); !ok) return ok;
  // Input order: by file, then record (events before rejections of the same record).
  if (!in_order_) {
    auto by_position = io::sorted(
        *reading_,
        [](const Entry& a, const Entry& b) {
          return std::tie(a.file, a.record) < std::tie(b.file, b.record);
        },
        options_.sort_run_bytes);
    if (!by_position) return std::unexpected(by_position.error());
    *reading_ = std::move(*by_position);
  }
  auto repeats = repeated_event_ids(*reading_);
  if (!repeats) return std::unexpected(repeats.error());
  auto superseded = corrected_ssrs(*reading_, *repeats);
  if (!superseded) return std::unexpected(superseded.error());
  std::vector<Patch> patches;
  patches.reserve(repeats->size() + superseded->size());
  std::merge(repeats->begin(), repeats->end(), superseded->begin(), superseded->end(),
             std::back_inserter(patches), [](const Patch& a, const Patch& b) { return a.record < b.record; });
  if (auto ok = keep(*reading_, patches); !ok) return ok;
  reading_.reset();
  return {};
}

std::size_t Planner::size() const {
  if (entries_) return entries_->size();
  return reading_ ? reading_->size() : 0;
}

Result<Planned> Planner::planned(std::size_t i) const {
  if (!cache_) return fail("", "the planner was asked for a record before finish()");
  return cache_->get(i);
}

Result<void> Planner::for_each_planned(
    const std::function<Result<void>(std::size_t, const Planned&)>& f) const {
  if (!entries_) return {};
  return io::for_each_record(*entries_, f);
}

std::optional<admin::Window> Planner::window(const Planned& p) const {
  if (p.window_ < 0) return std::nullopt;
  return admin_.windows[static_cast<std::size_t>(p.window_)];
}

Result<Decision> Planner::decision(std::size_t i) const {
  auto planned_record = planned(i);
  if (!planned_record) return std::unexpected(planned_record.error());
  const Planned& e = *planned_record;
  Decision d;
  if (e.is_rejection()) {
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
  auto ev = event_of(e);
  if (!ev) return std::unexpected(ev.error());
  d.source = ev->source;
  d.event_id = ev->event_id;
  d.ssid = ev->ssid.str();
  d.lea_cds = ev->lea_cds.str();
  d.school_cds = ev->school_cds.str();
  d.form = ev->form;
  d.grade = ev->grade;
  d.batch = months_[e.month_];
  d.outcome = e.outcome();
  d.reason = kReasons[e.reason_];
  switch (e.reason_) {
    case kAfterThrough:
      d.detail = "official SSR generated " + ev->ssr_generated_at.date.iso() + ", after --through " +
                 options_.through->iso();
      return d;
    case kDuplicate:
    case kDuplicateId: {
      auto first_record = planned(e.aux_);
      if (!first_record) return std::unexpected(first_record.error());
      auto first = event_of(*first_record);
      if (!first) return std::unexpected(first.error());
      if (e.reason_ == kDuplicate) {
        d.detail = "repeats event " + first->event_id + " of " + where(*first);
      } else {
        d.field = "event_id";
        d.detail =
            "event id " + first->event_id + " was already used by a different record at " + where(*first);
      }
      return d;
    }
    case kSuperseded: {
      auto winner_record = planned(e.aux_);
      if (!winner_record) return std::unexpected(winner_record.error());
      auto winner = event_of(*winner_record);
      if (!winner) return std::unexpected(winner.error());
      d.detail = "superseded by event " + winner->event_id + " (SSR " + winner->ssr_generated_at.text + ")";
      d.superseded_by = winner->event_id;
      d.changed = changed_fields(*ev, *winner);
      return d;
    }
    default:
      break;
  }
  if (!e.evaluated_) return d;
  Eligibility el = decide(admin_, *ev, true);
  if (el.window) d.window = *el.window;
  if (el.reason) {
    d.detail = std::move(el.detail);
    return d;
  }
  if (ev->parent_notified_on) d.hold_until = ev->parent_notified_on->plus_days(admin_.hold_days);
  if (e.reason_ == kAlreadyLabelled)
    d.detail = "holds live label " + std::to_string(e.aux_) + " from batch " + holder_batches_[e.aux_batch_] +
               (e.reprint_ ? "; needs a reprint" : "");
  return d;
}

Result<void> Planner::for_each_decision(const std::function<Result<void>(const Decision&)>& f) const {
  for (std::size_t i = 0; i < size(); ++i) {
    auto d = decision(i);
    if (!d) return std::unexpected(d.error());
    if (auto ok = f(*d); !ok) return ok;
  }
  return {};
}

Result<std::vector<std::uint32_t>> Planner::labelled() const {
  std::vector<std::uint32_t> out;
  auto ok = for_each_planned([&](std::size_t i, const Planned& p) -> Result<void> {
    if (p.outcome() == Outcome::Label) out.push_back(static_cast<std::uint32_t>(i));
    return {};
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<Label> Planner::label(std::size_t i) const {
  auto p = planned(i);
  if (!p) return std::unexpected(p.error());
  return label(*p);
}

Result<Label> Planner::label(const Planned& p) const {
  auto ev = event_of(p);
  if (!ev) return std::unexpected(ev.error());
  Label l;
  if (p.program_ >= 0) l.program = &admin_.programs[static_cast<std::size_t>(p.program_)];
  l.window = window(p);
  l.batch = months_[p.month_];
  if (ev->parent_notified_on) l.hold_until = ev->parent_notified_on->plus_days(admin_.hold_days);
  l.event = std::move(*ev);
  return l;
}

Result<void> Planner::mark_already_labelled(std::size_t i, std::uint32_t serial, const std::string& batch,
                                            bool needs_reprint) {
  auto p = planned(i);
  if (!p) return std::unexpected(p.error());
  Planned e = *p;
  count(e, -1);
  e.outcome_ = static_cast<std::uint8_t>(Outcome::Skipped);
  e.reason_ = kAlreadyLabelled;
  e.aux_ = serial;
  e.aux_batch_ = intern_string(holder_batches_, batch);
  e.reprint_ = needs_reprint ? 1 : 0;
  count(e, +1);
  cache_->invalidate();
  return entries_->set(i, e);
}

std::vector<BatchCount> Planner::batches() const {
  std::vector<BatchCount> out;
  std::map<std::tuple<std::string, int, std::string, std::string>, std::size_t> index;
  for (const auto& [key, n] : batch_counts_) {
    if (n == 0) continue;
    const auto& [lea, form_code, window_index, month] = key;
    std::optional<admin::Window> w;
    if (window_index >= 0) w = admin_.windows[static_cast<std::size_t>(window_index)];
    const Form f = form_code == 2 ? Form::F2 : Form::F1;
    const auto k = std::make_tuple(leas_[lea].first, static_cast<int>(form_code),
                                   w ? w->start.iso() : std::string(), months_[month]);
    auto [it, inserted] = index.emplace(k, out.size());
    if (inserted) out.push_back({leas_[lea].first, leas_[lea].second, f, w, months_[month], 0});
    out[it->second].count += n;
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
  for (const auto& [key, n] : batch_counts_)
    if (n > 0) latest = std::max(latest, months_[std::get<3>(key)]);
  return latest;
}

}  // namespace lg::rules

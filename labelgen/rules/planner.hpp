#pragma once
/// The planner behind make_plan and `labelgen run`: records stream in, each is spilled to an
/// EventStore and described by a small fixed-size entry, and the rules (through date,
/// repeated event ids, corrected SSRs, eligibility) are decided on the entries. When the
/// store is file-backed, the entries too live in temporary files beside it and are sorted
/// with bounded memory, so a run's memory does not grow with the number of records.
/// Decisions and labels are rebuilt from the store one at a time when asked for. Everything
/// below finish() is valid only after it.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/events/store.hpp"
#include "labelgen/io/spill.hpp"
#include "labelgen/rules/plan.hpp"

namespace lg::rules {

/// What the run needs of one planned record (40 bytes; the planner keeps them on disk).
class Planned {
 public:
  Outcome outcome() const { return static_cast<Outcome>(outcome_); }
  bool is_rejection() const { return kind_ != 0; }
  /// The SSID as a number (Planner::ssid_key).
  std::uint64_t ssid() const { return ssid_; }
  Form form() const { return form_ == 2 ? Form::F2 : Form::F1; }
  Grade grade() const { return static_cast<Grade>(grade_); }
  /// Interned LEA and school ids (Planner::lea_cds_of, school_cds_of, school_name_of).
  std::uint32_t lea_id() const { return lea_; }
  std::uint32_t school_id() const { return school_; }

 private:
  friend class Planner;
  events::StoreRef store_ref() const { return {ref_ >> 24, static_cast<std::uint32_t>(ref_ & 0xFFFFFF)}; }
  std::uint64_t ref_ = 0;  // store offset << 24 | record size
  std::uint64_t ssid_ = 0;
  std::uint32_t aux_ = 0;  // first occurrence / winning event / holder serial
  std::uint32_t lea_ = 0, school_ = 0;
  std::uint16_t month_ = 0;      // index into the planner's months
  std::uint16_t aux_batch_ = 0;  // already_labelled: index into the holder batches
  std::uint8_t kind_ = 0;        // 0 event, 1 rejection
  std::uint8_t outcome_ = 0, reason_ = 0, form_ = 1, grade_ = 0;
  std::int8_t window_ = -1, program_ = -1;
  std::uint8_t evaluated_ : 1 = 0;  // reached the eligibility step
  std::uint8_t reprint_ : 1 = 0;
};
static_assert(sizeof(Planned) <= 40);

class Planner {
 public:
  /// `store` receives every record and must outlive the planner.
  Planner(const admin::Administration& admin, const PlanOptions& options, events::EventStore& store);
  Planner(const Planner&) = delete;
  Planner& operator=(const Planner&) = delete;

  /// Declares an input file before its records (files rank in declaration order; a file
  /// first seen in add() is declared then).
  void declare_file(const std::string& file);
  /// Adds records in input order. Rejections of unreadable files (record 0) are not records
  /// and are ignored here.
  Result<void> add(const SsrEvent& event);
  Result<void> add(const events::Rejection& rejection);
  /// Decides every record; call once, after the last add().
  Result<void> finish();

  /// Records added (events and rejections).
  std::size_t size() const;
  /// Record `i` as planned. Reads through a small cache: cheap in input order; not thread-safe.
  Result<Planned> planned(std::size_t i) const;
  /// The planned records (after finish()), for arrays that belong beside them (SpillArray::like).
  const io::SpillArray<Planned>& records() const { return *entries_; }
  /// Calls `f(i, planned)` for every record in input order; stops at the first error.
  Result<void> for_each_planned(const std::function<Result<void>(std::size_t, const Planned&)>& f) const;
  /// The full decision of record `i`, rebuilt from the store.
  Result<Decision> decision(std::size_t i) const;
  /// Calls `f` with every decision in input order; stops at the first error.
  Result<void> for_each_decision(const std::function<Result<void>(const Decision&)>& f) const;

  /// Records labelled, in input order (4 bytes each: for small plans).
  Result<std::vector<std::uint32_t>> labelled() const;
  /// The label of record `i` (outcome Label), rebuilt from the store.
  Result<Label> label(std::size_t i) const;
  /// The label of a planned record (outcome Label). Thread-safe.
  Result<Label> label(const Planned& p) const;
  /// An SSID as the number Planned::ssid() gives.
  static std::uint64_t ssid_key(const Ssid& ssid);
  /// Turns a label into an `already_labelled` skip: the student holds live label `serial`
  /// from `batch` (`needs_reprint`: the later SSR changed what it says).
  Result<void> mark_already_labelled(std::size_t i, std::uint32_t serial, const std::string& batch,
                                     bool needs_reprint);

  /// The interned LEAs and schools: CDS code and name by id.
  std::size_t lea_count() const { return leas_.size(); }
  std::size_t school_count() const { return schools_.size(); }
  const std::string& lea_cds_of(std::uint32_t id) const { return leas_[id].first; }
  const std::string& school_cds_of(std::uint32_t id) const { return schools_[id].first; }
  const std::string& school_name_of(std::uint32_t id) const { return schools_[id].second; }
  /// The administration window of a planned record (none without a schedule).
  std::optional<admin::Window> window(const Planned& p) const;

  /// Counts over all records (after mark_already_labelled, they include the new skips).
  struct Counts {
    std::size_t records = 0, labelled = 0, skipped_total = 0, rejected_total = 0;
    std::map<std::string, std::size_t> skipped, rejected;
  };
  const Counts& counts() const { return counts_; }
  /// Labels per LEA × form × window × batch, sorted as Plan::batches.
  std::vector<BatchCount> batches() const;
  const std::vector<Correction>& corrections() const { return corrections_; }
  /// The latest `YYYY-MM` SSR month among labels (empty when none).
  std::string latest_batch_month() const;

  const events::EventStore& store() const { return store_; }

 private:
  enum class Kind : std::uint8_t { Event, Rejection };
  /// 64 bytes per record while records are read and planned.
  struct Entry {
    std::uint64_t ref = 0;      // store offset << 24 | record size
    std::uint64_t ssid = 0;     // 10-digit SSID as a number
    std::int64_t ssr_key = 0;   // Timestamp::order_key
    std::uint32_t id_hash = 0;  // hash of the event id (equal ids are confirmed on the records)
    std::uint32_t record = 0;   // record index within its file
    std::uint32_t lea = 0, school = 0;
    std::uint16_t file = 0;   // order of its file
    std::uint16_t month = 0;  // SSR month, index into months_
    Kind kind = Kind::Event;
    std::uint8_t outcome = 0;      // Outcome
    std::uint8_t reason = 0;       // index into kReasons
    std::uint8_t eligibility = 0;  // eligibility reason (0: label) decided when read
    std::uint8_t form = 1, grade = 0;
    std::int8_t window = -1, program = -1;
    events::StoreRef store_ref() const { return {ref >> 24, static_cast<std::uint32_t>(ref & 0xFFFFFF)}; }
  };
  static_assert(sizeof(Entry) <= 64);
  /// A decision taken against other records (repeat, correction): record, outcome, reason, aux.
  struct Patch {
    std::uint32_t record = 0, aux = 0;
    std::uint8_t outcome = 0, reason = 0;
  };
  /// Labels per (LEA, form, window, month): the batches, kept current by mark_already_labelled.
  using BatchKey = std::tuple<std::uint32_t, std::uint8_t, std::int8_t, std::uint16_t>;

  Result<SsrEvent> event_of(const Planned& p) const { return store_.event(p.store_ref()); }
  Result<void> append(const Entry& e);
  Result<std::vector<Patch>> repeated_event_ids(const io::SpillArray<Entry>& entries);
  Result<std::vector<Patch>> corrected_ssrs(const io::SpillArray<Entry>& entries,
                                            const std::vector<Patch>& repeats);
  Result<void> keep(const io::SpillArray<Entry>& entries, const std::vector<Patch>& patches);
  void count(const Planned& p, int delta);
  /// A reading entry for a record just put in the store.
  Result<Entry> stored_entry(Result<events::StoreRef> ref, Kind kind, const SourceRef& source);
  /// Orders (CDS, name) pairs, and looks them up by string views without copying.
  struct PairLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::pair<std::string_view, std::string_view>(a.first, a.second) <
             std::pair<std::string_view, std::string_view>(b.first, b.second);
    }
  };
  using PairIndex = std::map<std::pair<std::string, std::string>, std::uint32_t, PairLess>;
  static std::uint32_t intern(std::vector<std::pair<std::string, std::string>>& table, PairIndex& index,
                              const std::string& a, const std::string& b);

  const admin::Administration& admin_;
  PlanOptions options_;
  events::EventStore& store_;
  // Records while read (in the store's folder, or in memory), and once decided.
  std::optional<io::SpillArray<Entry>> reading_;
  std::optional<io::SpillArray<Planned>> entries_;
  mutable std::optional<io::CachedReader<Planned>> cache_;
  std::uint16_t last_file_ = 0;
  std::uint32_t last_record_ = 0;
  bool in_order_ = true;
  std::vector<std::pair<std::string, std::string>> leas_, schools_;  // (CDS, name)
  PairIndex lea_index_, school_index_;
  std::vector<std::string> files_, months_, holder_batches_, rejection_reasons_;
  std::vector<Correction> corrections_;
  Counts counts_;
  std::map<BatchKey, std::size_t> batch_counts_;
  bool finished_ = false;
};

}  // namespace lg::rules

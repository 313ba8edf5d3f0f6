#pragma once
/// The planner behind make_plan and `labelgen run`: records stream in, each is kept as a
/// small entry (64 bytes while reading, 40 once planned) while the record itself is spilled
/// to an EventStore, and the rules (through date, repeated event ids, corrected SSRs,
/// eligibility) are decided on the entries. Decisions and labels are rebuilt from the store
/// one at a time when asked for, so memory grows by the entry size only, not by the record
/// size. Everything below finish() is valid only after it.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/events/store.hpp"
#include "labelgen/rules/plan.hpp"

namespace lg::rules {

class Planner {
 public:
  /// `store` receives every record and must outlive the planner.
  Planner(const admin::Administration& admin, const PlanOptions& options, events::EventStore& store);

  /// Declares an input file before its records (files rank in declaration order; a file
  /// first seen in add() is declared then).
  void declare_file(const std::string& file);
  /// Adds records in input order. Rejections of unreadable files (record 0) are not records
  /// and are ignored here.
  Result<void> add(const SsrEvent& event);
  Result<void> add(const events::Rejection& rejection);
  /// Decides every record; call once, after the last add().
  Result<void> finish();

  /// Records added (events and rejections), in input order after finish().
  std::size_t size() const { return entries_.size() + reading_.size(); }
  Outcome outcome(std::size_t i) const { return static_cast<Outcome>(entries_[i].outcome); }
  /// The full decision of record `i`, rebuilt from the store.
  Result<Decision> decision(std::size_t i) const;
  /// Calls `f` with every decision in input order; stops at the first error.
  Result<void> for_each_decision(const std::function<Result<void>(const Decision&)>& f) const;

  /// Records labelled, in input order.
  std::vector<std::uint32_t> labelled() const;
  /// The label of record `i` (outcome Label), rebuilt from the store.
  Result<Label> label(std::size_t i) const;
  /// The SSID (as a number) and form of record `i`, for ledger lookups.
  std::uint64_t ssid_number(std::size_t i) const { return entries_[i].ssid; }
  /// An SSID as the number ssid_number() gives.
  static std::uint64_t ssid_key(const Ssid& ssid);
  Form form(std::size_t i) const { return static_cast<Form>(entries_[i].form); }
  /// Turns a label into an `already_labelled` skip: the student holds live label `serial`
  /// from `batch` (`needs_reprint`: the later SSR changed what it says).
  void mark_already_labelled(std::size_t i, std::uint32_t serial, const std::string& batch,
                             bool needs_reprint);

  /// Packing keys of record `i` (outcome Label): LEA CDS code, school CDS code, name and
  /// interned id, enrolled grade, and the administration window (none without a schedule).
  const std::string& lea_cds(std::size_t i) const { return leas_[entries_[i].lea].first; }
  const std::string& school_cds(std::size_t i) const { return schools_[entries_[i].school].first; }
  const std::string& school_name(std::size_t i) const { return schools_[entries_[i].school].second; }
  std::uint32_t school_id(std::size_t i) const { return entries_[i].school; }
  Grade grade(std::size_t i) const { return static_cast<Grade>(entries_[i].grade); }
  std::optional<admin::Window> window(std::size_t i) const;

  /// Counts over all records (after mark_already_labelled, they include the new skips).
  struct Counts {
    std::size_t records = 0, labelled = 0, skipped_total = 0, rejected_total = 0;
    std::map<std::string, std::size_t> skipped, rejected;
  };
  Counts counts() const;
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
    std::uint32_t aux = 0;      // first occurrence / winning event / holder serial
    std::uint32_t lea = 0, school = 0;
    std::uint16_t file = 0;   // order of its file
    std::uint16_t month = 0;  // SSR month, index into months_
    Kind kind = Kind::Event;
    std::uint8_t outcome = 0;      // Outcome
    std::uint8_t reason = 0;       // index into kReasons
    std::uint8_t eligibility = 0;  // eligibility reason (0: label) decided when read
    std::uint8_t form = 1, grade = 0;
    std::int8_t window = -1, program = -1;
    bool evaluated = false;  // reached the eligibility step
    events::StoreRef store_ref() const { return {ref >> 24, static_cast<std::uint32_t>(ref & 0xFFFFFF)}; }
  };
  static_assert(sizeof(Entry) <= 64);

  /// What is kept of a record once planned: 40 bytes.
  struct Kept {
    std::uint64_t ref = 0;
    std::uint64_t ssid = 0;
    std::uint32_t aux = 0;
    std::uint32_t lea = 0, school = 0;
    std::uint16_t month = 0;
    std::uint16_t aux_batch = 0;  // already_labelled: index into holder_batches_
    Kind kind = Kind::Event;
    std::uint8_t outcome = 0, reason = 0, form = 1, grade = 0;
    std::int8_t window = -1, program = -1;
    bool evaluated : 1 = false;
    bool reprint : 1 = false;
    events::StoreRef store_ref() const { return {ref >> 24, static_cast<std::uint32_t>(ref & 0xFFFFFF)}; }
  };
  static_assert(sizeof(Kept) <= 40);

  Result<SsrEvent> event_of(std::size_t i) const;
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
  // Deques: no doubling copy while a million records arrive. Records are planned in
  // `reading_` and kept in `entries_` once finish() has decided them.
  std::deque<Entry> reading_;
  std::deque<Kept> entries_;
  std::vector<std::pair<std::string, std::string>> leas_, schools_;  // (CDS, name)
  PairIndex lea_index_, school_index_;
  std::vector<std::string> files_, months_, holder_batches_, rejection_reasons_;
  std::vector<Correction> corrections_;
  bool finished_ = false;
};

}  // namespace lg::rules

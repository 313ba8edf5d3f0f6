#include "labelgen/rules/plan.hpp"

#include <gtest/gtest.h>

#include "labelgen/rules/planner.hpp"
#include "labelgen/rules/report.hpp"
#include "tests/support/support.hpp"

namespace lg::rules {
namespace {

const admin::Administration& admin2425() {
  static const admin::Administration a = [] {
    auto r = admin::find_administration(*AdminYear::parse("2024-25"));
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(*r);
  }();
  return a;
}

const admin::Administration& admin2021() {
  static const admin::Administration a = [] {
    auto r = admin::find_administration(*AdminYear::parse("2020-21"));
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(*r);
  }();
  return a;
}

// LEAs from the 2024–25 seed.
constexpr const char* kRsvpDistrict = "19642120000000";   // ABC Unified (RSVP, Form 1)
constexpr const char* kRsvpCharter = "19647330100743";    // Accelerated Charter Elementary
constexpr const char* kForm2District = "12626790000000";  // Arcata Elementary (Form 2 second scoring)
constexpr const char* kUnselected = "01611920000000";     // not on either list

struct EventSpec {
  std::string id = "E1";
  std::string ssid = "1000000001";
  std::string lea = kRsvpDistrict;
  std::string school;  // defaults from lea
  std::string grade = "KN";
  int form = 1;
  std::string tested = "2024-07-29";
  std::string ssr = "2024-08-12T10:00";
  std::string book = "complete";
  std::string last = "Nguyễn";
  std::string notified = "2024-08-20";
};

SsrEvent make(const EventSpec& s, std::size_t record) {
  SsrEvent e;
  e.source = {"events.csv", record + 1, record};
  e.event_id = s.id;
  e.ssr_generated_at = *Timestamp::parse(s.ssr);
  e.ssid = *Ssid::parse(s.ssid);
  e.name = *make_student_name(s.last, "Thảo", "");
  e.birth_date = *Date::parse("2019-02-03");
  e.grade = *parse_grade(s.grade);
  e.lea_cds = *CdsCode::parse(s.lea);
  e.lea_name = "LEA " + s.lea;
  std::string school = s.school;
  if (school.empty())
    school = CdsCode::parse(s.lea)->is_district_level() ? s.lea.substr(0, 7) + "6011111" : s.lea;
  e.school_cds = *CdsCode::parse(school);
  e.school_name = "School";
  e.form = s.form == 1 ? Form::F1 : Form::F2;
  e.test_completed_on = *Date::parse(s.tested);
  e.mode = TestMode::InPerson;
  e.answer_book = *parse_answer_book(s.book);
  if (!s.notified.empty()) e.parent_notified_on = *Date::parse(s.notified);
  return e;
}

events::ReadResult input(const std::vector<EventSpec>& specs) {
  events::ReadResult r;
  r.files = {"events.csv"};
  for (std::size_t i = 0; i < specs.size(); ++i) r.events.push_back(make(specs[i], i + 1));
  r.stats.records = r.stats.events = specs.size();
  return r;
}

struct RuleCase {
  const char* name;
  EventSpec spec;
  const char* reason;  // nullptr → label
  const char* window_start = nullptr;
};

class EligibilityRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(EligibilityRule, DecidesExactlyOneOutcome) {
  const auto& c = GetParam();
  auto plan = make_plan(admin2425(), input({c.spec}), {});
  ASSERT_EQ(plan.decisions.size(), 1u);
  const auto& d = plan.decisions[0];
  EXPECT_EQ(plan.records, plan.labelled + plan.skipped_total + plan.rejected_total);
  if (c.reason) {
    EXPECT_EQ(d.outcome, Outcome::Skipped) << c.name;
    EXPECT_EQ(d.reason, c.reason) << c.name << ": " << d.detail;
    EXPECT_FALSE(d.detail.empty());
    EXPECT_TRUE(plan.labels.empty());
  } else {
    EXPECT_EQ(d.outcome, Outcome::Label) << c.name << ": " << d.reason << " " << d.detail;
    ASSERT_EQ(plan.labels.size(), 1u);
    if (c.window_start) {
      ASSERT_TRUE(d.window);
      EXPECT_EQ(d.window->start.iso(), c.window_start);
    }
  }
}

EventSpec with(std::function<void(EventSpec&)> f) {
  EventSpec s;
  f(s);
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    Table, EligibilityRule,
    ::testing::Values(
        RuleCase{"rsvp district K", {}, nullptr, "2024-07-03"},
        RuleCase{"rsvp TK tests as K", with([](auto& s) { s.grade = "TK"; }), nullptr},
        RuleCase{"rsvp grade 1", with([](auto& s) { s.grade = "01"; }), nullptr},
        RuleCase{"rsvp grade 2", with([](auto& s) { s.grade = "02"; }), nullptr},
        RuleCase{"rsvp grade 3 out of scope", with([](auto& s) { s.grade = "03"; }), skip::kGradeOutOfScope},
        RuleCase{"rsvp grade 12 out of scope", with([](auto& s) { s.grade = "12"; }), skip::kGradeOutOfScope},
        RuleCase{"rsvp charter", with([](auto& s) { s.lea = kRsvpCharter; }), nullptr},
        RuleCase{"form 2 at rsvp LEA", with([](auto& s) { s.form = 2; }), skip::kFormNotSelected},
        RuleCase{"form 2 LEA kindergarten", with([](auto& s) { s.lea = kForm2District, s.form = 2; }),
                 nullptr},
        RuleCase{"form 2 LEA TK", with([](auto& s) { s.lea = kForm2District, s.form = 2, s.grade = "TK"; }),
                 nullptr},
        RuleCase{"form 2 LEA grade 1",
                 with([](auto& s) { s.lea = kForm2District, s.form = 2, s.grade = "01"; }),
                 skip::kGradeOutOfScope},
        RuleCase{"form 1 at form 2 LEA", with([](auto& s) { s.lea = kForm2District; }),
                 skip::kFormNotSelected},
        RuleCase{"unselected LEA", with([](auto& s) { s.lea = kUnselected; }), skip::kLeaNotSelected},
        RuleCase{"window 2 first day", with([](auto& s) { s.tested = "2024-08-05", s.ssr = "2024-08-20"; }),
                 nullptr, "2024-08-05"},
        RuleCase{"window 3 last day", with([](auto& s) { s.tested = "2024-09-27", s.ssr = "2024-10-01"; }),
                 nullptr, "2024-09-04"},
        RuleCase{"window 4 last day", with([](auto& s) { s.tested = "2024-10-31", s.ssr = "2024-11-04"; }),
                 nullptr, "2024-09-30"},
        RuleCase{"weekend gap Aug 3", with([](auto& s) { s.tested = "2024-08-03"; }),
                 skip::kTestedOutsideWindows},
        RuleCase{"weekend gap Sep 28", with([](auto& s) { s.tested = "2024-09-28", s.ssr = "2024-10-01"; }),
                 skip::kTestedOutsideWindows},
        RuleCase{"before first window", with([](auto& s) { s.tested = "2024-07-02"; }),
                 skip::kTestedOutsideWindows},
        RuleCase{"after last window", with([](auto& s) { s.tested = "2024-11-01", s.ssr = "2024-11-05"; }),
                 skip::kTestedAfterLast},
        RuleCase{"incomplete book", with([](auto& s) { s.book = "incomplete"; }), skip::kBookIncomplete},
        RuleCase{"no book (remote)", with([](auto& s) { s.book = "none"; }), skip::kBookNone}),
    [](const auto& param_info) {
      std::string n = param_info.param.name;
      for (auto& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

TEST(Plan, LatestSsrWinsAndTheChangeIsReported) {
  auto plan = make_plan(admin2425(),
                        input({with([](auto& s) {
                                 s.id = "A";
                                 s.last = "Nguyen";
                               }),
                               with([](auto& s) {
                                 s.id = "B";
                                 s.ssr = "2024-08-20T09:00";
                                 s.grade = "01";
                               }),
                               with([](auto& s) {
                                 s.id = "C";
                                 s.ssid = "1000000002";
                               })}),
                        {});
  ASSERT_EQ(plan.decisions.size(), 3u);
  EXPECT_EQ(plan.decisions[0].outcome, Outcome::Skipped);
  EXPECT_EQ(plan.decisions[0].reason, skip::kSuperseded);
  EXPECT_EQ(plan.decisions[0].superseded_by, "B");
  EXPECT_EQ(plan.decisions[0].changed, (std::vector<std::string>{"last_name", "grade"}));
  EXPECT_EQ(plan.decisions[1].outcome, Outcome::Label);
  EXPECT_EQ(plan.decisions[1].batch, "2024-08");
  ASSERT_EQ(plan.corrections.size(), 1u);
  EXPECT_EQ(plan.corrections[0].earlier_event, "A");
  EXPECT_EQ(plan.labelled, 2u);
}

TEST(Plan, CorrectionArrivingFirstInInputStillLoses) {
  auto plan = make_plan(admin2425(),
                        input({with([](auto& s) {
                                 s.id = "LATE";
                                 s.ssr = "2024-09-01";
                               }),
                               with([](auto& s) {
                                 s.id = "EARLY";
                                 s.ssr = "2024-08-12";
                               })}),
                        {});
  EXPECT_EQ(plan.decisions[0].outcome, Outcome::Label);
  EXPECT_EQ(plan.decisions[1].reason, skip::kSuperseded);
}

TEST(Plan, ThroughKeepsOnlySsrsGeneratedByThatDate) {
  PlanOptions o;
  o.through = *Date::parse("2024-08-31");
  auto plan = make_plan(admin2425(),
                        input({with([](auto& s) { s.id = "AUG"; }), with([](auto& s) {
                                 s.id = "SEP";
                                 s.ssid = "1000000002";
                                 s.ssr = "2024-09-01T00:00";
                               }),
                               // A correction after --through does not supersede yet.
                               with([](auto& s) {
                                 s.id = "AUGFIX";
                                 s.ssr = "2024-09-03";
                                 s.last = "Nguyen";
                               })}),
                        o);
  EXPECT_EQ(plan.decisions[0].outcome, Outcome::Label);
  EXPECT_EQ(plan.decisions[1].reason, skip::kAfterThrough);
  EXPECT_EQ(plan.decisions[2].reason, skip::kAfterThrough);
  EXPECT_TRUE(plan.corrections.empty());
}

TEST(Plan, DuplicateEventIds) {
  auto plan = make_plan(
      admin2425(),
      input({with([](auto& s) { s.id = "X"; }), with([](auto& s) { s.id = "X"; }), with([](auto& s) {
               s.id = "X";
               s.ssid = "1000000009";
             })}),
      {});
  EXPECT_EQ(plan.decisions[0].outcome, Outcome::Label);
  EXPECT_EQ(plan.decisions[1].reason, skip::kDuplicate);
  EXPECT_EQ(plan.decisions[2].outcome, Outcome::Rejected);
  EXPECT_EQ(plan.decisions[2].reason, "duplicate_event_id");
  EXPECT_EQ(plan.decisions[2].field, "event_id");
}

TEST(Planner, OnDiskWithSmallSortRunsDecidesAsInMemory) {
  // Thousands of records with repeats, conflicting ids, corrections (some arriving first),
  // ineligible grades and LEAs, planned from a file-backed store whose sorts run in 1 KB runs
  // (so every sort merges dozens of runs), and in memory by make_plan: the same decisions.
  std::vector<EventSpec> specs;
  for (int i = 0; i < 3'000; ++i) {
    EventSpec s;
    s.id = "E" + std::to_string(i);
    s.ssid = std::to_string(2'000'000'000LL + i % 2'400);  // every 5th student appears twice
    s.lea = i % 17 == 0 ? kUnselected : i % 5 == 0 ? kRsvpCharter : kRsvpDistrict;
    s.grade = i % 23 == 0 ? "05" : "KN";
    s.ssr = i % 2 ? "2024-08-12T10:00" : "2024-09-0" + std::to_string(1 + i % 9) + "T10:00";
    s.last = i % 3 ? "Nguyễn" : "Đặng";
    if (i % 11 == 0 && i > 0) s.id = "E" + std::to_string(i - 1);  // a repeat or a conflicting id
    specs.push_back(s);
    if (i % 29 == 0) specs.push_back(s);  // an exact repeat
  }
  PlanOptions options;
  options.through = Date::from_ymd(2024, 9, 5);
  options.sort_run_bytes = 1'024;
  const auto in_memory = make_plan(admin2425(), input(specs), options);

  lg::test::ScratchDir dir;
  auto store = events::EventStore::in_folder(dir.path());
  ASSERT_TRUE(store) << store.error().message;
  Planner planner(admin2425(), options, *store);
  auto streamed = input(specs);
  for (const auto& ev : streamed.events) ASSERT_TRUE(planner.add(ev));
  ASSERT_TRUE(planner.finish());
  std::string decisions = decisions_csv_header();
  ASSERT_TRUE(planner.for_each_decision([&](const Decision& d) -> Result<void> {
    decisions += decisions_csv_row(d);
    return {};
  }));
  EXPECT_EQ(decisions, decisions_csv(in_memory));
  EXPECT_EQ(planner.counts().labelled, in_memory.labelled);
  EXPECT_EQ(planner.counts().skipped, in_memory.skipped);
  EXPECT_EQ(planner.counts().rejected, in_memory.rejected);
  EXPECT_EQ(planner.corrections().size(), in_memory.corrections.size());
  EXPECT_EQ(planner.batches().size(), in_memory.batches.size());
  // The input exercises every rule that compares records.
  for (const char* reason : {skip::kDuplicate, skip::kSuperseded, skip::kAfterThrough, skip::kLeaNotSelected,
                             skip::kGradeOutOfScope})
    EXPECT_GT(in_memory.skipped.count(reason), 0u) << reason;
  EXPECT_GT(in_memory.rejected.count("duplicate_event_id"), 0u);
  EXPECT_GT(in_memory.labelled, 1'000u);
}

TEST(Plan, BatchesCountPerLeaFormWindowAndMonth) {
  std::vector<EventSpec> specs;
  for (int i = 0; i < 5; ++i)
    specs.push_back(with([&](auto& s) {
      s.id = "W1-" + std::to_string(i);
      s.ssid = "20000000" + std::to_string(10 + i);
    }));
  for (int i = 0; i < 3; ++i)
    specs.push_back(with([&](auto& s) {
      s.id = "W2-" + std::to_string(i);
      s.ssid = "30000000" + std::to_string(10 + i);
      s.tested = "2024-08-20";
      s.ssr = "2024-09-02";
    }));
  specs.push_back(with([&](auto& s) {
    s.id = "F2";
    s.ssid = "4000000010";
    s.lea = kForm2District;
    s.form = 2;
  }));
  auto plan = make_plan(admin2425(), input(specs), {});
  ASSERT_EQ(plan.batches.size(), 3u);
  EXPECT_EQ(plan.batches[0].lea_cds, kForm2District);
  EXPECT_EQ(plan.batches[0].count, 1u);
  EXPECT_EQ(plan.batches[1].lea_cds, kRsvpDistrict);
  EXPECT_EQ(plan.batches[1].count, 5u);
  EXPECT_EQ(plan.batches[1].window->ship_by.iso(), "2024-09-06");
  EXPECT_EQ(plan.batches[2].count, 3u);
  EXPECT_EQ(plan.batches[2].batch, "2024-09");
  EXPECT_EQ(plan.batches[2].window->preid_arrival.iso(), "2024-09-23");
  auto j = plan_json(admin2425(), plan);
  EXPECT_EQ(j["records"], 9);
  EXPECT_EQ(j["labelled"], 9);
  EXPECT_EQ(j["batches"][1]["window_start"], "2024-07-03");
}

TEST(Plan, HoldUntilIsThirtyDaysAfterParentNotification) {
  auto plan =
      make_plan(admin2425(), input({with([](auto& s) { s.notified = "2024-08-20"; }), with([](auto& s) {
                                      s.id = "N";
                                      s.ssid = "1000000002";
                                      s.notified = "";
                                    })}),
                {});
  ASSERT_TRUE(plan.decisions[0].hold_until);
  EXPECT_EQ(plan.decisions[0].hold_until->iso(), "2024-09-19");
  EXPECT_FALSE(plan.decisions[1].hold_until);
}

TEST(Plan, RejectionsKeepTheirPlaceAndCountsAddUp) {
  auto in = input({with([](auto& s) { s.id = "A"; }), with([](auto& s) {
                     s.id = "C";
                     s.ssid = "1000000003";
                     s.grade = "05";
                   })});
  in.events[1].source.record = 3;
  events::Rejection r;
  r.source = {"events.csv", 3, 2};
  r.field = "ssid";
  r.reason = "invalid_ssid";
  r.message = "SSID must be exactly 10 digits";
  in.rejected.push_back(r);
  in.stats.records = 3;
  auto plan = make_plan(admin2425(), std::move(in), {});
  ASSERT_EQ(plan.decisions.size(), 3u);
  EXPECT_EQ(plan.decisions[1].outcome, Outcome::Rejected);
  EXPECT_EQ(plan.records, 3u);
  EXPECT_EQ(plan.labelled + plan.skipped_total + plan.rejected_total, 3u);
  EXPECT_EQ(plan.rejected.at("invalid_ssid"), 1u);
  EXPECT_EQ(plan.skipped.at(skip::kGradeOutOfScope), 1u);
  auto csv = decisions_csv(plan);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
  EXPECT_EQ(csv.find("Nguy"), std::string::npos) << "the decisions file holds no names";
}

TEST(Plan2020, SevenDigitCodesSelectDistrictsAndCharters) {
  // Atascadero Unified (4068700) is a district; Academia Moderna (0120097) a charter.
  auto plan = make_plan(admin2021(),
                        input({with([](auto& s) {
                                 s.lea = "40687000000000";
                                 s.tested = "2020-09-10";
                                 s.ssr = "2020-09-20";
                                 s.notified = "";
                               }),
                               with([](auto& s) {
                                 s.id = "CH";
                                 s.ssid = "1000000002";
                                 s.lea = "19647330120097";
                                 s.tested = "2020-10-10";
                                 s.ssr = "2020-10-20";
                                 s.notified = "";
                               }),
                               with([](auto& s) {
                                 s.id = "NO";
                                 s.ssid = "1000000003";
                                 s.lea = "19642120000000";
                                 s.tested = "2020-10-10";
                                 s.ssr = "2020-10-20";
                                 s.notified = "";
                               })}),
                        {});
  EXPECT_EQ(plan.decisions[0].outcome, Outcome::Label) << plan.decisions[0].detail;
  EXPECT_FALSE(plan.decisions[0].window) << "2020-21 has no schedule table";
  EXPECT_EQ(plan.decisions[1].outcome, Outcome::Label) << plan.decisions[1].detail;
  EXPECT_EQ(plan.decisions[2].reason, skip::kLeaNotSelected);
}

}  // namespace
}  // namespace lg::rules

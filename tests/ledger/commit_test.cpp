// Committing batches and reading them back.
#include <gtest/gtest.h>

#include "labelgen/ledger/ledger.hpp"
#include "tests/ledger/ledger_support.hpp"
#include "tests/support/support.hpp"

namespace lg::ledger {
namespace {

using namespace lg::ledger::test;

void expect_same_label(const IssuedLabel& a, const IssuedLabel& b) {
  EXPECT_EQ(a.serial, b.serial);
  EXPECT_EQ(a.administration, b.administration);
  EXPECT_EQ(a.batch, b.batch);
  EXPECT_EQ(a.gis_serial, b.gis_serial);
  EXPECT_EQ(a.status, b.status);
  lg::test::expect_same_event(a.event, b.event);
  EXPECT_EQ(a.printed_name, b.printed_name);
  EXPECT_EQ(a.program_id, b.program_id);
  EXPECT_EQ(a.window_start, b.window_start);
  EXPECT_EQ(a.hold_until, b.hold_until);
  EXPECT_EQ(a.file, b.file);
  EXPECT_EQ(a.page, b.page);
  EXPECT_EQ(a.position, b.position);
  EXPECT_EQ(a.replaces, b.replaces);
}

void expect_error(const Result<void>& r, const std::string& text) {
  ASSERT_FALSE(r) << "expected an error containing: " << text;
  EXPECT_NE(r.error().message.find(text), std::string::npos) << r.error().message;
}

class LedgerCommit : public ::testing::Test {
 protected:
  void SetUp() override { ledger_.emplace(open_or_die(db_)); }
  Ledger& l() { return *ledger_; }
  lg::test::ScratchDir dir_;
  std::filesystem::path db_ = dir_ / "ledger.sqlite";
  std::optional<Ledger> ledger_;
};

TEST_F(LedgerCommit, CommitThenReadBack) {
  BatchRecord b = sample_batch("2024-25-03", 1, 5, 0, 1);
  IssuedGis g2 = b.gis.front();
  g2.gis_serial = 2;
  g2.grade = "01";
  g2.form = 2;
  g2.count = 0;
  g2.file = "gis-0002.pdf";
  b.gis.push_back(g2);
  b.labels[4].gis_serial = 2;
  b.next_gis_serial = 3;
  ASSERT_TRUE(l().commit_batch(b));

  EXPECT_EQ(*l().next_serial(kAdmin), 6u);
  EXPECT_EQ(*l().next_gis_serial(kAdmin), 3u);

  auto labels = l().batch_labels(kAdmin, "2024-25-03");
  ASSERT_TRUE(labels) << labels.error().message;
  ASSERT_EQ(labels->size(), 5u);
  for (std::size_t i = 0; i < labels->size(); ++i) expect_same_label((*labels)[i], b.labels[i]);

  auto gis = l().batch_gis(kAdmin, "2024-25-03");
  ASSERT_TRUE(gis);
  ASSERT_EQ(gis->size(), 2u);
  EXPECT_EQ((*gis)[0].gis_serial, 1u);
  EXPECT_EQ((*gis)[0].lea_cds, "19647330000000");
  EXPECT_EQ((*gis)[0].school_cds, "19647336018568");
  EXPECT_EQ((*gis)[0].grade, "KN");
  EXPECT_EQ((*gis)[0].form, 1);
  EXPECT_EQ((*gis)[0].window_start, "2025-03-17");
  EXPECT_EQ((*gis)[0].count, 5u);
  EXPECT_EQ((*gis)[0].file, "gis-0001.pdf");
  EXPECT_EQ((*gis)[1].gis_serial, 2u);
  EXPECT_EQ((*gis)[1].grade, "01");
  EXPECT_EQ((*gis)[1].form, 2);

  auto info = l().batch(kAdmin, "2024-25-03");
  ASSERT_TRUE(info && *info);
  EXPECT_EQ((*info)->printer, "hp-m404-letter");
  EXPECT_EQ((*info)->created_at, "2025-03-05T02:00:00-08:00");
  EXPECT_EQ((*info)->issued, 5u);
  EXPECT_EQ((*info)->live, 5u);
  EXPECT_EQ((*info)->voided, 0u);
  EXPECT_EQ((*info)->reprinted, 0u);
  ASSERT_EQ((*info)->files.size(), 2u);
  EXPECT_EQ((*info)->files[0].file, "labels-0001.pdf");
  EXPECT_EQ((*info)->files[0].sha256, std::string(64, 'a'));
  EXPECT_EQ((*info)->files[0].bytes, 123456u);
  EXPECT_EQ((*info)->files[0].labels, 5u);
  EXPECT_EQ((*info)->files[0].pages, 1u);
  EXPECT_EQ((*info)->files[1].file, "gis-0001.pdf");

  auto live = l().live_labels(kAdmin);
  ASSERT_TRUE(live);
  ASSERT_EQ(live->size(), 5u);
  for (std::size_t i = 0; i < live->size(); ++i) expect_same_label((*live)[i], b.labels[i]);

  auto one = l().label(kAdmin, 3);
  ASSERT_TRUE(one && *one);
  expect_same_label(**one, b.labels[2]);

  EXPECT_TRUE(l().live_labels("2025-26")->empty());
  EXPECT_EQ(sqlite_cli(db_, "PRAGMA integrity_check;"), "ok");
  EXPECT_EQ(sqlite_cli(db_, "PRAGMA foreign_key_check;"), "");
}

TEST_F(LedgerCommit, EventRoundTripsExactly) {
  // Every optional and enum variant, Vietnamese and Spanish names, offsets in the timestamp.
  BatchRecord b = sample_batch("rt", 1, 6, 0, 1);
  b.labels[0].event.name = *make_student_name("Nguyễn", "Thị Ngọc Ánh", "Phương");
  b.labels[1].event.name = *make_student_name("Peña Ibáñez", "María José", "Guadalupe");
  b.labels[1].event.ssr_generated_at = *Timestamp::parse("2025-01-31T23:59:59.250+05:30");
  b.labels[2].event.name = *make_student_name("O'Connor", "Seán", "");
  b.labels[2].event.grade = Grade::G12;
  b.labels[2].event.answer_book = AnswerBook::None;
  b.labels[2].event.source.file = "";
  b.labels[3].event.ssr_generated_at = *Timestamp::parse("2025-02-01");
  b.labels[3].event.parent_notified_on.reset();
  b.labels[4].event.parent_notified_on = Date::from_ymd(2024, 2, 29);
  b.labels[5].gis_serial = 0;
  for (auto& lab : b.labels) lab.printed_name = lab.event.name.label_form();
  ASSERT_TRUE(l().commit_batch(b));
  auto back = l().batch_labels(kAdmin, "rt");
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->size(), b.labels.size());
  for (std::size_t i = 0; i < back->size(); ++i) {
    SCOPED_TRACE(i);
    expect_same_label((*back)[i], b.labels[i]);
  }
  EXPECT_EQ((*back)[0].printed_name, "NGUYỄN, THỊ NGỌC ÁNH P.");
  EXPECT_EQ((*back)[1].printed_name, "PEÑA IBÁÑEZ, MARÍA JOSÉ G.");
  // The text is stored as UTF-8 text, readable by other tools.
  EXPECT_EQ(sqlite_cli(db_, "SELECT last_name FROM labels WHERE serial = 1;"), "Nguyễn");
  // A reopened ledger reads the same.
  ledger_.reset();
  ledger_.emplace(open_or_die(db_));
  auto again = l().label(kAdmin, 2);
  ASSERT_TRUE(again && *again);
  expect_same_label(**again, b.labels[1]);
}

TEST_F(LedgerCommit, DuplicateBatchIdIsRefusedAndChangesNothing) {
  ASSERT_TRUE(l().commit_batch(sample_batch("2024-25-03", 1, 3, 0, 1)));
  const auto before = dump(db_);
  auto r = l().commit_batch(sample_batch("2024-25-03", 4, 3, 100, 2));
  expect_error(r, "batch 2024-25-03 already exists");
  EXPECT_NE(r.error().message.find("ledger " + db_.string()), std::string::npos);
  EXPECT_NE(r.error().message.find("nothing was changed"), std::string::npos);
  EXPECT_EQ(dump(db_), before);
  EXPECT_EQ(*l().next_serial(kAdmin), 4u);
}

TEST_F(LedgerCommit, UsedSerialIsRefusedAndChangesNothing) {
  ASSERT_TRUE(l().commit_batch(sample_batch("a", 1, 3, 0, 1)));
  const auto before = dump(db_);
  // Serial 3 is already issued (below the counter 4).
  expect_error(l().commit_batch(sample_batch("b", 3, 3, 100, 2)), "label serial 3 is below the counter 4");
  // GIS serial 1 too.
  expect_error(l().commit_batch(sample_batch("b", 4, 3, 100, 1)), "GIS serial 1 is below the counter 2");
  // The same serial twice in one batch.
  BatchRecord twice = sample_batch("b", 4, 3, 100, 2);
  twice.labels[2].serial = 4;
  expect_error(l().commit_batch(twice), "label serial 4 appears twice");
  // A counter that would go down, or not past the batch's serials.
  BatchRecord down = sample_batch("b", 4, 0, 100, 2);
  down.next_serial = 3;
  expect_error(l().commit_batch(down), "label counter would go down from 4 to 3");
  BatchRecord short_counter = sample_batch("b", 4, 3, 100, 2);
  short_counter.next_serial = 6;
  expect_error(l().commit_batch(short_counter), "label serial 6 is not below the batch's next_serial 6");
  EXPECT_EQ(dump(db_), before);
}

TEST_F(LedgerCommit, SecondLiveLabelForSameStudentAndFormIsRefused) {
  ASSERT_TRUE(l().commit_batch(sample_batch("a", 1, 3, 0, 1)));
  const auto before = dump(db_);
  // Student 1 (serial 2) again, among new students.
  BatchRecord b = sample_batch("b", 4, 3, 100, 2);
  b.labels[1] = sample_label(5, sample_event(1), 2);
  auto r = l().commit_batch(b);
  expect_error(r, "the student already holds live label serial 2 (batch a) for 2024-25 form 1");
  EXPECT_NE(r.error().message.find("label serial 5 (events/2025-03 ssr.csv line 4)"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().message.find("1000000001"), std::string::npos) << "no SSID in messages";
  EXPECT_EQ(dump(db_), before);

  // Twice in the same batch.
  BatchRecord c = sample_batch("c", 4, 3, 200, 2);
  c.labels[2].event = c.labels[0].event;
  expect_error(l().commit_batch(c), "already holds live label serial 4 (earlier in this batch)");
  EXPECT_EQ(dump(db_), before);
}

TEST_F(LedgerCommit, SameStudentOtherFormIsAllowed) {
  ASSERT_TRUE(l().commit_batch(sample_batch("a", 1, 3, 0, 1, Form::F1)));
  ASSERT_TRUE(l().commit_batch(sample_batch("b", 4, 3, 0, 2, Form::F2)));
  auto live = l().live_labels(kAdmin);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->size(), 6u);
  // And the same student and form in another administration is independent.
  BatchRecord other = sample_batch("a", 1, 3, 0, 1, Form::F1);
  other.administration = "2025-26";
  for (auto& lab : other.labels) lab.administration = "2025-26";
  ASSERT_TRUE(l().commit_batch(other));
  EXPECT_EQ(*l().next_serial("2025-26"), 4u);
  EXPECT_EQ(*l().next_serial(kAdmin), 7u);
}

TEST_F(LedgerCommit, DatabaseItselfRefusesSecondLiveLabel) {
  ASSERT_TRUE(l().commit_batch(sample_batch("a", 1, 3, 0, 1)));
  ledger_.reset();
  bool ok = true;
  std::string err;
  // Bypass labelgen: copy serial 1's row as a new live serial 999 with the sqlite3 shell.
  sqlite_cli(db_,
             "CREATE TEMP TABLE t AS SELECT * FROM labels WHERE serial = 1;"
             "UPDATE t SET serial = 999; INSERT INTO labels SELECT * FROM t;",
             &ok, &err);
  EXPECT_FALSE(ok);
  EXPECT_NE(err.find("UNIQUE constraint failed: labels.administration, labels.ssid, labels.form"),
            std::string::npos)
      << err;
  // Counters never go down and issued labels are never deleted or edited.
  sqlite_cli(db_, "UPDATE counters SET next_serial = 2;", &ok, &err);
  EXPECT_FALSE(ok);
  EXPECT_NE(err.find("never decrease"), std::string::npos) << err;
  sqlite_cli(db_, "DELETE FROM labels WHERE serial = 3;", &ok, &err);
  EXPECT_FALSE(ok);
  EXPECT_NE(err.find("never deleted"), std::string::npos) << err;
  sqlite_cli(db_, "UPDATE labels SET last_name = 'X' WHERE serial = 3;", &ok, &err);
  EXPECT_FALSE(ok);
  sqlite_cli(db_, "UPDATE labels SET status = 'live' WHERE serial = 3;", &ok, &err);
  EXPECT_FALSE(ok);
  EXPECT_EQ(sqlite_cli(db_, "SELECT count(*) FROM labels;"), "3");
}

TEST_F(LedgerCommit, RunsAreRecordedAndLinked) {
  auto run = l().begin_run(kAdmin, "labelgen run --admin 2024-25", "2025-03-05T02:00:00-08:00");
  ASSERT_TRUE(run) << run.error().message;
  BatchRecord b = sample_batch("a", 1, 2, 0, 1);
  b.run_id = *run;
  ASSERT_TRUE(l().commit_batch(b));
  ASSERT_TRUE(l().finish_run(*run, "ok", "2025-03-05T02:01:00-08:00"));
  EXPECT_EQ(sqlite_cli(db_, "SELECT status, finished_at FROM runs WHERE id = " + std::to_string(*run) + ";"),
            "ok|2025-03-05T02:01:00-08:00");
  EXPECT_EQ(sqlite_cli(db_, "SELECT run_id FROM batches WHERE batch = 'a';"), std::to_string(*run));

  BatchRecord c = sample_batch("c", 3, 2, 10, 2);
  c.run_id = *run + 100;
  expect_error(l().commit_batch(c), "run " + std::to_string(*run + 100) + " is not in the ledger");
  expect_error(l().finish_run(*run + 100, "ok", "x"), "is not in the ledger");
}

TEST_F(LedgerCommit, InconsistentRecordsAreRefused) {
  const auto before = dump(db_);
  BatchRecord b = sample_batch("a", 1, 3, 0, 1);
  b.labels[1].administration = "2025-26";
  expect_error(l().commit_batch(b), "is for administration 2025-26");
  b = sample_batch("a", 1, 3, 0, 1);
  b.labels[1].batch = "z";
  expect_error(l().commit_batch(b), "names batch z");
  b = sample_batch("a", 1, 3, 0, 1);
  b.labels[1].gis_serial = 9;
  expect_error(l().commit_batch(b), "GIS serial 9 is not in the ledger");
  b = sample_batch("a", 1, 3, 0, 1);
  b.labels[1].event.ssid = Ssid{};
  expect_error(l().commit_batch(b), "no SSID");
  b = sample_batch("a", 1, 3, 0, 1);
  b.labels[1].status = Status::Void;
  expect_error(l().commit_batch(b), "must be live");
  b = sample_batch("", 1, 3, 0, 1);
  expect_error(l().commit_batch(b), "no batch id");
  EXPECT_EQ(dump(db_), before);
  // Labels that leave administration and batch empty take the record's.
  b = sample_batch("a", 1, 3, 0, 1);
  for (auto& lab : b.labels) lab.administration.clear(), lab.batch.clear();
  ASSERT_TRUE(l().commit_batch(b));
  EXPECT_EQ((*l().label(kAdmin, 2))->batch, "a");
}

TEST_F(LedgerCommit, BatchesAreListedInCommitOrder) {
  ASSERT_TRUE(l().commit_batch(sample_batch("2025-03", 1, 2, 0, 1)));
  ASSERT_TRUE(l().commit_batch(sample_batch("2025-01", 3, 3, 10, 2)));
  auto list = l().batches(kAdmin);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].batch, "2025-03");
  EXPECT_EQ((*list)[0].issued, 2u);
  EXPECT_EQ((*list)[1].batch, "2025-01");
  EXPECT_EQ((*list)[1].issued, 3u);
  EXPECT_EQ((*list)[1].files.size(), 2u);
}

}  // namespace
}  // namespace lg::ledger

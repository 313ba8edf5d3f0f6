// Voiding and reprinting labels.
#include <gtest/gtest.h>

#include <algorithm>

#include "labelgen/ledger/ledger.hpp"
#include "tests/ledger/ledger_support.hpp"
#include "tests/support/support.hpp"

namespace lg::ledger {
namespace {

using namespace lg::ledger::test;

void expect_error(const Result<void>& r, const std::string& text) {
  ASSERT_FALSE(r) << "expected an error containing: " << text;
  EXPECT_NE(r.error().message.find(text), std::string::npos) << r.error().message;
}
void expect_error(const Result<std::uint32_t>& r, const std::string& text) {
  ASSERT_FALSE(r) << "expected an error containing: " << text;
  EXPECT_NE(r.error().message.find(text), std::string::npos) << r.error().message;
}

std::size_t live_count_of(Ledger& l, const Ssid& ssid, Form form) {
  auto live = l.live_labels(kAdmin);
  EXPECT_TRUE(live);
  return static_cast<std::size_t>(std::count_if(live->begin(), live->end(), [&](const IssuedLabel& x) {
    return x.event.ssid == ssid && x.event.form == form;
  }));
}

class LedgerVoidReprint : public ::testing::Test {
 protected:
  void SetUp() override {
    ledger_.emplace(open_or_die(db_));
    ASSERT_TRUE(l().commit_batch(sample_batch("2024-25-03", 1, 5, 0, 1)));
  }
  Ledger& l() { return *ledger_; }
  /// A replacement for serial `old` (same student and form) printed in `batch`.
  IssuedLabel replacement_for(std::uint32_t old, const std::string& batch) {
    auto o = l().label(kAdmin, old);
    EXPECT_TRUE(o && *o);
    IssuedLabel r = **o;
    r.serial = 0;
    r.status = Status::Live;
    r.replaces.reset();
    r.batch = batch;
    r.file = "reprint.pdf";
    r.page = 1;
    r.position = 1;
    return r;
  }
  lg::test::ScratchDir dir_;
  std::filesystem::path db_ = dir_ / "ledger.sqlite";
  std::optional<Ledger> ledger_;
};

TEST_F(LedgerVoidReprint, VoidKeepsTheRowAndRecordsWhy) {
  ASSERT_TRUE(l().void_label(kAdmin, 2, "student withdrew", "2025-03-06T10:00:00-08:00"));
  auto v = l().label(kAdmin, 2);
  ASSERT_TRUE(v && *v);
  EXPECT_EQ((*v)->status, Status::Void);
  EXPECT_EQ(sqlite_cli(db_, "SELECT serial, reason, at FROM voids;"),
            "2|student withdrew|2025-03-06T10:00:00-08:00");
  EXPECT_EQ(sqlite_cli(db_, "SELECT count(*) FROM labels;"), "5");
  EXPECT_EQ(l().live_labels(kAdmin)->size(), 4u);
  auto info = l().batch(kAdmin, "2024-25-03");
  EXPECT_EQ((*info)->issued, 5u);
  EXPECT_EQ((*info)->live, 4u);
  EXPECT_EQ((*info)->voided, 1u);
  EXPECT_EQ(*l().next_serial(kAdmin), 6u);  // voiding frees nothing
}

TEST_F(LedgerVoidReprint, VoidRefusals) {
  const auto before = dump(db_);
  expect_error(l().void_label(kAdmin, 99, "x", "t"), "there is no label serial 99 in 2024-25");
  expect_error(l().void_label(kAdmin, 2, "", "t"), "a reason is required");
  EXPECT_EQ(dump(db_), before);
  ASSERT_TRUE(l().void_label(kAdmin, 2, "damaged", "t"));
  auto again = l().void_label(kAdmin, 2, "damaged", "t");
  expect_error(again, "label serial 2 is void, not live");
  EXPECT_NE(again.error().message.find("cannot void label serial 2"), std::string::npos);
}

TEST_F(LedgerVoidReprint, SerialIsNeverReusedAfterVoid) {
  ASSERT_TRUE(l().void_label(kAdmin, 5, "misprint", "t"));
  // The voided serial cannot be issued again, even to the same student.
  BatchRecord again = sample_batch("2024-25-04", 5, 1, 4, 2);
  auto r = l().commit_batch(again);
  expect_error(r, "label serial 5 is below the counter 6");
  // The student (no longer live) gets a new label with a new serial.
  BatchRecord next = sample_batch("2024-25-04", 6, 1, 4, 2);
  ASSERT_TRUE(l().commit_batch(next));
  EXPECT_EQ((*l().label(kAdmin, 5))->status, Status::Void);
  EXPECT_EQ((*l().label(kAdmin, 6))->event.ssid, (*l().label(kAdmin, 5))->event.ssid);
  EXPECT_EQ(live_count_of(l(), (*l().label(kAdmin, 5))->event.ssid, Form::F1), 1u);
}

TEST_F(LedgerVoidReprint, ReprintAllocatesNextSerialAndReplaces) {
  const Ssid student = (*l().label(kAdmin, 3))->event.ssid;
  auto serial =
      l().reprint(kAdmin, 3, "label torn", "2025-03-07T08:00:00-08:00", replacement_for(3, "reprint-1"));
  ASSERT_TRUE(serial) << serial.error().message;
  EXPECT_EQ(*serial, 6u);
  EXPECT_EQ(*l().next_serial(kAdmin), 7u);
  EXPECT_EQ(*l().next_gis_serial(kAdmin), 2u);

  auto old = l().label(kAdmin, 3);
  EXPECT_EQ((*old)->status, Status::Reprinted);
  auto fresh = l().label(kAdmin, 6);
  ASSERT_TRUE(fresh && *fresh);
  EXPECT_EQ((*fresh)->status, Status::Live);
  EXPECT_EQ((*fresh)->replaces, std::optional<std::uint32_t>(3));
  EXPECT_EQ((*fresh)->batch, "reprint-1");
  EXPECT_EQ((*fresh)->event.ssid, student);
  EXPECT_EQ((*fresh)->event.name, (*old)->event.name);
  EXPECT_EQ(live_count_of(l(), student, Form::F1), 1u);
  EXPECT_EQ(sqlite_cli(db_, "SELECT serial, reason FROM voids;"), "3|label torn");
  // The reprint batch exists (created by reprint, printer unknown).
  auto info = l().batch(kAdmin, "reprint-1");
  ASSERT_TRUE(info && *info);
  EXPECT_EQ((*info)->live, 1u);
  EXPECT_EQ((*l().batch(kAdmin, "2024-25-03"))->reprinted, 1u);

  // Reprinting the replacement chains; the old one cannot be reprinted twice.
  expect_error(l().reprint(kAdmin, 3, "again", "t", replacement_for(3, "reprint-2")),
               "is reprinted, not live");
  auto second = l().reprint(kAdmin, 6, "jammed", "t", replacement_for(6, "reprint-1"));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, 7u);
  EXPECT_EQ((*l().label(kAdmin, 7))->replaces, std::optional<std::uint32_t>(6));
  EXPECT_EQ(live_count_of(l(), student, Form::F1), 1u);
  EXPECT_EQ(sqlite_cli(db_, "PRAGMA integrity_check;"), "ok");
  EXPECT_EQ(sqlite_cli(db_, "PRAGMA foreign_key_check;"), "");
}

TEST_F(LedgerVoidReprint, ReprintIntoACommittedBatchKeepsItsPrinter) {
  BatchRecord empty;
  empty.administration = kAdmin;
  empty.batch = "reprints-2025-03";
  empty.printer = "zebra-zd421";
  empty.created_at = "t";
  empty.next_serial = *l().next_serial(kAdmin);
  empty.next_gis_serial = *l().next_gis_serial(kAdmin);
  ASSERT_TRUE(l().commit_batch(empty));
  auto r = replacement_for(1, "reprints-2025-03");
  r.serial = 6;  // rendered with the serial it expected
  ASSERT_TRUE(l().reprint(kAdmin, 1, "smudged", "t", r));
  EXPECT_EQ((*l().batch(kAdmin, "reprints-2025-03"))->printer, "zebra-zd421");
}

TEST_F(LedgerVoidReprint, ReprintRefusalsChangeNothing) {
  const auto before = dump(db_);
  expect_error(l().reprint(kAdmin, 99, "x", "t", replacement_for(1, "r")), "there is no label serial 99");
  expect_error(l().reprint(kAdmin, 1, "", "t", replacement_for(1, "r")), "a reason is required");
  expect_error(l().reprint(kAdmin, 1, "x", "t", replacement_for(2, "r")), "different student or form");
  auto stale = replacement_for(1, "r");
  stale.serial = 9;
  expect_error(l().reprint(kAdmin, 1, "x", "t", stale), "prepared as serial 9 but the next serial is 6");
  auto nobatch = replacement_for(1, "");
  expect_error(l().reprint(kAdmin, 1, "x", "t", nobatch), "names no batch");
  auto wrong = replacement_for(1, "r");
  wrong.replaces = 2;
  expect_error(l().reprint(kAdmin, 1, "x", "t", wrong), "replaces serial 2, not 1");
  EXPECT_EQ(dump(db_), before);
  ASSERT_TRUE(l().void_label(kAdmin, 4, "withdrew", "t"));
  expect_error(l().reprint(kAdmin, 4, "x", "t", replacement_for(4, "r")), "is void, not live");
}

}  // namespace
}  // namespace lg::ledger

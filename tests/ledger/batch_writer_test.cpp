// Writing a batch piece by piece (the streaming run): all of it or none of it.
#include <gtest/gtest.h>

#include "labelgen/ledger/ledger.hpp"
#include "tests/ledger/ledger_support.hpp"
#include "tests/support/support.hpp"

namespace lg::ledger {
namespace {

using namespace lg::ledger::test;

BatchRecord header_of(const BatchRecord& b) {
  BatchRecord h = b;
  h.labels.clear();
  h.gis.clear();
  h.files.clear();
  return h;
}

TEST(BatchWriter, PiecesInAnyOrderCommitAsOneBatch) {
  lg::test::ScratchDir dir;
  auto ledger = open_or_die(dir / "ledger.db");
  const BatchRecord b = sample_batch("2025-03", 1, 10, 1, 1);
  auto writer = ledger.begin_batch(header_of(b));
  ASSERT_TRUE(writer) << writer.error().message;
  // The second half first: documents finish in any order (each brings its GIS groups).
  std::vector<IssuedLabel> first(b.labels.begin(), b.labels.begin() + 5),
      second(b.labels.begin() + 5, b.labels.end());
  auto added = writer->add(b.gis, second);
  ASSERT_TRUE(added) << added.error().message;
  ASSERT_TRUE(writer->add({}, first));
  {
    // Another connection sees nothing of the batch before the commit.
    auto other = open_or_die(dir / "ledger.db");
    auto seen = other.batch(kAdmin, "2025-03");
    ASSERT_TRUE(seen);
    EXPECT_FALSE(seen->has_value());
  }
  auto ok = writer->commit(b.files, b.next_serial, b.next_gis_serial);
  ASSERT_TRUE(ok) << ok.error().message;
  auto labels = ledger.batch_labels(kAdmin, "2025-03");
  ASSERT_TRUE(labels);
  ASSERT_EQ(labels->size(), 10u);
  for (std::size_t i = 0; i < labels->size(); ++i) {
    EXPECT_EQ((*labels)[i].serial, b.labels[i].serial);
    EXPECT_EQ((*labels)[i].event.ssid, b.labels[i].event.ssid);
  }
  EXPECT_EQ(*ledger.next_serial(kAdmin), 11u);
  EXPECT_EQ(*ledger.next_gis_serial(kAdmin), 2u);
}

TEST(BatchWriter, DestroyedBeforeCommitLeavesTheLedgerAsItWas) {
  lg::test::ScratchDir dir;
  {
    auto ledger = open_or_die(dir / "ledger.db");
    ASSERT_TRUE(ledger.commit_batch(sample_batch("2025-02", 1, 3, 1, 1)));
  }
  const std::string before = dump(dir / "ledger.db");
  {
    auto ledger = open_or_die(dir / "ledger.db");
    const BatchRecord b = sample_batch("2025-03", 4, 10, 100, 2);
    auto writer = ledger.begin_batch(header_of(b));
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->add(b.gis, b.labels));
  }  // a run that failed while rendering
  EXPECT_EQ(dump(dir / "ledger.db"), before);
}

TEST(BatchWriter, RefusesWhatCommitBatchRefuses) {
  lg::test::ScratchDir dir;
  auto ledger = open_or_die(dir / "ledger.db");
  ASSERT_TRUE(ledger.commit_batch(sample_batch("2025-02", 1, 3, 1, 1)));
  {  // the batch id exists
    auto writer = ledger.begin_batch(header_of(sample_batch("2025-02", 4, 1, 50, 2)));
    ASSERT_FALSE(writer);
    EXPECT_NE(writer.error().message.find("already exists"), std::string::npos) << writer.error().message;
  }
  {  // a serial below the counter
    const BatchRecord b = sample_batch("2025-03", 3, 2, 60, 2);
    auto writer = ledger.begin_batch(header_of(b));
    ASSERT_TRUE(writer);
    auto added = writer->add(b.gis, b.labels);
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().message.find("below the counter"), std::string::npos) << added.error().message;
  }
  {  // counters that do not cover the labels
    const BatchRecord b = sample_batch("2025-03", 4, 2, 60, 2);
    auto writer = ledger.begin_batch(header_of(b));
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->add(b.gis, b.labels));
    auto ok = writer->commit(b.files, 5, b.next_gis_serial);
    ASSERT_FALSE(ok);
    EXPECT_NE(ok.error().message.find("not below the batch's next_serial"), std::string::npos)
        << ok.error().message;
  }
  auto info = ledger.batch(kAdmin, "2025-03");
  ASSERT_TRUE(info);
  EXPECT_FALSE(info->has_value());
  EXPECT_EQ(*ledger.next_serial(kAdmin), 4u);
}

TEST(BatchWriter, LiveLabelsStreamOneAtATime) {
  lg::test::ScratchDir dir;
  auto ledger = open_or_die(dir / "ledger.db");
  ASSERT_TRUE(ledger.commit_batch(sample_batch("2025-02", 1, 7, 1, 1)));
  std::vector<std::uint32_t> serials;
  auto ok = ledger.for_each_live_label(kAdmin, [&](const IssuedLabel& l) -> Result<void> {
    serials.push_back(l.serial);
    return {};
  });
  ASSERT_TRUE(ok);
  EXPECT_EQ(serials, (std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6, 7}));
  auto stopped =
      ledger.for_each_live_label(kAdmin, [](const IssuedLabel&) -> Result<void> { return fail("", "stop"); });
  ASSERT_FALSE(stopped);
  EXPECT_NE(stopped.error().message.find("stop"), std::string::npos);
}

}  // namespace
}  // namespace lg::ledger

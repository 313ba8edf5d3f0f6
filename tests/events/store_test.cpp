// The spill store: every event and rejection comes back exactly as it was put.
#include "labelgen/events/store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/support.hpp"

namespace lg::events {
namespace {

const char* kCsv =
    "event_id,ssr_generated_at,ssid,last_name,first_name,middle_name,birth_date,grade,lea_cds,lea_name,"
    "school_cds,school_name,form,test_completed_on,mode,answer_book,charter_number,parent_notified_on\n"
    "E1,2024-08-12T14:03:00-07:00,1234567890,Nguyễn,Thảo,Minh,2019-03-04,KN,19642120000000,ABC Unified,"
    "19642126011111,Aloha Elementary,1,2024-08-06,in_person,complete,,2024-08-20\n"
    "E2,2024-09-01,2234567890,Đặng-Müller,José Ñ,,2018-01-31,TK,19642120000000,ABC Unified,"
    "19642126011111,\"Aloha, Elementary\",2,2024-08-07,remote,incomplete,0123,\n"
    "E3,2024-09-01,22345,Bad,Ssid,,2018-01-31,TK,19642120000000,ABC Unified,"
    "19642126011111,Aloha,2,2024-08-07,remote,incomplete,,\n";

void round_trip(EventStore& store, const ReadResult& read) {
  ASSERT_EQ(read.events.size(), 2u);
  ASSERT_EQ(read.rejected.size(), 1u);
  std::vector<StoreRef> refs;
  for (const auto& e : read.events) refs.push_back(*store.put(e));
  const StoreRef rejected = *store.put(read.rejected.front());
  ASSERT_TRUE(store.flush());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    auto back = store.event(refs[i]);
    ASSERT_TRUE(back) << back.error().message;
    test::expect_same_event(*back, read.events[i]);
  }
  auto r = store.rejection(rejected);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->source.line, read.rejected.front().source.line);
  EXPECT_EQ(r->field, read.rejected.front().field);
  EXPECT_EQ(r->reason, read.rejected.front().reason);
  EXPECT_EQ(r->message, read.rejected.front().message);
  // A reference of the wrong kind is an error, not a garbled record.
  EXPECT_FALSE(store.event(rejected));
  EXPECT_FALSE(store.rejection(refs.front()));
}

TEST(EventStore, InMemoryRoundTrip) {
  test::ScratchDir dir;
  auto read = read_all_events({dir.write("e.csv", kCsv)});
  auto store = EventStore::in_memory();
  round_trip(store, read);
}

TEST(EventStore, InFolderRoundTripLeavesNoFileBehind) {
  test::ScratchDir dir;
  auto read = read_all_events({dir.write("e.csv", kCsv)});
  std::filesystem::create_directory(dir / "out");
  {
    auto store = EventStore::in_folder(dir / "out");
    ASSERT_TRUE(store) << store.error().message;
    round_trip(*store, read);
    // Personal data never has a name in the folder, even while the store is open.
    EXPECT_TRUE(std::filesystem::is_empty(dir / "out"));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir / "out"));
}

TEST(EventStore, LargeStoresSpanManyWriteBuffers) {
  test::ScratchDir dir;
  auto read = read_all_events({dir.write("e.csv", kCsv)});
  auto store = EventStore::in_folder(dir.path());
  ASSERT_TRUE(store);
  std::vector<StoreRef> refs;
  for (int i = 0; i < 20000; ++i) {
    SsrEvent e = read.events[static_cast<std::size_t>(i % 2)];
    e.event_id = "E" + std::to_string(i);
    refs.push_back(*store->put(e));
  }
  EXPECT_GT(store->size(), 2u << 20);
  ASSERT_TRUE(store->flush());
  for (int i : {0, 1, 4999, 12345, 19999}) {
    auto e = store->event(refs[static_cast<std::size_t>(i)]);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->event_id, "E" + std::to_string(i));
  }
}

TEST(EventStore, MissingFolderIsAClearError) {
  test::ScratchDir dir;
  auto store = EventStore::in_folder(dir / "nope");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("nope"), std::string::npos);
}

}  // namespace
}  // namespace lg::events

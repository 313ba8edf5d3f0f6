// Spill arrays hold fixed-size records in an unnamed private file (or in memory), read them
// back exactly, and sort them stably with bounded memory: the external sort must agree with
// std::stable_sort for every size around its run boundaries.
#include "labelgen/io/spill.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <random>

#include "tests/support/support.hpp"

namespace lg::io {
namespace {

struct Item {
  std::uint32_t key = 0;    // sort key, with many repeats
  std::uint32_t order = 0;  // position before sorting: shows stability
  bool operator==(const Item&) const = default;
};
bool by_key(const Item& a, const Item& b) { return a.key < b.key; }

std::vector<Item> random_items(std::size_t n, std::uint32_t keys, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Item> items(n);
  for (std::size_t i = 0; i < n; ++i)
    items[i] = {static_cast<std::uint32_t>(rng() % keys), static_cast<std::uint32_t>(i)};
  return items;
}

std::vector<Item> read_all(const SpillArray<Item>& a) {
  std::vector<Item> out;
  auto ok = for_each_record(a, [&](std::size_t i, const Item& v) -> Result<void> {
    EXPECT_EQ(i, out.size());
    out.push_back(v);
    return {};
  });
  EXPECT_TRUE(ok) << ok.error().message;
  return out;
}

/// Both kinds of array: in a folder and in memory.
class SpillKinds : public ::testing::TestWithParam<bool> {
 protected:
  SpillArray<Item> make() {
    if (!GetParam()) return SpillArray<Item>::in_memory();
    auto a = SpillArray<Item>::in_folder(dir_.path());
    EXPECT_TRUE(a) << a.error().message;
    return std::move(*a);
  }
  lg::test::ScratchDir dir_;
};

TEST_P(SpillKinds, RecordsReadBackAsWrittenAndOverwriteInPlace) {
  auto a = make();
  const auto items = random_items(70'000, 1000, 1);  // several write buffers
  for (const auto& v : items) ASSERT_TRUE(a.push_back(v));
  ASSERT_TRUE(a.flush());
  ASSERT_EQ(a.size(), items.size());
  EXPECT_EQ(read_all(a), items);
  EXPECT_EQ(*a.get(12'345), items[12'345]);
  ASSERT_TRUE(a.set(12'345, Item{7, 7}));
  EXPECT_EQ(*a.get(12'345), (Item{7, 7}));
  EXPECT_EQ(*a.get(12'346), items[12'346]);
  EXPECT_FALSE(a.get(items.size()));
  EXPECT_FALSE(a.set(items.size(), Item{}));
}

TEST_P(SpillKinds, CachedReaderAgreesWithDirectReadsInAnyOrder) {
  auto a = make();
  const auto items = random_items(5'000, 100, 2);
  for (const auto& v : items) ASSERT_TRUE(a.push_back(v));
  ASSERT_TRUE(a.flush());
  CachedReader<Item> cached(a);
  std::mt19937 rng(3);
  for (int k = 0; k < 3'000; ++k) {
    const std::size_t i = k < 1'000 ? static_cast<std::size_t>(k) : rng() % items.size();
    auto v = cached.get(i);
    ASSERT_TRUE(v) << v.error().message;
    ASSERT_EQ(*v, items[i]) << i;
  }
  EXPECT_FALSE(cached.get(items.size()));
  EXPECT_FALSE(cached.get(items.size() + 5'000));
  ASSERT_TRUE(a.set(10, Item{1, 1}));
  cached.invalidate();
  EXPECT_EQ(*cached.get(10), (Item{1, 1}));
}

TEST_P(SpillKinds, ExternalSortIsStableAndAgreesWithStableSort) {
  // Budget of 1,000 items per run: sizes below, at and around the run boundaries, and many runs.
  const std::size_t budget = 1'000 * sizeof(Item);
  for (std::size_t n : {0u, 1u, 999u, 1'000u, 1'001u, 2'000u, 2'001u, 37'123u}) {
    for (std::uint32_t keys : {1u, 7u, 1'000'000u}) {
      auto a = make();
      auto items = random_items(n, keys, static_cast<unsigned>(n + keys));
      for (const auto& v : items) ASSERT_TRUE(a.push_back(v));
      ASSERT_TRUE(a.flush());
      auto s = sorted(a, by_key, budget);
      ASSERT_TRUE(s) << s.error().message;
      std::stable_sort(items.begin(), items.end(), by_key);
      ASSERT_EQ(read_all(*s), items) << "n " << n << ", keys " << keys;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, SpillKinds, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "InFolder" : "InMemory"; });

TEST(Spill, FolderArraysAreUnnamedAndPrivate) {
  lg::test::ScratchDir dir;
  auto a = SpillArray<Item>::in_folder(dir.path());
  ASSERT_TRUE(a);
  for (std::uint32_t i = 0; i < 100'000; ++i) ASSERT_TRUE(a->push_back({i, i}));
  ASSERT_TRUE(a->flush());
  auto s = sorted(*a, by_key, 4'096);
  ASSERT_TRUE(s);
  // Nothing is visible in the folder: the files have no name and vanish when closed.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(Spill, ReadingBeforeFlushIsAnErrorNotGarbage) {
  lg::test::ScratchDir dir;
  auto a = SpillArray<Item>::in_folder(dir.path());
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->push_back({1, 2}));
  auto v = a->get(0);
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("before flush"), std::string::npos) << v.error().message;
  ASSERT_TRUE(a->flush());
  EXPECT_EQ(*a->get(0), (Item{1, 2}));
}

TEST(Spill, AnUnwritableFolderIsReported) {
  auto a = SpillArray<Item>::in_folder("/nonexistent/folder");
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("/nonexistent/folder"), std::string::npos) << a.error().message;
}

}  // namespace
}  // namespace lg::io

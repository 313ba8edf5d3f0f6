// Output files are written whole or not at all, private to the owner, and reach the disk
// either at once or when their folder is flushed.
#include "labelgen/io/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/support.hpp"

namespace lg::io {
namespace {

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777u;
}

std::size_t entries(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicFile, WritesPrivateFileAndLeavesNoTemporary) {
  lg::test::ScratchDir dir;
  ASSERT_TRUE(write_file_atomic(dir / "a.txt", "first"));
  ASSERT_TRUE(write_file_atomic(dir / "a.txt", "second"));
  EXPECT_EQ(lg::test::read_file(dir / "a.txt"), "second");
  EXPECT_EQ(mode_of(dir / "a.txt"), 0600u);
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, DeferredCommitRenamesAndSyncFolderFlushes) {
  lg::test::ScratchDir dir;
  for (const char* name : {"x.pdf", "y.pdf"}) {
    auto temp = create_temp_for(dir / name);
    ASSERT_TRUE(temp) << temp.error().message;
    dir.write(temp->filename().string(), std::string("content of ") + name);
    ASSERT_TRUE(commit_temp(*temp, dir / name, Durability::Deferred));
  }
  EXPECT_EQ(lg::test::read_file(dir / "x.pdf"), "content of x.pdf");
  EXPECT_EQ(mode_of(dir / "y.pdf"), 0600u);
  EXPECT_EQ(entries(dir.path()), 2u) << "no temporary file left behind";
  auto synced = sync_folder(dir.path());
  EXPECT_TRUE(synced) << synced.error().message;
}

TEST(AtomicFile, SyncFolderNamesAMissingFolder) {
  lg::test::ScratchDir dir;
  auto r = sync_folder(dir / "missing");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("missing"), std::string::npos) << r.error().message;
}

TEST(AtomicFile, FailedCommitRemovesTheTemporary) {
  lg::test::ScratchDir dir;
  auto temp = create_temp_for(dir / "z.pdf");
  ASSERT_TRUE(temp);
  // The target is a non-empty folder: rename fails, and the temporary goes.
  std::filesystem::create_directories(dir / "z.pdf" / "inside");
  for (auto d : {Durability::Now, Durability::Deferred}) {
    auto t = create_temp_for(dir / "z.pdf");
    ASSERT_TRUE(t);
    auto r = commit_temp(*t, dir / "z.pdf", d);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("z.pdf"), std::string::npos) << r.error().message;
    EXPECT_FALSE(std::filesystem::exists(*t));
  }
  std::filesystem::remove(*temp);
}

}  // namespace
}  // namespace lg::io

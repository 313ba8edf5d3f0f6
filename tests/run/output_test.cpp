// `labelgen run` output handling: private modes, byte-identical reruns, refusing to overwrite
// a batch without --replace, and failures mid-run that leave nothing behind.
#include <gtest/gtest.h>

#include <fstream>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include "tests/run/run_support.hpp"

namespace lg::run::test {
namespace {

using lg::test::CommandResult;
using lg::test::run_labelgen;
using lg::test::ScratchDir;

constexpr const char* kPrinter = "office-laser-letter";

CommandResult run_samples(const fs::path& out, const std::string& extra = "") {
  return run_labelgen(sample_run_args(out, kPrinter, extra));
}

/// The batch folder's files (name → bytes).
std::map<std::string, std::string> batch_files(const fs::path& batch) {
  std::map<std::string, std::string> out;
  for (const auto& [name, entry] : snapshot(batch))
    if (!entry.dir) out[name] = entry.content;
  return out;
}

/// What a failed run may leave in the output root: the run lock and the ledger, never a batch
/// folder or a staging / swap folder.
void expect_no_batch_left(const fs::path& out, const std::string& context) {
  EXPECT_FALSE(fs::exists(out / kSampleBatch)) << context << ": a batch folder was left behind";
  for (const auto& name : entries(out)) {
    EXPECT_NE(name.rfind(".staging", 0), 0u) << context << ": staging folder " << name << " left behind";
    EXPECT_NE(name.rfind(".old", 0), 0u) << context << ": swap folder " << name << " left behind";
    EXPECT_TRUE(name == ".labelgen.lock" || name.rfind("ledger.db", 0) == 0)
        << context << ": unexpected " << name << " in the output root";
  }
}

TEST(RunOutput, BatchFolderIs0700AndEveryFile0600WhateverTheUmask) {
  ScratchDir dir;
  const fs::path out = dir / "out";
  CommandResult r;
  {
    UmaskGuard open_umask(0);  // the run must not rely on the caller's umask
    r = run_samples(out);
  }
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path batch = out / kSampleBatch;
  EXPECT_EQ(mode_of(batch), 0700u) << std::oct << mode_of(batch);
  EXPECT_EQ(mode_of(out), 0700u) << "output root created by the run: " << std::oct << mode_of(out);
  std::size_t pdfs = 0;
  for (const auto& [name, entry] : snapshot(out)) {
    EXPECT_EQ(entry.mode, entry.dir ? 0700u : 0600u) << name << ": mode " << std::oct << entry.mode;
    pdfs += name.size() > 4 && name.substr(name.size() - 4) == ".pdf";
  }
  EXPECT_GT(pdfs, 10u);
  EXPECT_TRUE(fs::exists(batch / "manifest.csv"));
  EXPECT_TRUE(fs::exists(batch / "summary.json"));
  // Nothing but the batch, the ledger and the lock: no staging or swap folder remains.
  for (const auto& name : entries(out))
    EXPECT_TRUE(name == kSampleBatch || name == ".labelgen.lock" || name.rfind("ledger.db", 0) == 0) << name;
}

TEST(RunOutput, SameCommandIntoAnotherFolderIsByteIdentical) {
  ScratchDir dir;
  const auto first = run_samples(dir / "one");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto second = run_samples(dir / "two");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto a = batch_files(dir / "one" / kSampleBatch), b = batch_files(dir / "two" / kSampleBatch);
  ASSERT_GT(a.size(), 2u);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    const auto it = b.find(name);
    ASSERT_NE(it, b.end()) << name << " missing in the second run";
    EXPECT_TRUE(it->second == bytes) << name << " differs between two runs of the same command ("
                                     << bytes.size() << " vs " << it->second.size() << " bytes)";
  }
}

/// Running into an output root that already holds the batch.
struct AgainCase {
  const char* name;
  std::string args;  ///< after the sample arguments; `{dir}` is the test's scratch folder
  bool rerender = false;
  std::vector<int> exit_codes;  ///< accepted exit codes without --replace
};

std::string fill(std::string s, const fs::path& dir) {
  const std::string key = "{dir}";
  for (auto at = s.find(key); at != std::string::npos; at = s.find(key)) s.replace(at, key.size(), dir.string());
  return s;
}

void PrintTo(const AgainCase& c, std::ostream* os) { *os << c.name; }

class RunAgain : public ::testing::TestWithParam<AgainCase> {};

TEST_P(RunAgain, LeavesTheExistingBatchUntouchedAndReplaceRewritesIt) {
  const AgainCase& c = GetParam();
  ScratchDir dir;
  const fs::path out = dir / "out", batch = out / kSampleBatch;
  auto first = run_samples(out);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto before = snapshot(batch);
  const auto files = batch_files(batch);
  ASSERT_FALSE(before.empty());

  auto command = [&](bool replace) {
    const std::string extra = fill(c.args, dir.path()) + (replace ? " --replace" : "");
    return c.rerender ? run_labelgen("run --admin 2024-25 --out '" + out.string() + "' " + extra)
                      : run_samples(out, extra);
  };
  const auto again = command(false);
  EXPECT_NE(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(std::find(c.exit_codes.begin(), c.exit_codes.end(), again.exit_code), c.exit_codes.end())
      << "exit code " << again.exit_code << "\n" << again.out << again.err;
  EXPECT_TRUE(snapshot(batch) == before) << "the existing batch was modified";
  for (const auto& name : entries(out)) EXPECT_NE(name.rfind(".staging", 0), 0u) << name;

  if (c.exit_codes == std::vector<int>{1}) return;  // nothing to write: --replace changes nothing
  // With --replace the batch is written again: a stale file disappears, the rest is identical.
  write_text(batch / "stale.txt", "left over\n");
  const auto replaced = command(true);
  ASSERT_EQ(replaced.exit_code, 0) << replaced.out << replaced.err;
  EXPECT_FALSE(fs::exists(batch / "stale.txt")) << "--replace kept a file of the old batch";
  EXPECT_TRUE(batch_files(batch) == files) << "--replace wrote a different batch";
  EXPECT_EQ(mode_of(batch), 0700u);
  for (const auto& name : entries(out)) {
    EXPECT_NE(name.rfind(".staging", 0), 0u) << name;
    EXPECT_NE(name.rfind(".old", 0), 0u) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RunAgain,
    ::testing::Values(
        // The monthly run again with the same events: everyone holds a live label already.
        AgainCase{"SameCommandSameLedger", "", false, {1}},
        // A run that does have labels to write (a fresh ledger) into a folder that exists.
        AgainCase{"SameCommandOtherLedger", "--ledger '{dir}/other-ledger.db'", false, {3, 4}},
        // Re-rendering the batch from the ledger over its existing folder.
        AgainCase{"Rerender", "--rerender 2024-12", true, {3, 4}}),
    param_name<AgainCase>);

// ---- failures mid-run ---------------------------------------------------------------------

/// Sets RLIMIT_FSIZE (and ignores SIGXFSZ, so writes fail with EFBIG instead of killing) for
/// child processes started while it lives.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &old_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lim = old_;
    lim.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &lim);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit old_{};
  void (*old_handler_)(int) = nullptr;
};

struct MidRunCase {
  const char* name;
  const char* file;  ///< data file to break, relative to the data dir
  const char* from;
  const char* to;
  std::vector<std::string> message;  ///< substrings of stderr
  int exit_code;
};

void PrintTo(const MidRunCase& c, std::ostream* os) { *os << c.name; }

class FailureMidRun : public ::testing::TestWithParam<MidRunCase> {};

/// The next run after a failed one: it succeeds and starts at serial 1 and GIS 1, as a first
/// run would (the failed run consumed no serials).
void expect_clean_restart(const fs::path& out, const std::string& args) {
  const auto good = run_labelgen(args);
  ASSERT_EQ(good.exit_code, 0) << good.err;
  const auto manifest = parse_manifest(lg::test::read_file(out / kSampleBatch / "manifest.csv"));
  ASSERT_FALSE(manifest.empty());
  EXPECT_EQ(manifest.front().serial, "0000001") << "serials consumed by the failed run";
  EXPECT_EQ(manifest.front().gis_id, "G1") << "GIS serials consumed by the failed run";
}

/// A template that loads but fails when the first label or GIS is drawn, after the staging
/// folder exists: the run must stop, say which template item failed, and leave no batch or
/// staging folder, and consume no serials.
TEST_P(FailureMidRun, LeavesNothingBehind) {
  const MidRunCase& c = GetParam();
  ScratchDir dir;
  const fs::path out = dir / "out";
  const std::string args = sample_run_args(out, kPrinter);  // before LABELGEN_DATA_DIR changes
  const fs::path data = copy_data_dir(dir / "data");
  edit_file(data / c.file, c.from, c.to);
  CommandResult r;
  {
    EnvGuard env("LABELGEN_DATA_DIR", data.string());
    r = run_labelgen(args);
  }
  EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
  for (const auto& m : c.message) EXPECT_NE(r.err.find(m), std::string::npos) << "no \"" << m << "\" in:\n" << r.err;
  expect_no_batch_left(out, c.name);
  expect_clean_restart(out, args);
}

INSTANTIATE_TEST_SUITE_P(
    Templates, FailureMidRun,
    ::testing::Values(
        MidRunCase{"UnknownField",
                   "templates/labels/preid-avery-5160.toml",
                   "text = \"{name}\"",
                   "text = \"{nmae}\"",
                   {"preid-avery-5160", "text[0]", "nmae"},
                   3},
        MidRunCase{"DataMatrixDoesNotFit",
                   "templates/labels/preid-avery-5160.toml",
                   "max_size = \"0.62in\"",
                   "max_size = \"0.2in\"",
                   {"preid-avery-5160", "barcode[1]", "does not fit"},
                   3},
        MidRunCase{"GisUnknownField",
                   "templates/gis/gis-letter.toml",
                   "text = \"LEA: {lea_name}\"",
                   "text = \"LEA: {lea_nam}\"",
                   {"gis-letter", "text[", "lea_nam"},
                   3}),
    param_name<MidRunCase>);

/// A --replace run that fails mid-run keeps the batch it was to replace.
TEST(RunFailure, FailedReplaceKeepsTheExistingBatch) {
  ScratchDir dir;
  const fs::path out = dir / "out", batch = out / kSampleBatch;
  const auto first = run_samples(out);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto before = snapshot(batch);
  const fs::path data = copy_data_dir(dir / "data");
  edit_file(data / "templates/labels/preid-avery-5160.toml", "text = \"{name}\"", "text = \"{nmae}\"");
  CommandResult r;
  {
    EnvGuard env("LABELGEN_DATA_DIR", data.string());
    r = run_labelgen("run --admin 2024-25 --rerender 2024-12 --replace --out '" + out.string() + "'");
  }
  EXPECT_NE(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("nmae"), std::string::npos) << r.err;
  EXPECT_TRUE(snapshot(batch) == before) << "the batch to be replaced was modified by a failed run";
  for (const auto& name : entries(out)) {
    EXPECT_NE(name.rfind(".staging", 0), 0u) << name;
    EXPECT_NE(name.rfind(".old", 0), 0u) << name;
  }
}

/// Writing a PDF fails (the file size limit stands in for a full disk): exit 4 (could not
/// write output), the message names the file, nothing is left behind, no serial is consumed.
TEST(RunFailure, WriteErrorMidRunLeavesNothingBehind) {
  constexpr std::size_t kLimit = 120 * 1024;  // below the samples' largest PDFs (San Diego, San Jose …)
  ScratchDir dir;
  const fs::path out = dir / "out";
  // Create the ledger first (a run with nothing to print), so that only the PDF outgrows the
  // limit: a fresh ledger's first transactions would hit it before any PDF is written.
  const auto warm_up = run_labelgen("run --admin 2024-25 --events '" +
                                    (lg::test::repo_dir() / "samples" / "events.csv").string() +
                                    "' --through 2024-01-31 --out '" + out.string() + "'");
  ASSERT_EQ(warm_up.exit_code, 1) << warm_up.out << warm_up.err;
  CommandResult r;
  {
    FileSizeLimit limit(kLimit);
    r = run_samples(out);
  }
  EXPECT_EQ(r.exit_code, 4) << "a failed write is 'could not write output'\n" << r.err;
  expect_no_batch_left(out, "write error");
  expect_clean_restart(out, sample_run_args(out, kPrinter));
  // The limit did bite on a PDF, and the message names the one that failed.
  std::vector<std::string> too_large;
  for (const auto& [name, bytes] : batch_files(out / kSampleBatch))
    if (bytes.size() > kLimit && name.ends_with(".pdf")) too_large.push_back(name);
  ASSERT_FALSE(too_large.empty()) << "no PDF is larger than the limit: the test no longer fails a write";
  EXPECT_TRUE(std::any_of(too_large.begin(), too_large.end(),
                          [&](const std::string& name) { return r.err.find(name) != std::string::npos; }))
      << "the message names none of the PDFs too large to write:\n" << r.err;
}

/// An output root that cannot be written: the run fails with exit 4 before writing anything.
/// Root ignores folder permissions, so the root case uses a path through a regular file,
/// which no user can create folders under.
TEST(RunFailure, UnwritableOutputRoot) {
  ScratchDir dir;
  fs::path out = dir / "out";
  if (::geteuid() == 0) {
    std::ofstream(dir / "not-a-folder") << "x";
    out = dir / "not-a-folder" / "out";
  } else {
    fs::create_directory(out);
    fs::permissions(out, fs::perms::owner_read | fs::perms::owner_exec);
  }
  const auto r = run_samples(out);
  if (::geteuid() != 0) fs::permissions(out, fs::perms::owner_all);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find(out.string().substr(0, out.string().rfind('/'))), std::string::npos) << r.err;
  std::error_code ec;
  EXPECT_FALSE(fs::exists(out / "2024-12", ec));
}

}  // namespace
}  // namespace lg::run::test

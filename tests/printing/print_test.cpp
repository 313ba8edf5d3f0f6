// labelgen print and calibrate --print through a real CUPS scheduler: a private cupsd with
// cups-pdf virtual printers (tests/printing/cups_server.hpp). A batch written by `labelgen run`
// is printed job by job; the PDFs cups-pdf wrote are rasterized at 300 dpi and every label of
// the manifest is decoded in its slot. Also: --dry-run sends nothing, changed files are
// refused, a failing job exits 4, a profile without a queue gets a clear error, and the
// calibration page keeps its geometry through the PostScript path (pdftops, Ghostscript).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/io/csv_writer.hpp"
#include "labelgen/io/sha256.hpp"
#include "tests/printing/calibration_check.hpp"
#include "tests/printing/cups_server.hpp"

namespace lg::printing::test {
namespace {

using lg::run::test::EnvGuard;
using lg::run::test::ManifestRow;
using lg::run::test::Pdf;
using lg::run::test::quoted;
using lg::test::CommandResult;
using lg::test::run_labelgen;
using lg::test::ScratchDir;

constexpr const char* kPrinter = "office-laser-letter";
constexpr const char* kQueue = "labelgen-test";  // cups-pdf: through PostScript and Ghostscript
constexpr const char* kBrokenQueue = "labelgen-broken";
constexpr const char* kStoppedQueue = "labelgen-stopped";
constexpr const char* kBatch = "2024-12";

/// A started cupsd with the test queues; every failure carries the server's logs.
struct Cups {
  ScratchDir dir;
  std::unique_ptr<CupsServer> server;
  std::string error;
  Cups() {
    fs::create_directories(dir / "cups");
    server = std::make_unique<CupsServer>(dir / "cups");
    if (!server->ok()) {
      error = server->error();
      return;
    }
    for (auto [name, kind] :
         {std::pair{kQueue, QueueKind::CupsPdf}, std::pair{kBrokenQueue, QueueKind::Broken},
          std::pair{kStoppedQueue, QueueKind::Stopped}})
      if (auto e = server->add_queue(name, kind); !e.empty()) {
        error = e;
        return;
      }
  }
  /// Jobs the server holds for `queue` (any state).
  int jobs(const char* queue) const {
    auto r = lg::test::run_shell("lpstat -h " + server->address() + " -W all -o " + queue + " | wc -l");
    return std::stoi(r.out);
  }
  /// The PDF cups-pdf wrote for job `id`.
  std::optional<fs::path> output_of(int id) const {
    const std::string prefix = "job_" + std::to_string(id) + "-";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(server->output_dir(), ec))
      if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path();
    return std::nullopt;
  }
};

/// LEAs of samples/events.csv whose events the CUPS tests print: four LEA files (one label; a
/// charter; several GIS groups on 18 pages), about 30 pages. The whole sample batch (20 files,
/// 250 pages) takes about a minute through Debian's cups-pdf, which turns every job into
/// PostScript and back through Ghostscript twice.
const std::set<std::string> kLeas = {"19642120000000", "19647330100743", "21654090000000", "23656150000000"};

/// samples/events.csv cut down to the events of kLeas, written to `file`.
void write_sample_subset(const fs::path& file) {
  const std::string text = lg::test::read_file(lg::test::repo_dir() / "samples" / "events.csv");
  const auto rows = lg::run::test::parse_csv(text);
  ASSERT_FALSE(rows.empty());
  const auto& header = rows[0];
  const auto col = std::find(header.begin(), header.end(), "lea_cds") - header.begin();
  ASSERT_LT(static_cast<std::size_t>(col), header.size());
  std::string out = text.substr(0, text.find('\n') + 1);  // the header as it is (with its BOM)
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i].size() == header.size() && kLeas.count(rows[i][col])) out += io::csv_row(rows[i]);
  lg::run::test::write_text(file, out);
}

/// `labelgen run` of the sample subset into `out`.
CommandResult run_samples(const fs::path& out) {
  const fs::path events = out.parent_path() / "events.csv";
  write_sample_subset(events);
  return run_labelgen("run --admin 2024-25 --events " + quoted(events) + " --through 2024-12-31 --printer " +
                      kPrinter + " --out " + quoted(out));
}

std::vector<std::string> summary_files(const fs::path& batch_dir) {
  const auto summary = nlohmann::json::parse(lg::test::read_file(batch_dir / "summary.json"));
  std::vector<std::string> files;
  for (const auto& f : summary.at("files")) files.push_back(f.at("file").get<std::string>());
  return files;
}

/// Personal data (names, SSIDs) of the manifest found in `text`; empty when none.
std::string personal_data_in(const std::string& text, const std::vector<ManifestRow>& manifest) {
  for (const auto& r : manifest) {
    if (text.find(r.ssid) != std::string::npos) return "SSID of serial " + r.serial;
    if (r.name.size() > 3 && text.find(r.name) != std::string::npos) return "name of serial " + r.serial;
  }
  return {};
}

/// `job <queue>-<id> (<batch> <file>): <state>` lines of labelgen print's output.
std::vector<std::pair<int, std::string>> job_lines(const std::string& out, const std::string& queue,
                                                   const std::string& state) {
  const std::regex re("job " + queue + "-([0-9]+) \\(" + kBatch + " ([^)]+)\\): " + state);
  std::vector<std::pair<int, std::string>> jobs;
  for (std::sregex_iterator it(out.begin(), out.end(), re), end; it != end; ++it)
    jobs.emplace_back(std::stoi((*it)[1]), (*it)[2]);
  return jobs;
}

TEST(PrintCups, BatchPrintsInPackingOrderAndEveryLabelDecodes) {
  const auto t0 = std::chrono::steady_clock::now();
  Cups cups;
  ASSERT_TRUE(cups.error.empty()) << cups.error;
  const fs::path out = cups.dir / "out";
  const auto run = run_samples(out);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto t_run = std::chrono::steady_clock::now();
  const fs::path batch_dir = out / kBatch;
  const auto manifest = lg::run::test::parse_manifest(lg::test::read_file(batch_dir / "manifest.csv"));
  const auto files = summary_files(batch_dir);
  ASSERT_FALSE(manifest.empty());

  EnvGuard server("CUPS_SERVER", cups.server->address());
  const auto r = run_labelgen(std::string("print --printer ") + kPrinter + " --batch " + kBatch + " --out " +
                              quoted(out) + " --queue " + kQueue + " --timeout 60");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err << "\n" << cups.server->logs();
  EXPECT_EQ(personal_data_in(r.out + r.err, manifest), "");
  EXPECT_NE(r.out.find("sha256 checked against the ledger"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("printed " + std::to_string(files.size()) + " files"), std::string::npos) << r.out;

  // One completed job per file, in summary.json's (packing) order.
  const auto jobs = job_lines(r.out, kQueue, "completed");
  ASSERT_EQ(jobs.size(), files.size()) << r.out;
  for (std::size_t i = 0; i < files.size(); ++i) EXPECT_EQ(jobs[i].second, files[i]) << "job " << i + 1;
  for (std::size_t i = 1; i < jobs.size(); ++i) EXPECT_GT(jobs[i].first, jobs[i - 1].first);
  const auto t_print = std::chrono::steady_clock::now();

  // What cups-pdf wrote: every manifest label decodes in its slot, on its page.
  const layout::Stock stock = lg::run::test::load_stock("avery-5160");
  std::map<std::string, std::map<int, std::vector<const ManifestRow*>>> rows;
  for (const auto& m : manifest) rows[m.file][m.page].push_back(&m);
  std::set<std::string> decoded;
  std::vector<std::string> failures;
  for (const auto& [id, file] : jobs) {
    const auto printed = cups.output_of(id);
    if (!printed) {
      failures.push_back(file + ": cups-pdf wrote no PDF for job " + std::to_string(id));
      continue;
    }
    Pdf pdf(*printed);
    const Pdf original(batch_dir / file);
    if (pdf.pages() != original.pages())
      failures.push_back(file + ": printed " + std::to_string(pdf.pages()) + " pages");
    for (const auto& [page, labels] : rows[file]) {
      if (page > pdf.pages()) continue;
      const Size size = pdf.page_size(page - 1);
      if (std::abs(size.width.points() - 612) > 0.5 || std::abs(size.height.points() - 792) > 0.5)
        failures.push_back(file + " page " + std::to_string(page) + ": printed at " +
                           std::to_string(size.width.points()) + " x " +
                           std::to_string(size.height.points()) + " pt");
      const Gray g = pdf.render(page - 1, 300);
      for (const ManifestRow* m : labels) {
        const std::string where = file + " page " + std::to_string(page) + " slot " +
                                  std::to_string(m->position) + " serial " + m->serial;
        const auto area = lg::run::test::slot_area(stock, m->position - 1);
        const auto codes = lg::run::test::read_symbols(g, area, ZXing::BarcodeFormat::Code128);
        auto code = codes.size() == 1 ? barcode::parse_preid_code128(codes[0])
                                      : Result<barcode::PreIdCode>(fail("", "no single Code 128"));
        if (!code || code->serial != std::stoul(m->serial) || code->ssid.str() != m->ssid) {
          failures.push_back(where + ": Code 128 " +
                             (code ? "says serial " + std::to_string(code->serial) : code.error().message));
          continue;
        }
        const auto dms = lg::run::test::read_datamatrix(g, area, true);
        auto payload = dms.size() == 1 ? barcode::parse_payload(*dms.begin())
                                       : Result<barcode::PayloadFields>(fail("", "no DataMatrix"));
        if (!payload || payload->serial != code->serial || payload->ssid.str() != m->ssid) {
          failures.push_back(where + ": DataMatrix " + (payload ? "disagrees" : payload.error().message));
          continue;
        }
        decoded.insert(m->serial);
      }
    }
  }
  EXPECT_EQ(decoded.size(), manifest.size());
  for (const auto& f : failures) ADD_FAILURE() << f;
  const auto t_end = std::chrono::steady_clock::now();
  using secs = std::chrono::duration<double>;
  std::printf("[ measure  ] %zu files, %zu labels: cupsd + run %.1f s, print %.1f s, decode %.1f s\n",
              files.size(), manifest.size(), secs(t_run - t0).count(), secs(t_print - t_run).count(),
              secs(t_end - t_print).count());
}

TEST(PrintCups, DryRunSendsNothingAndChangedFilesAreRefused) {
  Cups cups;
  ASSERT_TRUE(cups.error.empty()) << cups.error;
  const fs::path out = cups.dir / "out";
  ASSERT_EQ(run_samples(out).exit_code, 0);
  const auto files = summary_files(out / kBatch);
  const auto manifest = lg::run::test::parse_manifest(lg::test::read_file(out / kBatch / "manifest.csv"));
  EnvGuard server("CUPS_SERVER", cups.server->address());
  const std::string print =
      std::string("print --printer ") + kPrinter + " --queue " + kQueue + " --timeout 30 ";

  // --dry-run: server, queue, copies, every file in packing order with its pages; no job.
  auto r = run_labelgen(print + "--copies 2 --dry-run --batch " + kBatch + " --out " + quoted(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("nothing is sent"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server " + cups.server->address() + ", queue " + kQueue + ", 2 copies"),
            std::string::npos)
      << r.out;
  std::size_t at = 0;
  const auto summary = nlohmann::json::parse(lg::test::read_file(out / kBatch / "summary.json"));
  int pages = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const int p = summary["files"][i]["pages"];
    pages += p;
    const std::string line = std::to_string(i + 1) + ". " + kBatch + " " + files[i] + "  " +
                             std::to_string(p) + (p == 1 ? " page" : " pages");
    const auto found = r.out.find(line, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << line << "\n" << r.out;
    at = found;
  }
  const std::string totals = std::to_string(files.size()) + " jobs, " + std::to_string(pages) +
                             " pages x 2 = " + std::to_string(2 * pages) + " pages to print";
  EXPECT_NE(r.out.find(totals), std::string::npos) << totals << "\n" << r.out;
  EXPECT_EQ(personal_data_in(r.out + r.err, manifest), "");
  EXPECT_EQ(cups.jobs(kQueue), 0) << "--dry-run sent a job";

  // A file changed after the run is refused, and nothing of the batch is sent.
  const fs::path copy = cups.dir / "changed";
  fs::copy(out, copy, fs::copy_options::recursive);
  const fs::path victim = copy / kBatch / files[1];
  std::string bytes = lg::test::read_file(victim);
  bytes[bytes.size() / 2] ^= 0x20;
  lg::run::test::write_text(victim, bytes);
  r = run_labelgen(print + "--batch " + kBatch + " --out " + quoted(copy));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find(files[1] + " changed since batch " + kBatch), std::string::npos) << r.err;
  EXPECT_EQ(cups.jobs(kQueue), 0) << "a job was sent from a batch with a changed file";

  // Changing summary.json to match the changed file does not help: the ledger disagrees.
  const std::string old_sum = summary["files"][1]["sha256"];
  const std::string new_sum = lg::io::sha256_hex(bytes);
  lg::run::test::edit_file(copy / kBatch / "summary.json", old_sum, new_sum);
  r = run_labelgen(print + "--batch " + kBatch + " --out " + quoted(copy));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("summary.json and the ledger disagree"), std::string::npos) << r.err;
  EXPECT_EQ(cups.jobs(kQueue), 0);

  // Unknown batch, unknown queue, a batch printed with another profile: bad input (3).
  r = run_labelgen(print + "--batch 2031-01 --out " + quoted(out));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("no batch 2031-01"), std::string::npos) << r.err;
  r = run_labelgen(std::string("print --printer ") + kPrinter + " --queue no-such-queue --batch " + kBatch +
                   " --out " + quoted(out));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("no queue \"no-such-queue\""), std::string::npos) << r.err;
  r = run_labelgen("print --printer office-laser-5163 --queue " + std::string(kQueue) + " --batch " + kBatch +
                   " --out " + quoted(out));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("rendered for printer office-laser-letter"), std::string::npos) << r.err;

  // A job the printer cannot print: exit 4, the job and its state named, the rest not sent.
  r = run_labelgen(std::string("print --printer ") + kPrinter + " --queue " + kBrokenQueue +
                   " --timeout 30 " + quoted(out / kBatch / files[0]) + " " +
                   quoted(out / kBatch / files[1]));
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_TRUE(std::regex_search(
      r.err, std::regex(std::string("job ") + kBrokenQueue + "-[0-9]+ \\(" + files[0] + "\\): aborted")))
      << r.err;
  EXPECT_NE(r.err.find("1 file not sent: " + files[1]), std::string::npos) << r.err;
  EXPECT_EQ(cups.jobs(kBrokenQueue), 1);
  EXPECT_EQ(cups.jobs(kQueue), 0);

  // A job that does not finish within --timeout: exit 4 with its last state.
  r = run_labelgen(std::string("print --printer ") + kPrinter + " --queue " + kStoppedQueue +
                   " --timeout 1 " + quoted(out / kBatch / files[0]));
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_TRUE(
      std::regex_search(r.err, std::regex(std::string("job ") + kStoppedQueue + "-[0-9]+ \\(" + files[0] +
                                          "\\): pending, still not finished at the timeout")))
      << r.err;
}

TEST(PrintCli, NoQueueConfiguredAndUsageErrors) {
  ScratchDir dir;
  const fs::path data = lg::run::test::copy_data_dir(dir / "data");
  // A profile without a queue (as shipped) and one whose cups_queue names a queue.
  lg::run::test::write_text(data / "printers" / "test-no-queue.toml",
                            "name = \"test-no-queue\"\ndescription = \"test\"\nkind = \"pdf\"\ndpi = 600\n"
                            "label_template = \"preid-avery-5160\"\ngis_template = \"gis-letter\"\n"
                            "offset_x = \"0in\"\noffset_y = \"0in\"\ncups_queue = \"\"\n");
  EnvGuard data_dir("LABELGEN_DATA_DIR", data.string());
  EnvGuard server("CUPS_SERVER", "127.0.0.1:" + std::to_string(free_port()));  // nothing listens
  const fs::path pdf = dir / "one.pdf";
  ASSERT_EQ(run_labelgen("calibrate --printer test-no-queue --out " + quoted(pdf)).exit_code, 0);

  auto r = run_labelgen("print --printer test-no-queue " + quoted(pdf));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(
      r.err.find("printer test-no-queue has no CUPS queue: set cups_queue in printers/test-no-queue.toml"),
      std::string::npos)
      << r.err;
  r = run_labelgen("calibrate --printer test-no-queue --print --out " + quoted(dir / "c.pdf"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("has no CUPS queue"), std::string::npos) << r.err;
  // With --dry-run the queue is still required: nothing could be sent.
  r = run_labelgen("print --printer test-no-queue --dry-run " + quoted(pdf));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  // A queue but no server: I/O failure (4), naming the server.
  r = run_labelgen("print --printer test-no-queue --queue q " + quoted(pdf));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("cannot connect to the CUPS server 127.0.0.1:"), std::string::npos) << r.err;

  // Usage (2) and bad input (3).
  EXPECT_EQ(run_labelgen("print").exit_code, 2);
  EXPECT_EQ(run_labelgen("print " + quoted(pdf)).exit_code, 2);  // no --printer
  EXPECT_EQ(run_labelgen("print --printer test-no-queue").exit_code, 2);
  EXPECT_EQ(run_labelgen("print --printer test-no-queue --batch 2024-12").exit_code, 2);  // no --out
  EXPECT_EQ(run_labelgen("print --printer test-no-queue --batch 2024-12 --out x " + quoted(pdf)).exit_code,
            2);
  EXPECT_EQ(run_labelgen("print --printer test-no-queue --copies 0 " + quoted(pdf)).exit_code, 2);
  EXPECT_EQ(run_labelgen("print --printer no-such-printer --queue q " + quoted(pdf)).exit_code, 3);
  EXPECT_EQ(run_labelgen("print --printer test-no-queue --queue q " + quoted(dir / "missing.pdf")).exit_code,
            3);
  lg::run::test::write_text(dir / "notes.txt", "x");
  EXPECT_EQ(run_labelgen("print --printer test-no-queue --queue q " + quoted(dir / "notes.txt")).exit_code,
            3);
}

TEST(PrintCups, CalibrationPageKeepsItsGeometryThroughPostScript) {
  Cups cups;
  ASSERT_TRUE(cups.error.empty()) << cups.error;
  // A profile with offsets whose queue is the PostScript test queue.
  const fs::path data = lg::run::test::copy_data_dir(cups.dir / "data");
  lg::run::test::write_text(data / "printers" / "test-ps.toml",
                            "name = \"test-ps\"\ndescription = \"test\"\nkind = \"pdf\"\ndpi = 600\n"
                            "label_template = \"preid-avery-5160\"\ngis_template = \"gis-letter\"\n"
                            "offset_x = \"0.04in\"\noffset_y = \"-0.6mm\"\ncups_queue = \"" +
                                std::string(kQueue) + "\"\n");
  EnvGuard data_dir("LABELGEN_DATA_DIR", data.string());
  EnvGuard server("CUPS_SERVER", cups.server->address());
  const auto r =
      run_labelgen("calibrate --printer test-ps --print --timeout 60 --out " + quoted(cups.dir / "cal.pdf"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err << "\n" << cups.server->logs();
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex(std::string("job ") + kQueue + "-([0-9]+) completed")))
      << r.out;
  const auto printed = cups.output_of(std::stoi(m[1]));
  ASSERT_TRUE(printed) << cups.server->logs();
  Pdf pdf(*printed);
  ASSERT_EQ(pdf.pages(), 1);
  // It went the PostScript way: cups-pdf had Ghostscript write it.
  const auto info = lg::test::run_shell("pdfinfo " + quoted(*printed));
  EXPECT_NE(info.out.find("Ghostscript"), std::string::npos) << info.out;
  double worst = 0;
  const auto problems = check_calibration(pdf.render(0, 300), lg::run::test::load_stock("avery-5160"),
                                          Length::in(0.04), Length::mm(-0.6), 1.0, &worst);
  std::printf("[ measure  ] calibration page through CUPS: marks within %.2f dots at 300 dpi\n", worst);
  std::string all;
  for (const auto& p : problems) all += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << all;
}

}  // namespace
}  // namespace lg::printing::test

// Round trip of `labelgen run` on the repository samples through the real binary: every PDF
// page rasterized with poppler-cpp and read back with ZXing in each label slot; every manifest
// row found on its file, page and position; names in the text layer; qpdf and pdffonts clean.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/io/sha256.hpp"
#include "labelgen/printers/profile.hpp"
#include "tests/run/run_support.hpp"

namespace lg::run::test {
namespace {

/// One way of running the samples, and how deeply its output is rasterized.
struct RunCase {
  const char* name;
  const char* printer;
  const char* extra;               ///< more `labelgen run` arguments
  std::vector<double> label_dpis;  ///< label pages are rasterized and decoded at each
  bool decode_gis;                 ///< GIS first pages rasterized (300 dpi) and their symbols read
  bool check_text;                 ///< names looked up in the text layer
  bool check_fonts;                ///< pdffonts on every PDF (qpdf --check runs on every run)
  std::size_t max_labels_per_file = 0;  ///< the --max-labels-per-file given, 0 = default
};

void PrintTo(const RunCase& c, std::ostream* os) { *os << c.name; }

const std::vector<RunCase>& run_cases() {
  static const std::vector<RunCase> cases = {
      // Every label at 300 and 203 dpi, GIS symbols, text, fonts.
      {"Letter600", "office-laser-letter", "", {300, 203}, true, true, true},
      // The 300-dpi profile at its own resolution (text and fonts do not depend on the printer).
      {"Laser300", "office-laser-300", "", {300}, true, true, false},
      // Split into parts: same drawing as Letter600, so labels at 300 dpi only.
      {"Parts", "office-laser-letter", "--max-labels-per-file 8", {300}, false, false, false, 8},
  };
  return cases;
}

/// One `labelgen run` of the samples, kept for the whole test process.
struct SampleRun {
  std::unique_ptr<lg::test::ScratchDir> dir;
  lg::test::CommandResult result;
  fs::path batch_dir;
  std::vector<ManifestRow> manifest;
  nlohmann::json summary;
  std::string error;  ///< why the output could not be read
};

const SampleRun& sample_run(const RunCase& c) {
  static std::map<std::string, SampleRun> runs;
  if (auto it = runs.find(c.name); it != runs.end()) return it->second;
  SampleRun r;
  r.dir = std::make_unique<lg::test::ScratchDir>();
  const fs::path out = *r.dir / "out";
  r.result = lg::test::run_labelgen(sample_run_args(out, c.printer, c.extra));
  r.batch_dir = out / kSampleBatch;
  if (r.result.exit_code == 0) {
    try {
      r.manifest = parse_manifest(lg::test::read_file(r.batch_dir / "manifest.csv"));
      r.summary = nlohmann::json::parse(lg::test::read_file(r.batch_dir / "summary.json"));
    } catch (const std::exception& e) {
      r.error = e.what();
    }
  } else {
    r.error = "labelgen run exited " + std::to_string(r.result.exit_code) + ":\n" + r.result.err;
  }
  return runs.emplace(c.name, std::move(r)).first->second;
}

std::vector<std::string> summary_files(const SampleRun& run) {
  std::vector<std::string> files;
  for (const auto& f : run.summary.at("files")) files.push_back(f.at("file").get<std::string>());
  return files;
}

std::string describe(const ManifestRow& r) {
  return r.file + " page " + std::to_string(r.page) + " position " + std::to_string(r.position) + " serial " +
         r.serial + " (" + r.name + ")";
}

/// Problems found in one file, reported together (a broken symbol repeats on every label).
struct FileReport {
  std::string file;
  std::vector<std::string> failures;
  std::size_t gis_checked = 0;
  std::map<double, std::size_t> labels_at;  ///< labels decoded per dpi
  void fail(std::string what) { failures.push_back(std::move(what)); }
};

/// Reads one label in its slot: Code 128 → SSID + serial; DataMatrix → the student record of
/// the manifest row. Returns the first mismatch, or an empty string.
std::string check_label(const Gray& g, const layout::Stock& stock, const ManifestRow& r, const std::string& admin,
                        const std::string& batch) {
  const RectPt area = slot_area(stock, r.position - 1);
  const auto codes = read_symbols(g, area, ZXing::BarcodeFormat::Code128);
  if (codes.size() != 1) return std::to_string(codes.size()) + " Code 128 reads in the slot";
  if (codes[0].size() != 18) return "Code 128 \"" + codes[0] + "\" is not 18 digits";
  auto code = barcode::parse_preid_code128(codes[0]);
  if (!code) return "Code 128 \"" + codes[0] + "\": " + code.error().message;
  if (code->ssid.str() != r.ssid || code->serial != std::stoul(r.serial))
    return "Code 128 says SSID " + code->ssid.str() + " serial " + std::to_string(code->serial);

  const auto dms = read_datamatrix(g, area, true);
  if (dms.size() != 1) return "no DataMatrix read in the slot";
  const std::string& text = *dms.begin();
  auto p = barcode::parse_payload(text);
  if (!p) return "DataMatrix \"" + text + "\": " + p.error().message;
  std::string diff;
  auto cmp = [&](const char* field, const std::string& got, const std::string& want) {
    if (got != want) diff += std::string(diff.empty() ? "" : ", ") + field + " " + got + " != " + want;
  };
  cmp("ssid", p->ssid.str(), r.ssid);
  cmp("serial", std::to_string(p->serial), std::to_string(std::stoul(r.serial)));
  cmp("lea", p->lea.str(), r.lea_cds);
  cmp("school", p->school.str(), r.school_cds);
  cmp("grade", std::string(grade_code(p->grade)), r.grade);
  cmp("form", std::to_string(form_number(p->form)), r.form);
  cmp("administration", p->administration.str(), admin);
  cmp("batch", p->batch, batch);
  cmp("name", p->name, r.name);
  if (p->mac) diff += ", unexpected MAC field";
  return diff.empty() ? std::string() : "DataMatrix " + text + ": " + diff;
}

/// What the text layer says a page is.
struct PageKind {
  bool gis = false, gis_first = false;
  std::uint32_t gis_serial = 0;
};
PageKind page_kind(const std::string& text) {
  PageKind k;
  static const std::regex gis_re("GIS #([0-9]+) +page ([0-9]+) of ([0-9]+)");
  std::smatch m;
  if (std::regex_search(text, m, gis_re)) {
    k.gis = true;
    k.gis_serial = static_cast<std::uint32_t>(std::stoul(m[1]));
    k.gis_first = m[2] == "1";
  }
  return k;
}

/// Verifies one PDF: pages in packing order (each GIS, then its labels from a fresh sheet),
/// every listed label decoded in its slot at every `label_dpis`, unlisted slots blank, no
/// label symbol anywhere else, GIS symbols consistent with the manifest.
FileReport verify_file(const RunCase& c, const SampleRun& run, const layout::Stock& stock, const std::string& file) {
  FileReport rep;
  rep.file = file;
  const std::string admin = run.summary.at("administration");
  const std::string batch = run.summary.at("batch");
  std::unique_ptr<Pdf> pdf;
  try {
    pdf = std::make_unique<Pdf>(run.batch_dir / file);
  } catch (const std::exception& e) {
    rep.fail(e.what());
    return rep;
  }

  std::map<int, std::vector<const ManifestRow*>> by_page;
  std::map<std::string, std::size_t> rows_per_gis;
  std::vector<std::string> human_codes;  // every label's Code 128 as printed under it
  for (const auto& r : run.manifest) {
    ++rows_per_gis[r.gis_id];
    if (r.file == file) by_page[r.page].push_back(&r);
    const auto ssid = Ssid::parse(r.ssid);
    if (!ssid) continue;
    if (auto code = barcode::format_preid_code128({*ssid, static_cast<std::uint32_t>(std::stoul(r.serial))}))
      human_codes.push_back(code->substr(0, 10) + " " + code->substr(10, 7) + " " + code->substr(17));
  }
  for (const auto& [page, rows] : by_page)
    if (page < 1 || page > pdf->pages())
      rep.fail("manifest lists page " + std::to_string(page) + " of " + std::to_string(pdf->pages()));

  std::string current_gis;  // id of the GIS whose pages came last
  std::set<std::string> groups_seen;
  for (int i = 0; i < pdf->pages(); ++i) {
    const int page_no = i + 1;
    const std::string where = "page " + std::to_string(page_no);
    const Size size = pdf->page_size(i);
    const RectPt whole{0, 0, size.width.points(), size.height.points()};
    if (std::abs(size.width.points() - stock.page.width.points()) > 0.01 ||
        std::abs(size.height.points() - stock.page.height.points()) > 0.01)
      rep.fail(where + ": page is " + std::to_string(size.width.points()) + " x " +
               std::to_string(size.height.points()) + " pt, not the stock's page");
    const std::string text = pdf->text(i);
    const PageKind kind = page_kind(text);
    const auto rows_it = by_page.find(page_no);

    if (rows_it == by_page.end()) {  // ---- a GIS page
      if (!kind.gis) {
        rep.fail(where + ": neither a listed label page nor a GIS page");
        continue;
      }
      const std::string id = "G" + std::to_string(kind.gis_serial);
      for (const auto& h : human_codes)
        if (text.find(h) != std::string::npos) rep.fail(where + ": label " + h + " printed on a GIS page");
      if (kind.gis_first) {
        current_gis = id;
        if (!groups_seen.insert(id).second) rep.fail(where + ": GIS " + id + " printed twice");
        if (!rows_per_gis.count(id)) rep.fail(where + ": GIS " + id + " has no labels in the manifest");
      } else if (id != current_gis) {
        rep.fail(where + ": continued page of " + id + " after " + current_gis);
      }
      if (!c.decode_gis || !kind.gis_first) continue;
      // Only the band with the GIS's symbols (gis-letter.toml: y 1.25in to 3.3in) is rasterized.
      const RectPt band{0, Length::in(0.9).points(), whole.x1, Length::in(3.7).points()};
      const Gray g = pdf->render(i, 300, band);
      for (const auto& code : read_symbols(g, band, ZXing::BarcodeFormat::Code128, false))
        if (!barcode::parse_gis_code128(code)) rep.fail(where + ": Code 128 \"" + code + "\" on a GIS page");
      // The symbol hangs from the top-right corner of this area (gis-letter.toml: x 7.9in, y 1.25in).
      const auto dms = read_datamatrix(g, {Length::in(5.5).points(), Length::in(1.05).points(),
                                           Length::in(8.25).points(), Length::in(2.75).points()});
      if (dms.size() != 1) {
        rep.fail(where + ": " + std::to_string(dms.size()) + " GIS DataMatrix reads");
        continue;
      }
      auto gis = barcode::parse_gis_payload(*dms.begin());
      if (!gis) {
        rep.fail(where + ": GIS DataMatrix \"" + *dms.begin() + "\": " + gis.error().message);
        continue;
      }
      if (gis->serial != kind.gis_serial)
        rep.fail(where + ": GIS DataMatrix serial " + std::to_string(gis->serial) + ", page says #" +
                 std::to_string(kind.gis_serial));
      if (gis->count != rows_per_gis[id])
        rep.fail(where + ": GIS count " + std::to_string(gis->count) + " but the manifest has " +
                 std::to_string(rows_per_gis[id]) + " labels of " + id);
      if (gis->administration.str() != admin || gis->batch != batch)
        rep.fail(where + ": GIS administration/batch " + gis->administration.str() + "/" + gis->batch);
      for (const auto& r : run.manifest) {
        if (r.gis_id != id) continue;
        const std::string g_grade(grade_code(gis->grade));
        if (gis->lea.str() != r.lea_cds || std::to_string(form_number(gis->form)) != r.form ||
            !(g_grade == r.grade || (g_grade == "KN" && r.grade == "TK")))
          rep.fail(where + ": GIS " + *dms.begin() + " does not match " + describe(r));
        if (r.file != file) rep.fail(where + ": label " + r.serial + " of " + id + " is in " + r.file);
      }
      const auto codes = read_symbols(
          g, {Length::in(4.0).points(), Length::in(2.6).points(), whole.x1, Length::in(3.6).points()},
          ZXing::BarcodeFormat::Code128);
      if (codes.size() != 1) {
        rep.fail(where + ": " + std::to_string(codes.size()) + " GIS Code 128 reads");
        continue;
      }
      auto serial = barcode::parse_gis_code128(codes[0]);
      if (!serial || *serial != gis->serial)
        rep.fail(where + ": GIS Code 128 \"" + codes[0] + "\" does not carry serial " + std::to_string(gis->serial));
      ++rep.gis_checked;
      continue;
    }

    // ---- a label page
    if (kind.gis) rep.fail(where + ": a GIS page holds labels of the manifest");
    std::map<int, const ManifestRow*> by_position;
    for (const auto* r : rows_it->second) {
      if (r->position < 1 || r->position > stock.labels_per_page())
        rep.fail(describe(*r) + ": no such position on " + stock.name);
      else if (!by_position.emplace(r->position, r).second)
        rep.fail(where + ": two labels at position " + std::to_string(r->position));
      if (r->gis_id != current_gis) rep.fail(describe(*r) + ": follows GIS " + current_gis + ", not " + r->gis_id);
    }
    for (double dpi : c.label_dpis) {
      const Gray g = pdf->render(i, dpi);
      const std::string at = " at " + std::to_string(static_cast<int>(dpi)) + " dpi";
      std::set<std::string> expected_codes;
      for (int slot = 0; slot < stock.labels_per_page(); ++slot) {
        const auto it = by_position.find(slot + 1);
        if (it != by_position.end()) {
          if (auto ssid = Ssid::parse(it->second->ssid))
            if (auto code = barcode::format_preid_code128(
                    {*ssid, static_cast<std::uint32_t>(std::stoul(it->second->serial))}))
              expected_codes.insert(*code);
          const std::string problem = check_label(g, stock, *it->second, admin, batch);
          if (problem.empty()) {
            ++rep.labels_at[dpi];
          } else {
            rep.fail(describe(*it->second) + at + ": " + problem);
          }
          continue;
        }
        // Not listed: the slot must be blank (so nothing can decode there).
        const RectPt area = slot_area(stock, slot);
        if (blank(g, area)) continue;
        std::string found;
        for (const auto& s : read_symbols(g, area, ZXing::BarcodeFormat::Code128)) found += " Code 128 " + s;
        for (const auto& s : read_datamatrix(g, area)) found += " DataMatrix " + s;
        rep.fail(where + " slot " + std::to_string(slot + 1) + at + ": ink in a slot the manifest does not list" +
                 found);
      }
      // Nothing outside the listed slots decodes as a label either.
      for (const auto& code : read_symbols(g, whole, ZXing::BarcodeFormat::Code128, false))
        if (!expected_codes.count(code)) rep.fail(where + at + ": unlisted Code 128 \"" + code + "\" on the page");
    }
  }
  return rep;
}

/// The label stock of a printer profile (its label template's stock).
layout::Stock stock_of(const std::string& printer) {
  auto profile = printers::find_profile(printer);
  if (!profile) throw std::runtime_error(profile.error().message);
  auto tmpl = layout::load_label_template(profile->label_template);
  if (!tmpl) throw std::runtime_error(tmpl.error().message);
  return tmpl->stock;
}

/// Runs `verify_file` over files on two threads (one poppler document per thread).
std::vector<FileReport> verify_all(const RunCase& c, const SampleRun& run, const std::vector<std::string>& files) {
  const auto stock = stock_of(c.printer);
  std::vector<FileReport> reports(files.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      try {
        reports[i] = verify_file(c, run, stock, files[i]);
      } catch (const std::exception& e) {
        reports[i].file = files[i];
        reports[i].fail(std::string("exception: ") + e.what());
      }
    }
  };
  const unsigned n = std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    worker();
  }
  return reports;
}

class SampleRoundTrip : public ::testing::TestWithParam<RunCase> {
 protected:
  const SampleRun& run() const { return sample_run(GetParam()); }
};

// ---- manifest, summary and files agree ----------------------------------------------------------

TEST_P(SampleRoundTrip, ManifestSummaryAndFilesAgree) {
  const RunCase& c = GetParam();
  const auto& r = run();
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_FALSE(r.manifest.empty());
  EXPECT_EQ(r.summary.at("administration"), "2024-25");
  EXPECT_EQ(r.summary.at("batch"), kSampleBatch);
  EXPECT_EQ(r.summary.at("printer"), c.printer);
  EXPECT_EQ(r.summary.at("labels").get<std::size_t>(), r.manifest.size());

  // Serials: 7 digits, consecutive from the first, in manifest order; one label per student.
  std::set<std::string> ssids, events, gis_ids;
  for (std::size_t i = 0; i < r.manifest.size(); ++i) {
    const auto& row = r.manifest[i];
    EXPECT_EQ(row.serial.size(), 7u) << describe(row);
    EXPECT_EQ(std::stoul(row.serial), std::stoul(r.manifest[0].serial) + i) << describe(row);
    EXPECT_TRUE(ssids.insert(row.ssid).second) << "two labels for SSID " << row.ssid;
    EXPECT_TRUE(events.insert(row.event_id).second) << "event " << row.event_id << " labelled twice";
    EXPECT_FALSE(row.name.empty()) << describe(row);
    gis_ids.insert(row.gis_id);
  }
  EXPECT_EQ(gis_ids.size(), r.summary.at("gis").get<std::size_t>());

  // Files: the summary's list is exactly the PDFs on disk; counts, sizes and digests hold.
  std::set<std::string> on_disk;
  for (const auto& name : entries(r.batch_dir))
    if (name.size() > 4 && name.substr(name.size() - 4) == ".pdf") on_disk.insert(name);
  const auto listed = summary_files(r);
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), on_disk);
  std::size_t pages = 0;
  for (const auto& f : r.summary.at("files")) {
    const std::string file = f.at("file");
    const fs::path path = r.batch_dir / file;
    EXPECT_EQ(f.at("bytes").get<std::uintmax_t>(), fs::file_size(path)) << file;
    auto sum = io::sha256_file(path);
    ASSERT_TRUE(sum) << sum.error().message;
    EXPECT_EQ(f.at("sha256").get<std::string>(), *sum) << file;
    const Pdf pdf(path);
    EXPECT_EQ(f.at("pages").get<int>(), pdf.pages()) << file;
    pages += static_cast<std::size_t>(pdf.pages());
    std::size_t labels = 0;
    std::set<std::string> groups;
    for (const auto& row : r.manifest)
      if (row.file == file) {
        ++labels;
        groups.insert(row.gis_id);
        EXPECT_EQ(row.lea_cds, f.at("lea_cds").get<std::string>()) << describe(row) << ": another LEA's file";
      }
    EXPECT_EQ(f.at("labels").get<std::size_t>(), labels) << file;
    EXPECT_EQ(f.at("gis").get<std::size_t>(), groups.size()) << file;
    EXPECT_EQ(file.rfind(f.at("lea_cds").get<std::string>(), 0), 0u) << file << ": named after its LEA";
    if (c.max_labels_per_file > 0 && labels > c.max_labels_per_file) {
      EXPECT_EQ(groups.size(), 1u) << file << ": " << labels << " labels in " << groups.size()
                                   << " groups; parts split at group boundaries";
    }
  }
  EXPECT_EQ(r.summary.at("pages").get<std::size_t>(), pages);

  // Packing order: within a file, serials run in page/position order, and every GIS group
  // starts on a fresh sheet.
  std::map<std::string, std::pair<int, int>> last;
  std::set<std::string> started;
  for (const auto& row : r.manifest) {
    const auto at = std::make_pair(row.page, row.position);
    if (auto it = last.find(row.file); it != last.end()) {
      EXPECT_LT(it->second, at) << describe(row) << ": out of serial order";
    }
    last[row.file] = at;
    if (started.insert(row.gis_id).second) {
      EXPECT_EQ(row.position, 1) << describe(row) << ": group starts mid-sheet";
    }
  }
}

/// The split run holds the same labels as the whole run, in the same order, split into parts.
TEST(SampleParts, SplitRunHasTheSameLabelsInParts) {
  const auto& whole = sample_run(run_cases()[0]);
  const auto& parts = sample_run(run_cases()[2]);
  ASSERT_TRUE(whole.error.empty()) << whole.error;
  ASSERT_TRUE(parts.error.empty()) << parts.error;
  ASSERT_EQ(parts.manifest.size(), whole.manifest.size());
  for (std::size_t i = 0; i < whole.manifest.size(); ++i) {
    const auto& a = whole.manifest[i];
    const auto& b = parts.manifest[i];
    EXPECT_TRUE(a.serial == b.serial && a.ssid == b.ssid && a.name == b.name && a.gis_id == b.gis_id &&
                a.position == b.position && a.event_id == b.event_id)
        << describe(a) << " vs " << describe(b);
  }
  EXPECT_GT(summary_files(parts).size(), summary_files(whole).size());
  std::size_t part_files = 0;
  for (const auto& f : summary_files(parts)) part_files += f.find("-part") != std::string::npos;
  EXPECT_GT(part_files, 0u) << "no file was split";
}

// ---- barcodes ---------------------------------------------------------------------------------

TEST_P(SampleRoundTrip, EveryLabelAndGisDecodesWhereTheManifestSays) {
  const RunCase& c = GetParam();
  const auto started = std::chrono::steady_clock::now();
  const auto& r = run();
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_FALSE(r.manifest.empty());
  const auto files = summary_files(r);
  const auto reports = verify_all(c, r, files);
  std::map<double, std::size_t> decoded;
  std::size_t gis = 0, failures = 0;
  for (const auto& rep : reports) {
    for (const auto& [dpi, n] : rep.labels_at) decoded[dpi] += n;
    gis += rep.gis_checked;
    failures += rep.failures.size();
    if (rep.failures.empty()) continue;
    std::string text;
    for (std::size_t i = 0; i < std::min<std::size_t>(rep.failures.size(), 4); ++i) text += "\n  " + rep.failures[i];
    if (rep.failures.size() > 4) text += "\n  ... and " + std::to_string(rep.failures.size() - 4) + " more";
    ADD_FAILURE() << rep.file << ": " << rep.failures.size() << " problems" << text;
  }
  for (double dpi : c.label_dpis)
    EXPECT_EQ(decoded[dpi], r.manifest.size()) << "labels decoded at " << dpi << " dpi";
  if (c.decode_gis) {
    EXPECT_EQ(gis, r.summary.at("gis").get<std::size_t>()) << "GIS read";
  }
  std::printf("[ decode   ] %s: %zu files; labels decoded:", c.name, files.size());
  for (const auto& [dpi, n] : decoded) std::printf(" %zu/%zu at %.0f dpi", n, r.manifest.size(), dpi);
  std::printf("; %zu GIS; %zu problems; %.1f s\n", gis, failures,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

// ---- text ---------------------------------------------------------------------------------------

/// Every name of the manifest is in the text layer exactly (diacritics included): in its own
/// label slot, and in the packing roster of its GIS.
TEST_P(SampleRoundTrip, NamesAreInTheTextLayerInTheirSlotAndRoster) {
  const auto& r = run();
  ASSERT_TRUE(r.error.empty()) << r.error;
  const auto stock = stock_of(GetParam().printer);
  std::size_t found = 0, roster = 0;
  std::set<std::string> with_diacritics;
  for (const auto& file : summary_files(r)) {
    const Pdf pdf(r.batch_dir / file);
    std::map<std::string, std::string> gis_text;  // GIS id → text of its pages
    for (int i = 0; i < pdf.pages(); ++i) {
      const std::string text = pdf.text(i);
      const PageKind kind = page_kind(text);
      if (kind.gis) gis_text["G" + std::to_string(kind.gis_serial)] += text;
    }
    for (const auto& row : r.manifest) {
      if (row.file != file) continue;
      const std::string slot = pdf.text(row.page - 1, slot_area(stock, row.position - 1));
      if (slot.find(row.name) != std::string::npos)
        ++found;
      else
        ADD_FAILURE() << describe(row) << ": name not in the slot's text:\n" << slot;
      // ...and only its own name: the slot is the label's (the text is cut to the slot).
      for (const auto& other : r.manifest)
        if (other.file == file && other.page == row.page && other.position != row.position &&
            row.name.find(other.name) == std::string::npos && slot.find(other.name) != std::string::npos)
          ADD_FAILURE() << describe(row) << ": slot text also has " << describe(other);
      if (gis_text[row.gis_id].find(row.name) != std::string::npos)
        ++roster;
      else
        ADD_FAILURE() << describe(row) << ": name not on the roster of " << row.gis_id;
      if (std::any_of(row.name.begin(), row.name.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; }))
        with_diacritics.insert(row.name);
    }
  }
  EXPECT_EQ(found, r.manifest.size());
  EXPECT_EQ(roster, r.manifest.size());
  EXPECT_GT(with_diacritics.size(), 10u) << "the samples should exercise accented names";
}

// ---- PDF validity and fonts --------------------------------------------------------------------

TEST_P(SampleRoundTrip, EveryPdfPassesQpdfCheckAndEmbedsEveryFont) {
  const RunCase& c = GetParam();
  const auto& r = run();
  ASSERT_TRUE(r.error.empty()) << r.error;
  std::vector<fs::path> paths;
  for (const auto& file : summary_files(r)) paths.push_back(r.batch_dir / file);
  std::vector<std::string> tools = {"qpdf --check"};
  if (c.check_fonts) tools.push_back("pdffonts");
  const auto runs = run_tools(tools, paths);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string file = paths[i].filename().string();
    EXPECT_EQ(runs[0][i].exit_code, 0) << file << ": qpdf --check\n" << runs[0][i].output;
    if (!c.check_fonts) continue;
    const ToolRun& fonts = runs[1][i];
    EXPECT_EQ(fonts.exit_code, 0) << file << ": pdffonts\n" << fonts.output;
    std::string error;
    const auto table = parse_pdffonts(fonts.output, &error);
    EXPECT_TRUE(error.empty()) << file << ": pdffonts: " << error;
    EXPECT_FALSE(table.empty()) << file << ": no fonts listed";
    for (const auto& f : table) {
      EXPECT_EQ(f.emb, "yes") << file << ": font " << f.name << " (" << f.type << ") is not embedded";
      EXPECT_EQ(f.uni, "yes") << file << ": font " << f.name << " has no ToUnicode map";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleRoundTrip, ::testing::ValuesIn(run_cases()), param_name<RunCase>);

}  // namespace
}  // namespace lg::run::test

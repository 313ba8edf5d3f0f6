// `labelgen run` with the Zebra profiles on the repository samples, judged by an independent
// ZPL renderer (zpl-renderer-js, tests/zpl/judge/): every label format rendered to a PNG at
// the printer's resolution, both symbols decoded with ZXing and matched with the manifest
// (serial, SSID, student, school, grade, form); GIS pages in a PDF beside each ZPL file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "labelgen/barcode/payload.hpp"
#include "tests/support/support.hpp"
#include "tests/zpl/zpl_support.hpp"

namespace lg::zpl::test {
namespace {

fs::path judge_dir() { return lg::test::repo_dir() / "tests" / "zpl" / "judge"; }

/// Empty when the judge can run; otherwise why not.
std::string judge_problem() {
  const auto node = lg::test::run_shell("node --version");
  if (node.exit_code != 0) return "node is not installed";
  if (!fs::exists(judge_dir() / "node_modules" / "zpl-renderer-js" / "package.json"))
    return "zpl-renderer-js is not installed in " + judge_dir().string();
  return {};
}

#define ASSERT_JUDGE()                                                                            \
  do {                                                                                            \
    const std::string why = judge_problem();                                                      \
    ASSERT_TRUE(why.empty()) << "ZPL judge missing (" << why << "): run scripts/install-deps.sh " \
                             << "(it runs tests/zpl/judge/install.sh)";                           \
  } while (0)

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

/// Minimal RFC 4180 reader for the manifest (quoted fields, doubled quotes).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

struct Row {
  std::map<std::string, std::string> f;
  const std::string& operator[](const std::string& k) const { return f.at(k); }
};

struct PrinterCase {
  const char* name;
  const char* printer;
  double dpi;
  int dots_per_mm;
};

void PrintTo(const PrinterCase& c, std::ostream* os) { *os << c.printer; }

/// One run of the samples plus the judge's PNGs, kept for the process.
struct JudgedRun {
  std::unique_ptr<lg::test::ScratchDir> dir;
  lg::test::CommandResult run;
  fs::path batch;
  std::vector<Row> manifest;
  nlohmann::json summary;
  std::vector<fs::path> zpl_files;
  std::map<std::string, std::vector<std::string>> labels;  // zpl file → label formats
  std::map<std::string, std::vector<fs::path>> pngs;       // zpl file → judge PNG per label
  std::string error;
  bool judged = false;  ///< the judge has rendered the labels
};

void judge_labels(const PrinterCase& c, JudgedRun& r);

/// The run of the samples for `c` (cached); with `judge`, also the judge's PNGs of its labels.
const JudgedRun& sample_run(const PrinterCase& c, bool judge) {
  static std::map<std::string, JudgedRun> cache;
  if (auto it = cache.find(c.name); it != cache.end()) {
    if (judge && !it->second.judged && it->second.error.empty()) judge_labels(c, it->second);
    return it->second;
  }
  JudgedRun& r = cache[c.name];
  r.dir = std::make_unique<lg::test::ScratchDir>();
  const fs::path samples = lg::test::repo_dir() / "samples";
  const fs::path out = *r.dir / "out";
  r.run = lg::test::run_labelgen("run --admin 2024-25 --events " + q(samples / "events.csv") + " " +
                                 q(samples / "events-corrections.jsonl") +
                                 " --through 2024-12-31 --printer " + c.printer + " --out " + q(out));
  if (r.run.exit_code != 0) {
    r.error = "labelgen run --printer " + std::string(c.printer) + " exited " +
              std::to_string(r.run.exit_code) + ":\n" + r.run.err;
    return r;
  }
  r.batch = out / "2024-12";
  try {
    const auto rows = parse_csv(lg::test::read_file(r.batch / "manifest.csv"));
    if (rows.empty()) throw std::runtime_error("empty manifest");
    for (std::size_t i = 1; i < rows.size(); ++i) {
      Row row;
      for (std::size_t k = 0; k < rows[0].size() && k < rows[i].size(); ++k) row.f[rows[0][k]] = rows[i][k];
      r.manifest.push_back(std::move(row));
    }
    r.summary = nlohmann::json::parse(lg::test::read_file(r.batch / "summary.json"));
  } catch (const std::exception& e) {
    r.error = e.what();
    return r;
  }
  for (const auto& e : fs::directory_iterator(r.batch))
    if (e.path().extension() == ".zpl") r.zpl_files.push_back(e.path());
  std::sort(r.zpl_files.begin(), r.zpl_files.end());
  if (judge) judge_labels(c, r);
  return r;
}

/// Renders every label of the run with the judge: one process for the whole batch, the files
/// concatenated, PNGs numbered in order.
void judge_labels(const PrinterCase& c, JudgedRun& r) {
  r.judged = true;
  if (!judge_problem().empty()) return;
  // One judge process for the whole batch: the files concatenated, labels numbered in order.
  std::string all;
  for (const auto& f : r.zpl_files) {
    const std::string text = lg::test::read_file(f);
    r.labels[f.filename().string()] = split_labels(text);
    all += text;
  }
  const fs::path joined = *r.dir / "all.zpl", png_dir = *r.dir / "png";
  std::ofstream(joined, std::ios::binary) << all;
  const auto judge = lg::test::run_shell("cd " + q(judge_dir()) + " && node render.mjs " + q(joined) + " " +
                                         q(png_dir) + " " + std::to_string(c.dots_per_mm));
  if (judge.exit_code != 0) {
    r.error = "the judge failed (exit " + std::to_string(judge.exit_code) + "): " + judge.err;
    return;
  }
  std::size_t n = 0;
  for (const auto& f : r.zpl_files)
    for (std::size_t i = 0; i < r.labels[f.filename().string()].size(); ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "label-%04zu.png", ++n);
      r.pngs[f.filename().string()].push_back(png_dir / name);
    }
  if (judge.out != std::to_string(n) + "\n")
    r.error = "the judge rendered " + judge.out + " labels, expected " + std::to_string(n);
}

class ZplJudge : public ::testing::TestWithParam<PrinterCase> {};

TEST(ZplJudgeSetup, JudgeIsInstalledAndRuns) {
  ASSERT_JUDGE();
  lg::test::ScratchDir dir;
  const auto zpl = dir.write("one.zpl", "^XA\n^CI28\n^PW400\n^LL200\n^FO20,20^GB100,50,50^FS\n^XZ\n");
  const auto v = lg::test::run_shell("cd " + q(judge_dir()) + " && node render.mjs " + q(zpl) + " " +
                                     q(dir / "png") + " 8");
  EXPECT_EQ(v.out, "1\n") << v.err;
  const GrayImage img = load_png(dir / "png" / "label-0001.png");
  EXPECT_NEAR(img.width, 400, 1);
  EXPECT_NEAR(img.height, 200, 1);
  EXPECT_LT(img.at(70, 45), 128) << "the box is drawn";
  EXPECT_GT(img.at(300, 150), 128);
}

TEST_P(ZplJudge, RunWritesOneZplPerLeaAndGisPdfsBeside) {
  const JudgedRun& r = sample_run(GetParam(), false);
  ASSERT_EQ(r.run.exit_code, 0) << r.error;
  ASSERT_FALSE(r.zpl_files.empty());
  std::size_t formats = 0, gis_files = 0;
  for (const auto& f : r.zpl_files) {
    const std::string text = lg::test::read_file(f);
    const std::size_t listed =
        static_cast<std::size_t>(std::count_if(r.manifest.begin(), r.manifest.end(), [&](const Row& row) {
          return row["file"] == f.filename().string();
        }));
    EXPECT_EQ(count(text, "^XA"), listed) << f.filename() << ": one label format per manifest row";
    EXPECT_EQ(count(text, "^XZ"), listed) << f.filename();
    formats += listed;
    struct stat st {};
    ASSERT_EQ(::stat(f.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << f;
    auto gis = f;
    gis.replace_extension();
    gis += "-gis.pdf";
    ASSERT_TRUE(fs::exists(gis)) << gis << " (the GIS pages of " << f.filename() << ")";
    EXPECT_EQ(lg::test::read_file(gis).rfind("%PDF-", 0), 0u) << gis;
    ASSERT_EQ(::stat(gis.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << gis;
    ++gis_files;
  }
  EXPECT_EQ(formats, r.manifest.size());
  EXPECT_EQ(r.summary.at("labels").get<std::size_t>(), r.manifest.size());
  EXPECT_EQ(gis_files, r.zpl_files.size());
  // Nothing but ZPL, GIS PDFs, the manifest and the summary.
  for (const auto& e : fs::directory_iterator(r.batch)) {
    const std::string name = e.path().filename().string();
    const bool known = e.path().extension() == ".zpl" || name.ends_with("-gis.pdf") ||
                       name == "manifest.csv" || name == "summary.json";
    EXPECT_TRUE(known) << "unexpected file " << name;
  }
}

TEST_P(ZplJudge, EveryLabelRendersAndDecodesToItsManifestRow) {
  ASSERT_JUDGE();
  const PrinterCase& c = GetParam();
  const JudgedRun& r = sample_run(c, true);
  ASSERT_TRUE(r.error.empty()) << r.error;
  std::map<std::string, const Row*> by_serial;
  for (const auto& row : r.manifest) by_serial[std::to_string(std::stoul(row["serial"]))] = &row;
  ASSERT_EQ(by_serial.size(), r.manifest.size());

  // The layout's Code 128 module at this resolution: the judge's symbol must be as wide.
  const auto ref = thermal_label(make_label("Lor", "Zu", ""), 1, c.dpi);
  long module = 0;
  int modules = 0;
  for (const auto& item : ref.page.items)
    if (const auto* b = std::get_if<layout::Barcode>(&item);
        b && b->symbology == layout::Symbology::Code128) {
      module = b->module.whole_dots(c.dpi);
      modules = b->modules->width;
    }
  ASSERT_GT(module, 0);
  const long label_w = std::lround(4 * c.dpi), label_h = std::lround(2 * c.dpi);

  std::set<std::string> seen;
  std::vector<std::string> failures;
  std::size_t graphic_names = 0;
  for (const auto& [file, formats] : r.labels) {
    const auto& pngs = r.pngs.at(file);
    for (std::size_t i = 0; i < formats.size(); ++i) {
      const std::string where = file + " label " + std::to_string(i + 1);
      GrayImage img;
      try {
        img = load_png(pngs[i]);
      } catch (const std::exception& e) {
        failures.push_back(where + ": " + e.what());
        continue;
      }
      if (std::abs(img.width - label_w) > 2 || std::abs(img.height - label_h) > 2)
        failures.push_back(where + ": judge image " + std::to_string(img.width) + "x" +
                           std::to_string(img.height));
      const auto codes = read(img, ZXing::BarcodeFormat::Code128);
      if (codes.size() != 1) {
        failures.push_back(where + ": " + std::to_string(codes.size()) + " Code 128 reads");
        continue;
      }
      auto code = barcode::parse_preid_code128(codes[0].text);
      if (!code) {
        failures.push_back(where + ": Code 128 \"" + codes[0].text + "\": " + code.error().message);
        continue;
      }
      const long width = codes[0].right - codes[0].left;
      if (std::abs(width - module * modules) > module)
        failures.push_back(where + ": Code 128 is " + std::to_string(width) + " dots wide, layout " +
                           std::to_string(module * modules));
      const auto it = by_serial.find(std::to_string(code->serial));
      if (it == by_serial.end()) {
        failures.push_back(where + ": serial " + std::to_string(code->serial) + " is not in the manifest");
        continue;
      }
      const Row& row = *it->second;
      if (!seen.insert(row["serial"]).second)
        failures.push_back(where + ": serial " + row["serial"] + " twice");
      if (row["file"] != file)
        failures.push_back(where + ": manifest puts serial " + row["serial"] + " in " + row["file"]);
      if (code->ssid.str() != row["ssid"])
        failures.push_back(where + ": Code 128 SSID differs from the manifest");
      const auto dm = read_datamatrix(img);
      if (!dm) {
        failures.push_back(where + ": no DataMatrix read");
        continue;
      }
      auto p = barcode::parse_payload(dm->text);
      if (!p) {
        failures.push_back(where + ": DataMatrix: " + p.error().message);
        continue;
      }
      std::string diff;
      auto cmp = [&](const char* field, const std::string& got, const std::string& want) {
        if (got != want) diff += std::string(" ") + field;
      };
      cmp("ssid", p->ssid.str(), row["ssid"]);
      cmp("serial", std::to_string(p->serial), std::to_string(std::stoul(row["serial"])));
      cmp("name", p->name, row["name"]);
      cmp("lea", p->lea.str(), row["lea_cds"]);
      cmp("school", p->school.str(), row["school_cds"]);
      cmp("grade", std::string(grade_code(p->grade)), row["grade"]);
      cmp("form", std::to_string(form_number(p->form)), row["form"]);
      cmp("batch", p->batch, r.summary.at("batch").get<std::string>());
      if (!diff.empty()) failures.push_back(where + ": DataMatrix differs from the manifest in" + diff);
      // A name with any non-ASCII letter is a graphic (the resident font lacks the letters).
      const bool ascii_name = std::all_of(row["name"].begin(), row["name"].end(),
                                          [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
      const bool has_graphic = formats[i].find("^GFA") != std::string::npos;
      if (!ascii_name) ++graphic_names;
      if (!ascii_name && !has_graphic) failures.push_back(where + ": non-ASCII name without a ^GF graphic");
    }
  }
  std::string report;
  for (std::size_t i = 0; i < failures.size() && i < 20; ++i) report += failures[i] + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " failures:\n" << report;
  EXPECT_EQ(seen.size(), r.manifest.size()) << "every manifest row decoded from exactly one label";
  EXPECT_GT(graphic_names, 0u) << "the samples have accented names";
  RecordProperty("labels", static_cast<int>(seen.size()));
}

INSTANTIATE_TEST_SUITE_P(Printers, ZplJudge,
                         ::testing::Values(PrinterCase{"Zebra203", "zebra-203-4x2", 203, 8},
                                           PrinterCase{"Zebra300", "zebra-300-4x2", 300, 12}),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace lg::zpl::test

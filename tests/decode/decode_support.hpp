#pragma once
// Helpers of the decode tests: real `labelgen run` output (a 60-student school that fills two
// 30-up sheets, and the repository samples), pages rasterized with pdftoppm, damaged with the
// real labelgen-damage binary, decoded with lg::decode, and scored against the manifest.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/decode/decode.hpp"
#include "labelgen/decode/load.hpp"
#include "tests/support/support.hpp"
#include "labelgen/core/malloc_tuning.hpp"

namespace lg::decode::test {

namespace fs = std::filesystem;

using lg::test::quoted;

/// ZXing allocates fresh bit matrices per call: keep freed memory mapped, as labelgen does.
inline const bool kMallocTuned = (lg::tune_malloc(), true);

// ---- the manifest ----------------------------------------------------------------------------

using lg::test::parse_csv;

struct Label {
  std::string serial, ssid, name, lea, school, grade, form, gis_id, file;
  int page = 0, position = 0;  // 1-based
};

/// manifest.csv rows, columns found by header name.
inline std::vector<Label> read_manifest(const fs::path& file) {
  const auto rows = parse_csv(lg::test::read_file(file));
  if (rows.empty()) throw std::runtime_error(file.string() + ": empty manifest");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
  for (const char* need : {"serial", "ssid", "name", "lea_cds", "school_cds", "grade", "form", "gis_id",
                           "file", "page", "position"})
    if (!col.count(need)) throw std::runtime_error(file.string() + ": no column " + need);
  std::vector<Label> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& v = rows[r];
    if (v.size() != rows[0].size()) continue;
    out.push_back({v[col["serial"]], v[col["ssid"]], v[col["name"]], v[col["lea_cds"]], v[col["school_cds"]],
                   v[col["grade"]], v[col["form"]], v[col["gis_id"]], v[col["file"]],
                   std::stoi(v[col["page"]]), std::stoi(v[col["position"]])});
  }
  return out;
}

// ---- runs of the real labelgen binary ----------------------------------------------------------

inline constexpr const char* kAdmin = "2024-25";
inline constexpr const char* kBatch = "2024-12";

/// One `labelgen run`, kept for the whole test process.
struct LabelRun {
  std::unique_ptr<lg::test::ScratchDir> dir;
  fs::path batch_dir;
  std::vector<Label> labels;
  /// Labels of `file`, page `page` (1-based).
  std::vector<Label> on_page(const std::string& file, int page) const {
    std::vector<Label> out;
    for (const auto& l : labels)
      if (l.file == file && l.page == page) out.push_back(l);
    return out;
  }
};

inline LabelRun run_events(const std::string& events_csv_args) {
  LabelRun r;
  r.dir = std::make_unique<lg::test::ScratchDir>();
  const fs::path out = *r.dir / "out";
  const auto res = lg::test::run_labelgen("run --admin 2024-25 --events " + events_csv_args +
                                          " --through 2024-12-31 --out " + quoted(out));
  if (res.exit_code != 0)
    throw std::runtime_error("labelgen run exited " + std::to_string(res.exit_code) + ": " + res.err);
  r.batch_dir = out / kBatch;
  r.labels = read_manifest(r.batch_dir / "manifest.csv");
  return r;
}

/// 60 students at one school, form 1, grade KN: one PDF with the GIS first, then two full
/// 30-up sheets. Names mix Vietnamese, Spanish, German and ASCII letters.
inline const LabelRun& full_sheets() {
  static const LabelRun run = [] {
    lg::test::ScratchDir tmp;
    std::ostringstream csv;
    csv << "event_id,ssr_generated_at,ssid,last_name,first_name,middle_name,birth_date,grade,lea_cds,lea_"
           "name,"
           "school_cds,school_name,charter_number,form,test_completed_on,mode,answer_book,parent_notified_"
           "on\n";
    const char* last[] = {"Nguyễn", "García",  "Smith",    "O'Brien", "Kim",
                          "Lê",     "Johnson", "Martínez", "Trần",    "Müller"};
    const char* first[] = {"Ana", "Bảo", "Carlos", "Dana", "Émile", "Fatima"};
    int i = 0;
    for (const char* l : last)
      for (const char* f : first) {
        ++i;
        char line[512];
        std::snprintf(line, sizeof line,
                      "SSR-DEC%07d,2024-08-22,%010lld,%s,%s,,2018-10-28,KN,37683380000000,San Diego Unified,"
                      "37683386112536,Rosa Parks Elementary,,1,2024-08-05,in_person,complete,2024-08-28\n",
                      i, 4000000000LL + i * 7919LL, l, f);
        csv << line;
      }
    // The CSV must outlive the run only while labelgen reads it.
    static lg::test::ScratchDir keep;
    const fs::path file = keep.write("events.csv", csv.str());
    return run_events(quoted(file));
  }();
  return run;
}

/// The repository samples (samples/events.csv and its corrections).
inline const LabelRun& samples_run() {
  static const LabelRun run = [] {
    const fs::path s = lg::test::repo_dir() / "samples";
    return run_events(quoted(s / "events.csv") + " " + quoted(s / "events-corrections.jsonl"));
  }();
  return run;
}

/// The one PDF of full_sheets().
inline std::string full_sheets_file() { return full_sheets().labels.front().file; }

// ---- rasterizing and damaging ----------------------------------------------------------------

/// Page `page` (1-based) of `pdf` as an 8-bit gray PNG at `dpi`, by pdftoppm.
inline fs::path rasterize(const fs::path& pdf, int page, int dpi, const fs::path& out_png) {
  const fs::path stem = out_png.parent_path() / out_png.stem();
  const auto r = lg::test::run_shell("pdftoppm -png -gray -singlefile -r " + std::to_string(dpi) + " -f " +
                                     std::to_string(page) + " -l " + std::to_string(page) + " " +
                                     quoted(pdf) + " " + quoted(stem));
  if (r.exit_code != 0 || !fs::exists(stem.string() + ".png"))
    throw std::runtime_error("pdftoppm failed: " + r.err);
  if (stem.string() + ".png" != out_png.string()) fs::rename(stem.string() + ".png", out_png);
  return out_png;
}

/// Runs the real labelgen-damage binary.
inline lg::test::CommandResult run_damage(const std::string& args) {
  return lg::test::run_shell(std::string("'") + LABELGEN_DAMAGE_BIN + "' " + args);
}

/// `in` damaged with `args` into `out`; throws when the tool fails.
inline fs::path damage(const fs::path& in, const fs::path& out, const std::string& args) {
  const auto r = run_damage(quoted(in) + " " + quoted(out) + " " + args);
  if (r.exit_code != 0)
    throw std::runtime_error("labelgen-damage " + args + " exited " + std::to_string(r.exit_code) + ": " +
                             r.err);
  return out;
}

// ---- scoring ---------------------------------------------------------------------------------

/// How the symbols read on some pages compare with the labels printed there.
struct Score {
  int labels = 0;      ///< labels printed on the pages
  int datamatrix = 0;  ///< labels whose DataMatrix was read, every field right
  int code128 = 0;     ///< labels whose Code 128 was read, SSID and serial right
  int both = 0;
  int gis_datamatrix = 0;  ///< G1 payloads read (parsed, administration and batch right)
  int gis_code128 = 0;     ///< 8-digit GIS codes read with a valid check digit
  int caught = 0;          ///< reads that are no real content and fail their check digit / parse
  int duplicates = 0;      ///< the same label's symbol reported twice on one page
  double seconds = 0;      ///< decode time
  int pages = 0;
  std::vector<std::string> wrong;  ///< reads that passed every check but are not what was printed

  /// Labels decoded: both symbols, or at least the DataMatrix (which carries everything).
  int decoded() const { return datamatrix; }
  double rate() const { return labels ? 100.0 * decoded() / labels : 0; }
  void add(const Score& o) {
    labels += o.labels;
    datamatrix += o.datamatrix;
    code128 += o.code128;
    both += o.both;
    gis_datamatrix += o.gis_datamatrix;
    gis_code128 += o.gis_code128;
    caught += o.caught;
    duplicates += o.duplicates;
    seconds += o.seconds;
    pages += o.pages;
    wrong.insert(wrong.end(), o.wrong.begin(), o.wrong.end());
  }
  /// One line for the test output (no names, no SSIDs).
  std::string summary(const std::string& what) const {
    char buf[512];
    std::snprintf(
        buf, sizeof buf,
        "[ decode rate ] %s: %d/%d labels decoded (%.1f %%); DataMatrix %d, Code 128 %d, both %d; GIS "
        "DataMatrix %d, GIS Code 128 %d; wrong reads caught by checks %d, uncaught %zu; %.2f s/page over %d "
        "page(s)",
        what.c_str(), decoded(), labels, rate(), datamatrix, code128, both, gis_datamatrix, gis_code128,
        caught, wrong.size(), pages ? seconds / pages : 0.0, pages);
    return buf;
  }
};

/// Scores the symbols of one page against `labels` (the labels printed on it).
inline Score score_page(const PageResult& page, const std::vector<Label>& labels) {
  Score s;
  s.labels = static_cast<int>(labels.size());
  s.seconds = page.seconds;
  s.pages = 1;
  std::map<std::string, const Label*> by_serial;
  for (const auto& l : labels) by_serial[l.serial] = &l;
  std::map<std::string, int> dm_seen, code_seen;
  for (const auto& sym : page.symbols) {
    const std::string& t = sym.text;
    if (sym.format == SymbolFormat::DataMatrix) {
      if (t.starts_with("G1|")) {
        auto g = barcode::parse_gis_payload(t);
        if (!g) {
          ++s.caught;
        } else if (g->administration.str() != kAdmin || g->batch != kBatch) {
          s.wrong.push_back("GIS DataMatrix of another run: " + t.substr(0, 40));
        } else {
          ++s.gis_datamatrix;
        }
        continue;
      }
      auto p = barcode::parse_payload(t);
      if (!p) {
        ++s.caught;
        continue;
      }
      char serial[16];
      std::snprintf(serial, sizeof serial, "%07u", p->serial);
      const auto it = by_serial.find(serial);
      const Label* l = it == by_serial.end() ? nullptr : it->second;
      if (!l || p->ssid.str() != l->ssid || p->name != l->name || p->lea.str() != l->lea ||
          p->school.str() != l->school || std::string(grade_code(p->grade)) != l->grade ||
          std::to_string(form_number(p->form)) != l->form || p->batch != kBatch ||
          p->administration.str() != kAdmin) {
        s.wrong.push_back(std::string("DataMatrix that is no label on this page (serial ") + serial + ")");
        continue;
      }
      if (dm_seen[serial]++ == 0)
        ++s.datamatrix;
      else
        ++s.duplicates;
    } else {
      if (t.size() == 8) {
        if (barcode::parse_gis_code128(t))
          ++s.gis_code128;
        else
          ++s.caught;
        continue;
      }
      auto c = barcode::parse_preid_code128(t);
      if (!c) {
        ++s.caught;  // the Damm digit (or the length) rejects it
        continue;
      }
      char serial[16];
      std::snprintf(serial, sizeof serial, "%07u", c->serial);
      const auto it = by_serial.find(serial);
      if (it == by_serial.end() || it->second->ssid != c->ssid.str()) {
        s.wrong.push_back(
            std::string("Code 128 with a valid check digit that is no label on this page (serial ") + serial +
            ")");
        continue;
      }
      if (code_seen[serial]++ == 0)
        ++s.code128;
      else
        ++s.duplicates;
    }
  }
  for (const auto& [serial, n] : dm_seen)
    if (code_seen.count(serial)) ++s.both;
  return s;
}

/// Decodes `file` (all its pages) and scores page i against `labels_per_page[i]`.
inline Score decode_and_score(const fs::path& file, const std::vector<std::vector<Label>>& labels_per_page,
                              const DecodeOptions& options = {}) {
  auto r = decode_file(file, options);
  if (!r) throw std::runtime_error(r.error().message);
  if (r->pages.size() != labels_per_page.size())
    throw std::runtime_error(file.string() + ": " + std::to_string(r->pages.size()) + " pages decoded");
  Score total;
  for (std::size_t i = 0; i < r->pages.size(); ++i) total.add(score_page(r->pages[i], labels_per_page[i]));
  return total;
}

}  // namespace lg::decode::test

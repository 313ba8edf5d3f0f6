#pragma once
// Helpers of the verify tests: one real `labelgen run` on the repository samples, a GIS group
// chosen from its ledger, its pages rasterized and edited into scan PNGs, and checks that
// outputs never leak names or SSIDs.
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "labelgen/admin/administration.hpp"
#include "labelgen/barcode/payload.hpp"
#include "labelgen/decode/decode.hpp"
#include "labelgen/decode/load.hpp"
#include "labelgen/ledger/ledger.hpp"
#include "tests/support/support.hpp"

namespace lg::verify::test {

namespace fs = std::filesystem;

inline std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

using lg::test::parse_csv;

struct Label {
  std::string serial, ssid, name, lea, school, grade, form, gis_id, file;
  int page = 0, position = 0;
};

inline std::vector<Label> read_manifest(const fs::path& file) {
  const auto rows = parse_csv(lg::test::read_file(file));
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows.at(0).size(); ++i) col[rows[0][i]] = i;
  std::vector<Label> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& v = rows[r];
    if (v.size() != rows[0].size()) continue;
    out.push_back({v[col.at("serial")], v[col.at("ssid")], v[col.at("name")], v[col.at("lea_cds")],
                   v[col.at("school_cds")], v[col.at("grade")], v[col.at("form")], v[col.at("gis_id")],
                   v[col.at("file")], std::stoi(v[col.at("page")]), std::stoi(v[col.at("position")])});
  }
  return out;
}

// ---- images ------------------------------------------------------------------------------------

/// Writes an 8-bit gray PNG (libpng simplified API).
inline void write_png(const fs::path& path, const decode::GrayImage& img) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(img.width);
  image.height = static_cast<png_uint_32>(img.height);
  image.format = PNG_FORMAT_GRAY;
  if (!png_image_write_to_file(&image, path.c_str(), 0, img.pixels.data(), img.width, nullptr)) {
    png_image_free(&image);
    throw std::runtime_error("cannot write " + path.string());
  }
}

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// The box around every symbol of label `serial` (Code 128 and DataMatrix), grown by `margin`.
inline Box label_box(const std::vector<decode::Symbol>& symbols, std::uint32_t serial, int margin) {
  Box b{1 << 30, 1 << 30, -1, -1};
  for (const auto& s : symbols) {
    std::uint32_t sym_serial = 0;
    if (auto c = barcode::parse_preid_code128(s.text))
      sym_serial = c->serial;
    else if (auto p = barcode::parse_payload(s.text))
      sym_serial = p->serial;
    if (sym_serial != serial) continue;
    for (const auto& c : s.corners) {
      b.x0 = std::min(b.x0, static_cast<int>(c.x));
      b.y0 = std::min(b.y0, static_cast<int>(c.y));
      b.x1 = std::max(b.x1, static_cast<int>(c.x) + 1);
      b.y1 = std::max(b.y1, static_cast<int>(c.y) + 1);
    }
  }
  if (b.x1 < 0) throw std::runtime_error("label " + std::to_string(serial) + " not found on the page");
  return {b.x0 - margin, b.y0 - margin, b.x1 + margin, b.y1 + margin};
}

inline void fill(decode::GrayImage& img, Box b, std::uint8_t v) {
  for (int y = std::max(0, b.y0); y < std::min(img.height, b.y1); ++y)
    for (int x = std::max(0, b.x0); x < std::min(img.width, b.x1); ++x) img.at(x, y) = v;
}

/// A white page with only label `serial`'s region copied from `img`.
inline decode::GrayImage only_label(const decode::GrayImage& img, const std::vector<decode::Symbol>& symbols,
                                    std::uint32_t serial) {
  auto out = decode::GrayImage::blank(img.width, img.height);
  out.dpi = img.dpi;
  const Box b = label_box(symbols, serial, 20);
  for (int y = std::max(0, b.y0); y < std::min(img.height, b.y1); ++y)
    for (int x = std::max(0, b.x0); x < std::min(img.width, b.x1); ++x) out.at(x, y) = img.at(x, y);
  return out;
}

/// Page `page` (1-based) of a PDF rendered at 300 dpi by lg_decode's poppler-cpp loader.
inline decode::GrayImage render_page(const fs::path& pdf, int page) {
  auto src = decode::PageSource::open(pdf);
  if (!src) throw std::runtime_error(src.error().message);
  auto img = src->page(page - 1);
  if (!img) throw std::runtime_error(img.error().message);
  return std::move(*img);
}

// ---- the real run and the chosen group ---------------------------------------------------------

inline constexpr const char* kAdmin = "2024-25";

/// One `labelgen run` of the samples and a group of ≥ 4 labels whose ship window (latest
/// hold-until … ship-by) is not empty.
struct ScanBox {
  std::unique_ptr<lg::test::ScratchDir> dir;
  fs::path out;                 ///< run output (ledger.db)
  std::vector<Label> manifest;  ///< every label of the run
  std::vector<Label> group;     ///< the chosen group's labels, by serial
  Label foreign;                ///< a label of another LEA
  std::uint32_t gis_serial = 0;
  std::string hold_until, ship_by;  ///< the group's window (from the ledger and the schedule)

  const Label& missing() const { return group[0]; }    ///< A
  const Label& duplicate() const { return group[1]; }  ///< B
  const Label& voided() const { return group[2]; }     ///< C

  /// A copy of the run's output folder (a separate ledger).
  fs::path copy_out(const std::string& name) const {
    const fs::path to = *dir / name;
    fs::copy(out, to, fs::copy_options::recursive);
    return to;
  }
};

inline const ScanBox& box() {
  static const ScanBox b = [] {
    ScanBox r;
    r.dir = std::make_unique<lg::test::ScratchDir>();
    r.out = *r.dir / "out";
    const auto repo = lg::test::repo_dir();
    const auto res =
        lg::test::run_labelgen(std::string("run --admin ") + kAdmin + " --events " +
                               q(repo / "samples/events.csv") + " --through 2024-12-31 --out " + q(r.out));
    if (res.exit_code != 0) throw std::runtime_error("labelgen run: " + res.err);
    r.manifest = read_manifest(r.out / "2024-12" / "manifest.csv");
    auto admin = admin::find_administration(*AdminYear::parse(kAdmin));
    if (!admin) throw std::runtime_error(admin.error().message);
    {
      auto ledger = ledger::Ledger::open({r.out / "ledger.db"});
      if (!ledger) throw std::runtime_error(ledger.error().message);
      auto rows = ledger->batch_labels(kAdmin, "2024-12");
      if (!rows) throw std::runtime_error(rows.error().message);
      std::map<std::uint32_t, std::vector<ledger::IssuedLabel>> by_gis;
      for (const auto& l : *rows) by_gis[l.gis_serial].push_back(l);
      std::size_t best = 0;
      for (const auto& [g, ls] : by_gis) {
        std::string hold, ship = "9999";
        for (const auto& l : ls) {
          hold = std::max(hold, l.hold_until);
          for (const auto& w : admin->windows)
            if (w.start.iso() == l.window_start) ship = std::min(ship, w.ship_by.iso());
        }
        if (ls.size() >= 4 && ls.size() > best && hold <= ship) {
          best = ls.size();
          r.gis_serial = g;
          r.hold_until = hold;
          r.ship_by = ship;
        }
      }
      if (best == 0) throw std::runtime_error("no group of 4 labels with a ship window in the samples");
    }
    const std::string gis_id = "G" + std::to_string(r.gis_serial);
    for (const auto& l : r.manifest)
      if (l.gis_id == gis_id) r.group.push_back(l);
    const Label& first = r.group.front();
    for (const auto& l : r.group)
      if (l.page != first.page || l.file != first.file) throw std::runtime_error("group spans pages");
    for (const auto& l : r.manifest)
      if (l.lea != first.lea) {
        r.foreign = l;
        break;
      }
    return r;
  }();
  return b;
}

/// The box's scans: its GIS page and label sheet as rendered (the clean box), the sheet with
/// label A blanked, a page with only label B (a second copy), a page with only the foreign label.
struct Scans {
  fs::path gis_png, labels_png, blanked_png, dup_png, foreign_png;
};

inline const Scans& scans() {
  static const Scans made = [] {
    const auto& b = box();
    Scans s;
    const Label& first = b.group.front();
    const fs::path batch = b.out / "2024-12";
    auto gis = render_page(batch / first.file, first.page - 1);
    auto sheet = render_page(batch / first.file, first.page);
    const auto symbols = decode::decode_image(sheet);
    s.gis_png = *b.dir / "1-gis.png";
    s.labels_png = *b.dir / "2-labels.png";
    write_png(s.gis_png, gis);
    write_png(s.labels_png, sheet);
    auto blanked = sheet;
    fill(blanked, label_box(symbols, std::stoul(b.missing().serial), 20), 255);
    s.blanked_png = *b.dir / "2-labels-one-missing.png";
    write_png(s.blanked_png, blanked);
    s.dup_png = *b.dir / "3-duplicate.png";
    write_png(s.dup_png, only_label(sheet, symbols, std::stoul(b.duplicate().serial)));
    auto foreign_sheet = render_page(batch / b.foreign.file, b.foreign.page);
    s.foreign_png = *b.dir / "4-foreign.png";
    write_png(s.foreign_png,
              only_label(foreign_sheet, decode::decode_image(foreign_sheet), std::stoul(b.foreign.serial)));
    return s;
  }();
  return made;
}

/// Every name and SSID of the run.
inline void expect_no_personal_data(const std::string& text, const std::string& what) {
  for (const auto& l : box().manifest) {
    EXPECT_EQ(text.find(l.name), std::string::npos) << what << " shows a name (serial " << l.serial << ")";
    EXPECT_EQ(text.find(l.ssid), std::string::npos) << what << " shows an SSID (serial " << l.serial << ")";
  }
}

/// Problems by serial from `verify --json` output.
inline std::map<std::string, std::set<std::string>> problems_by_serial(const nlohmann::json& j) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& l : j.at("labels"))
    for (const auto& p : l.at("problems"))
      out[l.at("serial").get<std::string>()].insert(p.get<std::string>());
  return out;
}

}  // namespace lg::verify::test

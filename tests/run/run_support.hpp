#pragma once
// Helpers of the print-run round-trip tests: running `labelgen run` on the repository samples,
// reading the manifest, rasterizing PDF pages with poppler-cpp and decoding symbols with ZXing
// in crops (ZXing 1.4: tryDownscale off, one format per call, one DataMatrix per image).
#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "labelgen/core/malloc_tuning.hpp"
#include "labelgen/layout/template.hpp"
#include "tests/support/support.hpp"

namespace lg::run::test {

namespace fs = std::filesystem;

// ---- CSV and the manifest -----------------------------------------------------------------

using lg::test::parse_csv;

struct ManifestRow {
  std::string serial, ssid, name, lea_cds, school_cds, grade, form, gis_id, file;
  int page = 0, position = 0;  // 1-based
  std::string event_id;
};

inline const std::vector<std::string>& manifest_header() {
  static const std::vector<std::string> h = {"serial", "ssid", "name",   "lea_cds", "school_cds", "grade",
                                             "form",   "gis_id", "file", "page",    "position",   "event_id"};
  return h;
}

/// Parses manifest.csv; throws on a wrong header or row width.
inline std::vector<ManifestRow> parse_manifest(const std::string& text) {
  auto rows = parse_csv(text);
  if (rows.empty() || rows[0] != manifest_header()) throw std::runtime_error("manifest.csv: unexpected header");
  std::vector<ManifestRow> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() != manifest_header().size())
      throw std::runtime_error("manifest.csv row " + std::to_string(i + 1) + ": " + std::to_string(r.size()) +
                               " fields");
    out.push_back({r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], std::stoi(r[9]), std::stoi(r[10]), r[11]});
  }
  return out;
}

/// Test name suffix of a parameterized case with a `name` member.
template <class Case>
std::string param_name(const ::testing::TestParamInfo<Case>& p) {
  return p.param.name;
}

// ---- running labelgen -------------------------------------------------------------------------

using lg::test::quoted;

/// `run --admin 2024-25 --events <samples> --through 2024-12-31 --out <out> --printer <printer>`.
inline std::string sample_run_args(const fs::path& out, const std::string& printer, const std::string& extra = "") {
  const fs::path samples = lg::test::repo_dir() / "samples";
  return "run --admin 2024-25 --events " + quoted(samples / "events.csv") + " " +
         quoted(samples / "events-corrections.jsonl") + " --through 2024-12-31 --out " + quoted(out) +
         " --printer " + printer + (extra.empty() ? "" : " " + extra);
}

inline constexpr const char* kSampleBatch = "2024-12";

/// Sets an environment variable for the lifetime of the object (child processes inherit it).
class EnvGuard {
 public:
  EnvGuard(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~EnvGuard() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  EnvGuard(const EnvGuard&) = delete;
  EnvGuard& operator=(const EnvGuard&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

/// Sets the process umask for the lifetime of the object.
class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : old_(::umask(mask)) {}
  ~UmaskGuard() { ::umask(old_); }
  UmaskGuard(const UmaskGuard&) = delete;
  UmaskGuard& operator=(const UmaskGuard&) = delete;

 private:
  mode_t old_;
};

/// A private copy of the data files (templates/, fonts/, printers/) to break on purpose.
inline fs::path copy_data_dir(const fs::path& into) {
  const fs::path repo = lg::test::repo_dir();
  fs::create_directories(into);
  for (const char* d : {"templates", "fonts", "printers"})
    fs::copy(repo / d, into / d, fs::copy_options::recursive);
  return into;
}

/// Writes a whole file.
inline void write_text(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error(file.string() + ": cannot write");
}

/// Replaces the first occurrence of `from` in a file by `to`; throws when absent.
inline void edit_file(const fs::path& file, const std::string& from, const std::string& to) {
  std::string s = lg::test::read_file(file);
  const auto at = s.find(from);
  if (at == std::string::npos) throw std::runtime_error(file.string() + ": no \"" + from + "\" to replace");
  s.replace(at, from.size(), to);
  write_text(file, s);
}

/// Every entry below `root` (relative path → mode and content; folders have empty content).
struct TreeEntry {
  unsigned mode = 0;
  bool dir = false;
  std::string content;
  friend bool operator==(const TreeEntry&, const TreeEntry&) = default;
};
inline std::map<std::string, TreeEntry> snapshot(const fs::path& root) {
  std::map<std::string, TreeEntry> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    struct stat st {};
    ::lstat(e.path().c_str(), &st);
    TreeEntry t;
    t.mode = st.st_mode & 07777;
    t.dir = e.is_directory();
    if (!t.dir) t.content = lg::test::read_file(e.path());
    out[fs::relative(e.path(), root).string()] = std::move(t);
  }
  return out;
}

/// Names directly inside `dir`.
inline std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.insert(e.path().filename().string());
  return out;
}

inline unsigned mode_of(const fs::path& p) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

// ---- PDF tools -------------------------------------------------------------------------------

struct PdfFont {
  std::string name, type, encoding, emb, sub, uni;
};

/// Parses `pdffonts` output: the font table, split by the column widths of its dashes line.
/// Sets `error` when there is no table.
inline std::vector<PdfFont> parse_pdffonts(const std::string& output, std::string* error = nullptr) {
  std::istringstream in(output);
  std::string line;
  std::vector<std::pair<std::size_t, std::size_t>> cols;  // [begin, end) per column
  std::vector<PdfFont> out;
  while (std::getline(in, line)) {
    if (cols.empty()) {
      if (line.rfind("---", 0) == 0) {
        std::size_t i = 0;
        while (i < line.size()) {
          const std::size_t b = line.find('-', i);
          if (b == std::string::npos) break;
          std::size_t e = line.find(' ', b);
          if (e == std::string::npos) e = line.size();
          cols.emplace_back(b, e);
          i = e;
        }
      }
      continue;
    }
    if (cols.size() < 6) break;
    auto cell = [&](std::size_t k) {
      if (cols[k].first >= line.size()) return std::string();
      std::string s = line.substr(cols[k].first, cols[k].second - cols[k].first);
      while (!s.empty() && s.back() == ' ') s.pop_back();
      while (!s.empty() && s.front() == ' ') s.erase(s.begin());
      return s;
    };
    if (!line.empty()) out.push_back({cell(0), cell(1), cell(2), cell(3), cell(4), cell(5)});
  }
  if (cols.size() < 6 && error) *error = "no font table in:\n" + output;
  return out;
}

/// Output and exit code of one command run on one file.
struct ToolRun {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr
};

/// Runs each of `tools` on every file (`tool <file>`), files two at a time, from one shell.
/// Returns, per tool, the runs in file order. File paths must not contain spaces or quotes
/// (scratch paths and labelgen's file names do not).
inline std::vector<std::vector<ToolRun>> run_tools(const std::vector<std::string>& tools,
                                                   const std::vector<fs::path>& files) {
  lg::test::ScratchDir tmp;
  const std::string dir = tmp.path().string();
  std::string list, script;
  for (std::size_t i = 0; i < files.size(); ++i) list += std::to_string(i) + " " + files[i].string() + "\n";
  for (std::size_t t = 0; t < tools.size(); ++t) {
    const std::string base = dir + "/" + std::to_string(t) + "-$0";
    script += tools[t] + " \"$1\" >\"" + base + ".out\" 2>&1; echo $? >\"" + base + ".rc\"; ";
  }
  const auto r = lg::test::run_shell("xargs -P2 -n2 sh -c '" + script + "'", list);
  std::vector<std::vector<ToolRun>> out(tools.size(), std::vector<ToolRun>(files.size()));
  for (std::size_t t = 0; t < tools.size(); ++t)
    for (std::size_t i = 0; i < files.size(); ++i) {
      const std::string base = std::to_string(t) + "-" + std::to_string(i);
      const std::string rc = lg::test::read_file(tmp / (base + ".rc"));
      out[t][i].exit_code = rc.empty() ? -1 : std::stoi(rc);
      out[t][i].output = lg::test::read_file(tmp / (base + ".out"));
      if (rc.empty()) out[t][i].output += "(not run: " + r.err + ")";
    }
  return out;
}

// ---- rasterizing and decoding ----------------------------------------------------------------

inline void quiet_poppler() {
  static const bool once = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)once;
}

/// A gray8 raster of a page or of a part of it (the poppler image itself, not a copy).
struct Gray {
  int width = 0, height = 0, stride = 0;
  int left = 0, top = 0;  ///< page pixel of the raster's first pixel (part of a page)
  double dpi = 0;
  poppler::image image;
  const std::uint8_t* data = nullptr;
  std::uint8_t at(int x, int y) const {
    return data[static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(x)];
  }
};

/// A rectangle in points, page origin top-left.
struct RectPt {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

inline RectPt rect_of(Point origin, Size size) {
  return {origin.x.points(), origin.y.points(), (origin.x + size.width).points(), (origin.y + size.height).points()};
}


/// One PDF opened with poppler-cpp.
class Pdf {
 public:
  explicit Pdf(const fs::path& file) {
    quiet_poppler();
    lg::tune_malloc();  // page rasters: keep freed memory mapped
    doc_.reset(poppler::document::load_from_file(file.string()));
    if (!doc_) throw std::runtime_error(file.string() + ": poppler cannot open it");
  }
  int pages() const { return doc_->pages(); }

  /// Renders page `index` (0-based) at `dpi`, or only `area` of it: antialiasing on, gray8
  /// (see libraries.md).
  Gray render(int index, double dpi, std::optional<RectPt> area = std::nullopt) const {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    poppler::page_renderer r;
    r.set_render_hint(poppler::page_renderer::antialiasing, true);
    r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    r.set_image_format(poppler::image::format_gray8);
    Gray g;
    if (area) {
      const double k = dpi / 72.0;
      g.left = static_cast<int>(std::floor(area->x0 * k));
      g.top = static_cast<int>(std::floor(area->y0 * k));
      g.image = r.render_page(page.get(), dpi, dpi, g.left, g.top, static_cast<int>(std::ceil(area->x1 * k)) - g.left,
                              static_cast<int>(std::ceil(area->y1 * k)) - g.top);
    } else {
      g.image = r.render_page(page.get(), dpi, dpi);
    }
    g.width = g.image.width();
    g.height = g.image.height();
    g.stride = g.image.bytes_per_row();
    g.dpi = dpi;
    g.data = reinterpret_cast<const std::uint8_t*>(g.image.const_data());
    return g;
  }

  /// The page's text (UTF-8); with `area`, only the text inside it (points, top-left origin).
  std::string text(int index, std::optional<RectPt> area = std::nullopt) const {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    poppler::rectf r;
    if (area) r = poppler::rectf(area->x0, area->y0, area->x1 - area->x0, area->y1 - area->y0);
    auto bytes = page->text(r, poppler::page::physical_layout).to_utf8();
    return std::string(bytes.begin(), bytes.end());
  }

  /// Page size in points.
  Size page_size(int index) const {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    const auto r = page->page_rect(poppler::media_box);
    return {Length::pt(r.width()), Length::pt(r.height())};
  }

 private:
  std::unique_ptr<poppler::document> doc_;
};

/// Pixel bounds [x0, x1) x [y0, y1) of `area` (points) in a raster, clamped to it.
struct PixelBox {
  int x0, y0, x1, y1;
};
inline PixelBox pixels(const Gray& g, const RectPt& area) {
  const double k = g.dpi / 72.0;
  return {std::clamp(static_cast<int>(std::floor(area.x0 * k)) - g.left, 0, g.width),
          std::clamp(static_cast<int>(std::floor(area.y0 * k)) - g.top, 0, g.height),
          std::clamp(static_cast<int>(std::ceil(area.x1 * k)) - g.left, 0, g.width),
          std::clamp(static_cast<int>(std::ceil(area.y1 * k)) - g.top, 0, g.height)};
}

/// True when every pixel of `area` is nearly white.
inline bool blank(const Gray& g, const RectPt& area) {
  const PixelBox b = pixels(g, area);
  for (int y = b.y0; y < b.y1; ++y)
    for (int x = b.x0; x < b.x1; ++x)
      if (g.at(x, y) < 224) return false;
  return true;
}

/// Every symbol of `format` that ZXing reads inside `area` of the raster.
/// `try_harder` scans more rows (slow on a whole page; meant for one label's crop).
inline std::vector<std::string> read_symbols(const Gray& g, const RectPt& area, ZXing::BarcodeFormat format,
                                             bool try_harder = true) {
  const auto [x0, y0, x1, y1] = pixels(g, area);
  if (x1 - x0 < 8 || y1 - y0 < 8) return {};
  ZXing::ImageView view(g.data, g.width, g.height, ZXing::ImageFormat::Lum, g.stride);
  ZXing::DecodeHints hints;
  hints.setFormats(format);
  hints.setTryDownscale(false);  // Debian's 1.4 asserts (aborts) on Code 128 otherwise
  hints.setTryRotate(false);
  hints.setTryHarder(try_harder);
  std::vector<std::string> out;
  for (const auto& r : ZXing::ReadBarcodes(view.cropped(x0, y0, x1 - x0, y1 - y0), hints))
    if (r.isValid()) out.push_back(r.text());
  return out;
}

/// DataMatrix symbols inside `area`: ZXing 1.4 finds at most one DataMatrix per image, and only
/// one crossing the image's centre lines, so the area is read in square tiles: first those
/// anchored at its top-right corner (where templates put the symbol), then the whole area, then
/// overlapping tiles all over it. Returns the distinct payloads read.
inline std::set<std::string> read_datamatrix(const Gray& g, const RectPt& area, bool stop_at_first = false) {
  std::set<std::string> found;
  auto take = [&](const RectPt& r) {
    for (auto& s : read_symbols(g, r, ZXing::BarcodeFormat::DataMatrix)) found.insert(std::move(s));
    return stop_at_first && !found.empty();
  };
  const double w = area.x1 - area.x0, h = area.y1 - area.y0;
  const std::vector<double> sides = {36.0, 54.0, 72.0};  // 0.5, 0.75 and 1 in
  for (double side : sides)
    if (take({std::max(area.x0, area.x1 - side), area.y0, area.x1, std::min(area.y1, area.y0 + side)})) return found;
  if (take(area)) return found;
  for (double side : sides) {
    if (side > w && side > h) continue;
    const double sw = std::min(side, w), sh = std::min(side, h);
    const double step = side / 2;
    for (double y = area.y0; y + sh <= area.y1 + 0.01; y += step)
      for (double x = area.x1 - sw; x >= area.x0 - 0.01; x -= step)
        if (take({x, y, x + sw, y + sh})) return found;
  }
  return found;
}

// ---- stock geometry --------------------------------------------------------------------------

inline layout::Stock load_stock(const std::string& name) {
  auto s = layout::load_stock_file(lg::test::repo_dir() / "templates" / "stocks" / (name + ".toml"));
  if (!s) throw std::runtime_error(s.error().message);
  return *s;
}

/// The area of label slot `index` (0-based) widened by half the gutter to each neighbour
/// (clamped to the page), so a symbol's quiet zone at the label's edge stays inside.
inline RectPt slot_area(const layout::Stock& stock, int index) {
  const Point o = stock.slot_origin(index);
  const double gx = std::max(0.0, (stock.pitch_x - stock.label.width).points() / 2);
  const double gy = std::max(0.0, (stock.pitch_y - stock.label.height).points() / 2);
  RectPt r = rect_of(o, stock.label);
  r.x0 = std::max(0.0, r.x0 - gx);
  r.y0 = std::max(0.0, r.y0 - gy);
  r.x1 = std::min(stock.page.width.points(), r.x1 + gx);
  r.y1 = std::min(stock.page.height.points(), r.y1 + gy);
  return r;
}

}  // namespace lg::run::test

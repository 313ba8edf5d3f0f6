#include "labelgen/layout/template.hpp"

#include <algorithm>
#include <cstdint>

#include "labelgen/config/toml_reader.hpp"
#include "labelgen/core/data_dir.hpp"

namespace lg::layout {
namespace {

using config::index_path;
using config::key_path;
using config::TomlReader;

std::optional<Align> parse_align(TomlReader& r, const toml::table& t, const std::string& path) {
  std::string a = r.optional_string(t, path, "align");
  if (a.empty() || a == "left") return Align::Left;
  if (a == "center") return Align::Center;
  if (a == "right") return Align::Right;
  r.fail(key_path(path, "align"), "must be left, center or right, got \"" + a + "\"");
  return std::nullopt;
}

std::string parse_pages(TomlReader& r, const toml::table& t, const std::string& path) {
  std::string p = r.optional_string(t, path, "pages");
  if (p.empty()) return "all";
  if (p != "all" && p != "first" && p != "continued")
    r.fail(key_path(path, "pages"), "must be all, first or continued, got \"" + p + "\"");
  return p;
}

void read_texts(TomlReader& r, const toml::table& root, std::vector<TextItem>& out) {
  const toml::array* arr = r.array(root, "", "text", false);
  if (!arr) return;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string path = index_path("text", i);
    const toml::table* t = r.table(*arr->get(i), path);
    if (!t) return;
    r.allow_only(*t, path, {"text", "font", "x", "baseline", "size", "min_size", "width", "align", "pages"});
    TextItem item;
    item.text = r.string(*t, path, "text");
    if (auto f = r.optional_string(*t, path, "font"); !f.empty()) item.font = f;
    item.origin.x = r.length(*t, path, "x").value_or(Length{});
    item.origin.y = r.length(*t, path, "baseline").value_or(Length{});
    item.size = r.length(*t, path, "size").value_or(Length{});
    item.min_size = r.length(*t, path, "min_size", false).value_or(item.size);
    item.width = r.length(*t, path, "width").value_or(Length{});
    item.align = parse_align(r, *t, path).value_or(Align::Left);
    item.pages = parse_pages(r, *t, path);
    if (r.ok() && (item.size <= Length{} || item.min_size <= Length{} || item.min_size > item.size))
      r.fail(key_path(path, "min_size"), "sizes must be positive and min_size <= size");
    if (r.ok() && item.width <= Length{}) r.fail(key_path(path, "width"), "must be positive");
    out.push_back(std::move(item));
  }
}

void read_barcodes(TomlReader& r, const toml::table& root, std::vector<BarcodeItem>& out) {
  const toml::array* arr = r.array(root, "", "barcode", false);
  if (!arr) return;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string path = index_path("barcode", i);
    const toml::table* t = r.table(*arr->get(i), path);
    if (!t) return;
    r.allow_only(*t, path,
                 {"symbology", "content", "x", "y", "anchor", "module", "min_module", "height", "max_size", "pages"});
    BarcodeItem item;
    std::string sym = r.string(*t, path, "symbology");
    if (sym == "code128") {
      item.symbology = Symbology::Code128;
    } else if (sym == "datamatrix") {
      item.symbology = Symbology::DataMatrix;
    } else if (r.ok()) {
      r.fail(key_path(path, "symbology"), "must be code128 or datamatrix, got \"" + sym + "\"");
    }
    item.content = r.string(*t, path, "content");
    item.origin.x = r.length(*t, path, "x").value_or(Length{});
    item.origin.y = r.length(*t, path, "y").value_or(Length{});
    if (auto a = r.optional_string(*t, path, "anchor"); !a.empty()) item.anchor = a;
    if (r.ok() && item.anchor != "top-left" && item.anchor != "top-right" && item.anchor != "bottom-left" &&
        item.anchor != "bottom-right")
      r.fail(key_path(path, "anchor"), "must be top-left, top-right, bottom-left or bottom-right");
    item.module = r.length(*t, path, "module").value_or(Length{});
    item.min_module = r.length(*t, path, "min_module", false).value_or(item.module);
    if (item.symbology == Symbology::Code128)
      item.height = r.length(*t, path, "height").value_or(Length{});
    item.max_size = r.length(*t, path, "max_size", false).value_or(Length{});
    item.pages = parse_pages(r, *t, path);
    if (r.ok() && (item.module <= Length{} || item.min_module <= Length{} || item.min_module > item.module))
      r.fail(key_path(path, "module"), "module sizes must be positive and min_module <= module");
    out.push_back(std::move(item));
  }
}

void read_rects(TomlReader& r, const toml::table& root, std::vector<RectItem>& out) {
  const toml::array* arr = r.array(root, "", "rect", false);
  if (!arr) return;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string path = index_path("rect", i);
    const toml::table* t = r.table(*arr->get(i), path);
    if (!t) return;
    r.allow_only(*t, path, {"x", "y", "width", "height", "filled", "stroke", "pages"});
    RectItem item;
    item.origin.x = r.length(*t, path, "x").value_or(Length{});
    item.origin.y = r.length(*t, path, "y").value_or(Length{});
    item.size.width = r.length(*t, path, "width").value_or(Length{});
    item.size.height = r.length(*t, path, "height").value_or(Length{});
    item.filled = r.boolean(*t, path, "filled").value_or(false);
    item.stroke = r.length(*t, path, "stroke", false).value_or(Length::pt(0.75));
    item.pages = parse_pages(r, *t, path);
    out.push_back(item);
  }
}

Result<Stock> read_stock(TomlReader& r, const toml::table& root) {
  r.allow_only(root, "",
               {"name", "description", "page_width", "page_height", "label_width", "label_height", "columns", "rows",
                "margin_left", "margin_top", "pitch_x", "pitch_y"});
  Stock s;
  s.name = r.string(root, "", "name");
  s.description = r.optional_string(root, "", "description");
  s.page.width = r.length(root, "", "page_width").value_or(Length{});
  s.page.height = r.length(root, "", "page_height").value_or(Length{});
  s.label.width = r.length(root, "", "label_width").value_or(Length{});
  s.label.height = r.length(root, "", "label_height").value_or(Length{});
  // Range-check before narrowing: `columns = 4294967297` must not load as 1.
  const auto columns = r.integer(root, "", "columns").value_or(0);
  const auto rows = r.integer(root, "", "rows").value_or(0);
  if (r.ok() && (columns < 1 || columns > 100 || rows < 1 || rows > 100))
    r.fail("columns", "columns and rows must be 1-100");
  s.columns = static_cast<int>(std::clamp<std::int64_t>(columns, 0, 100));
  s.rows = static_cast<int>(std::clamp<std::int64_t>(rows, 0, 100));
  s.margin_left = r.length(root, "", "margin_left").value_or(Length{});
  s.margin_top = r.length(root, "", "margin_top").value_or(Length{});
  s.pitch_x = r.length(root, "", "pitch_x").value_or(Length{});
  s.pitch_y = r.length(root, "", "pitch_y").value_or(Length{});
  if (r.ok() && (s.columns < 1 || s.rows < 1)) r.fail("columns", "columns and rows must be at least 1");
  if (r.ok() && (s.label.width.points() <= 0 || s.label.height.points() <= 0))
    r.fail("label_width", "label width and height must be greater than 0");
  if (r.ok() && (s.page.width.points() <= 0 || s.page.height.points() <= 0))
    r.fail("page_width", "page width and height must be greater than 0");
  if (r.ok() && (s.pitch_x < s.label.width || s.pitch_y < s.label.height))
    r.fail("pitch_x", "pitch must be at least the label size (labels would overlap)");
  const double eps = 1e-6;
  if (r.ok() && (s.margin_left + s.pitch_x * (s.columns - 1) + s.label.width).points() > s.page.width.points() + eps)
    r.fail("columns", "the labels do not fit the page width");
  if (r.ok() && (s.margin_top + s.pitch_y * (s.rows - 1) + s.label.height).points() > s.page.height.points() + eps)
    r.fail("rows", "the labels do not fit the page height");
  if (!r.ok()) return std::unexpected(r.error());
  return s;
}

}  // namespace

Point Stock::slot_origin(int index) const {
  const int col = index % columns;
  const int row = (index / columns) % rows;
  return {margin_left + pitch_x * col, margin_top + pitch_y * row};
}

Result<Stock> load_stock_file(const std::filesystem::path& file) {
  auto doc = config::parse_toml_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  TomlReader r(file.string(), *doc);
  return read_stock(r, *doc);
}

Result<LabelTemplate> load_label_template_file(const std::filesystem::path& file,
                                               const std::filesystem::path& stocks_dir) {
  auto doc = config::parse_toml_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  TomlReader r(file.string(), *doc);
  r.allow_only(*doc, "", {"name", "stock", "text", "barcode", "rect"});
  LabelTemplate t;
  t.name = r.string(*doc, "", "name");
  const std::string stock = r.string(*doc, "", "stock");
  read_texts(r, *doc, t.texts);
  read_barcodes(r, *doc, t.barcodes);
  read_rects(r, *doc, t.rects);
  if (r.ok() && !is_plain_data_name(stock)) r.fail("stock", "must be a stock name (A-Z a-z 0-9 . _ -)");
  if (!r.ok()) return std::unexpected(r.error());
  auto s = load_stock_file(stocks_dir / (stock + ".toml"));
  if (!s) return fail("stock", file.string() + ": stock: \"" + stock + "\": " + s.error().message);
  t.stock = std::move(*s);
  return t;
}

Result<GisTemplate> load_gis_template_file(const std::filesystem::path& file) {
  auto doc = config::parse_toml_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  TomlReader r(file.string(), *doc);
  r.allow_only(*doc, "", {"name", "page_width", "page_height", "text", "barcode", "rect", "roster"});
  GisTemplate g;
  g.name = r.string(*doc, "", "name");
  g.page.width = r.length(*doc, "", "page_width").value_or(Length{});
  g.page.height = r.length(*doc, "", "page_height").value_or(Length{});
  read_texts(r, *doc, g.texts);
  read_barcodes(r, *doc, g.barcodes);
  read_rects(r, *doc, g.rects);
  const toml::node* roster_node = r.find(*doc, "", "roster", true);
  const toml::table* roster = roster_node ? r.table(*roster_node, "roster") : nullptr;
  if (roster) {
    r.allow_only(*roster, "roster",
                 {"top", "continued_top", "bottom", "row_height", "font", "header_font", "size", "min_size", "column"});
    g.roster_top = r.length(*roster, "roster", "top").value_or(Length{});
    g.roster_continued_top = r.length(*roster, "roster", "continued_top").value_or(Length{});
    g.roster_bottom = r.length(*roster, "roster", "bottom").value_or(Length{});
    g.row_height = r.length(*roster, "roster", "row_height").value_or(Length{});
    if (auto f = r.optional_string(*roster, "roster", "font"); !f.empty()) g.roster_font = f;
    if (auto f = r.optional_string(*roster, "roster", "header_font"); !f.empty()) g.roster_header_font = f;
    g.roster_size = r.length(*roster, "roster", "size").value_or(Length{});
    g.roster_min_size = r.length(*roster, "roster", "min_size", false).value_or(g.roster_size);
    if (const toml::array* cols = r.array(*roster, "roster", "column", true)) {
      for (std::size_t i = 0; i < cols->size(); ++i) {
        const std::string path = index_path("roster.column", i);
        const toml::table* c = r.table(*cols->get(i), path);
        if (!c) break;
        r.allow_only(*c, path, {"header", "text", "x", "width", "checkbox", "align"});
        RosterColumn col;
        col.header = r.optional_string(*c, path, "header");
        col.checkbox = r.boolean(*c, path, "checkbox").value_or(false);
        if (!col.checkbox) col.text = r.string(*c, path, "text");
        col.x = r.length(*c, path, "x").value_or(Length{});
        col.width = r.length(*c, path, "width").value_or(Length{});
        col.align = parse_align(r, *c, path).value_or(Align::Left);
        g.columns.push_back(std::move(col));
      }
    }
    if (r.ok() && g.row_height <= Length{}) r.fail("roster.row_height", "must be positive");
    if (r.ok() && (g.roster_bottom <= g.roster_top || g.roster_bottom <= g.roster_continued_top))
      r.fail("roster.bottom", "must be below roster.top and roster.continued_top");
    if (r.ok() && (g.roster_bottom - std::max(g.roster_top, g.roster_continued_top)) < g.row_height * 2)
      r.fail("roster.row_height", "the roster needs room for a header and at least one row on every page");
  }
  if (!r.ok()) return std::unexpected(r.error());
  return g;
}

Result<LabelTemplate> load_label_template(const std::string& name) {
  if (!is_plain_data_name(name)) return fail("template", "\"" + name + "\" is not a template name");
  const auto dir = data_dir() / "templates";
  const auto file = dir / "labels" / (name + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    std::string list;
    for (const auto& e : std::filesystem::directory_iterator(dir / "labels", ec))
      if (e.path().extension() == ".toml") list += (list.empty() ? "" : ", ") + e.path().stem().string();
    return fail("template", "no label template \"" + name + "\" in " + (dir / "labels").string() +
                                " (available: " + list + ")");
  }
  return load_label_template_file(file, dir / "stocks");
}

Result<GisTemplate> load_gis_template(const std::string& name) {
  if (!is_plain_data_name(name)) return fail("template", "\"" + name + "\" is not a template name");
  const auto file = data_dir() / "templates" / "gis" / (name + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return fail("template", "no GIS template " + file.string());
  return load_gis_template_file(file);
}

}  // namespace lg::layout

#pragma once
/// Templates as data: label stocks (page, label size, grid), the Pre-ID label's field layout and
/// the GIS page layout, loaded from `templates/`. Text items are format strings with `{field}`
/// placeholders filled per label (see fields.hpp for the names).
#include <filesystem>
#include <string>
#include <vector>

#include "labelgen/core/length.hpp"
#include "labelgen/core/result.hpp"
#include "labelgen/layout/primitives.hpp"

namespace lg::layout {

/// A sheet (or roll) of labels.
struct Stock {
  std::string name;
  std::string description;
  Size page;
  Size label;
  int columns = 1;
  int rows = 1;
  Length margin_left, margin_top;  ///< top-left corner of the first label
  Length pitch_x, pitch_y;         ///< distance between label origins
  int labels_per_page() const { return columns * rows; }
  /// Top-left of label slot `index` (0-based, row by row).
  Point slot_origin(int index) const;
};

enum class Align { Left, Center, Right };

/// One line of text: `text` with `{field}` placeholders, fitted to `width` by shrinking down to
/// `min_size` and then truncating visibly (FontSet::fit's documented rule).
struct TextItem {
  std::string text;
  std::string font = "label";  ///< a role of fonts/fonts.toml
  Point origin;                ///< left end of the baseline (for Align::Left)
  Length size;
  Length min_size;
  Length width;
  Align align = Align::Left;
  /// GIS pages only: "first", "continued" or "all" pages.
  std::string pages = "all";
};

/// A barcode item. `content` has placeholders. The module is rounded to whole printer dots
/// (never below `min_module`); the symbol is anchored at `origin` by `anchor`.
struct BarcodeItem {
  Symbology symbology = Symbology::Code128;
  std::string content;
  Point origin;
  std::string anchor = "top-left";  ///< top-left, top-right, bottom-left, bottom-right
  Length module;
  Length min_module;
  Length height;    ///< Code 128 bar height
  Length max_size;  ///< DataMatrix: largest allowed side; 0 = no limit
  std::string pages = "all";
};

/// A rectangle (filled or outlined) or a rule.
struct RectItem {
  Point origin;
  Size size;
  bool filled = false;
  Length stroke = Length::pt(0.75);
  std::string pages = "all";
};

/// The Pre-ID label's fields, positioned inside one label.
struct LabelTemplate {
  std::string name;
  Stock stock;
  std::vector<TextItem> texts;
  std::vector<BarcodeItem> barcodes;
  std::vector<RectItem> rects;
};

/// One column of the GIS packing roster.
struct RosterColumn {
  std::string header;
  std::string text;  ///< placeholders of the roster row; empty with `checkbox`
  Length x;
  Length width;
  bool checkbox = false;
  Align align = Align::Left;
};

/// The GIS page: fixed items plus the packing roster, which continues on further pages.
struct GisTemplate {
  std::string name;
  Size page;
  std::vector<TextItem> texts;
  std::vector<BarcodeItem> barcodes;
  std::vector<RectItem> rects;
  Length roster_top;            ///< first page: top of the roster header row
  Length roster_continued_top;  ///< continuation pages
  Length roster_bottom;         ///< no row extends below this
  Length row_height;
  std::string roster_font = "label";
  std::string roster_header_font = "label-bold";
  Length roster_size;
  Length roster_min_size;
  std::vector<RosterColumn> columns;
};

/// Loads `<data_dir>/templates/labels/<name>.toml` (its `stock` from templates/stocks/).
Result<LabelTemplate> load_label_template(const std::string& name);
/// Loads `<data_dir>/templates/gis/<name>.toml`.
Result<GisTemplate> load_gis_template(const std::string& name);
/// Loads from explicit paths (tests, malformed-template checks). `stocks_dir` resolves `stock`.
Result<LabelTemplate> load_label_template_file(const std::filesystem::path& file,
                                               const std::filesystem::path& stocks_dir);
Result<Stock> load_stock_file(const std::filesystem::path& file);
Result<GisTemplate> load_gis_template_file(const std::filesystem::path& file);

}  // namespace lg::layout

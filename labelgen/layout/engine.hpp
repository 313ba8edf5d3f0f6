#pragma once
/// Layout: templates + field values → drawing primitives, with barcodes snapped to the target
/// printer's dot grid. Knows no backend.
#include <memory>
#include <vector>

#include "labelgen/core/length.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/fields.hpp"
#include "labelgen/layout/primitives.hpp"
#include "labelgen/layout/template.hpp"

namespace lg::layout {

/// The target printer as layout needs it.
struct LayoutOptions {
  double dpi = 300;              ///< barcodes: whole dots per module, origins on the dot grid
  Length offset_x, offset_y;     ///< calibration: everything moves by this much
};

/// Snaps a length to the nearest whole number of dots.
Length snap_to_dots(Length value, double dpi);

/// Lays out Pre-ID labels of one template. Create once, then draw many labels (thread-safe:
/// draw() is const).
class LabelLayout {
 public:
  static Result<LabelLayout> create(const LabelTemplate& tmpl, const fonts::FontSet& fonts,
                                    const LayoutOptions& options);
  const Stock& stock() const { return tmpl_.stock; }
  /// Appends the primitives of one label whose top-left corner is `origin` to `page`.
  /// Fails (naming the item) when a field is unknown, a name has a character no font draws,
  /// or a barcode cannot be encoded or does not fit.
  Result<void> draw(const FieldMap& fields, Point origin, Page& page) const;
  /// A new empty page of the stock.
  Page new_page() const;

 private:
  LabelLayout() = default;
  LabelTemplate tmpl_;
  const fonts::FontSet* fonts_ = nullptr;
  LayoutOptions options_;
  std::vector<fonts::RoleId> roles_;  ///< per text item
};

/// Lays out GIS pages: the fixed items plus a packing roster continued on further pages.
class GisLayout {
 public:
  static Result<GisLayout> create(const GisTemplate& tmpl, const fonts::FontSet& fonts, const LayoutOptions& options);
  /// Pages of one GIS. `fields` fill the fixed items; `{page}` and `{pages}` are added;
  /// each roster row fills the columns' texts.
  Result<std::vector<Page>> draw(const FieldMap& fields, const std::vector<FieldMap>& roster) const;
  /// How many roster rows fit on the first / a continuation page.
  int rows_first_page() const;
  int rows_continued_page() const;

 private:
  GisLayout() = default;
  GisTemplate tmpl_;
  const fonts::FontSet* fonts_ = nullptr;
  LayoutOptions options_;
  std::vector<fonts::RoleId> roles_;
  fonts::RoleId roster_role_{}, header_role_{};
};

}  // namespace lg::layout

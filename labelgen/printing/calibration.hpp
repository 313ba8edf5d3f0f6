#pragma once
/// The calibration page of a printer profile, as layout primitives: the profile's stock (a
/// letter sheet of labels for lasers, one 4 in x 2 in label for thermal printers) with rulers in
/// inches (ticks every 1/16 in) and millimetres (every 1 mm), numbered from the page's top-left
/// corner; a cross on the first label's top-left corner; every label's outline; and how to turn
/// the measured error into offset_x / offset_y. Everything is drawn moved by the profile's
/// current offsets, exactly as labels are, so printing the page again after a correction shows
/// the cross on the corner.
#include <string>

#include "labelgen/core/length.hpp"
#include "labelgen/core/result.hpp"
#include "labelgen/fonts/font_set.hpp"
#include "labelgen/layout/primitives.hpp"
#include "labelgen/layout/template.hpp"
#include "labelgen/printers/profile.hpp"

namespace lg::printing {

/// Where the calibration page puts its marks, before the profile's offsets are applied (page
/// coordinates, origin top-left, y down).
struct CalibrationGeometry {
  Point corner;       ///< the cross: top-left corner of the stock's first label
  Length arm;         ///< the cross's arms reach this far from the corner (clipped to the page)
  Length mark_width;  ///< width of the cross's lines
  Length tick_width;  ///< width of ruler ticks and base lines
  /// Horizontal rulers span the page width. The inch ruler's ticks rise from its base line, the
  /// millimetre ruler's hang from its base line.
  Length h_inch_base, h_mm_base;
  /// Vertical rulers run from the top edge down to `v_end`. The inch ruler's ticks point left of
  /// its base line, the millimetre ruler's right.
  Length v_inch_base, v_mm_base;
  Length v_end;
  Length text_left, text_top, text_width, text_size;  ///< the instructions block
};

/// Tick lengths: inch ruler by the tick's finest fraction (1, 1/2, 1/4, 1/8, 1/16 in); mm ruler
/// for 10 mm, 5 mm and 1 mm ticks. Every tick reaches at least `kShortestTick` from its base.
Length inch_tick_length(int sixteenths);
Length mm_tick_length(int millimetres);
inline constexpr Length kShortestTick = Length::in(0.05);

/// The geometry for a stock (depends on the page size and the first label's corner only).
CalibrationGeometry calibration_geometry(const layout::Stock& stock);

/// The calibration page of `profile` on `stock`, drawn with the profile's offsets applied.
/// Text uses the `label` and `label-bold` font roles.
Result<layout::Page> calibration_page(const printers::Profile& profile, const layout::Stock& stock,
                                      const fonts::FontSet& fonts);

}  // namespace lg::printing

#pragma once
/// Drawing primitives: what layout produces and every backend (libharu PDF, Cairo raster, ZPL)
/// draws. Layout knows no backend; a barcode is encoded once and drawn anywhere.
/// Coordinates: page origin top-left, y grows downward, all lengths in lg::Length.
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "labelgen/core/length.hpp"

namespace lg::layout {

/// A font face on disk (a .ttf, or face `index` of a .ttc), as resolved by the fonts stage.
struct FontFace {
  std::string path;
  int index = 0;
  std::string family;  ///< for messages and PDF names
  friend bool operator==(const FontFace&, const FontFace&) = default;
};

/// A stretch of text drawn with one face. `advance` is its width at the Text's size.
struct TextRun {
  std::string utf8;  ///< NFC
  /// Shared with the font set that chose it (runs are many, faces few).
  std::shared_ptr<const FontFace> face;
  Length advance;
};

/// A single line of text. `origin` is the left end of the baseline of the first run;
/// runs follow each other left to right.
struct Text {
  Point origin;
  Length size;  ///< font size (em)
  std::vector<TextRun> runs;
  bool bold = false;  ///< informational; the face already is the bold face when wanted
};

/// An axis-aligned rectangle; filled black, or stroked with `stroke` width when not filled.
struct Rect {
  Point origin;  ///< top-left
  Size size;
  bool filled = true;
  Length stroke;
};

/// A straight line of width `width`.
struct Line {
  Point from, to;
  Length width;
};

enum class Symbology { Code128, DataMatrix };

/// Dark/light modules of an encoded symbol, row-major, 1 = dark. 1D codes are one row tall.
struct ModuleMatrix {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> cells;
  bool dark(int x, int y) const { return cells[static_cast<std::size_t>(y) * width + x] != 0; }
};

/// An encoded barcode placed on the page. The quiet zone is outside `origin` and is
/// guaranteed free by layout. For Code 128, every module is `module` wide and `bar_height`
/// tall; for DataMatrix each module is `module` square. Layout snaps origin and module to the
/// target printer's dot grid.
struct Barcode {
  Symbology symbology = Symbology::Code128;
  std::shared_ptr<const ModuleMatrix> modules;
  std::string content;  ///< what the symbol encodes (for tests and ZPL's native commands)
  Point origin;         ///< top-left of the first module
  Length module;
  Length bar_height;  ///< Code 128 only
  Size extent() const {
    return modules ? Size{module * modules->width,
                          symbology == Symbology::Code128 ? bar_height : module * modules->height}
                   : Size{};
  }
};

using Primitive = std::variant<Text, Rect, Line, Barcode>;

/// One page (or one label, for roll printers): its size and what is drawn on it.
struct Page {
  Size size;
  std::vector<Primitive> items;
};

}  // namespace lg::layout

#pragma once
/// Decode stage, results: the symbols found on a page, where they are, and how long it took.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/decode/image.hpp"
#include "labelgen/decode/options.hpp"

namespace lg::decode {

/// "Code128" or "DataMatrix".
std::string_view format_name(SymbolFormat format);

/// One symbol read on a page.
struct Symbol {
  SymbolFormat format = SymbolFormat::Code128;
  std::string text;  ///< decoded content (UTF-8)
  int page = 0;      ///< 0-based page / frame index within its file
  /// Corners in the page image's pixels (as loaded, before any working-resolution scaling):
  /// top-left, top-right, bottom-right, bottom-left in the symbol's own orientation. For a
  /// Code 128 the box spans the scan lines that read it (it may be thinner than the bars).
  std::array<PointD, 4> corners{};
  PointD centre;
  /// Direction of the symbol's reading axis (top-left → top-right) in degrees, counter-clockwise
  /// from the page's x axis as seen on screen: 0 = upright, 90 = turned a quarter to the left.
  /// Exact for a DataMatrix; for a Code 128 it is the direction of the pixel rows that read it
  /// (within ~10° of the bars' normal, and 0° and 180° are not told apart).
  double angle = 0;
};

/// Everything read on one page.
struct PageResult {
  int page = 0;   ///< 0-based
  int width = 0;  ///< page image size in pixels, as loaded
  int height = 0;
  double dpi = 0;      ///< resolution used for this page (stated, assumed or estimated)
  double seconds = 0;  ///< wall time spent decoding (loading excluded)
  std::vector<Symbol> symbols;
};

/// Everything read in one file.
struct FileResult {
  std::string path;
  std::vector<PageResult> pages;
  double load_seconds = 0;  ///< time spent reading and rasterizing the file
};

/// A filter accepting only labelgen's own formats: a Pre-ID Code 128 (18 digits, Damm check),
/// a GIS Code 128 (8 digits, Damm check), a `P1|…` label payload or a `G1|…` GIS payload that
/// parse. A checksum-valid but misread Code 128 fails the Damm digit and is dropped.
SymbolFilter labelgen_symbols_only();

}  // namespace lg::decode

#pragma once
/// Decode stage, options: how scans are loaded and how hard the decoder looks.
#include <cstdint>
#include <functional>
#include <string_view>

namespace lg::decode {

enum class SymbolFormat { Code128, DataMatrix };

/// Decides whether a decoded text is kept. A rejected read does not count as found, so the
/// decoder keeps looking for a better read of the same symbol (other strips, resolutions,
/// rotations). `labelgen_symbols_only()` (symbol.hpp) accepts labelgen's own formats.
using SymbolFilter = std::function<bool(SymbolFormat, std::string_view text)>;

/// Options of load_pages, decode_image and decode_file.
struct DecodeOptions {
  /// Resolution PDF pages are rendered at.
  double pdf_dpi = 300;
  /// Resolution assumed for images that do not state one (0: estimate it from the image size,
  /// taking the longer side as 11 in, a US-letter page).
  double assumed_dpi = 0;
  /// Resolution the decoder works at: images are scaled to it (150-dpi scans up, 600-dpi scans
  /// down) so that modules are 2–3 pixels wide and the tile sizes fit the symbols.
  double working_dpi = 300;
  /// Largest image accepted, in pixels (protects against decompression bombs).
  std::uint64_t max_pixels = 200'000'000;
  /// Largest number of pages read from one file.
  int max_pages = 2000;
  /// When DataMatrix symbols show the page is skewed, also read Code 128 on the deskewed page;
  /// when none is found, try Code 128 at 20° steps (a Code 128 tilted more than ~10° has no scan
  /// line through all its bars in ZXing).
  bool try_rotations = true;
  /// Which reads to keep (empty: every read).
  SymbolFilter filter;
};

}  // namespace lg::decode

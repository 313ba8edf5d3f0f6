#pragma once
/// Decode stage: every Code 128 and DataMatrix on scanned pages of Pre-ID labels and GIS.
///
/// ZXing 1.4 (Debian 12) has three traps (libraries.md): tryDownscale aborts, its DataMatrix
/// detector returns one symbol per call and only one that the image's centre lines cross, and
/// its 1D row merging asserts (aborts) when one Code 128 text appears twice on a page. So:
/// - the page is scaled to a working resolution (DecodeOptions::working_dpi, 300 dpi);
/// - DataMatrix: the page is binarized once and read in full-width and full-height strips
///   whose centre lines are 0.3 in apart, each strip again after each find with the symbol
///   painted white; then at half resolution for large symbols; and, when fewer DataMatrix than
///   Code 128 symbols were found (every labelgen label and GIS has one of each), again at 2×
///   (3–4× from a 150-dpi scan), where blurred modules still have clean pixels;
/// - Code 128: one pixel row per ZXing call (every other row), rows and columns, grouped here
///   (same text on nearby rows = one symbol, two rows must agree); then on the page turned
///   upright by the angle the DataMatrix symbols show, so any rotation works; with no symbol
///   at all, at 20° steps;
/// - a symbol read twice (strips, passes) is merged when format, text and place (0.6 in)
///   agree; the same text at two places stays two symbols.
#include <filesystem>
#include <vector>

#include "labelgen/core/result.hpp"
#include "labelgen/decode/image.hpp"
#include "labelgen/decode/options.hpp"
#include "labelgen/decode/symbol.hpp"

namespace lg::decode {

/// Every symbol on one page image. Positions are in `image`'s pixels; `Symbol::page` is
/// `image.page`.
std::vector<Symbol> decode_image(const GrayImage& image, const DecodeOptions& options = {});

/// decode_image with the page's size, resolution and the time it took.
PageResult decode_page(const GrayImage& image, const DecodeOptions& options = {});

/// Loads every page of a scan file (PNG, JPEG, TIFF, PDF) and decodes it. A file that cannot be
/// read is an Error naming it; a page that cannot be read fails the file.
Result<FileResult> decode_file(const std::filesystem::path& path, const DecodeOptions& options = {});

/// The resolution decode_image uses for `image`: its own when plausible (50–2400 dpi), else
/// options.assumed_dpi, else the longer side taken as 11 in.
double effective_dpi(const GrayImage& image, const DecodeOptions& options);

}  // namespace lg::decode

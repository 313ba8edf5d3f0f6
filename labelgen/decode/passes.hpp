#pragma once
// Decode stage, internal: the passes decode_image runs on the page scaled to the working
// resolution ("work" image). Every pass returns symbols in the coordinates of the image it was
// given; decode_image maps them back to the page.
#include <vector>

#include "labelgen/decode/image.hpp"
#include "labelgen/decode/options.hpp"
#include "labelgen/decode/symbol.hpp"
#include "labelgen/decode/zxing_read.hpp"

namespace lg::decode::detail {

/// A Symbol from a ZXing read: corners as given, centre, angle of top-left → top-right.
Symbol to_symbol(const RawRead& read);
/// Recomputes `centre` and `angle` from `corners` (after the corners were mapped).
void set_geometry(Symbol& symbol);

/// True when `options.filter` keeps the read (no filter keeps everything).
bool accepted(const DecodeOptions& options, const RawRead& read);

/// How a DataMatrix pass reads: at `zoom` × the working resolution, in strips `strip_inches`
/// wide whose centre lines are `step_inches` apart. A symbol is found when a strip's centre line
/// crosses it and the strip holds all of it: every symbol smaller than step across is crossed,
/// and every one up to strip − step across is held.
struct DataMatrixPass {
  double zoom = 1;
  double strip_inches = 0.9;
  double step_inches = 0.3;
};

/// Every DataMatrix in `work` (whose dpi is the working resolution) that one pass finds. Found
/// symbols are painted white in `work`, so later passes do not find them again. With `source`
/// (the page as loaded), the zoomed image is made from it rather than from `work`: one
/// interpolation instead of two for a low-resolution scan.
std::vector<Symbol> find_datamatrix(GrayImage& work, const DecodeOptions& options, const DataMatrixPass& how,
                                    const GrayImage* source = nullptr);

/// Code 128 symbols of `image`: rows of the whole image (and columns with `try_rotate`), then
/// overlapping horizontal bands read with tryHarder when `thorough`.
std::vector<Symbol> find_code128(const GrayImage& image, const DecodeOptions& options, bool try_rotate,
                                 bool thorough);

/// Code 128 symbols read on `work` turned by `degrees` counter-clockwise, in `work`'s pixels.
std::vector<Symbol> find_code128_turned(const GrayImage& work, double degrees, const DecodeOptions& options,
                                        bool thorough);

/// Adds `more` to `all`, dropping each symbol whose format and text equal one already there
/// with its centre closer than `distance` pixels (the same symbol read twice).
void merge_symbols(std::vector<Symbol>& all, const std::vector<Symbol>& more, double distance);

/// Paints the quadrilateral `corners`, grown by `grow` pixels, white.
void erase_quad(GrayImage& image, const std::array<PointD, 4>& corners, double grow);

}  // namespace lg::decode::detail

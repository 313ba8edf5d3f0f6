// The decoding strategy: scale to the working resolution, DataMatrix strips, Code 128 on the
// page and on the page turned upright by the DataMatrix angles, merge, map back.

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "labelgen/decode/decode.hpp"
#include "labelgen/decode/passes.hpp"

namespace lg::decode {

double effective_dpi(const GrayImage& image, const DecodeOptions& options) {
  if (image.dpi >= 50 && image.dpi <= 2400) return image.dpi;
  if (options.assumed_dpi > 0) return options.assumed_dpi;
  return std::max(image.width, image.height) / 11.0;
}

namespace {

/// Distance to the nearest multiple of 90°, signed, in (-45, 45].
double off_quarter(double degrees) {
  double r = std::fmod(degrees, 90.0);
  if (r < 0) r += 90;
  return r > 45 ? r - 90 : r;
}

/// The page turns the DataMatrix symbols show: angles grouped within 3°, largest group first
/// (at most four).
std::vector<double> page_turns(const std::vector<Symbol>& dms) {
  std::vector<std::pair<int, double>> groups;  // count, mean angle
  for (const auto& s : dms) {
    bool placed = false;
    for (auto& [n, mean] : groups) {
      double d = std::fmod(s.angle - mean + 540.0, 360.0) - 180.0;
      if (std::abs(d) < 3) {
        mean += d / (n + 1);
        ++n;
        placed = true;
        break;
      }
    }
    if (!placed) groups.emplace_back(1, s.angle);
  }
  std::sort(groups.begin(), groups.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::vector<double> out;
  for (std::size_t i = 0; i < groups.size() && i < 4; ++i) out.push_back(groups[i].second);
  return out;
}

}  // namespace

namespace {

/// True when there are more Code 128 than DataMatrix symbols: every labelgen label and GIS
/// carries one of each, so some DataMatrix was missed. (Distance cannot pair them: on a sheet a
/// neighbour's DataMatrix is about as close as the label's own.)
bool datamatrix_missing(const std::vector<Symbol>& symbols) {
  std::size_t code128 = 0, datamatrix = 0;
  for (const auto& s : symbols) (s.format == SymbolFormat::Code128 ? code128 : datamatrix) += 1;
  return code128 > datamatrix;
}

}  // namespace

std::vector<Symbol> decode_image(const GrayImage& image, const DecodeOptions& options) {
  if (image.width < 16 || image.height < 16) return {};
  const double dpi = effective_dpi(image, options);
  double scale = options.working_dpi > 0 ? options.working_dpi / dpi : 1.0;
  if (scale > 0.8 && scale < 1.25) scale = 1.0;
  GrayImage work = rescale(image, scale);
  work.dpi = dpi * scale;
  const double inch = work.dpi;
  // Symbols of one text closer than this are one symbol (read twice); two labels are at least
  // 1 in apart.
  const double same_place = 0.6 * inch;

  // DataMatrix: label-sized symbols at the working resolution, then large ones (GIS) at half.
  // A page with next to no ink (blank, or a blank back side) has no symbol: skip every pass.
  std::size_t dark = 0;
  for (const auto v : work.pixels) dark += v < 128 ? 1 : 0;
  if (dark * 2000 < work.pixels.size()) return {};

  GrayImage scratch = work;  // DataMatrix passes erase what they find
  std::vector<Symbol> all =
      detail::find_datamatrix(scratch, options, {.zoom = 1, .strip_inches = 0.9, .step_inches = 0.3});
  auto big =
      detail::find_datamatrix(scratch, options, {.zoom = 0.5, .strip_inches = 2.2, .step_inches = 0.5});
  all.insert(all.end(), big.begin(), big.end());

  // Code 128 on the page as it is (rows and columns: 0°, 90°, 180°, 270° within ~10°).
  detail::merge_symbols(all, detail::find_code128(work, options, true, false), same_place);

  // A Code 128 without its DataMatrix: read the DataMatrix symbols again at twice the
  // resolution (blur and JPEG leave too few clean pixels per module at 3 per module).
  if (datamatrix_missing(all)) {
    // From the page as loaded: a 150-dpi scan is enlarged 3× (to 450 dpi) in one step, and 4×
    // when that still leaves some missing (the module edges fall differently).
    GrayImage source = image;
    source.dpi = dpi;
    const double base = std::max(2.0, std::ceil(450.0 / dpi));
    for (double factor : {base, base + 1}) {
      const double zoom = factor * dpi / work.dpi;
      auto fine =
          detail::find_datamatrix(scratch, options, {.zoom = zoom, .strip_inches = 0.9, .step_inches = 0.3},
                                  dpi < 250 ? &source : nullptr);
      detail::merge_symbols(all, fine, same_place);
      if (!datamatrix_missing(all) || dpi >= 250) break;
    }
  }

  if (options.try_rotations) {
    std::vector<Symbol> dms;
    for (const auto& s : all)
      if (s.format == SymbolFormat::DataMatrix) dms.push_back(s);
    std::vector<double> turns = page_turns(dms);
    std::size_t code128s = all.size() - dms.size();
    if (turns.empty() && code128s == 0) turns = {20, 40, 60, 80};
    const bool missing = code128s < dms.size();
    for (double turn : turns) {
      // Turned so the symbols stand upright; skipped when the page already is (within 2°) and
      // no Code 128 is missing.
      if (std::abs(off_quarter(turn)) < 2 && !missing) continue;
      detail::merge_symbols(all, detail::find_code128_turned(work, -turn, options, missing), same_place);
    }
  }

  for (auto& s : all) {
    s.page = image.page;
    for (auto& p : s.corners) p = {p.x / scale, p.y / scale};
    detail::set_geometry(s);
  }
  std::sort(all.begin(), all.end(), [](const Symbol& a, const Symbol& b) {
    return std::tie(a.centre.y, a.centre.x) < std::tie(b.centre.y, b.centre.x);
  });
  return all;
}

}  // namespace lg::decode

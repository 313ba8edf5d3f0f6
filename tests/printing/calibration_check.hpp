#pragma once
// Finds the calibration page's marks in a raster (poppler, gray8, antialiased) and compares
// them with where the geometry and the profile's offsets put them: the cross on the first
// label's corner and every ruler tick, each within one dot.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "labelgen/layout/template.hpp"
#include "labelgen/printing/calibration.hpp"
#include "tests/run/run_support.hpp"

namespace lg::printing::test {

using lg::run::test::Gray;

/// A dark stretch along a scan line: [begin, end) in pixels and its ink-weighted centre in
/// continuous pixel coordinates (pixel i spans [i, i+1)).
struct Run {
  int begin = 0, end = 0;
  double centre = 0;
  int width() const { return end - begin; }
};

/// Dark runs (value < 128) of row `y` (horizontal = true) or column `y` (false) between `from`
/// and `to` (pixels, clamped); the centre weighs the run and one grey pixel each side by ink.
inline std::vector<Run> dark_runs(const Gray& g, bool horizontal, int line, int from, int to) {
  const int n = horizontal ? g.width : g.height;
  from = std::clamp(from, 0, n);
  to = std::clamp(to, 0, n);
  if (line < 0 || line >= (horizontal ? g.height : g.width)) return {};
  auto at = [&](int i) { return horizontal ? g.at(i, line) : g.at(line, i); };
  std::vector<Run> runs;
  for (int i = from; i < to;) {
    if (at(i) >= 128) {
      ++i;
      continue;
    }
    Run r;
    r.begin = i;
    while (i < to && at(i) < 128) ++i;
    r.end = i;
    double ink = 0, moment = 0;
    for (int k = std::max(0, r.begin - 1); k < std::min(n, r.end + 1); ++k) {
      const double w = 255.0 - at(k);
      ink += w;
      moment += w * (k + 0.5);
    }
    r.centre = ink > 0 ? moment / ink : (r.begin + r.end) / 2.0;
    runs.push_back(r);
  }
  return runs;
}

/// Problems with a calibration page rendered at `g.dpi` whose offsets are (dx, dy). Empty
/// when the cross and every tick are within `tolerance` dots of their places. `worst`, when
/// given, receives the largest distance (dots) of a found mark from its place.
inline std::vector<std::string> check_calibration(const Gray& g, const layout::Stock& stock, Length dx,
                                                  Length dy, double tolerance = 1.0,
                                                  double* worst = nullptr) {
  std::vector<std::string> problems;
  double worst_seen = 0;
  const CalibrationGeometry geo = calibration_geometry(stock);
  const double k = g.dpi / 72.0;
  auto px = [&](Length v) { return v.points() * k; };
  auto near = [&](double got, double want) {
    worst_seen = std::max(worst_seen, std::abs(got - want));
    return std::abs(got - want) <= tolerance;
  };

  // The cross: its inward arms, scanned across 60 % of an arm away from the corner.
  const double cx = px(geo.corner.x + dx), cy = px(geo.corner.y + dy);
  const double along = px(geo.arm) * 0.6, margin = px(Length::in(0.1));
  const double mark = px(geo.mark_width);
  auto one_run = [&](bool horizontal, double line, double want, const char* what) {
    const auto runs = dark_runs(g, horizontal, static_cast<int>(std::floor(line)),
                                static_cast<int>(want - margin), static_cast<int>(want + margin));
    if (runs.size() != 1) {
      problems.push_back(std::string(what) + ": " + std::to_string(runs.size()) + " dark runs near " +
                         std::to_string(want));
      return;
    }
    if (!near(runs[0].centre, want))
      problems.push_back(std::string(what) + " at " + std::to_string(runs[0].centre) + " px, expected " +
                         std::to_string(want));
    if (std::abs(runs[0].width() - mark) > 2.0)
      problems.push_back(std::string(what) + " is " + std::to_string(runs[0].width()) +
                         " px wide, expected about " + std::to_string(mark));
  };
  one_run(true, cy + along, cx, "cross, vertical arm");
  one_run(false, cx + along, cy, "cross, horizontal arm");

  // A ruler: the scan line crosses every tick; each expected tick (inside the page by more
  // than 0.1 in) has exactly one run within tolerance, and there are no other runs.
  auto ruler = [&](const char* what, bool horizontal, Length line, Length shift, Length step, Length end) {
    const double limit = std::min(px(end), (horizontal ? g.width : g.height) - margin);
    std::vector<double> want;
    for (int i = 0;; ++i) {
      const double p = px(step * i + shift);
      if (p > limit) break;
      if (p >= margin) want.push_back(p);
    }
    const auto runs =
        dark_runs(g, horizontal, static_cast<int>(std::floor(px(line))),
                  static_cast<int>(margin - px(step) / 2), static_cast<int>(limit + px(step) / 2));
    std::size_t matched = 0, missing = 0, off = 0;
    std::string first;
    for (double w : want) {
      const Run* best = nullptr;
      for (const auto& r : runs)
        if (!best || std::abs(r.centre - w) < std::abs(best->centre - w)) best = &r;
      if (!best || std::abs(best->centre - w) > px(step) / 2) {
        ++missing;
        if (first.empty()) first = "no tick near " + std::to_string(w) + " px";
      } else if (!near(best->centre, w)) {
        ++off;
        if (first.empty())
          first = "tick at " + std::to_string(best->centre) + " px, expected " + std::to_string(w) + " px";
      } else {
        ++matched;
      }
    }
    if (missing || off || runs.size() < want.size() || runs.size() > want.size() + 2)
      problems.push_back(std::string(what) + ": " + std::to_string(matched) + "/" +
                         std::to_string(want.size()) + " ticks in place, " + std::to_string(runs.size()) +
                         " dark runs; " + first);
  };
  const Length scan = Length::in(0.03);  // inside the shortest tick, clear of the base line
  const Length w = stock.page.width;
  ruler("inch ruler (horizontal)", true, geo.h_inch_base - scan + dy, dx, Length::in(1.0 / 16), w);
  ruler("mm ruler (horizontal)", true, geo.h_mm_base + scan + dy, dx, Length::mm(1), w);
  ruler("inch ruler (vertical)", false, geo.v_inch_base - scan + dx, dy, Length::in(1.0 / 16),
        geo.v_end - Length::in(0.05) + dy);
  ruler("mm ruler (vertical)", false, geo.v_mm_base + scan + dx, dy, Length::mm(1),
        geo.v_end - Length::in(0.05) + dy);
  if (worst) *worst = worst_seen;
  return problems;
}

}  // namespace lg::printing::test

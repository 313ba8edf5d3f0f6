#pragma once
/// Physical lengths with units. Stored in PostScript points (1/72 inch).
#include <cmath>
#include <compare>
#include <string>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg {

class Length {
 public:
  constexpr Length() = default;
  static constexpr Length pt(double v) { return Length(v); }
  static constexpr Length in(double v) { return Length(v * 72.0); }
  static constexpr Length mm(double v) { return Length(v * 72.0 / 25.4); }
  /// `v` printer dots at `dpi` dots per inch.
  static constexpr Length dots(double v, double dpi) { return Length(v * 72.0 / dpi); }
  /// Parses `2.625in`, `6.35mm`, `0.5cm`, `12pt`, `300dots@300dpi` is not accepted: a unit is required.
  static Result<Length> parse(std::string_view text);

  constexpr double points() const { return pt_; }
  constexpr double inches() const { return pt_ / 72.0; }
  constexpr double millimetres() const { return pt_ * 25.4 / 72.0; }
  /// Length in dots at `dpi` (not rounded).
  constexpr double in_dots(double dpi) const { return pt_ * dpi / 72.0; }
  /// Nearest whole number of dots at `dpi`.
  long whole_dots(double dpi) const { return std::lround(in_dots(dpi)); }
  std::string str() const;  ///< e.g. `12.5pt`

  constexpr Length operator+(Length o) const { return Length(pt_ + o.pt_); }
  constexpr Length operator-(Length o) const { return Length(pt_ - o.pt_); }
  constexpr Length operator*(double k) const { return Length(pt_ * k); }
  constexpr Length operator/(double k) const { return Length(pt_ / k); }
  constexpr double operator/(Length o) const { return pt_ / o.pt_; }
  constexpr Length operator-() const { return Length(-pt_); }
  Length& operator+=(Length o) { pt_ += o.pt_; return *this; }
  Length& operator-=(Length o) { pt_ -= o.pt_; return *this; }
  friend constexpr auto operator<=>(const Length&, const Length&) = default;

 private:
  constexpr explicit Length(double p) : pt_(p) {}
  double pt_ = 0;
};

namespace length_literals {
constexpr Length operator""_pt(long double v) { return Length::pt(static_cast<double>(v)); }
constexpr Length operator""_in(long double v) { return Length::in(static_cast<double>(v)); }
constexpr Length operator""_mm(long double v) { return Length::mm(static_cast<double>(v)); }
}  // namespace length_literals

/// A point on a page; origin top-left, y grows downward.
struct Point {
  Length x, y;
};

/// A size.
struct Size {
  Length width, height;
};

}  // namespace lg

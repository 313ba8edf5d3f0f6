#pragma once
// labelgen-damage, geometry: resampling a page (scale, rotation, perspective) with its own
// bilinear warp, independent of the decoder's resampling code.
#include <array>
#include <cstdint>

#include "labelgen/decode/image.hpp"

namespace lg::damage {

using decode::GrayImage;

/// Resizes by `factor`: area average when shrinking (as a scanner's sensor), bilinear when
/// enlarging. The dpi is scaled along.
GrayImage scale(const GrayImage& in, double factor);

/// Turns the page `degrees` counter-clockwise (negative: clockwise) on a canvas grown to hold
/// it, white where no page is.
GrayImage rotate(const GrayImage& in, double degrees);

/// A phone-photo look: the top edge pulled in by `amount` × width (0.05 = 5 %) as if the camera
/// leaned back, each corner also moved by up to amount/2 × the size at random from `seed`.
GrayImage perspective(const GrayImage& in, double amount, std::uint64_t seed);

/// A 3×3 projective map (row-major, h[8] = 1) from output pixel to input pixel.
using Homography = std::array<double, 9>;
/// The homography taking each of `from[i]` to `to[i]`.
Homography homography(const std::array<decode::PointD, 4>& from, const std::array<decode::PointD, 4>& to);
/// Output image of `width` × `height` whose pixel p shows input pixel `to_input(p)`.
GrayImage warp(const GrayImage& in, int width, int height, const Homography& to_input);

}  // namespace lg::damage

#pragma once
// labelgen-damage, pixel filters: optical blur and sensor noise, deterministic for a seed.
#include <cstdint>

#include "labelgen/decode/image.hpp"

namespace lg::damage {

/// Gaussian blur of standard deviation `sigma` pixels (separable, kernel radius 3σ).
decode::GrayImage blur(const decode::GrayImage& in, double sigma);

/// Adds Gaussian noise of standard deviation `sigma` gray levels, from `seed` (the same seed
/// gives the same image on every machine).
decode::GrayImage noise(const decode::GrayImage& in, double sigma, std::uint64_t seed);

}  // namespace lg::damage

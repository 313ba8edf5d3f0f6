#pragma once
// Decode stage, internal: a local-threshold binarization of a whole page, done once so that
// the many DataMatrix strips need not each be binarized by ZXing again.
#include "labelgen/decode/image.hpp"

namespace lg::decode::detail {

/// Black (0) / white (255) image. Each 8×8 block is thresholded at the mean of the block means
/// around it (5×5 blocks); a block of little contrast takes its neighbours' level, so flat
/// paper stays white and flat ink stays black.
GrayImage binarize(const GrayImage& image);

}  // namespace lg::decode::detail

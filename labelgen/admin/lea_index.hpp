#pragma once
/// Constant-time lookup of LEA codes in a program's list (internal to labelgen/admin).
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "labelgen/admin/administration.hpp"

namespace lg::admin::detail {

/// The set of codes of one LEA list. Codes are stored as integers tagged with their digit
/// count, so "0120097" (7 digits) and "00000000120097" (14 digits) stay distinct.
class LeaIndex {
 public:
  explicit LeaIndex(const std::vector<SelectedLea>& leas);
  /// Whether `digits` is one of the listed codes. Anything but 1–15 ASCII digits is never listed.
  bool contains(std::string_view digits) const;

 private:
  static std::optional<std::uint64_t> key(std::string_view digits);
  std::unordered_set<std::uint64_t> keys_;
};

}  // namespace lg::admin::detail

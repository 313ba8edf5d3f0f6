#include "labelgen/admin/lea_index.hpp"

namespace lg::admin::detail {

LeaIndex::LeaIndex(const std::vector<SelectedLea>& leas) {
  keys_.reserve(leas.size());
  for (const auto& lea : leas)
    if (auto k = key(lea.code)) keys_.insert(*k);
}

bool LeaIndex::contains(std::string_view digits) const {
  auto k = key(digits);
  return k && keys_.contains(*k);
}

std::optional<std::uint64_t> LeaIndex::key(std::string_view digits) {
  // Up to 15 digits fit below 2^50; bits 60–63 hold the digit count.
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value | (static_cast<std::uint64_t>(digits.size()) << 60);
}

}  // namespace lg::admin::detail

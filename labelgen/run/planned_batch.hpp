#pragma once
/// Packing straight from the planner, without loading the labels: groups (LEA × school ×
/// testing grade × form × window) are formed from the planner's keys and numbered, and each
/// document's labels are loaded from the event store, name-sorted and given their serials
/// only when the document is rendered. The result is the packing order of pack().
#include <cstdint>

#include "labelgen/rules/planner.hpp"
#include "labelgen/run/print_run.hpp"

namespace lg::run {

/// A BatchSource over the planner's labels (which must outlive it), numbering labels from
/// `first_serial` and GIS groups from `first_gis_serial`.
Result<BatchSource> planned_batch(const rules::Planner& planner, std::uint32_t first_serial,
                                  std::uint32_t first_gis_serial);

}  // namespace lg::run

#pragma once
/// Packing order: an LEA's labels grouped by GIS group (school × grade-level group × form ×
/// window) and
/// sorted school → grade → last name → first name, with serials assigned in that order.
#include <cstdint>
#include <string>
#include <vector>

#include "labelgen/rules/plan.hpp"

namespace lg::run {

/// One answer-book group: the books one GIS travels with. Books of different administration
/// windows ship by different dates, so they never share a GIS.
struct GisGroup {
  std::string lea_cds;
  std::string school_cds;
  Grade grade = Grade::KN;  ///< testing grade (TK is grouped with KN)
  Form form = Form::F1;
  std::string window_start;                 ///< ISO date, empty without a schedule
  std::vector<const rules::Label*> labels;  ///< in packing order
  std::uint32_t gis_serial = 0;
  std::vector<std::uint32_t> serials;  ///< label serials, parallel to `labels`
  /// `G<gis serial>`, the id printed in the manifest.
  std::string id() const;
};

/// All groups of one LEA, in packing order.
struct LeaPack {
  std::string lea_cds;
  std::string lea_name;
  std::vector<GisGroup> groups;
  std::size_t label_count() const;
};

/// Groups and sorts labels, then numbers labels from `first_serial` and GIS sheets from
/// `first_gis_serial` in packing order (LEAs by CDS code). Names sort by Unicode collation
/// (Ávila with A, Đặng with D), ties broken by SSID, so the order is stable across runs.
std::vector<LeaPack> pack(const std::vector<rules::Label>& labels, std::uint32_t first_serial,
                          std::uint32_t first_gis_serial);

/// Fails, naming the group, when a GIS group holds more answer books than one GIS can count
/// (barcode::kMaxGisCount): checked before anything is rendered.
Result<void> check_group_size(std::size_t books, const std::string& lea_cds, const std::string& school_cds,
                              Grade grade, Form form);
/// check_group_size for every group of `packs`.
Result<void> check_group_sizes(const std::vector<LeaPack>& packs);

/// The keys pack() sorts schools by (Unicode collation of the name, then the CDS code), one
/// per (name, CDS code) pair.
std::vector<std::string> school_sort_keys(const std::vector<std::pair<std::string, std::string>>& schools);

}  // namespace lg::run

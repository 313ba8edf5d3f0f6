#include "labelgen/run/planned_batch.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "labelgen/run/packing.hpp"

namespace lg::run {
namespace {

/// One GIS group before its labels are loaded.
struct GroupOutline {
  std::vector<std::uint32_t> records;  // planner record indices
  std::uint32_t first_serial = 0;
  std::uint32_t gis_serial = 0;
};

struct Outline {
  std::vector<std::vector<GroupOutline>> groups;  // per LEA
};

/// Loads the labels of `groups` and packs them; they must form exactly these groups.
Result<LoadedGroups> load_groups(const rules::Planner& planner, const std::vector<GroupOutline>& all,
                                 std::size_t first, std::size_t end) {
  LoadedGroups loaded;
  std::size_t n = 0;
  for (std::size_t g = first; g < end; ++g) n += all[g].records.size();
  loaded.storage.reserve(n);
  for (std::size_t g = first; g < end; ++g)
    for (std::uint32_t i : all[g].records) {
      auto label = planner.label(i);
      if (!label) return std::unexpected(label.error());
      loaded.storage.push_back(std::move(*label));
    }
  if (first == end) return loaded;
  auto packs = pack(loaded.storage, all[first].first_serial, all[first].gis_serial);
  if (packs.size() != 1 || packs.front().groups.size() != end - first)
    return fail("", "packing: the groups loaded for a document do not match the planned groups");
  for (std::size_t k = 0; k < end - first; ++k)
    if (packs.front().groups[k].labels.size() != all[first + k].records.size() ||
        packs.front().groups[k].gis_serial != all[first + k].gis_serial)
      return fail("", "packing: the groups loaded for a document do not match the planned groups");
  loaded.groups = std::move(packs.front().groups);
  return loaded;
}

}  // namespace

Result<BatchSource> planned_batch(const rules::Planner& planner, std::uint32_t first_serial,
                                  std::uint32_t first_gis_serial) {
  auto records = planner.labelled();

  // Schools rank by collation of their name, then CDS code (as pack() sorts them).
  std::vector<std::uint32_t> school_ids;
  for (std::uint32_t i : records) school_ids.push_back(planner.school_id(i));
  std::sort(school_ids.begin(), school_ids.end());
  school_ids.erase(std::unique(school_ids.begin(), school_ids.end()), school_ids.end());
  std::vector<std::pair<std::string, std::uint32_t>> keyed;
  {
    std::vector<std::uint32_t> example(school_ids.size());  // a record of each school
    for (std::uint32_t i : records) {
      auto it = std::lower_bound(school_ids.begin(), school_ids.end(), planner.school_id(i));
      example[static_cast<std::size_t>(it - school_ids.begin())] = i;
    }
    std::vector<std::pair<std::string, std::string>> schools;
    for (std::uint32_t i : example) schools.emplace_back(planner.school_name(i), planner.school_cds(i));
    auto keys = school_sort_keys(schools);
    for (std::size_t k = 0; k < school_ids.size(); ++k) keyed.emplace_back(std::move(keys[k]), school_ids[k]);
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::uint32_t> rank_of_school;
  for (std::size_t r = 0; r < keyed.size(); ++r) {
    if (rank_of_school.size() <= keyed[r].second) rank_of_school.resize(keyed[r].second + 1);
    rank_of_school[keyed[r].second] = static_cast<std::uint32_t>(r);
  }

  // LEAs rank by CDS code.
  std::set<std::string> lea_set;
  for (std::uint32_t i : records) lea_set.insert(planner.lea_cds(i));
  const std::vector<std::string> lea_codes(lea_set.begin(), lea_set.end());

  // One compact key per label: the sort compares integers only.
  struct Keyed {
    std::uint32_t lea, school;
    int grade, form;
    std::int64_t window;  // start day; 0 without a schedule (as pack() sorts)
    bool has_window;
    std::uint32_t record;
    auto tie() const { return std::tie(lea, school, grade, form, window); }
  };
  std::vector<Keyed> keyed_records;
  keyed_records.reserve(records.size());
  for (std::uint32_t i : records) {
    const auto w = planner.window(i);
    const auto lea =
        std::lower_bound(lea_codes.begin(), lea_codes.end(), planner.lea_cds(i)) - lea_codes.begin();
    keyed_records.push_back({static_cast<std::uint32_t>(lea), rank_of_school[planner.school_id(i)],
                             static_cast<int>(testing_grade(planner.grade(i))), form_number(planner.form(i)),
                             w ? w->start.serial() : 0, w.has_value(), i});
  }
  std::stable_sort(keyed_records.begin(), keyed_records.end(),
                   [](const Keyed& a, const Keyed& b) { return a.tie() < b.tie(); });

  auto outline = std::make_shared<Outline>();
  BatchSource source;
  std::uint32_t serial = first_serial, gis_serial = first_gis_serial;
  for (std::size_t k = 0; k < keyed_records.size(); ++k) {
    const Keyed& c = keyed_records[k];
    const bool new_lea = k == 0 || keyed_records[k - 1].lea != c.lea;
    if (new_lea) {
      source.leas.push_back({lea_codes[c.lea], "", {}});
      outline->groups.emplace_back();
    }
    // A new group when the school's CDS code, grade, form or window changes (as pack() groups).
    const Keyed* p = k ? &keyed_records[k - 1] : nullptr;
    if (new_lea || planner.school_cds(p->record) != planner.school_cds(c.record) || p->grade != c.grade ||
        p->form != c.form || p->window != c.window || p->has_window != c.has_window) {
      outline->groups.back().push_back({{}, serial, gis_serial++});
      source.leas.back().group_sizes.push_back(0);
    }
    outline->groups.back().back().records.push_back(c.record);
    ++source.leas.back().group_sizes.back();
    ++serial;
  }
  // An LEA is named as its first label in packing order names it (as pack() does).
  for (std::size_t l = 0; l < source.leas.size(); ++l) {
    auto first = load_groups(planner, outline->groups[l], 0, 1);
    if (!first) return std::unexpected(first.error());
    source.leas[l].lea_name = first->groups.front().labels.front()->event.lea_name;
  }
  source.first_serial = records.empty() ? 0 : first_serial;
  source.next_serial = records.empty() ? 1 : serial;
  source.next_gis_serial = records.empty() ? 1 : gis_serial;
  source.load = [&planner, outline](std::size_t lea, std::size_t first, std::size_t end) {
    return load_groups(planner, outline->groups[lea], first, end);
  };
  return source;
}

}  // namespace lg::run

#include "labelgen/run/planned_batch.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/run/packing.hpp"

namespace lg::run {
namespace {

/// A label with its packing key: the sort compares integers only.
struct Keyed {
  std::uint32_t lea = 0, school = 0;  // LEA rank (by CDS code) and school rank (as pack() sorts)
  std::int64_t window = 0;            // start day; 0 without a schedule (as pack() sorts)
  std::uint8_t grade = 0, form = 0;   // testing grade, form number
  bool has_window = false;
  rules::Planned planned;
  auto tie() const { return std::tie(lea, school, grade, form, window); }
};

/// One GIS group before its labels are loaded: records [begin, end) of the sorted labels.
struct GroupOutline {
  std::size_t begin = 0, end = 0;
  std::uint32_t first_serial = 0;
  std::uint32_t gis_serial = 0;
};

struct Outline {
  explicit Outline(io::SpillArray<Keyed> k) : keyed(std::move(k)) {}
  io::SpillArray<Keyed> keyed;                    // labels in packing order (before names)
  std::vector<std::vector<GroupOutline>> groups;  // per LEA
};

/// Loads the labels of `groups` [first, end) and packs them; they must form exactly these
/// groups. Thread-safe.
Result<LoadedGroups> load_groups(const rules::Planner& planner, const Outline& outline,
                                 const std::vector<GroupOutline>& all, std::size_t first, std::size_t end) {
  LoadedGroups loaded;
  if (first == end) return loaded;
  const std::size_t begin = all[first].begin, n = all[end - 1].end - begin;
  std::vector<Keyed> keyed(n);
  if (auto ok = outline.keyed.read(begin, n, keyed.data()); !ok) return std::unexpected(ok.error());
  loaded.storage.reserve(n);
  for (const Keyed& k : keyed) {
    auto label = planner.label(k.planned);
    if (!label) return std::unexpected(label.error());
    loaded.storage.push_back(std::move(*label));
  }
  auto packs = pack(loaded.storage, all[first].first_serial, all[first].gis_serial);
  if (packs.size() != 1 || packs.front().groups.size() != end - first)
    return fail("", "packing: the groups loaded for a document do not match the planned groups");
  for (std::size_t k = 0; k < end - first; ++k)
    if (packs.front().groups[k].labels.size() != all[first + k].end - all[first + k].begin ||
        packs.front().groups[k].gis_serial != all[first + k].gis_serial)
      return fail("", "packing: the groups loaded for a document do not match the planned groups");
  loaded.groups = std::move(packs.front().groups);
  return loaded;
}

}  // namespace

Result<BatchSource> planned_batch(const rules::Planner& planner, std::uint32_t first_serial,
                                  std::uint32_t first_gis_serial) {
  // The schools and LEAs that have labels.
  std::vector<bool> school_used(planner.school_count()), lea_used(planner.lea_count());
  std::size_t labels = 0;
  auto scanned = planner.for_each_planned([&](std::size_t, const rules::Planned& p) -> Result<void> {
    if (p.outcome() != rules::Outcome::Label) return {};
    school_used[p.school_id()] = true;
    lea_used[p.lea_id()] = true;
    ++labels;
    return {};
  });
  if (!scanned) return std::unexpected(scanned.error());

  // Schools rank by collation of their name, then CDS code (as pack() sorts them).
  std::vector<std::uint32_t> rank_of_school(planner.school_count());
  {
    std::vector<std::uint32_t> school_ids;
    std::vector<std::pair<std::string, std::string>> schools;
    for (std::uint32_t id = 0; id < school_used.size(); ++id)
      if (school_used[id]) {
        school_ids.push_back(id);
        schools.emplace_back(planner.school_name_of(id), planner.school_cds_of(id));
      }
    auto keys = school_sort_keys(schools);
    std::vector<std::pair<std::string, std::uint32_t>> keyed;
    for (std::size_t k = 0; k < school_ids.size(); ++k) keyed.emplace_back(std::move(keys[k]), school_ids[k]);
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t r = 0; r < keyed.size(); ++r)
      rank_of_school[keyed[r].second] = static_cast<std::uint32_t>(r);
  }

  // LEAs rank by CDS code.
  std::vector<std::string> lea_codes;
  for (std::uint32_t id = 0; id < lea_used.size(); ++id)
    if (lea_used[id]) lea_codes.push_back(planner.lea_cds_of(id));
  std::sort(lea_codes.begin(), lea_codes.end());
  lea_codes.erase(std::unique(lea_codes.begin(), lea_codes.end()), lea_codes.end());
  std::vector<std::uint32_t> rank_of_lea(planner.lea_count());
  for (std::uint32_t id = 0; id < lea_used.size(); ++id)
    if (lea_used[id])
      rank_of_lea[id] = static_cast<std::uint32_t>(
          std::lower_bound(lea_codes.begin(), lea_codes.end(), planner.lea_cds_of(id)) - lea_codes.begin());

  // One key per label, sorted on disk beside the planner's records (stable: input order
  // among equal keys).
  auto unsorted = io::SpillArray<Keyed>::like(planner.records());
  if (!unsorted) return std::unexpected(unsorted.error());
  auto keyed_all = planner.for_each_planned([&](std::size_t, const rules::Planned& p) -> Result<void> {
    if (p.outcome() != rules::Outcome::Label) return {};
    const auto w = planner.window(p);
    Keyed k;
    k.lea = rank_of_lea[p.lea_id()];
    k.school = rank_of_school[p.school_id()];
    k.window = w ? w->start.serial() : 0;
    k.has_window = w.has_value();
    k.grade = static_cast<std::uint8_t>(testing_grade(p.grade()));
    k.form = static_cast<std::uint8_t>(form_number(p.form()));
    k.planned = p;
    return unsorted->push_back(k);
  });
  if (!keyed_all) return std::unexpected(keyed_all.error());
  if (auto ok = unsorted->flush(); !ok) return std::unexpected(ok.error());
  auto sorted = io::sorted(*unsorted, [](const Keyed& a, const Keyed& b) { return a.tie() < b.tie(); });
  if (!sorted) return std::unexpected(sorted.error());
  auto outline = std::make_shared<Outline>(std::move(*sorted));

  BatchSource source;
  std::uint32_t serial = first_serial, gis_serial = first_gis_serial;
  std::optional<Keyed> previous;
  auto grouped = io::for_each_record(outline->keyed, [&](std::size_t k, const Keyed& c) -> Result<void> {
    const Keyed* p = previous ? &*previous : nullptr;
    const bool new_lea = !p || p->lea != c.lea;
    if (new_lea) {
      source.leas.push_back({lea_codes[c.lea], "", {}});
      outline->groups.emplace_back();
    }
    // A new group when the school's CDS code, grade, form or window changes (as pack() groups).
    if (new_lea ||
        planner.school_cds_of(p->planned.school_id()) != planner.school_cds_of(c.planned.school_id()) ||
        p->grade != c.grade || p->form != c.form || p->window != c.window || p->has_window != c.has_window) {
      outline->groups.back().push_back({k, k, serial, gis_serial++});
      source.leas.back().group_sizes.push_back(0);
    }
    outline->groups.back().back().end = k + 1;
    ++source.leas.back().group_sizes.back();
    ++serial;
    previous = c;
    return {};
  });
  if (!grouped) return std::unexpected(grouped.error());
  for (const auto& lea_groups : outline->groups)
    for (const auto& g : lea_groups)
      if (g.end - g.begin > barcode::kMaxGisCount) {
        Keyed k;
        if (auto ok = outline->keyed.read(g.begin, 1, &k); !ok) return std::unexpected(ok.error());
        const auto& p = k.planned;
        if (auto ok =
                check_group_size(g.end - g.begin, planner.lea_cds_of(p.lea_id()),
                                 planner.school_cds_of(p.school_id()), testing_grade(p.grade()), p.form());
            !ok)
          return std::unexpected(ok.error());
      }
  // An LEA is named as its first label in packing order names it (as pack() does).
  for (std::size_t l = 0; l < source.leas.size(); ++l) {
    auto first = load_groups(planner, *outline, outline->groups[l], 0, 1);
    if (!first) return std::unexpected(first.error());
    source.leas[l].lea_name = first->groups.front().labels.front()->event.lea_name;
  }
  source.first_serial = labels == 0 ? 0 : first_serial;
  source.next_serial = labels == 0 ? 1 : serial;
  source.next_gis_serial = labels == 0 ? 1 : gis_serial;
  source.load = [&planner, outline](std::size_t lea, std::size_t first, std::size_t end) {
    return load_groups(planner, *outline, outline->groups[lea], first, end);
  };
  return source;
}

}  // namespace lg::run

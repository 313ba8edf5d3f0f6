// The shipment report: duplicates, the box's LEA, GIS groups with expected against scanned,
// missing labels, ship window, READY / NOT READY.
#include <algorithm>
#include <map>
#include <set>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/verify/check.hpp"

namespace lg::verify {
namespace {

/// Records problem `code` of `r` once.
void add(LabelResult& r, const char* code, std::string detail) { r.add_problem(code, std::move(detail)); }

std::string group_key(const std::string& lea, const std::string& school, const std::string& testing_grade,
                      int form, const std::string& batch) {
  return lea + "|" + school + "|" + testing_grade + "|" + std::to_string(form) + "|" + batch;
}

/// The testing grade's code of an enrolled grade code (TK is tested as KN).
std::string testing_code(const std::string& grade) {
  auto g = parse_grade(grade);
  return g ? std::string(grade_code(testing_grade(*g))) : grade;
}

/// Ship-by of a label tested in the window starting `window_start`, else the last ship date.
std::optional<Date> ship_by_for(const admin::Administration& a, const std::string& window_start) {
  for (const auto& w : a.windows)
    if (w.start.iso() == window_start) return w.ship_by;
  return a.last_ship_date;
}

struct LedgerGis {
  ledger::IssuedGis gis;
  std::string batch;
};

/// Every GIS row of the administration, by serial.
Result<std::map<std::uint32_t, LedgerGis>> ledger_gis(ledger::Ledger& l, const std::string& year) {
  std::map<std::uint32_t, LedgerGis> out;
  auto batches = l.batches(year);
  if (!batches) return std::unexpected(batches.error());
  for (const auto& b : *batches) {
    auto rows = l.batch_gis(year, b.batch);
    if (!rows) return std::unexpected(rows.error());
    for (auto& g : *rows) out[g.gis_serial] = {g, b.batch};
  }
  return out;
}

}  // namespace

Result<Report> build_report(const ScanSet& scans, const Settings& settings) {
  Report rep;
  const std::string year = settings.admin->year.str();
  rep.administration = year;
  rep.today = settings.today.iso();
  rep.offline = settings.ledger == nullptr;
  rep.unrecognised = scans.unrecognised;
  for (const auto& u : scans.unrecognised)
    if (u.kind == CodeKind::BadOurs)
      rep.box_problems.push_back(std::string(problem::kUnknown) + ": " + u.source + ": " + u.detail);

  for (const auto& s : scans.labels) rep.labels.push_back(check_label(s, settings));

  // Duplicates: the second and later scans of one serial.
  std::set<std::pair<std::string, std::uint32_t>> seen;
  for (auto& r : rep.labels)
    if (r.serial != 0 || !r.ssid.empty())
      if (!seen.insert({r.administration, r.serial}).second)
        add(r, problem::kDuplicate, "serial " + barcode::format_serial(r.serial) + " scanned more than once");

  std::map<std::uint32_t, LedgerGis> gis_rows;
  if (settings.ledger) {
    auto rows = ledger_gis(*settings.ledger, year);
    if (!rows) return std::unexpected(rows.error());
    gis_rows = std::move(*rows);
  }

  // GIS sheets: where each belongs.
  struct GisPlaced {
    std::string key, lea, school, grade, batch;
    int form = 0;
    std::uint32_t serial = 0;
    std::optional<std::uint32_t> count;
    std::vector<std::string> problems;
  };
  std::vector<GisPlaced> placed_gis;
  for (const auto& g : scans.gis) {
    GisPlaced p;
    p.serial = g.serial();
    if (g.disagree)
      p.problems.push_back(std::string(problem::kSymbolsDisagree) + ": GIS Code 128 and DataMatrix differ");
    if (g.payload) {
      if (g.payload->administration.str() != year) {
        rep.box_problems.push_back(std::string(problem::kOtherAdministration) + ": GIS " +
                                   barcode::format_serial(p.serial) + " (" + g.source +
                                   ") is of administration " + g.payload->administration.str());
        continue;
      }
      p.lea = g.payload->lea.str();
      p.school = g.payload->school.str();
      p.grade = std::string(grade_code(g.payload->grade));
      p.form = form_number(g.payload->form);
      p.batch = g.payload->batch;
      p.count = g.payload->count;
      if (settings.keys) {
        const auto v = barcode::verify_gis_payload(g.payload_text, *settings.keys);
        if (v == barcode::MacVerdict::Forged || v == barcode::MacVerdict::Malformed)
          p.problems.push_back(std::string(problem::kForged) + ": GIS MAC does not match");
        else if (v == barcode::MacVerdict::UnknownKey)
          p.problems.push_back(std::string(problem::kUnknownKey) + ": GIS MAC key id not in the key file");
        else if (v == barcode::MacVerdict::Unsigned)
          p.problems.push_back(std::string(problem::kUnsigned) + ": GIS payload carries no MAC");
      }
    }
    if (settings.ledger) {
      auto it = gis_rows.find(p.serial);
      if (it == gis_rows.end()) {
        rep.box_problems.push_back(std::string(problem::kUnknown) + ": GIS " +
                                   barcode::format_serial(p.serial) + " (" + g.source + ") is not in the " +
                                   year + " ledger");
        continue;
      }
      const auto& row = it->second;
      if (g.payload &&
          (p.lea != row.gis.lea_cds || p.school != row.gis.school_cds || p.grade != row.gis.grade ||
           p.form != row.gis.form || p.batch != row.batch || *p.count != row.gis.count))
        p.problems.push_back(std::string(problem::kForged) + ": GIS payload disagrees with the ledger");
      p.lea = row.gis.lea_cds;
      p.school = row.gis.school_cds;
      p.grade = row.gis.grade;
      p.form = row.gis.form;
      p.batch = row.batch;
    } else if (!g.payload) {
      rep.box_problems.push_back(std::string(problem::kNotConfirmed) + ": GIS Code 128 " +
                                 barcode::format_serial(p.serial) + " (" + g.source +
                                 ") alone cannot be placed without a ledger");
      continue;
    }
    // With a ledger, a group is one GIS (a school's grade can have one GIS per window); offline,
    // the GIS sheets of one LEA × school × grade × form × batch add up.
    p.key = settings.ledger ? "gis " + barcode::format_serial(p.serial)
                            : group_key(p.lea, p.school, p.grade, p.form, p.batch);
    placed_gis.push_back(std::move(p));
  }

  // The box's LEA: --lea, else the scanned GIS sheets' (when they agree), else the majority.
  if (settings.lea) {
    rep.lea = *settings.lea;
  } else {
    std::set<std::string> gis_leas;
    for (const auto& p : placed_gis) gis_leas.insert(p.lea);
    if (gis_leas.size() == 1) {
      rep.lea = *gis_leas.begin();
    } else {
      std::map<std::string, int> votes;
      for (const auto& r : rep.labels)
        if (!r.lea.empty() && r.administration == year && r.status != "unknown") ++votes[r.lea];
      int best = 0;
      for (const auto& [lea, n] : votes)
        if (n > best) {
          best = n;
          rep.lea = lea;
        }
    }
  }

  // Groups.
  std::map<std::string, GroupResult> groups;
  auto group_for = [&](const std::string& key, const std::string& lea, const std::string& school,
                       const std::string& grade, int form, const std::string& batch) -> GroupResult& {
    auto& g = groups[key];
    if (g.key.empty()) {
      g.key = key;
      g.lea = lea;
      g.school = school;
      g.grade = grade;
      g.form = form;
      g.batch = batch;
    }
    return g;
  };
  for (const auto& p : placed_gis) {
    if (p.lea != rep.lea) {
      rep.box_problems.push_back(std::string(problem::kOtherLea) + ": GIS " +
                                 barcode::format_serial(p.serial) + " is of LEA " + p.lea);
      continue;
    }
    auto& g = group_for(p.key, p.lea, p.school, p.grade, p.form, p.batch);
    if (p.count && !settings.ledger && (!g.gis_scanned || g.gis_serial != p.serial))
      g.expected = g.expected.value_or(0) + *p.count;
    g.gis_scanned = true;
    g.gis_serial = p.serial;
    for (const auto& pr : p.problems) g.reasons.push_back(pr);
  }
  for (auto& r : rep.labels) {
    if (r.administration != year || r.status == "unknown" || r.lea.empty()) continue;
    if (r.lea != rep.lea) {
      add(r, problem::kOtherLea, "label of another LEA");
      continue;
    }
    r.group = settings.ledger ? "gis " + barcode::format_serial(r.gis_serial)
                              : group_key(r.lea, r.school, testing_code(r.grade), r.form, r.batch);
    auto& g = group_for(r.group, r.lea, r.school, testing_code(r.grade), r.form, r.batch);
    if (r.gis_serial != 0 && g.gis_serial == 0) g.gis_serial = r.gis_serial;
  }

  // Expected labels, missing ones, dates.
  std::map<std::string, std::vector<ledger::IssuedLabel>> batch_cache;
  std::vector<LabelResult> missing;
  for (auto& [key, g] : groups) {
    std::set<std::uint32_t> scanned_ok;
    for (const auto& r : rep.labels)
      if (r.group == key && r.status != "void" && r.status != "reprinted") scanned_ok.insert(r.serial);
    std::optional<Date> hold, ship;
    if (settings.ledger && g.gis_serial != 0) {
      auto cache = batch_cache.find(g.batch);
      if (cache == batch_cache.end()) {
        auto rows = settings.ledger->batch_labels(year, g.batch);
        if (!rows) return std::unexpected(rows.error());
        cache = batch_cache.emplace(g.batch, std::move(*rows)).first;
      }
      std::uint32_t expected = 0;
      for (const auto& l : cache->second) {
        if (l.gis_serial != g.gis_serial || l.status != ledger::Status::Live) continue;
        ++expected;
        if (auto d = Date::parse(l.hold_until); d && (!hold || *d > *hold)) hold = *d;
        if (auto s = ship_by_for(*settings.admin, l.window_start); s && (!ship || *s < *ship)) ship = *s;
        if (scanned_ok.count(l.serial)) continue;
        LabelResult m;
        m.scanned = false;
        m.serial = l.serial;
        m.ssid = l.event.ssid.str();
        m.name = l.printed_name;
        m.administration = year;
        m.lea = l.event.lea_cds.str();
        m.school = l.event.school_cds.str();
        m.grade = std::string(grade_code(l.event.grade));
        m.form = form_number(l.event.form);
        m.batch = l.batch;
        m.gis_serial = l.gis_serial;
        m.status = "live";
        m.mac = "no payload";
        m.hold_until = l.hold_until;
        m.window_start = l.window_start;
        m.group = key;
        add(m, problem::kMissing, "expected in the box, not scanned");
        missing.push_back(std::move(m));
        ++g.missing;
      }
      g.expected = expected;
      if (auto it = gis_rows.find(g.gis_serial); it != gis_rows.end() && !ship)
        ship = ship_by_for(*settings.admin, it->second.gis.window_start);
    } else if (!settings.ledger) {
      ship = settings.admin->last_ship_date;
    }
    if (!ship) ship = settings.admin->last_ship_date;
    g.scanned = static_cast<std::uint32_t>(scanned_ok.size());
    if (!settings.ledger && g.expected && *g.expected > g.scanned) g.missing = *g.expected - g.scanned;
    g.hold_until = hold ? hold->iso() : "";
    g.ship_by = ship ? ship->iso() : "";
    if (hold && settings.today < *hold)
      g.dates = "before hold-until";
    else if (ship && settings.today > *ship)
      g.dates = "after ship-by";
    else if (!ship)
      g.dates = "unknown";
    else
      g.dates = "ok";

    if (!g.gis_scanned) g.reasons.push_back("gis_not_scanned: the GIS sheet was not scanned");
    if (!g.expected) g.reasons.push_back("expected count unknown (no ledger, no GIS payload)");
    if (g.missing)
      g.reasons.push_back(std::string(problem::kMissing) + ": " + std::to_string(g.missing) + " label(s)");
    if (g.expected && g.scanned > *g.expected)
      g.reasons.push_back("more labels scanned (" + std::to_string(g.scanned) + ") than expected");
    if (g.dates == "before hold-until") g.reasons.push_back("today is before hold-until " + g.hold_until);
    if (g.dates == "after ship-by") g.reasons.push_back("today is after ship-by " + g.ship_by);
    std::map<std::string, int> counts;
    for (const auto& r : rep.labels)
      if (r.group == key)
        for (const auto& p : r.problems) ++counts[p];
    for (const auto& [p, n] : counts) g.reasons.push_back(p + ": " + std::to_string(n) + " label(s)");
  }
  for (auto& [key, g] : groups) {
    g.ready = g.reasons.empty();
    rep.groups.push_back(std::move(g));
  }
  for (auto& m : missing) rep.labels.push_back(std::move(m));

  // Problems outside any group (other LEA, other administration, unknown, unconfirmed).
  bool loose_problem = false;
  for (const auto& r : rep.labels)
    if (r.group.empty() && !r.ok()) loose_problem = true;
  rep.ready = !rep.groups.empty() && !loose_problem && rep.box_problems.empty() &&
              std::all_of(rep.groups.begin(), rep.groups.end(), [](const GroupResult& g) { return g.ready; });
  return rep;
}

}  // namespace lg::verify

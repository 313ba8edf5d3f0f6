// Pairing of a page's symbols into labels and GIS sheets, and their scan order.
#include <algorithm>
#include <cmath>
#include <limits>

#include "labelgen/verify/scan.hpp"

namespace lg::verify {
namespace {

double distance(const decode::PointD& a, const decode::PointD& b) { return std::hypot(a.x - b.x, a.y - b.y); }

struct Item {
  decode::PointD centre;
  Classified c;
  std::string text;
  bool used = false;
};

struct PlacedLabel {
  decode::PointD centre;
  LabelScan scan;
};

/// Pairs each of `twos` (DataMatrix) with the nearest unused `ones` (Code 128) that `same`
/// accepts; then each unused Code 128 with the nearest unused DataMatrix within `reach` as a pair
/// that disagrees. Calls `emit(two, one, disagree)` with nullptr for a missing side.
template <class Same, class Emit>
void pair_up(std::vector<Item>& twos, std::vector<Item>& ones, double reach, Same same, Emit emit) {
  for (auto& t : twos) {
    Item* best = nullptr;
    double best_d = std::numeric_limits<double>::max();
    for (auto& o : ones)
      if (!o.used && same(t, o) && distance(t.centre, o.centre) < best_d) {
        best = &o;
        best_d = distance(t.centre, o.centre);
      }
    if (best) {
      best->used = t.used = true;
      emit(&t, best, false);
    }
  }
  for (auto& o : ones) {
    if (o.used) continue;
    Item* best = nullptr;
    double best_d = reach;
    for (auto& t : twos)
      if (!t.used && distance(t.centre, o.centre) < best_d) {
        best = &t;
        best_d = distance(t.centre, o.centre);
      }
    o.used = true;
    if (best) best->used = true;
    emit(best, &o, best != nullptr);
  }
  for (auto& t : twos)
    if (!t.used) {
      t.used = true;
      emit(&t, nullptr, false);
    }
}

}  // namespace

void add_page(ScanSet& set, const std::vector<decode::Symbol>& symbols, double dpi,
              const std::string& source) {
  if (dpi <= 0) dpi = 300;
  std::vector<Item> label_codes, label_payloads, gis_codes, gis_payloads;
  for (const auto& s : symbols) {
    Item item{s.centre, classify(s.text), s.text};
    switch (item.c.kind) {
      case CodeKind::PreIdCode128:
        label_codes.push_back(std::move(item));
        break;
      case CodeKind::PreIdPayload:
        label_payloads.push_back(std::move(item));
        break;
      case CodeKind::GisCode128:
        gis_codes.push_back(std::move(item));
        break;
      case CodeKind::GisPayload:
        gis_payloads.push_back(std::move(item));
        break;
      case CodeKind::BadOurs:
        set.unrecognised.push_back(
            {source, item.c.kind, "labelgen-like symbol that does not parse (" + item.c.error_field + ")"});
        break;
      case CodeKind::NotOurs:
        set.unrecognised.push_back(
            {source, item.c.kind,
             std::string("not a labelgen symbol (") + std::string(decode::format_name(s.format)) + ")"});
        break;
    }
  }
  const double reach = dpi * 1.5;
  std::vector<PlacedLabel> placed;
  pair_up(
      label_payloads, label_codes, reach,
      [](const Item& t, const Item& o) {
        return t.c.payload->ssid == o.c.code->ssid && t.c.payload->serial == o.c.code->serial;
      },
      [&](Item* t, Item* o, bool disagree) {
        PlacedLabel p;
        p.centre = t ? t->centre : o->centre;
        p.scan.source = source;
        if (t) {
          p.scan.payload = t->c.payload;
          p.scan.payload_text = t->text;
        }
        if (o) p.scan.code = o->c.code;
        p.scan.disagree = disagree;
        placed.push_back(std::move(p));
      });
  pair_up(
      gis_payloads, gis_codes, reach,
      [](const Item& t, const Item& o) { return t.c.gis->serial == *o.c.gis_code; },
      [&](Item* t, Item* o, bool disagree) {
        GisScan g;
        g.source = source;
        if (t) {
          g.payload = t->c.gis;
          g.payload_text = t->text;
        }
        if (o) g.code = o->c.gis_code;
        g.disagree = disagree;
        set.gis.push_back(std::move(g));
      });
  // Scan order: rows top to bottom (a row = centres within half an inch of its first label),
  // then left to right.
  std::sort(placed.begin(), placed.end(),
            [](const PlacedLabel& a, const PlacedLabel& b) { return a.centre.y < b.centre.y; });
  const double band = dpi * 0.5;
  std::size_t row_start = 0;
  for (std::size_t i = 0; i <= placed.size(); ++i) {
    if (i == placed.size() || placed[i].centre.y - placed[row_start].centre.y > band) {
      std::sort(placed.begin() + static_cast<std::ptrdiff_t>(row_start),
                placed.begin() + static_cast<std::ptrdiff_t>(i),
                [](const PlacedLabel& a, const PlacedLabel& b) { return a.centre.x < b.centre.x; });
      row_start = i;
    }
  }
  for (auto& p : placed) {
    p.scan.position = set.labels.size() + 1;
    set.labels.push_back(std::move(p.scan));
  }
}

CodeKind add_line(ScanSet& set, std::string_view line, const std::string& source) {
  Classified c = classify(line);
  switch (c.kind) {
    case CodeKind::PreIdCode128:
    case CodeKind::PreIdPayload: {
      LabelScan l;
      l.position = set.labels.size() + 1;
      l.source = source;
      l.code = c.code;
      l.payload = c.payload;
      if (c.payload) l.payload_text = std::string(line);
      set.labels.push_back(std::move(l));
      break;
    }
    case CodeKind::GisCode128:
    case CodeKind::GisPayload: {
      GisScan g;
      g.source = source;
      g.code = c.gis_code;
      g.payload = c.gis;
      if (c.gis) g.payload_text = std::string(line);
      set.gis.push_back(std::move(g));
      break;
    }
    case CodeKind::BadOurs:
      set.unrecognised.push_back(
          {source, c.kind, "labelgen-like code that does not parse (" + c.error_field + ")"});
      break;
    case CodeKind::NotOurs:
      set.unrecognised.push_back({source, c.kind, "not a labelgen code"});
      break;
  }
  return c.kind;
}

}  // namespace lg::verify

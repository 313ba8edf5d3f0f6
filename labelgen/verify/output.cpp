// The report as text, JSON and CSV, with optional redaction.
#include "labelgen/verify/output.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/core/utf8.hpp"
#include "labelgen/io/csv_writer.hpp"

namespace lg::verify {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

using barcode::format_serial;
using io::csv_field;

std::string name_of(const LabelResult& l, bool redact) { return redact ? redact_name(l.name) : l.name; }
std::string ssid_of(const LabelResult& l, bool redact) { return redact ? redact_ssid(l.ssid) : l.ssid; }

}  // namespace

std::string redact_name(std::string_view name) {
  std::string out;
  bool word_start = true;
  for (std::size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    char32_t cp = 0;
    const std::size_t n = std::max<std::size_t>(1, utf8::decode_at(name, i, cp));  // 1: skip a bad byte
    const bool separator = c == ' ' || c == ',' || c == '-' || c == '.' || c == '\'';
    if (separator) {
      word_start = true;
    } else if (word_start) {
      if (!out.empty()) out += ' ';
      out.append(name.substr(i, n));
      out += '.';
      word_start = false;
    }
    i += n;
  }
  return out;
}

std::string redact_ssid(std::string_view ssid) {
  if (ssid.size() <= 4) return std::string(ssid);
  return std::string(ssid.size() - 4, '*') + std::string(ssid.substr(ssid.size() - 4));
}

std::string label_line(const LabelResult& l) {
  std::ostringstream o;
  o << "label " << l.position << ": serial " << format_serial(l.serial) << ", " << l.status << ", MAC "
    << l.mac;
  if (!l.name_grade.empty()) o << ", name " << l.name_grade;
  if (!l.name_reason.empty()) o << " (" << l.name_reason << ")";
  o << (l.ok() ? " — OK" : " — PROBLEM: " + join(l.problems, ", "));
  return o.str();
}

std::string report_text(const Report& r, bool redact) {
  std::ostringstream o;
  o << "labelgen verify  administration " << r.administration << "  LEA " << (r.lea.empty() ? "?" : r.lea)
    << "  today " << r.today << "  " << (r.offline ? "offline (DataMatrix payloads only)" : "ledger") << "\n";
  o << "groups (LEA school grade form batch): GIS, expected, scanned, missing, hold-until, ship-by, status\n";
  for (const auto& g : r.groups) {
    o << "  " << g.lea << " " << g.school << " " << g.grade << " F" << g.form << " " << g.batch << "  GIS "
      << (g.gis_serial ? format_serial(g.gis_serial) : std::string("?"))
      << (g.gis_scanned ? " scanned" : " NOT SCANNED") << "  expected "
      << (g.expected ? std::to_string(*g.expected) : std::string("?")) << "  scanned " << g.scanned
      << "  missing " << g.missing << "  hold-until " << (g.hold_until.empty() ? "-" : g.hold_until)
      << "  ship-by " << (g.ship_by.empty() ? "-" : g.ship_by) << " (dates " << g.dates << ")  "
      << (g.ready ? "READY" : "NOT READY: " + join(g.reasons, "; ")) << "\n";
  }
  bool any = false;
  for (const auto& l : r.labels) {
    if (l.ok()) continue;
    if (!any) o << "problems:\n";
    any = true;
    o << "  " << join(l.problems, ",") << "  serial " << format_serial(l.serial) << "  SSID "
      << ssid_of(l, redact) << "  " << name_of(l, redact) << "  "
      << (l.scanned ? "#" + std::to_string(l.position) + " " + l.source : "not scanned") << "  — "
      << join(l.details, "; ") << "\n";
  }
  for (const auto& b : r.box_problems) {
    if (!any) o << "problems:\n";
    any = true;
    o << "  " << b << "\n";
  }
  std::size_t foreign = 0;
  for (const auto& u : r.unrecognised)
    if (u.kind == CodeKind::NotOurs) ++foreign;
  if (foreign) o << "not labelgen symbols (ignored): " << foreign << "\n";
  o << (r.ready ? "READY to ship\n" : "NOT READY to ship\n");
  return o.str();
}

std::string report_json(const Report& r, bool redact) {
  using nlohmann::json;
  json j;
  j["administration"] = r.administration;
  j["lea"] = r.lea;
  j["today"] = r.today;
  j["mode"] = r.offline ? "offline" : "ledger";
  j["redacted"] = redact;
  j["ready"] = r.ready;
  j["groups"] = json::array();
  for (const auto& g : r.groups)
    j["groups"].push_back({{"lea", g.lea},
                           {"school", g.school},
                           {"grade", g.grade},
                           {"form", g.form},
                           {"batch", g.batch},
                           {"gis_serial", g.gis_serial ? json(format_serial(g.gis_serial)) : json(nullptr)},
                           {"gis_scanned", g.gis_scanned},
                           {"expected", g.expected ? json(*g.expected) : json(nullptr)},
                           {"scanned", g.scanned},
                           {"missing", g.missing},
                           {"hold_until", g.hold_until},
                           {"ship_by", g.ship_by},
                           {"dates", g.dates},
                           {"ready", g.ready},
                           {"reasons", g.reasons}});
  j["labels"] = json::array();
  for (const auto& l : r.labels)
    j["labels"].push_back({{"position", l.scanned ? json(l.position) : json(nullptr)},
                           {"source", l.source},
                           {"scanned", l.scanned},
                           {"serial", format_serial(l.serial)},
                           {"ssid", ssid_of(l, redact)},
                           {"name", name_of(l, redact)},
                           {"administration", l.administration},
                           {"lea", l.lea},
                           {"school", l.school},
                           {"grade", l.grade},
                           {"form", l.form},
                           {"batch", l.batch},
                           {"gis_serial", l.gis_serial ? json(format_serial(l.gis_serial)) : json(nullptr)},
                           {"status", l.status},
                           {"mac", l.mac},
                           {"name_grade", l.name_grade},
                           {"name_reason", l.name_reason},
                           {"verdict", l.ok() ? "ok" : "problem"},
                           {"problems", l.problems},
                           {"details", l.details}});
  j["box_problems"] = r.box_problems;
  j["unrecognised"] = json::array();
  for (const auto& u : r.unrecognised)
    j["unrecognised"].push_back(
        {{"source", u.source}, {"kind", std::string(kind_name(u.kind))}, {"detail", u.detail}});
  return j.dump(2) + "\n";
}

std::string report_csv(const Report& r, bool redact) {
  std::ostringstream o;
  o << "position,source,serial,ssid,name,administration,lea_cds,school_cds,grade,form,batch,gis_serial,"
       "status,mac,"
       "name_grade,verdict,problems\n";
  for (const auto& l : r.labels) {
    o << (l.scanned ? std::to_string(l.position) : "") << "," << csv_field(l.source) << ","
      << format_serial(l.serial) << "," << ssid_of(l, redact) << "," << csv_field(name_of(l, redact)) << ","
      << l.administration << "," << l.lea << "," << l.school << "," << l.grade << "," << l.form << ","
      << csv_field(l.batch) << "," << (l.gis_serial ? format_serial(l.gis_serial) : "") << "," << l.status
      << "," << csv_field(l.mac) << "," << csv_field(l.name_grade) << "," << (l.ok() ? "ok" : "problem")
      << "," << join(l.problems, ";") << "\n";
  }
  return o.str();
}

}  // namespace lg::verify

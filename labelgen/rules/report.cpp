#include "labelgen/rules/report.hpp"

#include <cstdio>

#include "labelgen/io/csv_writer.hpp"

namespace lg::rules {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

}  // namespace

nlohmann::json plan_json(const admin::Administration& admin, const Plan& plan) {
  nlohmann::json j;
  j["administration"] = admin.year.str();
  j["records"] = plan.records;
  j["labelled"] = plan.labelled;
  j["skipped"] = nlohmann::json::object();
  for (const auto& [reason, n] : plan.skipped) j["skipped"][reason] = n;
  j["rejected"] = nlohmann::json::object();
  for (const auto& [reason, n] : plan.rejected) j["rejected"][reason] = n;
  j["skipped_total"] = plan.skipped_total;
  j["rejected_total"] = plan.rejected_total;
  j["batches"] = nlohmann::json::array();
  for (const auto& b : plan.batches) {
    nlohmann::json o;
    o["lea_cds"] = b.lea_cds;
    o["lea_name"] = b.lea_name;
    o["form"] = form_number(b.form);
    auto window_date = [&](Date admin::Window::*field) {
      return b.window ? nlohmann::json(((*b.window).*field).iso()) : nlohmann::json();
    };
    o["window_start"] = window_date(&admin::Window::start);
    o["window_end"] = window_date(&admin::Window::end);
    o["preid_arrival"] = window_date(&admin::Window::preid_arrival);
    o["ship_by"] = window_date(&admin::Window::ship_by);
    o["batch"] = b.batch;
    o["count"] = b.count;
    j["batches"].push_back(std::move(o));
  }
  j["corrections"] = nlohmann::json::array();
  for (const auto& c : plan.corrections)
    j["corrections"].push_back(
        {{"ssid", c.ssid}, {"earlier_event", c.earlier_event}, {"later_event", c.later_event}, {"changed", c.changed}});
  j["rejections"] = nlohmann::json::array();
  for (const auto& d : plan.decisions)
    if (d.outcome == Outcome::Rejected)
      j["rejections"].push_back({{"file", d.source.file},
                                 {"line", d.source.line},
                                 {"event_id", d.event_id},
                                 {"field", d.field},
                                 {"reason", d.reason},
                                 {"message", d.detail}});
  return j;
}

std::string decisions_csv_header() {
  return io::csv_row({"file", "line", "record", "event_id", "ssid", "outcome", "reason", "field", "detail", "lea_cds",
                      "school_cds", "form", "grade", "window_start", "ship_by", "batch", "hold_until", "superseded_by",
                      "changed"});
}

std::string decisions_csv_row(const Decision& d) {
  return io::csv_row({d.source.file, std::to_string(d.source.line), std::to_string(d.source.record), d.event_id, d.ssid,
                      std::string(outcome_code(d.outcome)), d.reason, d.field, d.detail, d.lea_cds, d.school_cds,
                      d.form ? std::to_string(form_number(*d.form)) : "", d.grade ? std::string(grade_code(*d.grade)) : "",
                      d.window ? d.window->start.iso() : "", d.window ? d.window->ship_by.iso() : "",
                      d.outcome == Outcome::Label ? d.batch : "", d.hold_until ? d.hold_until->iso() : "",
                      d.superseded_by, join(d.changed, ";")});
}

std::string decisions_csv(const Plan& plan) {
  std::string out = decisions_csv_header();
  for (const auto& d : plan.decisions) out += decisions_csv_row(d);
  return out;
}

std::string plan_text(const admin::Administration& admin, const Plan& plan) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "Administration %s: %zu records = %zu labelled + %zu skipped + %zu rejected\n",
                admin.year.str().c_str(), plan.records, plan.labelled, plan.skipped_total, plan.rejected_total);
  out += buf;
  out += "\nLabels by LEA x form x window x batch:\n";
  std::snprintf(buf, sizeof buf, "  %-14s %-40s %4s  %-23s %-10s %-10s %-7s %6s\n", "LEA CDS", "LEA", "form",
                "window", "arrive by", "ship by", "batch", "labels");
  out += buf;
  for (const auto& b : plan.batches) {
    std::string name = b.lea_name.size() > 40 ? b.lea_name.substr(0, 39) + "~" : b.lea_name;
    std::string window = b.window ? b.window->start.iso() + ".." + b.window->end.iso().substr(5) : "(no schedule)";
    std::snprintf(buf, sizeof buf, "  %-14s %-40s %4d  %-23s %-10s %-10s %-7s %6zu\n", b.lea_cds.c_str(),
                  name.c_str(), form_number(b.form), window.c_str(),
                  b.window ? b.window->preid_arrival.iso().c_str() : "-", b.window ? b.window->ship_by.iso().c_str() : "-",
                  b.batch.c_str(), b.count);
    out += buf;
  }
  out += "\nSkipped by reason:\n";
  for (const auto& [reason, n] : plan.skipped) {
    std::snprintf(buf, sizeof buf, "  %-28s %6zu\n", reason.c_str(), n);
    out += buf;
  }
  out += "\nRejected by reason:\n";
  for (const auto& [reason, n] : plan.rejected) {
    std::snprintf(buf, sizeof buf, "  %-28s %6zu\n", reason.c_str(), n);
    out += buf;
  }
  if (!plan.corrections.empty()) {
    std::snprintf(buf, sizeof buf, "\nCorrected SSRs (the later event wins): %zu\n", plan.corrections.size());
    out += buf;
    for (const auto& c : plan.corrections)
      out += "  event " + c.earlier_event + " -> " + c.later_event + ": changed " +
             (c.changed.empty() ? std::string("nothing printed") : join(c.changed, ", ")) + "\n";
  }
  if (plan.rejected_total) {
    out += "\nRejected records:\n";
    for (const auto& d : plan.decisions)
      if (d.outcome == Outcome::Rejected)
        out += "  " + d.source.file + ":" + std::to_string(d.source.line) + ": " +
               (d.field.empty() ? "" : d.field + ": ") + d.detail + "\n";
  }
  return out;
}

}  // namespace lg::rules

#include "labelgen/run/content.hpp"

#include <cstdio>

#include "labelgen/barcode/mac.hpp"
#include "labelgen/barcode/payload.hpp"

namespace lg::run {
namespace {

}  // namespace

Result<layout::FieldMap> label_fields(const rules::Label& label, std::uint32_t serial, const AdminYear& year,
                                      const std::string& batch, const barcode::MacKey* key) {
  const auto& e = label.event;
  const std::string printed = e.name.label_form();
  auto code = barcode::format_preid_code128({e.ssid, serial});
  if (!code) return std::unexpected(code.error());
  barcode::PayloadFields p;
  p.administration = year;
  p.form = e.form;
  p.lea = e.lea_cds;
  p.school = e.school_cds;
  p.grade = e.grade;
  p.ssid = e.ssid;
  p.serial = serial;
  p.batch = batch;
  p.name = printed;
  auto payload = barcode::format_payload(p);
  if (!payload) return std::unexpected(payload.error());
  if (key) {
    payload = barcode::sign_payload(*payload, *key);
    if (!payload) return std::unexpected(payload.error());
  }

  layout::FieldMap f;
  f.set("name", printed);
  f.set("ssid", e.ssid.str());
  f.set("birth_date", e.birth_date.iso());
  f.set("grade", std::string(grade_code(e.grade)));
  f.set("form", std::to_string(form_number(e.form)));
  f.set("school_name", e.school_name);
  f.set("school_cds", e.school_cds.str());
  f.set("school_cds_spaced", e.school_cds.spaced());
  f.set("lea_name", e.lea_name);
  f.set("lea_cds", e.lea_cds.str());
  f.set("lea_cds_spaced", e.lea_cds.spaced());
  f.set("charter_number", e.charter_number);
  f.set("administration", year.str());
  f.set("batch", batch);
  f.set("serial", barcode::format_serial(serial));
  f.set("code128_human", code->substr(0, 10) + " " + code->substr(10, 7) + " " + code->substr(17));
  f.set("code128", std::move(*code));
  f.set("payload", std::move(*payload));
  return f;
}

Result<layout::FieldMap> gis_fields(const GisGroup& group, const admin::Administration& admin,
                                    const std::string& batch, const barcode::MacKey* key) {
  const auto& first = group.labels.front();
  const auto& e = first->event;
  barcode::GisFields g;
  g.administration = admin.year;
  g.form = group.form;
  g.lea = e.lea_cds;
  g.school = e.school_cds;
  g.grade = group.grade;
  g.batch = batch;
  g.count = static_cast<std::uint32_t>(group.labels.size());
  g.serial = group.gis_serial;
  auto payload = barcode::format_gis_payload(g);
  if (!payload) return std::unexpected(payload.error());
  if (key) {
    payload = barcode::sign_gis_payload(*payload, *key);
    if (!payload) return std::unexpected(payload.error());
  }
  auto code = barcode::format_gis_code128(group.gis_serial);
  if (!code) return std::unexpected(code.error());

  layout::FieldMap f;
  f.set("administration", admin.year.str());
  f.set("program", first->program ? first->program->name : "");
  f.set("lea_name", e.lea_name);
  f.set("lea_cds_spaced", e.lea_cds.spaced());
  f.set("school_name", e.school_name);
  f.set("school_cds_spaced", e.school_cds.spaced());
  f.set("charter_number", e.charter_number);
  f.set("grade_label", group.grade == Grade::KN ? "Kindergarten (incl. TK)" : std::string(grade_label(group.grade)));
  f.set("form", std::to_string(form_number(group.form)));
  f.set("count", std::to_string(group.labels.size()));
  f.set("batch", batch);
  // Every label of a group shares its window only when the whole group was tested in one
  // window; the GIS shows the earliest ship-by of the group, which is the binding one.
  std::optional<admin::Window> binding;
  for (const auto* l : group.labels)
    if (l->window && (!binding || l->window->ship_by < binding->ship_by)) binding = l->window;
  f.set("window", binding ? binding->start.iso() + " to " + binding->end.iso() : "(no schedule)");
  f.set("preid_arrival", binding ? binding->preid_arrival.iso() : "(no schedule)");
  f.set("ship_by", binding ? binding->ship_by.iso()
                           : (admin.last_ship_date ? admin.last_ship_date->iso() : std::string("(no schedule)")));
  f.set("hold_days", std::to_string(admin.hold_days));
  f.set("gis_serial", std::to_string(group.gis_serial));
  f.set("gis_payload", std::move(*payload));
  f.set("gis_code128", std::move(*code));
  return f;
}

layout::FieldMap roster_fields(const rules::Label& label, std::uint32_t serial, std::size_t position, int hold_days) {
  layout::FieldMap f;
  f.set("position", std::to_string(position));
  f.set("serial", barcode::format_serial(serial));
  f.set("name", label.event.name.label_form());
  f.set("ssid", label.event.ssid.str());
  f.set("grade", std::string(grade_code(label.event.grade)));
  f.set("hold_until",
        label.hold_until ? label.hold_until->iso() : "notice+" + std::to_string(hold_days) + "d");
  return f;
}

}  // namespace lg::run

#pragma once
/// What a Pre-ID label, a GIS and a roster row say: the field values that fill templates.
#include <cstdint>
#include <string>

#include "labelgen/admin/administration.hpp"
#include "labelgen/barcode/mac.hpp"
#include "labelgen/layout/fields.hpp"
#include "labelgen/run/packing.hpp"

namespace lg::run {

/// Fields of one Pre-ID label: name, ssid, birth_date, grade, form, school_name, school_cds,
/// school_cds_spaced, lea_name, lea_cds, lea_cds_spaced, charter_number, administration, batch,
/// serial, code128, code128_human, payload. With `key`, the payload carries its MAC field
/// (`|K<id>:<mac>`, docs/payload.md).
Result<layout::FieldMap> label_fields(const rules::Label& label, std::uint32_t serial, const AdminYear& year,
                                      const std::string& batch, const barcode::MacKey* key = nullptr);

/// Fields of a GIS: administration, program, lea_name, lea_cds_spaced, school_name,
/// school_cds_spaced, charter_number, grade_label, form, count, batch, window, preid_arrival,
/// ship_by, hold_days, gis_serial, gis_payload, gis_code128.
Result<layout::FieldMap> gis_fields(const GisGroup& group, const admin::Administration& admin,
                                    const std::string& batch, const barcode::MacKey* key = nullptr);

/// Fields of one roster row: position, serial, name, ssid, grade, hold_until.
layout::FieldMap roster_fields(const rules::Label& label, std::uint32_t serial, std::size_t position, int hold_days);

}  // namespace lg::run

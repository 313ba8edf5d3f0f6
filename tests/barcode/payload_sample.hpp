#pragma once
// The payload of the example label in docs/payload.md, for the barcode tests.
#include <string>

#include "labelgen/barcode/payload.hpp"

namespace lg::barcode::samples {

/// The documented example label (SSID 8478921817, serial 769) with `name`.
inline PayloadFields sample_payload(std::string name = "NGUYỄN, THẢO M.") {
  PayloadFields p;
  p.administration = *AdminYear::parse("2024-25");
  p.form = Form::F1;
  p.lea = *CdsCode::parse("19647330000000");
  p.school = *CdsCode::parse("19647336012345");
  p.grade = Grade::KN;
  p.ssid = *Ssid::parse("8478921817");
  p.serial = 769;
  p.batch = "2024-09-B03";
  p.name = std::move(name);
  return p;
}

}  // namespace lg::barcode::samples

// Fuzz target: the barcode content parsers (labelgen/barcode/payload.hpp): Pre-ID label
// payload, GIS payload, Pre-ID and GIS Code 128. Beyond "no crash": every accepted input has
// exactly one spelling, format(parse(x)) == x, and the parsed fields format again; an input is
// never both a label and a GIS payload; every error names a field.
#include "labelgen/barcode/payload.hpp"

#include <cstdint>
#include <string>

#include "labelgen/barcode/damm.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

void check_error(const lg::Error& e) {
  LG_FUZZ_CHECK(!e.field.empty() && !e.message.empty());
  LG_FUZZ_CHECK(e.field == "code128" || e.field == "payload" || e.field.rfind("payload.", 0) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lg::barcode;
  const std::string_view text = lg::fuzz::text(data, size);

  auto label = parse_payload(text);
  if (label) {
    auto again = format_payload(*label);
    LG_FUZZ_CHECK(again && *again == text);
    LG_FUZZ_CHECK(label->serial <= kMaxSerial && !label->name.empty() && label->name.size() <= 400);
  } else {
    check_error(label.error());
  }

  auto gis = parse_gis_payload(text);
  if (gis) {
    auto again = format_gis_payload(*gis);
    LG_FUZZ_CHECK(again && *again == text);
    LG_FUZZ_CHECK(gis->count >= 1 && gis->count <= 9999 && gis->serial <= kMaxSerial);
    LG_FUZZ_CHECK(!label);
  } else {
    check_error(gis.error());
  }

  auto code = parse_preid_code128(text);
  if (code) {
    auto again = format_preid_code128(*code);
    LG_FUZZ_CHECK(again && *again == text && damm_valid(text));
  } else {
    check_error(code.error());
  }

  auto gis_code = parse_gis_code128(text);
  if (gis_code) {
    auto again = format_gis_code128(*gis_code);
    LG_FUZZ_CHECK(again && *again == text && damm_valid(text));
    LG_FUZZ_CHECK(!code);
  } else {
    check_error(gis_code.error());
  }
  return 0;
}

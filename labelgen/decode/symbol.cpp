#include "labelgen/decode/symbol.hpp"

#include "labelgen/barcode/payload.hpp"

namespace lg::decode {

std::string_view format_name(SymbolFormat format) {
  return format == SymbolFormat::Code128 ? "Code128" : "DataMatrix";
}

SymbolFilter labelgen_symbols_only() {
  return [](SymbolFormat format, std::string_view text) {
    if (format == SymbolFormat::Code128) {
      if (text.size() == 18) return barcode::parse_preid_code128(text).has_value();
      if (text.size() == 8) return barcode::parse_gis_code128(text).has_value();
      return false;
    }
    if (text.starts_with("P1|")) return barcode::parse_payload(text).has_value();
    if (text.starts_with("G1|")) return barcode::parse_gis_payload(text).has_value();
    return false;
  };
}

}  // namespace lg::decode

// Fuzz target: the payload name encoding (lg::barcode::percent_decode / percent_encode). Beyond
// "no crash": decoding is strict, so an accepted input is the one canonical spelling
// (encode(decode(x)) == x) and decodes to valid UTF-8; encoding any valid UTF-8 gives printable
// ASCII without `|` that decodes back exactly.
#include <cstdint>
#include <string>

#include "labelgen/barcode/payload.hpp"
#include "labelgen/core/utf8.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lg::barcode;
  const std::string_view text = lg::fuzz::text(data, size);

  auto decoded = percent_decode(text);
  if (decoded) {
    LG_FUZZ_CHECK(!lg::utf8::first_invalid(*decoded));
    LG_FUZZ_CHECK(percent_encode(*decoded) == text);
  } else {
    LG_FUZZ_CHECK(decoded.error().field == "payload.name" && !decoded.error().message.empty());
  }

  if (!lg::utf8::first_invalid(text)) {
    const std::string encoded = percent_encode(text);
    for (char c : encoded) LG_FUZZ_CHECK(c >= 0x20 && c < 0x7F && c != '|');
    auto back = percent_decode(encoded);
    LG_FUZZ_CHECK(back && *back == text);
  }
  return 0;
}

// Fuzz target: MAC verification (labelgen/barcode/mac.hpp) on arbitrary payload text, with a
// fixed key ring. Beyond "no crash": the verdict agrees with the parsers (malformed exactly when
// neither the text nor the text without its last field parses); a payload that verifies is
// exactly what signing its body gives; and every valid unsigned payload signs to one that
// verifies, and stops verifying when any single byte before its MAC changes.
#include "labelgen/barcode/mac.hpp"

#include <cstdint>
#include <string>

#include "labelgen/barcode/payload.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace lg::barcode;

const KeyRing& ring() {
  static const KeyRing r = [] {
    auto parsed = KeyRing::parse(
        "# fuzz keys (not secret)\n"
        "K1 000102030405060708090a0b0c0d0e0f sign\n"
        "OLD2 f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00112233\n",
        "fuzz-keys");
    lg::fuzz::check(parsed.has_value(), "the fuzz key ring parses");
    return *parsed;
  }();
  return r;
}

template <class Verify, class Sign, class Parse>
void check_kind(std::string_view text, Verify verify, Sign sign, Parse parse) {
  const MacVerdict v = verify(text, ring());
  const MacVerdict none = verify(text, KeyRing{});
  auto parsed = parse(text);
  LG_FUZZ_CHECK((v == MacVerdict::Malformed) == (none == MacVerdict::Malformed));
  LG_FUZZ_CHECK(none == MacVerdict::Malformed || none == MacVerdict::NoKeyConfigured);
  LG_FUZZ_CHECK(v != MacVerdict::NoKeyConfigured);
  if (parsed) {
    LG_FUZZ_CHECK(v != MacVerdict::Malformed);
    LG_FUZZ_CHECK((v == MacVerdict::Unsigned) == !parsed->mac.has_value());
  }
  if (v == MacVerdict::Valid) {
    const auto bar = text.rfind('|');
    const MacKey* key = ring().find(parsed->mac->key_id);
    LG_FUZZ_CHECK(key != nullptr);
    auto again = sign(text.substr(0, bar), *key);
    LG_FUZZ_CHECK(again && *again == text);
  }
  if (v == MacVerdict::Unsigned) {
    for (const MacKey* key : {ring().signing_key(), ring().find("OLD2")}) {
      auto signed_text = sign(text, *key);
      LG_FUZZ_CHECK(signed_text.has_value());
      LG_FUZZ_CHECK(verify(*signed_text, ring()) == MacVerdict::Valid);
      LG_FUZZ_CHECK(verify(*signed_text, KeyRing{}) == MacVerdict::NoKeyConfigured);
      // One changed byte of the signed part: never valid.
      std::string altered = *signed_text;
      const std::size_t at = text.size() / 2;
      altered[at] = static_cast<char>(altered[at] ^ 0x01);
      LG_FUZZ_CHECK(verify(altered, ring()) != MacVerdict::Valid);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = lg::fuzz::text(data, size);
  check_kind(text, verify_payload, sign_payload, [](std::string_view t) { return parse_payload(t); });
  check_kind(text, verify_gis_payload, sign_gis_payload,
             [](std::string_view t) { return parse_gis_payload(t); });
  return 0;
}

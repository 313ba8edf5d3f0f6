// Signed payloads (labelgen/barcode/mac.hpp): HMAC-SHA256 against RFC 4231, base32 against
// RFC 4648, sign/verify verdicts for altered, re-keyed, truncated and garbled labels, key
// rotation, key files and their permissions, and the DataMatrix sizes with and without a MAC.
#include "labelgen/barcode/mac.hpp"

#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <string>
#include <vector>

#include "labelgen/barcode/encode.hpp"
#include "labelgen/barcode/payload.hpp"
#include "tests/support/support.hpp"
#include "tests/barcode/payload_sample.hpp"

namespace lg::barcode {
namespace {

std::vector<unsigned char> bytes(std::string_view s) { return {s.begin(), s.end()}; }

std::vector<unsigned char> unhex(std::string_view hex) {
  std::vector<unsigned char> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<unsigned char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

std::string tohex(const std::vector<unsigned char>& v) {
  std::string out;
  char b[3];
  for (unsigned char c : v) {
    std::snprintf(b, sizeof b, "%02x", c);
    out += b;
  }
  return out;
}

MacKey key(const std::string& id, std::string_view hex) {
  auto k = MacKey::make(id, unhex(hex));
  EXPECT_TRUE(k) << k.error().message;
  return *k;
}

const char* kSecret1 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const char* kSecret2 = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

KeyRing ring_of(const MacKey& k) {
  KeyRing r;
  EXPECT_TRUE(r.add(k, true));
  return r;
}

PayloadFields label(std::string name = "NGUYỄN, THẢO M.") { return samples::sample_payload(std::move(name)); }

GisFields gis() {
  GisFields g;
  g.administration = *AdminYear::parse("2024-25");
  g.form = Form::F2;
  g.lea = *CdsCode::parse("19647330000000");
  g.school = *CdsCode::parse("19647336012345");
  g.batch = "2024-09-B03";
  g.count = 27;
  g.serial = 31;
  return g;
}

/// The `|K…` field of a signed payload.
std::string mac_field(const std::string& signed_payload) {
  return signed_payload.substr(signed_payload.rfind('|'));
}

// ---- Primitives ---------------------------------------------------------------------------------

TEST(Mac, Rfc4231HmacSha256Vectors) {
  struct Case {
    std::vector<unsigned char> key;
    std::string data;
    const char* mac;
  };
  const std::vector<Case> cases{
      {std::vector<unsigned char>(20, 0x0b), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {bytes("Jefe"), "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {std::vector<unsigned char>(20, 0xaa), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"), std::string(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {std::vector<unsigned char>(131, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {std::vector<unsigned char>(131, 0xaa),
       "This is a test using a larger than block-size key and a larger than block-size data. The key needs "
       "to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"}};
  for (const auto& c : cases) EXPECT_EQ(tohex(hmac_sha256(c.key, c.data)), c.mac);

  // Test case 5: output truncated to 128 bits. Our tag keeps the first 80 bits of the same output.
  const auto k5 = key("T5", "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c");
  const auto full = hmac_sha256(k5.secret(), "Test With Truncation");
  EXPECT_EQ(tohex(full).substr(0, 32), "a3b6167473100ee06e0c796c2955552b");
  const auto first80 = unhex("a3b6167473100ee06e0c");
  EXPECT_EQ(compute_mac("Test With Truncation", k5), base32(first80.data(), first80.size()));
  EXPECT_EQ(compute_mac("Test With Truncation", k5).size(), kMacChars);
}

TEST(Mac, Base32Rfc4648Vectors) {
  auto b = [](std::string_view s) {
    return base32(reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  EXPECT_EQ(b(""), "");
  EXPECT_EQ(b("f"), "MY");
  EXPECT_EQ(b("fo"), "MZXQ");
  EXPECT_EQ(b("foo"), "MZXW6");
  EXPECT_EQ(b("foob"), "MZXW6YQ");
  EXPECT_EQ(b("fooba"), "MZXW6YTB");
  EXPECT_EQ(b("foobar"), "MZXW6YTBOI");
}

TEST(Mac, KeyChecks) {
  EXPECT_TRUE(MacKey::make("K1", unhex(kSecret1)));
  EXPECT_TRUE(MacKey::make("ABCDEFG8", std::vector<unsigned char>(16, 1)));
  EXPECT_FALSE(MacKey::make("", unhex(kSecret1)));
  EXPECT_FALSE(MacKey::make("ABCDEFGH9", unhex(kSecret1)));
  EXPECT_FALSE(MacKey::make("k1", unhex(kSecret1)));
  EXPECT_FALSE(MacKey::make("K-1", unhex(kSecret1)));
  EXPECT_FALSE(MacKey::make("K1", std::vector<unsigned char>(15, 1)));
  EXPECT_FALSE(MacKey::make("K1", std::vector<unsigned char>(65, 1)));
}

// ---- Sign and verify: Pre-ID labels -------------------------------------------------------------

TEST(Mac, SignedLabelVerifiesAndStillParses) {
  const MacKey k = key("K1", kSecret1);
  const std::string plain = *format_payload(label());
  auto s = sign_payload(plain, k);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->substr(0, plain.size()), plain);
  EXPECT_EQ(s->size(), plain.size() + 5 + kMacChars);  // |KK1: + 16 characters
  auto parsed = parse_payload(*s);
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_TRUE(parsed->mac);
  EXPECT_EQ(parsed->mac->key_id, "K1");
  EXPECT_EQ(parsed->mac->mac, compute_mac(plain, k));
  EXPECT_EQ(*format_payload(*parsed), *s);
  EXPECT_EQ(verify_payload(*s, ring_of(k)), MacVerdict::Valid);
  // Deterministic: the same payload and key give the same MAC.
  EXPECT_EQ(*sign_payload(plain, k), *s);
}

TEST(Mac, AlteredNameSsidOrSerialWithTheMacKeptIsForged) {
  const MacKey k = key("K1", kSecret1);
  const KeyRing ring = ring_of(k);
  const std::string good = *sign_payload(*format_payload(label()), k);
  const std::string mac = mac_field(good);
  ASSERT_EQ(verify_payload(good, ring), MacVerdict::Valid);

  PayloadFields name = label("NGUYEN, THAO M.");
  PayloadFields ssid = label();
  ssid.ssid = *Ssid::parse("8478921818");
  PayloadFields serial = label();
  serial.serial = 770;
  PayloadFields school = label();
  school.school = *CdsCode::parse("19647336012346");
  for (const auto* altered : {&name, &ssid, &serial, &school}) {
    const std::string forged = *format_payload(*altered) + mac;
    ASSERT_TRUE(parse_payload(forged));  // well-formed: only the MAC can tell
    EXPECT_EQ(verify_payload(forged, ring), MacVerdict::Forged) << forged;
  }
  // Every single-byte change before the MAC field (that still parses) is caught.
  const std::size_t body = good.size() - mac.size();
  int checked = 0;
  for (std::size_t i = 0; i < body; ++i) {
    std::string t = good;
    t[i] = t[i] == '1' ? '2' : '1';
    if (!parse_payload(t)) continue;
    EXPECT_EQ(verify_payload(t, ring), MacVerdict::Forged) << i;
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST(Mac, SignedWithAnotherKeyIsForgedOrUnknown) {
  const MacKey mine = key("K1", kSecret1);
  const MacKey theirs_same_id = key("K1", kSecret2);
  const MacKey theirs = key("X9", kSecret2);
  const std::string plain = *format_payload(label());
  EXPECT_EQ(verify_payload(*sign_payload(plain, theirs_same_id), ring_of(mine)), MacVerdict::Forged);
  EXPECT_EQ(verify_payload(*sign_payload(plain, theirs), ring_of(mine)), MacVerdict::UnknownKey);
  // A MAC made under one id and relabelled with another id in the ring is forged.
  std::string relabelled = *sign_payload(plain, theirs);
  relabelled.replace(relabelled.rfind("|KX9:"), 5, "|KK1:");
  EXPECT_EQ(verify_payload(relabelled, ring_of(mine)), MacVerdict::Forged);
}

TEST(Mac, TruncatedOrGarbledMacIsForged) {
  const MacKey k = key("K1", kSecret1);
  const KeyRing ring = ring_of(k);
  const std::string good = *sign_payload(*format_payload(label()), k);
  const std::string plain = good.substr(0, good.rfind('|'));
  const std::string mac = good.substr(good.rfind(':') + 1);
  std::string flipped = mac;
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  std::string lower = mac;
  lower[0] = 'a';
  const std::vector<std::string> bad{
      plain + "|KK1:" + mac.substr(0, 15),        // truncated below the shortest MAC the format allows
      plain + "|KK1:" + mac.substr(0, 8),         //
      plain + "|KK1:",                            // MAC cut off
      plain + "|KK1",                             //
      plain + "|K",                               //
      plain + "|KK1:" + flipped,                  // one character changed
      plain + "|KK1:" + lower,                    // not base32
      plain + "|KK1:" + mac.substr(0, 15) + "1",  // '1' is not in the base32 alphabet
      plain + "|KK1:" + mac + "AAAAAAAAAA",       // longer than our tag (a 26-character 128-bit field)
      plain + "|KK1:" + std::string(16, 'A'),     // well-formed, wrong
      plain + "|Kk1:" + mac,                      // garbled key id
      plain + "|K:" + mac,                        // no key id
  };
  ASSERT_EQ(good, plain + "|KK1:" + mac);
  for (const auto& t : bad) EXPECT_EQ(verify_payload(t, ring), MacVerdict::Forged) << t;
  // Cutting the last character of a valid MAC leaves 15: never valid, whatever it parses as.
  EXPECT_EQ(verify_payload(good.substr(0, good.size() - 1), ring), MacVerdict::Forged);
}

TEST(Mac, UnsignedMalformedAndNoKey) {
  const MacKey k = key("K1", kSecret1);
  const KeyRing ring = ring_of(k);
  const std::string plain = *format_payload(label());
  const std::string kim = *format_payload(label("KIM, JI"));  // a last field starting with K
  EXPECT_EQ(verify_payload(plain, ring), MacVerdict::Unsigned);
  EXPECT_EQ(verify_payload(kim, ring), MacVerdict::Unsigned);
  EXPECT_EQ(verify_payload(plain, KeyRing{}), MacVerdict::NoKeyConfigured);
  EXPECT_EQ(verify_payload(*sign_payload(plain, k), KeyRing{}), MacVerdict::NoKeyConfigured);
  EXPECT_EQ(verify_payload("", ring), MacVerdict::Malformed);
  EXPECT_EQ(verify_payload("P1|2024-25|F1", ring), MacVerdict::Malformed);
  EXPECT_EQ(verify_payload("P2|x|K1:AAAAAAAAAAAAAAAA", ring), MacVerdict::Malformed);
  EXPECT_EQ(verify_payload(*sign_payload(plain, k) + "|K1:AAAAAAAAAAAAAAAA", ring), MacVerdict::Malformed);
  EXPECT_EQ(verify_payload(*format_gis_payload(gis()), ring), MacVerdict::Malformed);
  EXPECT_EQ(verdict_name(MacVerdict::UnknownKey), "unknown key");
  EXPECT_EQ(verdict_name(MacVerdict::Valid), "valid");
}

TEST(Mac, SignRefusesWhatItCannotSign) {
  const MacKey k = key("K1", kSecret1);
  const std::string plain = *format_payload(label());
  auto twice = sign_payload(*sign_payload(plain, k), k);
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("already signed"), std::string::npos);
  EXPECT_FALSE(sign_payload("P1|garbage", k));
  EXPECT_FALSE(sign_payload(*format_gis_payload(gis()), k));
  EXPECT_FALSE(sign_gis_payload(plain, k));
}

TEST(Mac, RotationVerifiesOldLabelsAndSignsWithTheNewKey) {
  auto ring =
      KeyRing::parse("# rotation\nOLD " + std::string(kSecret1) + "\nNEW " + kSecret2 + " sign\n", "keys");
  ASSERT_TRUE(ring) << ring.error().message;
  ASSERT_NE(ring->signing_key(), nullptr);
  EXPECT_EQ(ring->signing_key()->id(), "NEW");
  const std::string plain = *format_payload(label());
  const std::string old_label = *sign_payload(plain, key("OLD", kSecret1));
  const std::string new_label = *sign_payload(plain, *ring->signing_key());
  EXPECT_NE(mac_field(new_label).find("|KNEW:"), std::string::npos);
  EXPECT_EQ(verify_payload(old_label, *ring), MacVerdict::Valid);
  EXPECT_EQ(verify_payload(new_label, *ring), MacVerdict::Valid);
  // Once OLD is retired, its labels name an unknown key.
  auto retired = KeyRing::parse("NEW " + std::string(kSecret2) + "\n", "keys");
  ASSERT_TRUE(retired);
  EXPECT_EQ(verify_payload(old_label, *retired), MacVerdict::UnknownKey);
}

// ---- GIS ----------------------------------------------------------------------------------------

TEST(Mac, GisPayloads) {
  const MacKey k = key("G7", kSecret2);
  const KeyRing ring = ring_of(k);
  const std::string plain = *format_gis_payload(gis());
  auto s = sign_gis_payload(plain, k);
  ASSERT_TRUE(s) << s.error().message;
  auto parsed = parse_gis_payload(*s);
  ASSERT_TRUE(parsed && parsed->mac);
  EXPECT_EQ(verify_gis_payload(*s, ring), MacVerdict::Valid);
  EXPECT_EQ(verify_gis_payload(plain, ring), MacVerdict::Unsigned);
  GisFields more = gis();
  more.count = 28;
  EXPECT_EQ(verify_gis_payload(*format_gis_payload(more) + mac_field(*s), ring), MacVerdict::Forged);
  EXPECT_EQ(verify_gis_payload(s->substr(0, s->size() - 3), ring), MacVerdict::Forged);
  EXPECT_EQ(verify_payload(*s, ring), MacVerdict::Malformed);  // a GIS is not a label
}

// ---- Key files ----------------------------------------------------------------------------------

TEST(KeyFile, ParsesCommentsCrlfAndMarks) {
  auto r = KeyRing::parse("# labelgen keys\r\n\r\n  K1   " + std::string(kSecret1) + " \r\n", "f");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->size(), 1u);
  ASSERT_NE(r->signing_key(), nullptr);  // a single key signs without a mark
  EXPECT_EQ(r->signing_key()->secret(), unhex(kSecret1));
  EXPECT_EQ(std::string(kSecret1).size(), 64u);

  auto two = KeyRing::parse("A " + std::string(kSecret1) + "\nB " + kSecret2 + "\n", "f");
  ASSERT_TRUE(two);
  EXPECT_EQ(two->signing_key(), nullptr);  // verification only until one is marked
  EXPECT_NE(two->find("B"), nullptr);
  EXPECT_EQ(two->find("C"), nullptr);

  auto upper = KeyRing::parse("A 00112233445566778899AABBCCDDEEFF\n", "f");
  ASSERT_TRUE(upper);
  EXPECT_EQ(upper->find("A")->secret().size(), 16u);
}

TEST(KeyFile, ParseErrorsNameTheLineAndNeverTheSecret) {
  const std::string s1 = kSecret1;
  struct Case {
    std::string text, needle;
  };
  for (const Case& c : std::vector<Case>{
           {"", "no keys"},
           {"# only a comment\n", "no keys"},
           {"K1\n", "f:1: expected"},
           {"K1 " + s1 + " signing\n", "f:1: expected"},
           {"K1 " + s1 + " sign extra\n", "f:1: expected"},
           {"\nK1 " + s1.substr(0, 31) + "\n", "f:2: the secret must be hex"},  // odd length
           {"K1 " + s1.substr(0, 30) + "zz\n", "f:1: the secret must be hex"},
           {"K1 " + s1.substr(0, 30) + "\n", "f:1: key K1: the secret must be 16-64 bytes, got 15"},
           {s1 + " K1\n", "f:1: the key id (first word) must be"},  // words swapped
           {"k1 " + s1 + "\n", "f:1: the key id (first word) must be"},
           {"K1 " + s1 + "\nK1 " + kSecret2 + "\n", "f:2: key id K1 is listed twice"},
           {"A " + s1 + " sign\nB " + kSecret2 + " sign\n", "f:2: two signing keys"}}) {
    auto r = KeyRing::parse(c.text, "f");
    ASSERT_FALSE(r) << c.text;
    EXPECT_NE(r.error().message.find(c.needle), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find(s1.substr(0, 30)), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find(std::string(kSecret2).substr(0, 30)), std::string::npos);
  }
}

TEST(KeyFile, PermissionsAreChecked) {
  test::ScratchDir dir;
  const auto file = dir.write("labelgen.keys", "K1 " + std::string(kSecret1) + "\n");
  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
  auto ok = KeyRing::load(file);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->signing_key()->id(), "K1");
  ASSERT_EQ(::chmod(file.c_str(), 0400), 0);
  EXPECT_TRUE(KeyRing::load(file));

  for (mode_t mode : {0640, 0604, 0644, 0620, 0602, 0610, 0601, 0660}) {
    ASSERT_EQ(::chmod(file.c_str(), mode), 0);
    auto r = KeyRing::load(file);
    ASSERT_FALSE(r) << std::oct << mode;
    EXPECT_NE(r.error().message.find(file.string()), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("group or others"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("chmod 600"), std::string::npos) << r.error().message;
  }
  auto missing = KeyRing::load(dir / "absent.keys");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find((dir / "absent.keys").string()), std::string::npos);
  ASSERT_EQ(::chmod(dir.path().c_str(), 0700), 0);
  auto folder = KeyRing::load(dir.path());
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().message.find("not a regular file"), std::string::npos) << folder.error().message;
  // The parse error of a loaded file names the file and line.
  const auto bad = dir.write("bad.keys", "# x\nK1 nothex\n");
  ASSERT_EQ(::chmod(bad.c_str(), 0600), 0);
  auto r = KeyRing::load(bad);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(bad.string() + ":2:"), std::string::npos) << r.error().message;
}

// ---- Symbol sizes -------------------------------------------------------------------------------

/// Decodes a DataMatrix module matrix with ZXing (3 px per module, 2-module quiet zone).
std::string decode(const layout::ModuleMatrix& m) {
  const int px = 3, quiet = 2;
  const int w = (m.width + 2 * quiet) * px, h = (m.height + 2 * quiet) * px;
  std::vector<std::uint8_t> img(static_cast<std::size_t>(w) * h, 255);
  for (int y = 0; y < m.height; ++y)
    for (int x = 0; x < m.width; ++x)
      if (m.dark(x, y))
        for (int dy = 0; dy < px; ++dy)
          for (int dx = 0; dx < px; ++dx)
            img[static_cast<std::size_t>((y + quiet) * px + dy) * w + (x + quiet) * px + dx] = 0;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::DataMatrix);
  hints.setTryDownscale(false);  // libraries.md: Debian's build aborts with it on
  auto r = ZXing::ReadBarcode(ZXing::ImageView(img.data(), w, h, ZXing::ImageFormat::Lum), hints);
  return r.isValid() ? r.text() : std::string("<no read>");
}

/// Position of a square ECC 200 symbol size in the list of sizes.
int size_step(int side) {
  static const std::vector<int> kSides{10, 12, 14, 16, 18, 20, 22, 24, 26,  32,  36,  40,
                                       44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132, 144};
  for (std::size_t i = 0; i < kSides.size(); ++i)
    if (kSides[i] == side) return static_cast<int>(i);
  ADD_FAILURE() << "not a square ECC 200 size: " << side;
  return -100;
}

TEST(Mac, SignedPayloadsEncodeAndDecodeAsDataMatrix) {
  // docs/payload.md's table comes from this output (80-bit MAC, key id of 2 characters).
  const MacKey k = key("K1", kSecret1);
  const KeyRing ring = ring_of(k);
  const std::vector<std::pair<std::string, std::string>> names{
      {"short", "LI, AN"},
      {"typical", "GARCIA, SOFIA M."},
      {"typical Vietnamese", "NGUYỄN, THẢO M."},
      {"50 + 30 characters, ASCII",
       "WOLFESCHLEGELSTEINHAUSENBERGERDORFF-MCALLISTER-OBR, MARIA-GUADALUPE-ESPERANZA-JO L."},
      {"long Vietnamese", "TRẦN-NGUYỄN-ĐẶNG-HUỲNH-PHẠM-VÕ-LÊ-ĐỖ-BÙI-HỒ, NGỌC-THẢO-PHƯƠNG-UYÊN Đ."}};
  for (const auto& [what, name] : names) {
    const std::string plain = *format_payload(label(name));
    const std::string signed_payload = *sign_payload(plain, k);
    auto a = encode(layout::Symbology::DataMatrix, plain);
    auto b = encode(layout::Symbology::DataMatrix, signed_payload);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(decode(**b), signed_payload);
    EXPECT_EQ(verify_payload(decode(**b), ring), MacVerdict::Valid);
    // The MAC costs at most one step in the list of square ECC 200 sizes.
    EXPECT_LE(size_step((*b)->width), size_step((*a)->width) + 1) << what;
    std::printf("[ size     ] %-28s %3zu chars %dx%d | signed %3zu chars %dx%d\n", what.c_str(), plain.size(),
                (*a)->width, (*a)->height, signed_payload.size(), (*b)->width, (*b)->height);
  }
  const std::string g = *sign_gis_payload(*format_gis_payload(gis()), k);
  auto m = encode(layout::Symbology::DataMatrix, g);
  ASSERT_TRUE(m);
  EXPECT_EQ(verify_gis_payload(decode(**m), ring), MacVerdict::Valid);
  std::printf("[ size     ] GIS signed %zu chars %dx%d\n", g.size(), (*m)->width, (*m)->height);
}

}  // namespace
}  // namespace lg::barcode

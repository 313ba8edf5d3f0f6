#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "labelgen/barcode/damm.hpp"
#include "labelgen/barcode/encode.hpp"
#include "labelgen/barcode/payload.hpp"
#include "tests/barcode/payload_sample.hpp"

namespace lg::barcode {
namespace {

using layout::Symbology;

// ---- Damm ---------------------------------------------------------------------------------------

TEST(Damm, KnownValue) {
  EXPECT_EQ(damm_check_digit("572"), '4');  // the textbook example
  EXPECT_TRUE(damm_valid("5724"));
  EXPECT_FALSE(damm_valid("5723"));
  EXPECT_FALSE(damm_check_digit("57a"));
  EXPECT_FALSE(damm_valid(""));
}

TEST(Damm, CatchesEverySingleSubstitutionAndAdjacentTransposition) {
  const std::string body = "84789218170000769";  // 17 digits
  ASSERT_EQ(body.size(), 17u);
  const std::string good = body + *damm_check_digit(body);
  ASSERT_TRUE(damm_valid(good));
  int substitutions = 0, transpositions = 0;
  for (std::size_t i = 0; i < good.size(); ++i)
    for (char d = '0'; d <= '9'; ++d) {
      if (d == good[i]) continue;
      std::string bad = good;
      bad[i] = d;
      EXPECT_FALSE(damm_valid(bad)) << bad;
      ++substitutions;
    }
  for (std::size_t i = 0; i + 1 < good.size(); ++i) {
    if (good[i] == good[i + 1]) continue;
    std::string bad = good;
    std::swap(bad[i], bad[i + 1]);
    EXPECT_FALSE(damm_valid(bad)) << bad;
    ++transpositions;
  }
  EXPECT_EQ(substitutions, 18 * 9);
  EXPECT_GT(transpositions, 10);
}

TEST(Damm, CatchesTheMisreadZxingReturned) {
  // libraries.md: a checksum-valid wrong Code 128 read, 8478921817-000769 -> 8459921817-005269.
  const std::string right = "84789218170000769";
  const std::string wrong = "84599218170005269";
  EXPECT_NE(damm_check_digit(right), damm_check_digit(wrong));
}

// ---- Pre-ID Code 128 ----------------------------------------------------------------------------

TEST(PreIdCode128, FormatAndParse) {
  PreIdCode c{*Ssid::parse("8478921817"), 769};
  auto s = format_preid_code128(c);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->size(), 18u);
  EXPECT_EQ(*s, "847892181700007697");  // docs/payload.md
  auto back = parse_preid_code128(*s);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, c);
  EXPECT_FALSE(format_preid_code128({*Ssid::parse("8478921817"), 10'000'000}));
}

TEST(PreIdCode128, ParseRejects) {
  const std::string good = *format_preid_code128({*Ssid::parse("1234567890"), 42});
  struct Case {
    std::string text, needle;
  };
  std::string flipped = good;
  flipped[17] = flipped[17] == '0' ? '1' : '0';
  for (const Case& c :
       {Case{good.substr(0, 17), "18 digits"}, Case{good + "0", "18 digits"},
        Case{"12345678900000A420", "digits only"}, Case{flipped, "check digit"}, Case{"", "18 digits"}}) {
    auto r = parse_preid_code128(c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_NE(r.error().message.find(c.needle), std::string::npos) << r.error().message;
  }
}

// ---- DataMatrix payload -------------------------------------------------------------------------

PayloadFields sample(std::string name) { return samples::sample_payload(std::move(name)); }

const std::string kLast50 = "WOLFESCHLEGELSTEINHAUSENBERGERDORFF-MCALLISTER-OBR";  // 50 characters

TEST(Payload, FormatExample) {
  auto s = format_payload(sample("NGUYỄN, THẢO M."));
  ASSERT_TRUE(s);
  EXPECT_EQ(*s,
            "P1|2024-25|F1|19647330000000|19647336012345|KN|8478921817|0000769|2024-09-B03|"
            "NGUY%E1%BB%84N, TH%E1%BA%A2O M.");
}

class PayloadRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(PayloadRoundTrip, FormatParse) {
  PayloadFields p = sample(GetParam());
  for (bool with_mac : {false, true}) {
    if (with_mac) p.mac = MacField{"K1", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"};
    auto s = format_payload(p);
    ASSERT_TRUE(s) << s.error().message;
    for (char c : *s) ASSERT_TRUE(c >= 0x20 && c < 0x7F) << *s;
    auto back = parse_payload(*s);
    ASSERT_TRUE(back) << back.error().message << " in " << *s;
    EXPECT_EQ(*back, p);
    EXPECT_EQ(*format_payload(*back), *s);
  }
}

INSTANTIATE_TEST_SUITE_P(Names, PayloadRoundTrip,
                         ::testing::Values("NGUYỄN, THẢO M.", "Nguyễn Đặng Trần ặ ă", "MUÑOZ PEÑA, JOSÉ",
                                           "MÜLLER, ÜLKÜ", "ŠIMIĆ, ANA", "O'BRIEN-SMITH, MARY-KATE J.",
                                           "D'ANGELO, ANNA", "TER-Հակոբյան, ANI", "100% | odd / name",
                                           kLast50 + ", MARIA-GUADALUPE-ESPERANZA-JO L.", "Đặng", "A"));

TEST(Payload, ParseErrors) {
  const std::string good = *format_payload(sample("NGUYỄN, THẢO M."));
  struct Case {
    std::string text, field, needle;
  };
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::vector<Case> cases = {
      {"", "payload", "not a Pre-ID"},
      {"X1|2024-25", "payload", "not a Pre-ID"},
      {replace("P1|", "P2|"), "payload.version", "version 2"},
      {good.substr(0, good.rfind('|')), "payload", "10 fields"},
      {replace("2024-25", "2024-26"), "payload.administration", "2024-25"},
      {replace("|F1|", "|F3|"), "payload.form", "F1 or F2"},
      {replace("19647330000000", "1964733000000"), "payload.lea", "14 digits"},
      {replace("19647336012345", "1964733601234X"), "payload.school", "14 digits"},
      {replace("|KN|", "|K|"), "payload.grade", "TK, KN"},
      {replace("8478921817", "847892181"), "payload.ssid", "10 digits"},
      {replace("0000769", "769"), "payload.serial", "7 digits"},
      {replace("2024-09-B03", "bad batch!"), "payload.batch", "batch"},
      {replace("%E1%BB%84", "%e1%bb%84"), "payload.name", "uppercase hex"},
      {replace("%E1%BB%84", "%E1%BB"), "payload.name", "UTF-8"},
      {replace("M.", "M.%4"), "payload.name", "truncated"},
      {replace("M.", "%4D."), "payload.name", "non-canonical"},
      {good + "|X", "payload.mac", "K<key id>"},
      {good + "|Kab:short", "payload.mac", "MAC field"},
  };
  for (const auto& c : cases) {
    auto r = parse_payload(c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().field, c.field) << c.text << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(c.needle), std::string::npos) << c.text << ": " << r.error().message;
  }
  PayloadFields bad = sample("ANA");
  bad.batch = "has space";
  EXPECT_FALSE(format_payload(bad));
  bad = sample("");
  EXPECT_FALSE(format_payload(bad));
  bad = sample("bad \xC3");
  EXPECT_FALSE(format_payload(bad));
}

TEST(GisPayload, RoundTripAndErrors) {
  GisFields g;
  g.administration = *AdminYear::parse("2024-25");
  g.form = Form::F2;
  g.lea = *CdsCode::parse("19647330000000");
  g.school = *CdsCode::parse("19647336012345");
  g.grade = Grade::KN;
  g.batch = "2024-09-B03";
  g.count = 27;
  g.serial = 31;
  auto s = format_gis_payload(g);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "G1|2024-25|F2|19647330000000|19647336012345|KN|2024-09-B03|27|0000031");
  EXPECT_EQ(*parse_gis_payload(*s), g);
  g.mac = MacField{"K2", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"};
  EXPECT_EQ(*parse_gis_payload(*format_gis_payload(g)), g);
  EXPECT_FALSE(parse_gis_payload("G1|2024-25|F2|19647330000000|19647336012345|KN|B|027|0000031"));
  EXPECT_FALSE(parse_gis_payload("G1|2024-25|F2|19647330000000|19647336012345|KN|B|0|0000031"));
  EXPECT_FALSE(parse_gis_payload(*format_payload(sample("A"))));
  g.count = 0;
  EXPECT_FALSE(format_gis_payload(g));

  auto c = format_gis_code128(31);
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, "00000319");  // docs/payload.md
  EXPECT_EQ(*parse_gis_code128(*c), 31u);
  std::string bad = *c;
  std::swap(bad[5], bad[6]);
  EXPECT_FALSE(parse_gis_code128(bad));
}

// ---- Encoding and ZXing round trip --------------------------------------------------------------

/// Renders a module matrix at `px` pixels per module with `quiet` modules of white around it.
std::vector<std::uint8_t> raster(const layout::ModuleMatrix& m, int px, int quiet, int bar_rows, int& w,
                                 int& h) {
  const int rows = m.height == 1 ? bar_rows : m.height;
  w = (m.width + 2 * quiet) * px;
  h = (rows + 2 * quiet) * px;
  std::vector<std::uint8_t> img(static_cast<std::size_t>(w) * h, 255);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < m.width; ++x)
      if (m.dark(x, m.height == 1 ? 0 : y))
        for (int dy = 0; dy < px; ++dy)
          for (int dx = 0; dx < px; ++dx)
            img[static_cast<std::size_t>((y + quiet) * px + dy) * w + (x + quiet) * px + dx] = 0;
  return img;
}

std::string decode(const layout::ModuleMatrix& m, Symbology s) {
  int w = 0, h = 0;
  auto img = raster(m, 3, quiet_zone_modules(s) < 10 ? 2 : 10, 30, w, h);
  ZXing::DecodeHints hints;
  hints.setFormats(s == Symbology::Code128 ? ZXing::BarcodeFormat::Code128
                                           : ZXing::BarcodeFormat::DataMatrix);
  hints.setTryDownscale(false);  // libraries.md: Debian's build aborts with it on
  hints.setTryRotate(false);
  auto r = ZXing::ReadBarcode(ZXing::ImageView(img.data(), w, h, ZXing::ImageFormat::Lum), hints);
  return r.isValid() ? r.text() : std::string("<no read>");
}

TEST(Encode, Code128RoundTrip) {
  for (const std::string& content : {*format_preid_code128({*Ssid::parse("8478921817"), 769}),
                                     *format_gis_code128(31), std::string("ABC-123 xyz")}) {
    auto m = encode(Symbology::Code128, content);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ((*m)->height, 1);
    EXPECT_TRUE((*m)->dark(0, 0));
    EXPECT_TRUE((*m)->dark((*m)->width - 1, 0));
    EXPECT_EQ(decode(**m, Symbology::Code128), content);
  }
  EXPECT_EQ((*encode(Symbology::Code128, "847892181700007690"))->width, 134);  // set C: 9 pairs
}

TEST(Encode, RefusesNonAscii) {
  auto r = encode(Symbology::Code128, "Muñoz");  // ZXing would silently turn ñ into FNC1
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("printable ASCII"), std::string::npos);
  EXPECT_FALSE(encode(Symbology::DataMatrix, "Nguyễn"));
  EXPECT_FALSE(encode(Symbology::DataMatrix, ""));
  EXPECT_FALSE(encode(Symbology::Code128, "tab\there"));
}

TEST(Encode, DataMatrixRoundTripAndSizes) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"typical", "GARCIA, SOFIA M."},
      {"typical Vietnamese", "NGUYỄN, THẢO M."},
      {"short", "LI, AN"},
      {"50-char last, 30-char first (ASCII)", kLast50 + ", MARIA-GUADALUPE-ESPERANZA-JO L."},
      {"long Vietnamese", "TRẦN-NGUYỄN-ĐẶNG-HUỲNH-PHẠM-VÕ-LÊ-ĐỖ-BÙI-HỒ, NGỌC-THẢO-PHƯƠNG-UYÊN Đ."},
      {"worst case: 85 letters of 3 UTF-8 bytes", std::string(50 * 3 / 3, 'x')}};
  for (auto [what, name] : names) {
    if (what.starts_with("worst")) {
      name.clear();
      for (int i = 0; i < 50; ++i) name += "Ễ";
      name += ", ";
      for (int i = 0; i < 30; ++i) name += "Ễ";
      name += " Ễ.";
    }
    PayloadFields p = sample(name);
    auto s = format_payload(p);
    ASSERT_TRUE(s);
    for (bool mac : {false, true}) {
      std::string content = *s;
      if (mac)
        content = *format_payload([&] {
          PayloadFields q = p;
          q.mac = MacField{"K1", std::string(26, 'A')};  // 128-bit tag in base32
          return q;
        }());
      auto m = encode(Symbology::DataMatrix, content);
      ASSERT_TRUE(m) << m.error().message;
      EXPECT_EQ((*m)->width, (*m)->height) << "ZXing picked a rectangular symbol";
      EXPECT_EQ(decode(**m, Symbology::DataMatrix), content);
      std::printf("[ size     ] %-42s %s %4zu chars -> %dx%d\n", what.c_str(), mac ? "+MAC" : "    ",
                  content.size(), (*m)->width, (*m)->height);
    }
  }
  GisFields g;
  g.administration = *AdminYear::parse("2024-25");
  g.lea = *CdsCode::parse("19647330000000");
  g.school = *CdsCode::parse("19647336012345");
  g.batch = "2024-09-B03";
  g.count = 27;
  g.serial = 31;
  const std::string gis = *format_gis_payload(g);
  auto m = encode(Symbology::DataMatrix, gis);
  ASSERT_TRUE(m);
  EXPECT_EQ(decode(**m, Symbology::DataMatrix), gis);
  auto c = encode(Symbology::Code128, gis);
  std::printf("[ size     ] GIS payload %zu chars -> DataMatrix %dx%d (Code 128 would be %d modules)\n",
              gis.size(), (*m)->width, (*m)->height, c ? (*c)->width : -1);
}

TEST(Encode, SquareEvenWhereZxingWouldPickARectangle) {
  // 45-49 data codewords: ZXing's default would be the 16x48 rectangle.
  for (int n = 80; n <= 100; ++n) {
    auto m = encode(Symbology::DataMatrix, std::string(static_cast<std::size_t>(n), 'a'));
    ASSERT_TRUE(m);
    EXPECT_EQ((*m)->width, (*m)->height) << n;
  }
}

TEST(Encode, Speed) {
  const std::string dm = *format_payload(sample("NGUYỄN, THẢO M."));
  const std::string c128 = *format_preid_code128({*Ssid::parse("8478921817"), 769});
  const auto t0 = std::chrono::steady_clock::now();
  int n = 0;
  for (; n < 5000; ++n) {
    auto a = encode(Symbology::Code128, c128);
    auto b = encode(Symbology::DataMatrix, dm);
    ASSERT_TRUE(a && b);
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ perf     ] encode Code 128 + DataMatrix: %.1f us per label (%.0f labels/s)\n", s / n * 1e6,
              n / s);
}

}  // namespace
}  // namespace lg::barcode

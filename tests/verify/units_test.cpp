// Units of lg_verify: classification, pairing and order on a page, roster parsing, redaction.
#include "labelgen/verify/output.hpp"
#include "labelgen/verify/roster.hpp"
#include "labelgen/verify/scan.hpp"
#include "tests/verify/verify_support.hpp"

namespace lg::verify::test {
namespace {

const char* kPayload =
    "P1|2024-25|F1|19647330000000|19647336012345|KN|8478921817|0000769|2024-09-B03|NGUY%E1%BB%84N, "
    "TH%E1%BA%A2O M.";

TEST(VerifyUnits, Classify) {
  EXPECT_EQ(classify("847892181700007697").kind, CodeKind::PreIdCode128);
  EXPECT_EQ(classify("847892181700007698").kind, CodeKind::BadOurs);  // Damm digit wrong
  EXPECT_EQ(classify("00000319").kind, CodeKind::GisCode128);
  EXPECT_EQ(classify(kPayload).kind, CodeKind::PreIdPayload);
  EXPECT_EQ(classify("G1|2024-25|F2|19647330000000|19647336012345|KN|2024-09-B03|27|0000031").kind,
            CodeKind::GisPayload);
  const auto bad = classify("P1|2024-25|F9|x");
  EXPECT_EQ(bad.kind, CodeKind::BadOurs);
  EXPECT_EQ(classify("P2|whatever").kind, CodeKind::BadOurs);
  EXPECT_EQ(classify("https://example.org").kind, CodeKind::NotOurs);
  EXPECT_EQ(classify("12345").kind, CodeKind::NotOurs);
}

decode::Symbol sym(decode::SymbolFormat f, std::string text, double x, double y) {
  decode::Symbol s;
  s.format = f;
  s.text = std::move(text);
  s.centre = {x, y};
  return s;
}

TEST(VerifyUnits, PairsByIdentityAndOrdersRowsThenColumns) {
  using F = decode::SymbolFormat;
  const std::string code_a = *barcode::format_preid_code128({*Ssid::parse("8478921817"), 769});
  const std::string code_b = *barcode::format_preid_code128({*Ssid::parse("8478921817"), 770});
  std::string payload_b = kPayload;
  payload_b.replace(payload_b.find("0000769"), 7, "0000770");
  ScanSet set;
  // Label B (second column) sits slightly higher than label A (first column): one row.
  add_page(set,
           {sym(F::Code128, code_b, 1100, 290), sym(F::DataMatrix, payload_b, 1500, 280),
            sym(F::DataMatrix, kPayload, 600, 310), sym(F::Code128, code_a, 200, 300)},
           300, "p");
  ASSERT_EQ(set.labels.size(), 2u);
  EXPECT_EQ(set.labels[0].serial(), 769u);
  EXPECT_EQ(set.labels[1].serial(), 770u);
  for (const auto& l : set.labels) {
    EXPECT_TRUE(l.code && l.payload);
    EXPECT_FALSE(l.disagree);
  }
  EXPECT_EQ(set.labels[1].position, 2u);
}

TEST(VerifyUnits, SymbolsThatDisagreeAreOnePairFlagged) {
  using F = decode::SymbolFormat;
  const std::string other_code = *barcode::format_preid_code128({*Ssid::parse("8459921817"), 5269});
  ScanSet set;
  add_page(set, {sym(F::Code128, other_code, 200, 300), sym(F::DataMatrix, kPayload, 600, 300)}, 300, "p");
  ASSERT_EQ(set.labels.size(), 1u);
  EXPECT_TRUE(set.labels[0].disagree);
  // Far apart (another label's region), they are two lone symbols.
  ScanSet far;
  add_page(far, {sym(F::Code128, other_code, 200, 300), sym(F::DataMatrix, kPayload, 2000, 3000)}, 300, "p");
  ASSERT_EQ(far.labels.size(), 2u);
  EXPECT_FALSE(far.labels[0].disagree);
}

TEST(VerifyUnits, RosterErrorsNameFileLineField) {
  auto r = parse_roster("serial,name\n769,\"NGUYỄN, THẢO\"\n0000770,Lee Bo\n", "r.csv");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->key, RosterKey::Serial);
  LabelScan l;
  l.code = barcode::PreIdCode{*Ssid::parse("8478921817"), 770};
  EXPECT_EQ(r->find(l), "Lee Bo");
  EXPECT_EQ(parse_roster("name\nx\n", "r.csv").error().message,
            "r.csv:1:header: needs a 'position', 'serial' or 'ssid' column");
  EXPECT_EQ(parse_roster("ssid,name\n12,Bo\n", "r.csv").error().message,
            "r.csv:2:ssid: not an SSID (10 digits)");
  EXPECT_EQ(parse_roster("position,name\n1,\n", "r.csv").error().message, "r.csv:2:name: empty name");
  EXPECT_EQ(parse_roster("position,name\n1,A\n01,B\n", "r.csv").error().message,
            "r.csv:3:position: the same position appears twice");
  EXPECT_EQ(parse_roster("position,serial,name\n", "r.csv").error().message.substr(0, 16),
            "r.csv:1:serial: ");
}

TEST(VerifyUnits, Redaction) {
  EXPECT_EQ(redact_name("NGUYỄN, THẢO M."), "N. T. M.");
  EXPECT_EQ(redact_name("ÁLVAREZ-RUIZ, ÉLODIE"), "Á. R. É.");
  EXPECT_EQ(redact_ssid("8478921817"), "******1817");
}

}  // namespace
}  // namespace lg::verify::test

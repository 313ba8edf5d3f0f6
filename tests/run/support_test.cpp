// The round-trip helpers themselves: CSV and pdffonts parsing, label slot geometry.
#include <gtest/gtest.h>

#include "tests/run/run_support.hpp"

namespace lg::run::test {
namespace {

TEST(RunSupport, ParsesRfc4180Csv) {
  const auto rows = parse_csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\n\"\",last");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"multi\nline", "", "x"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "last"}));
  EXPECT_THROW(parse_csv("\"open"), std::runtime_error);
}

TEST(RunSupport, ParsesManifestRows) {
  const auto rows = parse_manifest(
      "serial,ssid,name,lea_cds,school_cds,grade,form,gis_id,file,page,position,event_id\n"
      "0000001,2991552027,\"LOR, ZUZANNA\",19642120000000,19642126011975,KN,1,G1,a.pdf,2,1,SSR-1\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "LOR, ZUZANNA");
  EXPECT_EQ(rows[0].page, 2);
  EXPECT_EQ(rows[0].position, 1);
  EXPECT_EQ(rows[0].event_id, "SSR-1");
  EXPECT_THROW(parse_manifest("serial,ssid\n1,2\n"), std::runtime_error);
}

TEST(RunSupport, ParsesPdffontsTable) {
  const std::string out =
      "name                                 type              encoding         emb sub uni object ID\n"
      "------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
      "HPDFAA+LiberationSans-Bold,Bold      CID TrueType      Identity-H       yes yes yes      7  0\n"
      "Helvetica                            Type 1            WinAnsi          no  no  no       9  0\n";
  std::string error;
  const auto fonts = parse_pdffonts(out, &error);
  EXPECT_TRUE(error.empty()) << error;
  ASSERT_EQ(fonts.size(), 2u);
  EXPECT_EQ(fonts[0].name, "HPDFAA+LiberationSans-Bold,Bold");
  EXPECT_EQ(fonts[0].type, "CID TrueType");
  EXPECT_EQ(fonts[0].emb, "yes");
  EXPECT_EQ(fonts[1].name, "Helvetica");
  EXPECT_EQ(fonts[1].emb, "no");
  EXPECT_EQ(fonts[1].uni, "no");
  parse_pdffonts("Syntax Error: broken\n", &error);
  EXPECT_FALSE(error.empty());
}

TEST(RunSupport, SlotAreasOfAvery5160TileThePageWithoutOverlap) {
  const auto stock = load_stock("avery-5160");
  ASSERT_EQ(stock.labels_per_page(), 30);
  const RectPt first = slot_area(stock, 0), second = slot_area(stock, 1), below = slot_area(stock, 3);
  // 3/16 in margin, widened by half of the 1/8 in gutter.
  EXPECT_NEAR(first.x0, Length::in(0.1875 - 0.0625).points(), 1e-9);
  EXPECT_NEAR(first.y0, Length::in(0.5).points(), 1e-9);
  EXPECT_NEAR(first.x1, second.x0, 1e-9);
  EXPECT_NEAR(first.y1, below.y0, 1e-9);
  EXPECT_NEAR(slot_area(stock, 29).y1, Length::in(10.5).points(), 1e-9);
}

}  // namespace
}  // namespace lg::run::test

// Every symbol of a full sheet at 90°, 180°, 270° and 5°, and a label printed twice on one page
// found twice.
#include <iostream>

#include "tests/decode/decode_support.hpp"

namespace lg::decode::test {
namespace {

/// The first label page of full_sheets(), rasterized once per process at 300 dpi.
struct Sheet {
  lg::test::ScratchDir dir;
  fs::path png;
  int page = 0;
  std::vector<Label> labels;
};
const Sheet& sheet() {
  static const std::unique_ptr<Sheet> s = [] {
    auto out = std::make_unique<Sheet>();
    const auto& run = full_sheets();
    out->page = run.labels.front().page;
    out->labels = run.on_page(full_sheets_file(), out->page);
    out->png = rasterize(run.batch_dir / full_sheets_file(), out->page, 300, out->dir / "sheet.png");
    return out;
  }();
  return *s;
}

class Rotation : public ::testing::TestWithParam<double> {};

TEST_P(Rotation, EverySymbolOfTheSheet) {
  lg::test::ScratchDir tmp;
  const double deg = GetParam();
  const fs::path img =
      damage(sheet().png, tmp / "turned.png", "--rotate " + std::to_string(deg) + " --noise 3");
  auto r = decode_file(img);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->pages.size(), 1u);
  const Score s = score_page(r->pages[0], sheet().labels);
  std::cout << s.summary("turned " + std::to_string(static_cast<int>(deg)) + " degrees") << "\n";
  EXPECT_EQ(s.labels, 30);
  EXPECT_EQ(s.datamatrix, 30);
  EXPECT_EQ(s.code128, 30);
  EXPECT_EQ(s.duplicates, 0);
  EXPECT_TRUE(s.wrong.empty()) << s.wrong.front();
  // The DataMatrix symbols' angle is the page's turn (counter-clockwise). (A Code 128's angle
  // is the direction of the rows that read it, see symbol.hpp.)
  for (const auto& sym : r->pages[0].symbols) {
    if (sym.format != SymbolFormat::DataMatrix) continue;
    double d = std::fmod(sym.angle - deg + 720.0, 360.0);
    if (d > 180) d -= 360;
    EXPECT_LT(std::abs(d), 3.0) << format_name(sym.format) << " at angle " << sym.angle;
  }
}

INSTANTIATE_TEST_SUITE_P(Turns, Rotation, ::testing::Values(90.0, 180.0, 270.0, 5.0),
                         [](const auto& p) { return "deg" + std::to_string(static_cast<int>(p.param)); });

TEST(Duplicates, SameLabelTwiceOnAPageIsTwoSymbols) {
  // Label slot 1 copied over slot 30: its two symbols must each be reported twice, at places
  // 9 in apart; slot 30's own label is gone.
  auto pages = load_pages(sheet().png);
  ASSERT_TRUE(pages) << pages.error().message;
  GrayImage g = std::move(pages->front());
  const double dpi = g.dpi > 0 ? g.dpi : 300;
  auto px = [&](double in) { return static_cast<int>(std::lround(in * dpi)); };
  const int w = px(2.625), h = px(1.0);
  const int sx = px(0.1875), sy = px(0.5);                       // slot 1 (row 1, column 1)
  const int dx = px(0.1875 + 2 * 2.75), dy = px(0.5 + 9 * 1.0);  // slot 30 (row 10, column 3)
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) g.at(dx + x, dy + y) = g.at(sx + x, sy + y);
  const auto symbols = decode_image(g);
  const Label* first = nullptr;
  const Label* last = nullptr;
  for (const auto& l : sheet().labels) {
    if (l.position == 1) first = &l;
    if (l.position == 30) last = &l;
  }
  ASSERT_TRUE(first && last);
  std::vector<const Symbol*> dm, code;
  for (const auto& s : symbols) {
    if (s.format == SymbolFormat::DataMatrix && s.text.find("|" + first->serial + "|") != std::string::npos)
      dm.push_back(&s);
    if (s.format == SymbolFormat::Code128 && s.text.substr(0, 17) == first->ssid + first->serial)
      code.push_back(&s);
    EXPECT_EQ(s.text.find("|" + last->serial + "|"), std::string::npos)
        << "slot 30's own label was overwritten";
  }
  ASSERT_EQ(dm.size(), 2u);
  ASSERT_EQ(code.size(), 2u);
  EXPECT_GT(std::hypot(dm[0]->centre.x - dm[1]->centre.x, dm[0]->centre.y - dm[1]->centre.y), 8 * dpi);
  EXPECT_GT(std::hypot(code[0]->centre.x - code[1]->centre.x, code[0]->centre.y - code[1]->centre.y),
            8 * dpi);
  EXPECT_EQ(symbols.size(), 60u);
}

}  // namespace
}  // namespace lg::decode::test

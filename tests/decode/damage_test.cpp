// The labelgen-damage tool: deterministic for a seed, different for another, resolution and
// size as asked, bad command lines refused.
#include "tests/decode/decode_support.hpp"

namespace lg::decode::test {
namespace {

TEST(DamageTool, DeterministicForASeed) {
  lg::test::ScratchDir tmp;
  const auto& run = full_sheets();
  const fs::path clean =
      rasterize(run.batch_dir / full_sheets_file(), run.labels.front().page, 150, tmp / "c.png");
  const std::string args = "--rotate 2 --perspective 0.04 --blur 0.7 --noise 6 --jpeg 75";
  damage(clean, tmp / "a.png", args + " --seed 7");
  damage(clean, tmp / "b.png", args + " --seed 7");
  damage(clean, tmp / "c2.png", args + " --seed 8");
  damage(clean, tmp / "a.jpg", args + " --seed 7");
  damage(clean, tmp / "b.jpg", args + " --seed 7");
  EXPECT_EQ(lg::test::read_file(tmp / "a.png"), lg::test::read_file(tmp / "b.png"));
  EXPECT_EQ(lg::test::read_file(tmp / "a.jpg"), lg::test::read_file(tmp / "b.jpg"));
  EXPECT_NE(lg::test::read_file(tmp / "a.png"), lg::test::read_file(tmp / "c2.png"));
}

TEST(DamageTool, ScaleAndRotateSizes) {
  lg::test::ScratchDir tmp;
  const auto& run = full_sheets();
  const fs::path clean =
      rasterize(run.batch_dir / full_sheets_file(), run.labels.front().page, 150, tmp / "c.png");
  damage(clean, tmp / "half.png", "--scale 150:75");
  auto half = load_pages(tmp / "half.png");
  ASSERT_TRUE(half);
  EXPECT_EQ(half->front().width, 638);  // 1275 / 2, rounded
  EXPECT_NEAR(half->front().dpi, 75, 0.5);
  damage(clean, tmp / "q.png", "--rotate 90");
  auto q = load_pages(tmp / "q.png");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->front().width, 1650);
  EXPECT_EQ(q->front().height, 1275);
}

TEST(DamageTool, BadCommandLines) {
  lg::test::ScratchDir tmp;
  const fs::path in = tmp.write("in.txt", "not an image");
  EXPECT_EQ(run_damage("").exit_code, 2);
  EXPECT_EQ(run_damage(quoted(in) + " " + quoted(tmp / "o.gif")).exit_code, 2);
  EXPECT_EQ(run_damage(quoted(in) + " " + quoted(tmp / "o.png") + " --blur x").exit_code, 2);
  EXPECT_EQ(run_damage(quoted(in) + " " + quoted(tmp / "o.png") + " --jpeg 101").exit_code, 2);
  EXPECT_EQ(run_damage(quoted(in) + " " + quoted(tmp / "o.png") + " --scale 300").exit_code, 2);
  EXPECT_EQ(run_damage(quoted(in) + " " + quoted(tmp / "o.png") + " --wobble 1").exit_code, 2);
  const auto bad = run_damage(quoted(in) + " " + quoted(tmp / "o.png"));
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("not a PNG, JPEG, TIFF or PDF"), std::string::npos) << bad.err;
  EXPECT_EQ(run_damage("--help").exit_code, 0);
}

}  // namespace
}  // namespace lg::decode::test

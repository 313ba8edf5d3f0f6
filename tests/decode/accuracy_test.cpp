// Decode rates on full 30-up sheets printed by the real labelgen binary, rasterized by
// pdftoppm and damaged by the real labelgen-damage binary: ≥ 99 % of labels at 300 dpi with
// moderate damage, ≥ 95 % at 150 dpi, and never a wrong read that passes its checks.
#include <iostream>

#include "tests/decode/decode_support.hpp"

namespace lg::decode::test {
namespace {

/// The label pages of full_sheets() (1-based page numbers), each with its labels.
std::vector<std::pair<int, std::vector<Label>>> label_pages() {
  const auto& run = full_sheets();
  std::map<int, std::vector<Label>> pages;
  for (const auto& l : run.labels) pages[l.page].push_back(l);
  return {pages.begin(), pages.end()};
}

/// Damages every label page with `args` (after rasterizing at `dpi`), decodes, scores.
Score run_preset(const std::string& args, const std::string& ext = ".png", int dpi = 300) {
  lg::test::ScratchDir tmp;
  const auto& run = full_sheets();
  const fs::path pdf = run.batch_dir / full_sheets_file();
  Score total;
  for (const auto& [page, labels] : label_pages()) {
    const fs::path clean = rasterize(pdf, page, dpi, tmp / ("clean" + std::to_string(page) + ".png"));
    const fs::path hurt = damage(clean, tmp / ("damaged" + std::to_string(page) + ext),
                                 args + " --seed " + std::to_string(page));
    total.add(decode_and_score(hurt, {labels}));
  }
  return total;
}

TEST(DecodeAccuracy, SheetsAreFull) {
  const auto pages = label_pages();
  ASSERT_EQ(pages.size(), 2u);
  for (const auto& [page, labels] : pages) EXPECT_EQ(labels.size(), 30u) << "page " << page;
}

TEST(DecodeAccuracy, Moderate300dpi) {
  // Rotated 3°, blurred, noisy, JPEG quality 80 (the "moderate" preset of samples/scans).
  const Score s = run_preset("--rotate 3 --blur 0.8 --noise 6 --jpeg 80");
  std::cout << s.summary("300 dpi, moderate damage") << "\n";
  EXPECT_EQ(s.labels, 60);
  EXPECT_GE(s.rate(), 99.0);
  EXPECT_GE(s.code128, 59);
  EXPECT_EQ(s.duplicates, 0);
  EXPECT_TRUE(s.wrong.empty()) << s.wrong.front();
}

TEST(DecodeAccuracy, Scan150dpi) {
  // A 150-dpi scan: the 300-dpi raster area-sampled to 150 dpi as a scanner's sensor does (not
  // pdftoppm -r 150, which leaves light seams between abutting modules), skewed 1°, light
  // blur and noise.
  const Score s = run_preset("--rotate 1 --scale 300:150 --blur 0.4 --noise 4");
  std::cout << s.summary("150 dpi scan") << "\n";
  EXPECT_EQ(s.labels, 60);
  EXPECT_GE(s.rate(), 95.0);
  EXPECT_EQ(s.duplicates, 0);
  EXPECT_TRUE(s.wrong.empty()) << s.wrong.front();
}

TEST(DecodeAccuracy, PhonePhotoJpeg) {
  // Keystone perspective, turned 7°, soft focus, JPEG quality 70 (the "phone" preset).
  const Score s = run_preset("--perspective 0.05 --rotate 7 --blur 0.7 --noise 5 --jpeg 70", ".jpg");
  std::cout << s.summary("phone-style JPEG") << "\n";
  EXPECT_EQ(s.labels, 60);
  // Measured: every Code 128, 80 % of the DataMatrix symbols (ZXing 1.4 loses some under
  // keystone plus 7° plus JPEG 70). Every label is identified by at least one symbol.
  EXPECT_GE(s.code128, 59);
  EXPECT_GE(s.rate(), 75.0);
  EXPECT_EQ(s.duplicates, 0);
  EXPECT_TRUE(s.wrong.empty()) << s.wrong.front();
}

TEST(DecodeAccuracy, CheckDigitCatchesChecksumValidMisreads) {
  // A Code 128 read can be checksum-valid and wrong (libraries.md); the Damm digit must reject
  // it. Every single-digit substitution and adjacent transposition of a real label code:
  const auto& l = full_sheets().labels.front();
  auto ssid = Ssid::parse(l.ssid);
  ASSERT_TRUE(ssid);
  auto code = barcode::format_preid_code128({*ssid, static_cast<std::uint32_t>(std::stoul(l.serial))});
  ASSERT_TRUE(code);
  int tried = 0;
  for (std::size_t i = 0; i < code->size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == (*code)[i]) continue;
      std::string bad = *code;
      bad[i] = d;
      ++tried;
      EXPECT_FALSE(barcode::parse_preid_code128(bad)) << "substitution at " << i;
      EXPECT_FALSE(labelgen_symbols_only()(SymbolFormat::Code128, bad));
    }
    if (i + 1 < code->size() && (*code)[i] != (*code)[i + 1]) {
      std::string bad = *code;
      std::swap(bad[i], bad[i + 1]);
      ++tried;
      EXPECT_FALSE(barcode::parse_preid_code128(bad)) << "transposition at " << i;
    }
  }
  EXPECT_GT(tried, 150);
  EXPECT_TRUE(labelgen_symbols_only()(SymbolFormat::Code128, *code));
  // The misread libraries.md reports (8478921817-000769 read as 8459921817-005269).
  auto real = barcode::format_preid_code128({*Ssid::parse("8478921817"), 769});
  ASSERT_TRUE(real);
  const std::string misread = "84599218170005269" + real->substr(17);
  EXPECT_EQ(misread.size(), 18u);
  EXPECT_FALSE(barcode::parse_preid_code128(misread));
}

}  // namespace
}  // namespace lg::decode::test

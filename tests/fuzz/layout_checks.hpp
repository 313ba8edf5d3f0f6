#pragma once
/// Invariants of loaded layout data (tests/fuzz/targets/{stock,label_template,gis_template}.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "labelgen/layout/template.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace lg::fuzz {

inline bool valid_pages(const std::string& p) { return p == "all" || p == "first" || p == "continued"; }

/// A stock has at least one label, no overlap, and every slot fits the page's right and bottom.
inline void check_stock(const layout::Stock& s) {
  LG_FUZZ_CHECK(!s.name.empty());
  LG_FUZZ_CHECK(s.columns >= 1 && s.rows >= 1);
  // labels_per_page() multiplies two ints: the loader must keep that product in range.
  LG_FUZZ_CHECK(static_cast<std::int64_t>(s.columns) * s.rows <= INT32_MAX);
  LG_FUZZ_CHECK(s.pitch_x >= s.label.width && s.pitch_y >= s.label.height);
  const auto last = s.slot_origin(s.labels_per_page() - 1);
  const double eps = 1e-6;
  LG_FUZZ_CHECK((last.x + s.label.width).points() <= s.page.width.points() + eps);
  LG_FUZZ_CHECK((last.y + s.label.height).points() <= s.page.height.points() + eps);
}

inline void check_items(const std::vector<layout::TextItem>& texts,
                        const std::vector<layout::BarcodeItem>& codes,
                        const std::vector<layout::RectItem>& rects) {
  for (const auto& t : texts) {
    LG_FUZZ_CHECK(!t.text.empty() && !t.font.empty());
    LG_FUZZ_CHECK(t.size > Length{} && t.min_size > Length{} && t.min_size <= t.size && t.width > Length{});
    LG_FUZZ_CHECK(valid_pages(t.pages));
  }
  for (const auto& b : codes) {
    LG_FUZZ_CHECK(!b.content.empty());
    LG_FUZZ_CHECK(b.module > Length{} && b.min_module > Length{} && b.min_module <= b.module);
    LG_FUZZ_CHECK(b.anchor == "top-left" || b.anchor == "top-right" || b.anchor == "bottom-left" ||
                  b.anchor == "bottom-right");
    LG_FUZZ_CHECK(valid_pages(b.pages));
  }
  for (const auto& r : rects) LG_FUZZ_CHECK(valid_pages(r.pages));
}

}  // namespace lg::fuzz

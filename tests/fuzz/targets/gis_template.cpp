// Fuzz target: the GIS template loader (lg::layout::load_gis_template_file). Beyond "no crash":
// an error names the file; a loaded template keeps the documented rules of its items and its
// roster leaves room for a header and a row on every page.
#include <algorithm>
#include <cstdint>

#include "labelgen/layout/template.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/layout_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("gis.toml");
  const auto& path = file.write(data, size);
  auto g = lg::layout::load_gis_template_file(path);
  if (!g) {
    LG_FUZZ_CHECK(g.error().message.find(path.string()) != std::string::npos);
    return 0;
  }
  LG_FUZZ_CHECK(!g->name.empty());
  lg::fuzz::check_items(g->texts, g->barcodes, g->rects);
  LG_FUZZ_CHECK(g->row_height > lg::Length{});
  LG_FUZZ_CHECK(g->roster_bottom - std::max(g->roster_top, g->roster_continued_top) >= g->row_height * 2);
  for (const auto& c : g->columns) LG_FUZZ_CHECK(c.checkbox || !c.text.empty());
  return 0;
}

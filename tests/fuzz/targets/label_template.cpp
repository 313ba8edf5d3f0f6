// Fuzz target: the Pre-ID label template loader (lg::layout::load_label_template_file), with the
// shipped stocks. Beyond "no crash": an error names the file; every loaded item keeps the
// documented rules (positive sizes, min <= size, whole-word enumerations) and its stock is sound.
#include <cstdint>

#include "labelgen/layout/template.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/layout_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("label.toml");
  static const auto stocks = lg::fuzz::repo_dir() / "templates" / "stocks";
  const auto& path = file.write(data, size);
  auto t = lg::layout::load_label_template_file(path, stocks);
  if (!t) {
    LG_FUZZ_CHECK(t.error().message.find(path.string()) != std::string::npos);
    return 0;
  }
  LG_FUZZ_CHECK(!t->name.empty());
  lg::fuzz::check_stock(t->stock);
  lg::fuzz::check_items(t->texts, t->barcodes, t->rects);
  return 0;
}

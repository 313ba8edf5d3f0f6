// Fuzz target: the label stock loader (lg::layout::load_stock_file). Beyond "no crash": an error
// names the file; a loaded stock has at least one label and every label slot lies on the page.
#include <cstdint>

#include "labelgen/layout/template.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/layout_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("stock.toml");
  const auto& path = file.write(data, size);
  auto s = lg::layout::load_stock_file(path);
  if (!s) {
    LG_FUZZ_CHECK(s.error().message.find(path.string()) != std::string::npos);
    return 0;
  }
  lg::fuzz::check_stock(*s);
  return 0;
}

// Fuzz target: the printer profile loader (lg::printers::load_profile_file). Beyond "no crash"
// (UBSan included: numbers out of int range must not be cast blindly): an error names the file;
// a loaded profile keeps the documented ranges.
#include <cstdint>

#include "labelgen/printers/profile.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("printer.toml");
  const auto& path = file.write(data, size);
  auto p = lg::printers::load_profile_file(path);
  if (!p) {
    LG_FUZZ_CHECK(p.error().message.find(path.string()) != std::string::npos);
    return 0;
  }
  LG_FUZZ_CHECK(!p->name.empty() && !p->label_template.empty() && !p->gis_template.empty());
  LG_FUZZ_CHECK(p->dpi >= 100 && p->dpi <= 2400);
  LG_FUZZ_CHECK(!p->darkness || (*p->darkness >= 0 && *p->darkness <= 30));
  LG_FUZZ_CHECK(!p->speed || (*p->speed >= 1 && *p->speed <= 14));
  const auto kind = lg::printers::kind_name(p->kind);
  LG_FUZZ_CHECK(kind == "pdf" || kind == "zpl" || kind == "png");
  return 0;
}

// labelgen-decode-scan FILE...: decodes scans with lg::decode and prints, per page, how many
// Code 128 and DataMatrix symbols it read and how long it took. With --texts, also every
// decoded text (these carry SSIDs and names: for benches and scripts that write them to a
// private file, never for logs). Exit codes: 0 done, 2 bad command line, 3 a file unreadable.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "labelgen/core/malloc_tuning.hpp"
#include "labelgen/decode/decode.hpp"

int main(int argc, char** argv) {
  lg::tune_malloc();
  bool texts = false;
  std::vector<std::string> files;
  lg::decode::DecodeOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--texts") {
      texts = true;
    } else if (a == "--labelgen-only") {
      options.filter = lg::decode::labelgen_symbols_only();
    } else if (a == "--help" || a == "-h") {
      std::puts(
          "usage: labelgen-decode-scan [--texts] [--labelgen-only] FILE...\n"
          "Decodes every page of each scan (PNG, JPEG, TIFF, PDF) and prints per page:\n"
          "  FILE<TAB>page N<TAB>code128 C<TAB>datamatrix D<TAB>seconds S\n"
          "--texts also prints FILE<TAB>page N<TAB>FORMAT<TAB>TEXT per symbol (personal data).\n"
          "--labelgen-only keeps only labelgen's formats (check digits and payloads verified).");
      return 0;
    } else if (a.starts_with("--")) {
      std::fprintf(stderr, "labelgen-decode-scan: unknown option %s\n", argv[i]);
      return 2;
    } else {
      files.emplace_back(a);
    }
  }
  if (files.empty()) {
    std::fputs("labelgen-decode-scan: no files (see --help)\n", stderr);
    return 2;
  }
  int status = 0;
  for (const auto& f : files) {
    auto r = lg::decode::decode_file(f, options);
    if (!r) {
      std::fprintf(stderr, "labelgen-decode-scan: %s\n", r.error().message.c_str());
      status = 3;
      continue;
    }
    for (const auto& p : r->pages) {
      int c = 0, d = 0;
      for (const auto& s : p.symbols) (s.format == lg::decode::SymbolFormat::Code128 ? c : d) += 1;
      std::printf("%s\tpage %d\tcode128 %d\tdatamatrix %d\tseconds %.3f\n", f.c_str(), p.page + 1, c, d,
                  p.seconds);
      if (texts)
        for (const auto& s : p.symbols)
          std::printf("%s\tpage %d\t%s\t%s\n", f.c_str(), p.page + 1,
                      std::string(lg::decode::format_name(s.format)).c_str(), s.text.c_str());
    }
  }
  return status;
}

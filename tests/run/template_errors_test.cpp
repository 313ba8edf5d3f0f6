// Malformed data files (a private copy of templates/, fonts/, printers/ via LABELGEN_DATA_DIR):
// `labelgen run` stops before rendering with exit 3 and a message naming the file and the key.
#include <gtest/gtest.h>

#include "tests/run/run_support.hpp"

namespace lg::run::test {
namespace {

struct BrokenFile {
  const char* name;
  const char* file;  ///< relative to the data dir
  const char* from;
  const char* to;
  std::vector<std::string> message;  ///< substrings the error must contain
};

void PrintTo(const BrokenFile& c, std::ostream* os) { *os << c.name; }

class MalformedTemplate : public ::testing::TestWithParam<BrokenFile> {};

TEST_P(MalformedTemplate, FailsNamingTheFileAndKeyAndWritesNoBatch) {
  const BrokenFile& c = GetParam();
  lg::test::ScratchDir dir;
  const fs::path out = dir / "out";
  const std::string args = sample_run_args(out, "office-laser-letter");  // before LABELGEN_DATA_DIR changes
  const fs::path data = copy_data_dir(dir / "data");
  edit_file(data / c.file, c.from, c.to);
  lg::test::CommandResult r;
  {
    EnvGuard env("LABELGEN_DATA_DIR", data.string());
    r = lg::test::run_labelgen(args);
  }
  EXPECT_EQ(r.exit_code, 3) << "invalid template: exit 3 (bad input)\n" << r.out << r.err;
  for (const auto& m : c.message) EXPECT_NE(r.err.find(m), std::string::npos) << "no \"" << m << "\" in:\n" << r.err;
  EXPECT_FALSE(fs::exists(out / kSampleBatch)) << "a batch folder was written";
  for (const auto& name : entries(out)) {
    EXPECT_NE(name.rfind(".staging", 0), 0u) << name;
    EXPECT_NE(name.rfind("2024-12", 0), 0u) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, MalformedTemplate,
    ::testing::Values(
        BrokenFile{"SizeWithoutUnit",
                   "templates/labels/preid-avery-5160.toml",
                   "size = \"8.5pt\"",
                   "size = \"9\"",
                   {"templates/labels/preid-avery-5160.toml", "text[0].size", "unit", "line 12"}},
        BrokenFile{"UnknownKey",
                   "templates/labels/preid-avery-5160.toml",
                   "symbology = \"code128\"",
                   "symbology = \"code128\"\ncolour = \"red\"",
                   {"templates/labels/preid-avery-5160.toml", "barcode[0].colour", "unknown key"}},
        BrokenFile{"BadSymbology",
                   "templates/labels/preid-avery-5160.toml",
                   "symbology = \"datamatrix\"",
                   "symbology = \"qr\"",
                   {"templates/labels/preid-avery-5160.toml", "barcode[1].symbology", "qr"}},
        BrokenFile{"MissingStock",
                   "templates/labels/preid-avery-5160.toml",
                   "stock = \"avery-5160\"",
                   "stock = \"avery-9999\"",
                   {"templates/labels/preid-avery-5160.toml", "stock", "avery-9999"}},
        BrokenFile{"MissingRequiredKey",
                   "templates/labels/preid-avery-5160.toml",
                   "module = \"0.01in\"\nheight = \"0.27in\"",
                   "module = \"0.01in\"",
                   {"templates/labels/preid-avery-5160.toml", "barcode[0].height"}},
        BrokenFile{"StockWrongType",
                   "templates/stocks/avery-5160.toml",
                   "columns = 3",
                   "columns = \"3\"",
                   {"templates/stocks/avery-5160.toml", "columns", "integer"}},
        BrokenFile{"StockLabelsOffThePage",
                   "templates/stocks/avery-5160.toml",
                   "rows = 10",
                   "rows = 11",
                   {"templates/stocks/avery-5160.toml", "rows"}},
        BrokenFile{"TomlSyntax",
                   "templates/labels/preid-avery-5160.toml",
                   "name = \"preid-avery-5160\"",
                   "name = \"preid-avery-5160",
                   {"templates/labels/preid-avery-5160.toml:4:", "syntax"}},
        BrokenFile{"UnknownFontRole",
                   "templates/labels/preid-avery-5160.toml",
                   "font = \"label-bold\"",
                   "font = \"no-such-role\"",
                   {"preid-avery-5160", "text[0].font", "no-such-role"}},
        BrokenFile{"GisRowHeightWithoutUnit",
                   "templates/gis/gis-letter.toml",
                   "row_height = \"0.25in\"",
                   "row_height = \"0.25\"",
                   {"templates/gis/gis-letter.toml", "roster.row_height", "unit"}},
        BrokenFile{"GisBadPages",
                   "templates/gis/gis-letter.toml",
                   "pages = \"first\"",
                   "pages = \"sometimes\"",
                   {"templates/gis/gis-letter.toml", "rect[0].pages", "sometimes"}},
        BrokenFile{"PrinterNamesMissingTemplate",
                   "printers/office-laser-letter.toml",
                   "label_template = \"preid-avery-5160\"",
                   "label_template = \"preid-nope\"",
                   {"preid-nope", "templates/labels"}}),
    param_name<BrokenFile>);

}  // namespace
}  // namespace lg::run::test

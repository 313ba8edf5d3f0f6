#pragma once
#include <string_view>
/// Where labelgen finds its data files (templates/, fonts/, printers/).
#include <filesystem>

namespace lg {

/// `$LABELGEN_DATA_DIR` if set; else the source tree the binary was built from; else
/// `<exe>/../share/labelgen`.
std::filesystem::path data_dir();

/// Whether `name` may name a data file (printer profile, template, stock): 1-64 of
/// `A-Z a-z 0-9 . _ -`, not starting with `.`, so it can never leave its folder.
bool is_plain_data_name(std::string_view name);

}  // namespace lg

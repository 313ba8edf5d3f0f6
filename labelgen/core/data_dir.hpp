#pragma once
/// Where labelgen finds its data files (templates/, fonts/, printers/).
#include <filesystem>

namespace lg {

/// `$LABELGEN_DATA_DIR` if set; else the source tree the binary was built from; else
/// `<exe>/../share/labelgen`.
std::filesystem::path data_dir();

}  // namespace lg

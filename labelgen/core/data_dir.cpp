#include "labelgen/core/data_dir.hpp"

#include <cstdlib>
#include <system_error>

namespace lg {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("LABELGEN_DATA_DIR"); env && *env) return env;
#ifdef LABELGEN_SOURCE_DATA_DIR
  std::error_code exists_ec;
  if (std::filesystem::exists(std::filesystem::path(LABELGEN_SOURCE_DATA_DIR) / "templates", exists_ec))
    return LABELGEN_SOURCE_DATA_DIR;
#endif
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return exe.parent_path().parent_path() / "share" / "labelgen";
  return ".";
}

}  // namespace lg

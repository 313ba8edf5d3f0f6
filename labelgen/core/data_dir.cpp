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

bool is_plain_data_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  for (const char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

}  // namespace lg

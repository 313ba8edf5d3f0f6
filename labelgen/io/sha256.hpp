#pragma once
/// SHA-256 of files and strings (hex), for manifests and status reports.
#include <filesystem>
#include <string>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg::io {

std::string sha256_hex(std::string_view data);
Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace lg::io

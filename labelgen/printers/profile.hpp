#pragma once
/// Printer profiles as data (`printers/<name>.toml`): output kind, resolution, templates,
/// calibration offsets, darkness/speed for thermal printers, and an optional CUPS queue.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "labelgen/core/length.hpp"
#include "labelgen/core/result.hpp"

namespace lg::printers {

enum class Kind { Pdf, Zpl, Png };
std::string_view kind_name(Kind k);

struct Profile {
  std::string name;
  std::string description;
  Kind kind = Kind::Pdf;
  double dpi = 300;
  std::string label_template;  ///< templates/labels/<name>.toml
  std::string gis_template;    ///< templates/gis/<name>.toml
  Length offset_x, offset_y;   ///< calibration
  std::optional<int> darkness; ///< ZPL ~SD, 0–30
  std::optional<int> speed;    ///< ZPL ^PR, inches per second
  std::string cups_queue;      ///< empty: not printable directly
};

/// Loads and validates one profile file; errors name the file and key.
Result<Profile> load_profile_file(const std::filesystem::path& file);
/// Loads `<data_dir>/printers/<name>.toml`; the error lists the available profiles.
Result<Profile> find_profile(const std::string& name);
/// Names of the shipped profiles, sorted.
std::vector<std::string> available_profiles();

}  // namespace lg::printers

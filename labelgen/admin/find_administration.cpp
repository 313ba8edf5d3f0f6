// find_administration / available_administrations: the administration files under the data dir.
#include <algorithm>
#include <system_error>

#include "labelgen/admin/administration.hpp"
#include "labelgen/core/data_dir.hpp"

namespace lg::admin {
namespace {

std::filesystem::path administrations_dir() { return data_dir() / "templates" / "administrations"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<std::string> available_administrations() {
  std::vector<AdminYear> years;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(administrations_dir(), ec)) {
    const auto& file = entry.path();
    if (file.extension() != ".toml" || !entry.is_regular_file(ec)) continue;
    // Only files named after their year (`2024-25.toml`) count.
    if (auto year = AdminYear::parse(file.stem().string()); year && year->str() == file.stem().string())
      years.push_back(*year);
  }
  std::ranges::sort(years);
  std::vector<std::string> names;
  for (const auto& year : years) names.push_back(year.str());
  return names;
}

Result<Administration> find_administration(const AdminYear& year) {
  const auto file = administrations_dir() / (year.str() + ".toml");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return fail("administration", "no administration data for " + year.str() + " (" + file.string() +
                                      " does not exist); available: " + joined(available_administrations()));
  auto admin = load_administration(file);
  if (admin && admin->year != year)
    return fail("year", file.string() + ": year: the file says " + admin->year.str() + " but is named " +
                            year.str() + ".toml");
  return admin;
}

}  // namespace lg::admin

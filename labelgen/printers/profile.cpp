#include "labelgen/printers/profile.hpp"

#include <algorithm>

#include "labelgen/config/toml_reader.hpp"
#include "labelgen/core/data_dir.hpp"

namespace lg::printers {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::Pdf: return "pdf";
    case Kind::Zpl: return "zpl";
    case Kind::Png: return "png";
  }
  return "pdf";
}

Result<Profile> load_profile_file(const std::filesystem::path& file) {
  auto doc = config::parse_toml_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  config::TomlReader r(file.string(), *doc);
  r.allow_only(*doc, "",
               {"name", "description", "kind", "dpi", "label_template", "gis_template", "offset_x", "offset_y",
                "darkness", "speed", "cups_queue"});
  Profile p;
  p.name = r.string(*doc, "", "name");
  p.description = r.optional_string(*doc, "", "description");
  const std::string kind = r.string(*doc, "", "kind");
  if (kind == "pdf") {
    p.kind = Kind::Pdf;
  } else if (kind == "zpl") {
    p.kind = Kind::Zpl;
  } else if (kind == "png") {
    p.kind = Kind::Png;
  } else if (r.ok()) {
    r.fail("kind", "must be pdf, zpl or png, got \"" + kind + "\"");
  }
  p.dpi = r.number(*doc, "", "dpi").value_or(0);
  if (r.ok() && (p.dpi < 100 || p.dpi > 2400)) r.fail("dpi", "must be between 100 and 2400");
  p.label_template = r.string(*doc, "", "label_template");
  p.gis_template = r.string(*doc, "", "gis_template");
  p.offset_x = r.length(*doc, "", "offset_x", false).value_or(Length{});
  p.offset_y = r.length(*doc, "", "offset_y", false).value_or(Length{});
  // Range-check the number before converting it: a cast of 1e300 or NaN to int is undefined.
  if (auto d = r.number(*doc, "", "darkness", false)) {
    if (!(*d >= 0 && *d <= 30))
      r.fail("darkness", "must be 0-30");
    else
      p.darkness = static_cast<int>(*d);
  }
  if (auto s = r.number(*doc, "", "speed", false)) {
    if (!(*s >= 1 && *s <= 14))
      r.fail("speed", "must be 1-14 inches per second");
    else
      p.speed = static_cast<int>(*s);
  }
  if (const toml::node* q = r.find(*doc, "", "cups_queue", false); q && q->is_string())
    p.cups_queue = q->as_string()->get();
  if (!r.ok()) return std::unexpected(r.error());
  return p;
}

std::vector<std::string> available_profiles() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(data_dir() / "printers", ec))
    if (e.path().extension() == ".toml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

Result<Profile> find_profile(const std::string& name) {
  if (!is_plain_data_name(name)) return fail("printer", "\"" + name + "\" is not a printer profile name");
  const auto file = data_dir() / "printers" / (name + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    std::string list;
    for (const auto& n : available_profiles()) list += (list.empty() ? "" : ", ") + n;
    return fail("printer", "no printer profile \"" + name + "\" (available: " + list + ")");
  }
  return load_profile_file(file);
}

}  // namespace lg::printers

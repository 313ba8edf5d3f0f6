#include "labelgen/match/name_table.hpp"

#include <algorithm>

#include "labelgen/config/toml_reader.hpp"
#include "labelgen/core/data_dir.hpp"
#include "labelgen/match/fold.hpp"

namespace lg::match {

void NameTable::add_short_forms(std::string_view full, const std::vector<std::string>& shorts) {
  const std::size_t group = groups_++;
  short_forms_[name_key(full)].push_back({group, true});
  for (const auto& s : shorts) short_forms_[name_key(s)].push_back({group, false});
}

void NameTable::add_variants(const std::vector<std::string>& names) {
  const std::size_t group = groups_++;
  for (const auto& n : names) variants_[name_key(n)].push_back(group);
}

void NameTable::add_abbreviation(std::string_view abbreviation, std::string_view full) {
  abbreviations_[name_key(abbreviation)] = name_key(full);
}

bool NameTable::short_form(std::string_view a, std::string_view b) const {
  return short_form_keys(name_key(a), name_key(b));
}

bool NameTable::short_form_keys(const std::string& ka, const std::string& kb) const {
  if (ka.empty() || kb.empty() || ka == kb) return false;
  auto ia = short_forms_.find(ka);
  auto ib = short_forms_.find(kb);
  if (ia == short_forms_.end() || ib == short_forms_.end()) return false;
  for (const Member& ma : ia->second)
    for (const Member& mb : ib->second)
      if (ma.group == mb.group && !(ma.full && mb.full)) return true;
  return false;
}

bool NameTable::variant(std::string_view a, std::string_view b) const {
  return variant_keys(name_key(a), name_key(b));
}

bool NameTable::variant_keys(const std::string& ka, const std::string& kb) const {
  if (ka.empty() || kb.empty() || ka == kb) return false;
  auto ia = variants_.find(ka);
  auto ib = variants_.find(kb);
  if (ia == variants_.end() || ib == variants_.end()) return false;
  for (std::size_t ga : ia->second)
    if (std::find(ib->second.begin(), ib->second.end(), ga) != ib->second.end()) return true;
  return false;
}

const std::string* NameTable::expand(std::string_view abbreviation) const {
  return expand_key(name_key(abbreviation));
}

const std::string* NameTable::expand_key(const std::string& key) const {
  if (abbreviations_.empty()) return nullptr;
  auto it = abbreviations_.find(key);
  return it == abbreviations_.end() ? nullptr : &it->second;
}

namespace {

// Reads an array of non-empty name strings at `path` (each must contain a letter).
std::vector<std::string> read_names(config::TomlReader& r, const toml::table& t, const std::string& path,
                                    std::string_view key) {
  std::vector<std::string> names;
  const toml::array* a = r.array(t, path, key, true);
  if (a == nullptr) return names;
  const std::string apath = config::key_path(path, key);
  if (a->empty() && r.ok()) r.fail(apath, "must list at least one name");
  for (std::size_t i = 0; i < a->size() && r.ok(); ++i) {
    auto s = r.string(*a->get(i), config::index_path(apath, i));
    if (!s) break;
    if (name_key(*s).empty()) {
      r.fail(config::index_path(apath, i), "must contain a letter");
      break;
    }
    names.push_back(*s);
  }
  return names;
}

std::string read_name(config::TomlReader& r, const toml::table& t, const std::string& path,
                      std::string_view key) {
  std::string s = r.string(t, path, key);
  if (r.ok() && name_key(s).empty()) r.fail(config::key_path(path, key), "must contain a letter");
  return s;
}

}  // namespace

namespace {

Result<NameTable> from_document(const toml::table& doc_table, const std::string& file) {
  const toml::table* doc = &doc_table;
  config::TomlReader r(file, *doc);
  r.allow_only(*doc, "", {"version", "short_form", "variant", "abbreviation"});
  if (auto v = r.integer(*doc, "", "version"); r.ok() && v != 1) r.fail("version", "must be 1");
  NameTable table;
  struct Section {
    std::string_view key;
    std::initializer_list<std::string_view> fields;
  };
  for (const Section& section : {Section{"short_form", {"name", "short"}}, Section{"variant", {"names"}},
                                 Section{"abbreviation", {"short", "name"}}}) {
    const toml::array* entries = r.array(*doc, "", section.key, false);
    if (entries == nullptr) continue;
    for (std::size_t i = 0; i < entries->size() && r.ok(); ++i) {
      const std::string path = config::index_path(std::string(section.key), i);
      const toml::table* t = r.table(*entries->get(i), path);
      if (t == nullptr) break;
      r.allow_only(*t, path, section.fields);
      if (section.key == "short_form") {
        std::string full = read_name(r, *t, path, "name");
        std::vector<std::string> shorts = read_names(r, *t, path, "short");
        if (r.ok()) table.add_short_forms(full, shorts);
      } else if (section.key == "variant") {
        std::vector<std::string> names = read_names(r, *t, path, "names");
        if (r.ok() && names.size() < 2)
          r.fail(config::key_path(path, "names"), "must list at least two names");
        if (r.ok()) table.add_variants(names);
      } else {
        std::string abbreviation = read_name(r, *t, path, "short");
        std::string full = read_name(r, *t, path, "name");
        if (r.ok()) table.add_abbreviation(abbreviation, full);
      }
    }
  }
  if (!r.ok()) return std::unexpected(r.error());
  return table;
}

}  // namespace

Result<NameTable> parse_name_table(const std::string& toml_text, const std::string& file) {
  auto doc = config::parse_toml(toml_text, file);
  if (!doc) return std::unexpected(doc.error());
  return from_document(*doc, file);
}

Result<NameTable> load_name_table(const std::filesystem::path& file) {
  auto doc = config::parse_toml_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  return from_document(*doc, file.string());
}

const Result<NameTable>& default_name_table() {
  static const Result<NameTable> table =
      load_name_table(data_dir() / "templates" / "match" / "short-forms.toml");
  return table;
}

}  // namespace lg::match

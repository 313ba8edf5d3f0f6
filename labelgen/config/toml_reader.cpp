#include "labelgen/config/toml_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

namespace lg::config {
namespace {

std::string_view a_type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time of day";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string location(const toml::source_region& where) {
  if (where.begin.line == 0) return "";
  return " (line " + std::to_string(where.begin.line) + ", column " + std::to_string(where.begin.column) +
         ")";
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string key_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

void TomlReader::fail_at(const std::string& path, const toml::source_region& where, const std::string& why) {
  if (error_) return;  // the first problem wins
  std::string message = file_ + ": " + (path.empty() ? "" : path + ": ") + why + location(where);
  error_ = Error{path, std::move(message)};
}

void TomlReader::fail(const std::string& path, const std::string& why) {
  toml::source_region where{};
  if (!path.empty())
    if (auto view = toml::at_path(root_, path)) where = view.node()->source();
  fail_at(path, where, why);
}

void TomlReader::wrong_type(const std::string& path, const toml::node& node, std::string_view expected) {
  fail_at(path, node.source(),
          "expected " + std::string(expected) + ", got " + std::string(a_type_name(node.type())));
}

void TomlReader::allow_only(const toml::table& table, const std::string& path,
                            std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : table) {
    if (std::ranges::find(allowed, key.str()) != allowed.end()) continue;
    std::string list;
    for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
    fail_at(key_path(path, key.str()), value.source(), "unknown key (expected one of: " + list + ")");
    return;
  }
}

const toml::node* TomlReader::find(const toml::table& table, const std::string& path, std::string_view key,
                                   bool required) {
  if (const toml::node* node = table.get(key)) return node;
  if (required) {
    toml::source_region where{};
    if (!path.empty()) where = table.source();  // the root table's region says nothing useful
    std::string why = "missing required key";
    if (where.begin.line != 0) why += " in the table at line " + std::to_string(where.begin.line);
    fail_at(key_path(path, key), toml::source_region{}, why);
  }
  return nullptr;
}

std::optional<std::string> TomlReader::string(const toml::node& node, const std::string& path) {
  const auto* value = node.as_string();
  if (!value) {
    wrong_type(path, node, "a string");
    return std::nullopt;
  }
  const std::string& text = value->get();
  if (text.empty() || is_space(text.front()) || is_space(text.back())) {
    fail_at(path, node.source(),
            "must be non-empty text without leading or trailing spaces, got \"" + text + "\"");
    return std::nullopt;
  }
  return text;
}

std::string TomlReader::string(const toml::table& table, const std::string& path, std::string_view key) {
  const toml::node* node = find(table, path, key, true);
  if (!node) return {};
  return string(*node, key_path(path, key)).value_or("");
}

std::optional<std::int64_t> TomlReader::integer(const toml::table& table, const std::string& path,
                                                std::string_view key) {
  const toml::node* node = find(table, path, key, true);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_integer()) return value->get();
  wrong_type(key_path(path, key), *node, "an integer");
  return std::nullopt;
}

std::optional<Date> TomlReader::date(const toml::table& table, const std::string& path, std::string_view key,
                                     bool required) {
  const toml::node* node = find(table, path, key, required);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_date()) {
    const toml::date& d = value->get();
    return Date::from_ymd(d.year, d.month, d.day);  // toml++ has already rejected impossible dates
  }
  const std::string at = key_path(path, key);
  if (node->is_date_time()) {
    fail_at(at, node->source(), "expected a date without a time of day such as 2024-07-03, got a date-time");
  } else if (const auto* text = node->as_string(); text && Date::parse(text->get())) {
    fail_at(at, node->source(),
            "dates are TOML dates: write 2024-07-03 without quotes, got the string \"" + text->get() + "\"");
  } else {
    wrong_type(at, *node, "a date such as 2024-07-03");
  }
  return std::nullopt;
}

const toml::array* TomlReader::array(const toml::table& table, const std::string& path, std::string_view key,
                                     bool required) {
  const toml::node* node = find(table, path, key, required);
  if (!node) return nullptr;
  if (const auto* value = node->as_array()) return value;
  wrong_type(key_path(path, key), *node, "an array");
  return nullptr;
}

const toml::table* TomlReader::table(const toml::node& node, const std::string& path) {
  if (const auto* value = node.as_table()) return value;
  wrong_type(path, node, "a table");
  return nullptr;
}

std::optional<Length> TomlReader::length(const toml::table& table, const std::string& path, std::string_view key,
                                        bool required) {
  const toml::node* node = find(table, path, key, required);
  if (!node) return std::nullopt;
  const std::string at = key_path(path, key);
  auto text = string(*node, at);
  if (!text) return std::nullopt;
  auto value = Length::parse(*text);
  if (!value) {
    fail_at(at, node->source(), value.error().message);
    return std::nullopt;
  }
  return *value;
}

std::optional<double> TomlReader::number(const toml::table& table, const std::string& path, std::string_view key,
                                         bool required) {
  const toml::node* node = find(table, path, key, required);
  if (!node) return std::nullopt;
  if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node->as_floating_point()) return f->get();
  wrong_type(key_path(path, key), *node, "a number");
  return std::nullopt;
}

std::string TomlReader::optional_string(const toml::table& table, const std::string& path, std::string_view key) {
  const toml::node* node = find(table, path, key, false);
  if (!node) return {};
  return string(*node, key_path(path, key)).value_or("");
}

std::optional<bool> TomlReader::boolean(const toml::table& table, const std::string& path, std::string_view key) {
  const toml::node* node = find(table, path, key, false);
  if (!node) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  wrong_type(key_path(path, key), *node, "true or false");
  return std::nullopt;
}

Result<toml::table> parse_toml_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return lg::fail("", path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_toml(text.str(), path);
}

Result<toml::table> parse_toml(const std::string& text, const std::string& file) {
#if TOML_EXCEPTIONS
  try {
    return toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    return lg::fail("", file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                            ": TOML syntax error: " + std::string(e.description()));
  }
#else
  auto parsed = toml::parse(text, std::string_view(file));
  if (parsed) return std::move(parsed).table();
  const auto& at = parsed.error().source().begin;
  return lg::fail("", file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                          ": TOML syntax error: " + std::string(parsed.error().description()));
#endif
}

}  // namespace lg::config

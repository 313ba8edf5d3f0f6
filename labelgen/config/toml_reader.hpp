#pragma once
/// Typed reads from a parsed TOML document with errors that name the file, the dotted key path
/// and the line (shared by every data-file loader: administrations, templates, printers).
#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "labelgen/core/date.hpp"
#include "labelgen/core/length.hpp"
#include "labelgen/core/result.hpp"

namespace lg::config {

/// `parent.key`, or `key` at the top level.
std::string key_path(const std::string& parent, std::string_view key);
/// `parent[index]`.
std::string index_path(const std::string& parent, std::size_t index);

/// Reads values out of one TOML document. The first problem is recorded and later reads
/// return empty values, so a loader can read straight through and check ok() once at the end.
class TomlReader {
 public:
  TomlReader(std::string file, const toml::table& root) : file_(std::move(file)), root_(root) {}

  bool ok() const { return !error_; }
  /// The first problem found (only when !ok()).
  const Error& error() const { return *error_; }

  /// Records a problem with the value at `path` (line taken from the document when it exists).
  void fail(const std::string& path, const std::string& why);

  /// Rejects keys of `table` other than `allowed`.
  void allow_only(const toml::table& table, const std::string& path,
                  std::initializer_list<std::string_view> allowed);

  /// The value of `key`, or nullptr; records "missing required key" when `required`.
  const toml::node* find(const toml::table& table, const std::string& path, std::string_view key,
                         bool required);

  /// A non-empty string without leading or trailing spaces.
  std::string string(const toml::table& table, const std::string& path, std::string_view key);
  std::optional<std::int64_t> integer(const toml::table& table, const std::string& path,
                                      std::string_view key);
  /// A TOML local date (`2024-07-03`, unquoted).
  std::optional<Date> date(const toml::table& table, const std::string& path, std::string_view key,
                           bool required);
  const toml::array* array(const toml::table& table, const std::string& path, std::string_view key,
                           bool required);
  /// A length with a unit (`"2.625in"`, `"6.35mm"`, `"9pt"`).
  std::optional<Length> length(const toml::table& table, const std::string& path, std::string_view key,
                               bool required = true);
  /// A number (integer or float).
  std::optional<double> number(const toml::table& table, const std::string& path, std::string_view key,
                               bool required = true);
  /// An optional string; empty when absent.
  std::string optional_string(const toml::table& table, const std::string& path, std::string_view key);
  /// An optional boolean.
  std::optional<bool> boolean(const toml::table& table, const std::string& path, std::string_view key);
  /// The file name used in messages.
  const std::string& file() const { return file_; }

  /// `node` (found at `path`) as a table.
  const toml::table* table(const toml::node& node, const std::string& path);
  /// `node` (found at `path`) as a string.
  std::optional<std::string> string(const toml::node& node, const std::string& path);

 private:
  void fail_at(const std::string& path, const toml::source_region& where, const std::string& why);
  void wrong_type(const std::string& path, const toml::node& node, std::string_view expected);

  std::string file_;
  const toml::table& root_;
  std::optional<Error> error_;
};

/// Reads a whole file and parses it; errors name the file.
Result<toml::table> parse_toml_file(const std::string& path);

/// Parses `text` as TOML; syntax errors read `file:line:column: TOML syntax error: ...`.
Result<toml::table> parse_toml(const std::string& text, const std::string& file);

}  // namespace lg::config

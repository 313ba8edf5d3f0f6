#pragma once
/// Named values that fill a template's `{placeholders}`.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "labelgen/core/result.hpp"

namespace lg::layout {

/// A small ordered map of field name → text. Later set() of a name replaces the value.
class FieldMap {
 public:
  void set(std::string name, std::string value);
  /// The value, or nullptr when the name is unknown.
  const std::string* find(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

/// Result of expanding a template text.
struct Expanded {
  std::string text;
  bool all_placeholders_empty = false;  ///< it had placeholders and every one was empty
};

/// Replaces each `{name}` by its value; `{{` and `}}` are literal braces. An unknown name is an
/// error naming it (a template typo must not print a blank).
Result<Expanded> expand(std::string_view pattern, const FieldMap& fields);

}  // namespace lg::layout

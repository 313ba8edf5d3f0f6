#include "labelgen/layout/fields.hpp"

namespace lg::layout {

void FieldMap::set(std::string name, std::string value) {
  for (auto& [k, v] : entries_)
    if (k == name) {
      v = std::move(value);
      return;
    }
  entries_.emplace_back(std::move(name), std::move(value));
}

const std::string* FieldMap::find(std::string_view name) const {
  for (const auto& [k, v] : entries_)
    if (k == name) return &v;
  return nullptr;
}

Result<Expanded> expand(std::string_view pattern, const FieldMap& fields) {
  Expanded out;
  out.text.reserve(pattern.size() + 32);
  int placeholders = 0, empty = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out.text += '{';
      ++i;
    } else if (c == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      out.text += '}';
      ++i;
    } else if (c == '{') {
      const auto close = pattern.find('}', i);
      if (close == std::string_view::npos)
        return fail("text", "unclosed '{' in \"" + std::string(pattern) + "\"");
      const auto name = pattern.substr(i + 1, close - i - 1);
      const std::string* value = fields.find(name);
      if (!value) return fail("text", "unknown field {" + std::string(name) + "} in \"" + std::string(pattern) + "\"");
      ++placeholders;
      if (value->empty()) ++empty;
      out.text += *value;
      i = close;
    } else {
      out.text += c;
    }
  }
  out.all_placeholders_empty = placeholders > 0 && placeholders == empty;
  return out;
}

}  // namespace lg::layout

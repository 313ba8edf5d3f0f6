// Fuzz target: the SSR events CSV reader (labelgen/events). Beyond "no crash": the counts add up
// and every record is accounted for (event_checks.hpp); lines stay within the input; and for input
// without quotes, where records are just the non-empty lines, the records and their line
// numbers are exactly those lines after the header.
#include <cstdint>
#include <string_view>
#include <vector>

#include "tests/fuzz/event_checks.hpp"

namespace {

/// Line numbers of the non-empty lines (LF, CRLF or CR ends) of quote-free text, after the BOM
/// skip the reader does (EF, then BB, then BF, each only if the previous one was there).
std::vector<std::size_t> nonempty_lines(std::string_view s) {
  if (!s.empty() && s[0] == '\xEF') {
    s.remove_prefix(1);
    if (!s.empty() && s[0] == '\xBB') {
      s.remove_prefix(1);
      if (!s.empty() && s[0] == '\xBF') s.remove_prefix(1);
    }
  }
  std::vector<std::size_t> lines;
  std::size_t line = 1, length = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      if (length > 0) lines.push_back(line);
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      ++line;
      length = 0;
    } else {
      ++length;
    }
  }
  if (length > 0) lines.push_back(line);
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("events.csv");
  const auto& path = file.write(data, size);
  const auto outcomes = lg::fuzz::read_and_check(path, lg::events::Format::Csv);
  const std::string_view text = lg::fuzz::text(data, size);
  std::size_t breaks = 0;
  for (char c : text) breaks += (c == '\n' || c == '\r') ? 1 : 0;
  for (const auto& o : outcomes) LG_FUZZ_CHECK(o.line >= 2 && o.line <= breaks + 1);
  if (text.find('"') == std::string_view::npos) {
    const auto lines = nonempty_lines(text);
    LG_FUZZ_CHECK(outcomes.size() == (lines.empty() ? 0 : lines.size() - 1));
    for (std::size_t i = 0; i < outcomes.size(); ++i) LG_FUZZ_CHECK(outcomes[i].line == lines[i + 1]);
  }
  return 0;
}

// Fuzz target: the SSR events JSON Lines reader (labelgen/events). Beyond "no crash": every
// non-blank line is exactly one record, on its own line number (LF-separated, a trailing CR and a
// first-line BOM ignored), and the counts add up (event_checks.hpp).
#include <cstdint>
#include <string_view>
#include <vector>

#include "tests/fuzz/event_checks.hpp"

namespace {

/// 1-based numbers of the lines that hold a record.
std::vector<std::size_t> record_lines(std::string_view s) {
  std::vector<std::size_t> lines;
  std::size_t number = 0;
  while (!s.empty()) {
    const auto end = s.find('\n');
    std::string_view line = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end + 1);
    ++number;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) lines.push_back(number);
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static lg::fuzz::InputFile file("events.jsonl");
  const auto& path = file.write(data, size);
  const auto outcomes = lg::fuzz::read_and_check(path, lg::events::Format::JsonLines);
  const auto lines = record_lines(lg::fuzz::text(data, size));
  LG_FUZZ_CHECK(outcomes.size() == lines.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) LG_FUZZ_CHECK(outcomes[i].line == lines[i]);
  return 0;
}

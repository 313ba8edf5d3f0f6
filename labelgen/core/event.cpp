#include "labelgen/core/event.hpp"

namespace lg {

std::string_view mode_code(TestMode m) { return m == TestMode::InPerson ? "in_person" : "remote"; }

std::string_view answer_book_code(AnswerBook a) {
  switch (a) {
    case AnswerBook::Complete: return "complete";
    case AnswerBook::Incomplete: return "incomplete";
    case AnswerBook::None: return "none";
  }
  return "none";
}

Result<TestMode> parse_mode(std::string_view text) {
  if (text == "in_person") return TestMode::InPerson;
  if (text == "remote") return TestMode::Remote;
  return fail("", "mode must be in_person or remote, got '" + std::string(text) + "'");
}

Result<AnswerBook> parse_answer_book(std::string_view text) {
  if (text == "complete") return AnswerBook::Complete;
  if (text == "incomplete") return AnswerBook::Incomplete;
  if (text == "none") return AnswerBook::None;
  return fail("", "answer_book must be complete, incomplete or none, got '" + std::string(text) + "'");
}

}  // namespace lg

#pragma once
/// An official Student Score Report (SSR) event: one student's SSR generated in TOMS.
#include <cstddef>
#include <optional>
#include <string>

#include "labelgen/core/date.hpp"
#include "labelgen/core/ids.hpp"
#include "labelgen/core/name.hpp"

namespace lg {

enum class TestMode { InPerson, Remote };
enum class AnswerBook { Complete, Incomplete, None };

std::string_view mode_code(TestMode m);         ///< `in_person` / `remote`
std::string_view answer_book_code(AnswerBook a);  ///< `complete` / `incomplete` / `none`
Result<TestMode> parse_mode(std::string_view text);
Result<AnswerBook> parse_answer_book(std::string_view text);

/// Where a record came from: file path as given, 1-based line of the record's first line,
/// and 1-based record index within the file (header excluded).
struct SourceRef {
  std::string file;
  std::size_t line = 0;
  std::size_t record = 0;
};

/// A validated SSR event.
struct SsrEvent {
  SourceRef source;
  std::string event_id;
  Timestamp ssr_generated_at;
  Ssid ssid;
  StudentName name;
  Date birth_date;
  Grade grade = Grade::KN;
  CdsCode lea_cds;
  std::string lea_name;
  CdsCode school_cds;
  std::string school_name;
  Form form = Form::F1;
  Date test_completed_on;
  TestMode mode = TestMode::InPerson;
  AnswerBook answer_book = AnswerBook::Complete;
  std::string charter_number;             ///< four digits, empty when the school is no charter
  std::optional<Date> parent_notified_on;  ///< when results reached the parent/guardian
};

}  // namespace lg

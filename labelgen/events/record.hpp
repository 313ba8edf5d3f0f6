#pragma once
/// Turning one raw record (column → text) into a validated SsrEvent.
#include <array>
#include <optional>
#include <string>

#include "labelgen/core/event.hpp"
#include "labelgen/events/reader.hpp"

namespace lg::events {

/// Column indexes of the event schema.
enum Column : std::size_t {
  kEventId,
  kSsrGeneratedAt,
  kSsid,
  kLastName,
  kFirstName,
  kMiddleName,
  kBirthDate,
  kGrade,
  kLeaCds,
  kLeaName,
  kSchoolCds,
  kSchoolName,
  kForm,
  kTestCompletedOn,
  kMode,
  kAnswerBook,
  kCharterNumber,
  kParentNotifiedOn,
  kColumnCount
};
inline constexpr std::size_t kRequiredCount = kCharterNumber;

/// Column name of an index.
const std::string& column_name(std::size_t column);
/// Index of a column name, if it is part of the schema.
std::optional<std::size_t> column_index(std::string_view name);

/// One record's raw values; nullopt when the column is absent from the file or record.
using RawRecord = std::array<std::optional<std::string>, kColumnCount>;

/// Validates a raw record. On failure the rejection has field, reason and message set
/// (source and event_id are filled by the caller).
std::optional<Rejection> validate(const RawRecord& raw, SsrEvent& out);

}  // namespace lg::events

#include "labelgen/events/record.hpp"

#include "labelgen/core/utf8.hpp"

namespace lg::events {
namespace {

const std::array<std::string, kColumnCount> kNames{
    "event_id",       "ssr_generated_at",  "ssid",       "last_name",
    "first_name",     "middle_name",       "birth_date", "grade",
    "lea_cds",        "lea_name",          "school_cds", "school_name",
    "form",           "test_completed_on", "mode",       "answer_book",
    "charter_number", "parent_notified_on"};

Rejection reject(std::size_t column, std::string reason, std::string message) {
  Rejection r;
  r.field = kNames[column];
  r.reason = std::move(reason);
  r.message = std::move(message);
  return r;
}

Rejection invalid(std::size_t column, const Error& e) {
  return reject(column, "invalid_" + kNames[column], e.message);
}

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

}  // namespace

const std::string& column_name(std::size_t column) { return kNames[column]; }

std::optional<std::size_t> column_index(std::string_view name) {
  for (std::size_t i = 0; i < kColumnCount; ++i)
    if (kNames[i] == name) return i;
  return std::nullopt;
}

std::optional<Rejection> validate(const RawRecord& raw, SsrEvent& ev) {
  std::array<std::string, kColumnCount> v;
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    if (raw[i]) {
      if (auto bad = utf8::first_invalid(*raw[i]))
        return reject(
            i, "invalid_utf8",
            "is not valid UTF-8 (bad byte 0x" +
                [&] {
                  char b[4];
                  std::snprintf(b, sizeof b, "%02X", static_cast<unsigned char>((*raw[i])[*bad]));
                  return std::string(b);
                }() +
                " at byte " + std::to_string(*bad + 1) + "); save the file as UTF-8");
      v[i] = trim(*raw[i]);
    } else if (i < kRequiredCount) {
      return reject(i, "missing_field", "is missing");
    }
  }
  for (std::size_t i = 0; i < kRequiredCount; ++i)
    if (i != kMiddleName && v[i].empty()) return reject(i, "empty_field", "is empty but required");

  ev.event_id = v[kEventId];
  auto ts = Timestamp::parse(v[kSsrGeneratedAt]);
  if (!ts) return invalid(kSsrGeneratedAt, ts.error());
  ev.ssr_generated_at = *ts;
  auto ssid = Ssid::parse(v[kSsid]);
  if (!ssid) return invalid(kSsid, ssid.error());
  ev.ssid = *ssid;
  auto name = make_student_name(v[kLastName], v[kFirstName], v[kMiddleName]);
  if (!name) {
    auto col = column_index(name.error().field).value_or(kLastName);
    return reject(col, "invalid_" + kNames[col], name.error().message);
  }
  ev.name = std::move(*name);
  auto birth = Date::parse(v[kBirthDate], /*quote_value=*/false);  // personal data: never echoed
  if (!birth) return invalid(kBirthDate, birth.error());
  ev.birth_date = *birth;
  auto grade = parse_grade(v[kGrade]);
  if (!grade) return invalid(kGrade, grade.error());
  ev.grade = *grade;
  auto lea = CdsCode::parse(v[kLeaCds]);
  if (!lea) return invalid(kLeaCds, lea.error());
  ev.lea_cds = *lea;
  auto school = CdsCode::parse(v[kSchoolCds]);
  if (!school) return invalid(kSchoolCds, school.error());
  ev.school_cds = *school;
  if (school->county_district() != lea->county_district())
    return reject(kSchoolCds, "school_outside_lea",
                  "school " + school->str() + " is not in the county and district of LEA " + lea->str());
  if (!lea->is_district_level() && school->str() != lea->str())
    return reject(
        kSchoolCds, "school_outside_lea",
        "LEA " + lea->str() + " is a charter; its school code must be the same, got " + school->str());
  ev.lea_name = v[kLeaName];
  ev.school_name = v[kSchoolName];
  auto form = parse_form(v[kForm]);
  if (!form) return invalid(kForm, form.error());
  ev.form = *form;
  auto tested = Date::parse(v[kTestCompletedOn]);
  if (!tested) return invalid(kTestCompletedOn, tested.error());
  ev.test_completed_on = *tested;
  auto mode = parse_mode(v[kMode]);
  if (!mode) return invalid(kMode, mode.error());
  ev.mode = *mode;
  auto book = parse_answer_book(v[kAnswerBook]);
  if (!book) return invalid(kAnswerBook, book.error());
  ev.answer_book = *book;

  ev.charter_number.clear();
  if (!v[kCharterNumber].empty()) {
    const std::string& c = v[kCharterNumber];
    bool digits = c.size() <= 4;
    for (char ch : c) digits = digits && ch >= '0' && ch <= '9';
    if (!digits)
      return reject(kCharterNumber, "invalid_charter_number", "must be up to 4 digits, got '" + c + "'");
    ev.charter_number = std::string(4 - c.size(), '0') + c;
  }
  ev.parent_notified_on.reset();
  if (!v[kParentNotifiedOn].empty()) {
    auto notified = Date::parse(v[kParentNotifiedOn]);
    if (!notified) return invalid(kParentNotifiedOn, notified.error());
    ev.parent_notified_on = *notified;
  }

  // Consistency between dates.
  if (ev.birth_date >= ev.test_completed_on)
    return reject(kBirthDate, "inconsistent_dates",
                  "birth date is not before the test date " + ev.test_completed_on.iso());
  if (ev.ssr_generated_at.date < ev.test_completed_on)
    return reject(kSsrGeneratedAt, "inconsistent_dates",
                  "official SSR generated " + ev.ssr_generated_at.date.iso() +
                      ", before the test was completed on " + ev.test_completed_on.iso());
  if (ev.parent_notified_on && *ev.parent_notified_on < ev.ssr_generated_at.date)
    return reject(kParentNotifiedOn, "inconsistent_dates",
                  "parent notified " + ev.parent_notified_on->iso() + ", before the official SSR of " +
                      ev.ssr_generated_at.date.iso());
  return std::nullopt;
}

}  // namespace lg::events

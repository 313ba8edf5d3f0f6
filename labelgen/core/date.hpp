#pragma once
/// Calendar dates (ISO 8601) and SSR timestamps.
#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "labelgen/core/result.hpp"

namespace lg {

/// A valid proleptic Gregorian calendar date.
class Date {
 public:
  Date() = default;
  /// Parses exactly `YYYY-MM-DD`; rejects impossible dates such as 2024-02-30. Messages
  /// quote the text unless `quote_value` is false (personal data such as a birth date).
  static Result<Date> parse(std::string_view text, bool quote_value = true);
  static Date from_ymd(int year, unsigned month, unsigned day);
  /// The date `days` after 1970-01-01 (the inverse of serial()).
  static Date from_serial(std::int64_t days) { return Date(std::chrono::sys_days(std::chrono::days(days))); }

  std::string iso() const;  ///< `YYYY-MM-DD`
  int year() const;
  unsigned month() const;
  unsigned day() const;
  /// Days since 1970-01-01.
  std::int64_t serial() const { return days_.time_since_epoch().count(); }
  Date plus_days(int days) const;
  /// 0 = Sunday … 6 = Saturday.
  unsigned weekday() const;
  bool is_weekend() const { return weekday() == 0 || weekday() == 6; }
  /// `YYYY-MM`, the monthly batch key.
  std::string year_month() const;

  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;

 private:
  explicit Date(std::chrono::sys_days d) : days_(d) {}
  std::chrono::sys_days days_{};
};

/// When an official SSR was generated: a date with an optional time of day and UTC offset.
/// Ordering uses UTC when an offset is given, and the written local time otherwise.
struct Timestamp {
  Date date;                     ///< the calendar date as written (TOMS local date)
  std::int64_t order_key = 0;    ///< seconds, for ordering corrected SSRs
  std::string text;              ///< normalised ISO text as read

  /// Accepts `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH:MM]`.
  static Result<Timestamp> parse(std::string_view text);
  friend bool operator<(const Timestamp& a, const Timestamp& b) { return a.order_key < b.order_key; }
};

/// The current time in UTC as `YYYY-MM-DDTHH:MM:SSZ` (ledger bookkeeping, never in output files).
std::string now_utc_iso();

}  // namespace lg

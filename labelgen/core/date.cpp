#include "labelgen/core/date.hpp"

#include <cstdio>
#include <ctime>

namespace lg {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

Result<Date> Date::parse(std::string_view text, bool quote_value) {
  const std::string shown = quote_value ? "'" + std::string(text) + "' " : "";
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2)))
    return fail("", shown + "is not an ISO date (YYYY-MM-DD)");
  std::chrono::year_month_day ymd{std::chrono::year{to_int(text.substr(0, 4))},
                                  std::chrono::month{static_cast<unsigned>(to_int(text.substr(5, 2)))},
                                  std::chrono::day{static_cast<unsigned>(to_int(text.substr(8, 2)))}};
  if (!ymd.ok()) return fail("", shown + "is not a calendar date");
  return Date(std::chrono::sys_days(ymd));
}

Date Date::from_ymd(int year, unsigned month, unsigned day) {
  return Date(std::chrono::sys_days(
      std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}));
}

int Date::year() const { return int(std::chrono::year_month_day(days_).year()); }
unsigned Date::month() const { return unsigned(std::chrono::year_month_day(days_).month()); }
unsigned Date::day() const { return unsigned(std::chrono::year_month_day(days_).day()); }

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::string Date::year_month() const { return iso().substr(0, 7); }

Date Date::plus_days(int days) const { return Date(days_ + std::chrono::days{days}); }

unsigned Date::weekday() const { return std::chrono::weekday(days_).c_encoding(); }

Result<Timestamp> Timestamp::parse(std::string_view text) {
  const std::string original(text);
  auto bad = [&] {
    return fail("", "'" + original + "' is not an ISO 8601 date or date-time");
  };
  if (text.size() < 10) return bad();
  auto date = Date::parse(text.substr(0, 10));
  if (!date) return std::unexpected(date.error());
  Timestamp ts;
  ts.date = *date;
  std::int64_t seconds = 0;
  std::int64_t offset = 0;
  std::string_view rest = text.substr(10);
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return bad();
    rest.remove_prefix(1);
    if (rest.size() < 5 || rest[2] != ':' || !all_digits(rest.substr(0, 2)) || !all_digits(rest.substr(3, 2)))
      return bad();
    int hh = to_int(rest.substr(0, 2)), mm = to_int(rest.substr(3, 2)), ss = 0;
    rest.remove_prefix(5);
    if (!rest.empty() && rest[0] == ':') {
      if (rest.size() < 3 || !all_digits(rest.substr(1, 2))) return bad();
      ss = to_int(rest.substr(1, 2));
      rest.remove_prefix(3);
      if (!rest.empty() && (rest[0] == '.' || rest[0] == ',')) {
        std::size_t n = 1;
        while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
        if (n == 1) return bad();
        rest.remove_prefix(n);
      }
    }
    if (hh > 23 || mm > 59 || ss > 60) return bad();
    seconds = hh * 3600 + mm * 60 + ss;
    if (!rest.empty()) {
      if (rest == "Z" || rest == "z") {
        offset = 0;
      } else if ((rest[0] == '+' || rest[0] == '-') && rest.size() == 6 && rest[3] == ':' &&
                 all_digits(rest.substr(1, 2)) && all_digits(rest.substr(4, 2))) {
        offset = (to_int(rest.substr(1, 2)) * 3600 + to_int(rest.substr(4, 2)) * 60) * (rest[0] == '-' ? -1 : 1);
      } else {
        return bad();
      }
    }
  }
  ts.order_key = ts.date.serial() * 86400 + seconds - offset;
  ts.text = original;
  return ts;
}

std::string now_utc_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace lg

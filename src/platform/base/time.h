// Civil dates and UTC timestamps without time-zone databases.
//
// Timestamps are int64 seconds since the Unix epoch (UTC) and are stored as ISO-8601 text
// ("2026-11-22T14:15:09Z") so both databases sort and compare them as strings.
// Local wall time is UTC plus a fixed offset (China has no daylight saving; the offset is
// configuration, default +08:00).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yuanwu {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Days since 1970-01-01.
  int64_t ToDays() const;
  static Date FromDays(int64_t days);
  // 1 = Monday … 7 = Sunday.
  int Weekday() const;
  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  std::string ToString() const;  // YYYY-MM-DD

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date& a, const Date& b) { return a.ToDays() <=> b.ToDays(); }
};

// Strict "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);

// Accepts "YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)" and, as local time at `local_offset_seconds`,
// "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]". Returns epoch seconds.
std::optional<int64_t> ParseTimestamp(std::string_view text, int64_t local_offset_seconds);

// "2026-11-22T14:15:09Z".
std::string FormatTimestamp(int64_t epoch_seconds);
// Local wall time "2026-11-22 22:15" at the given offset.
std::string FormatLocalMinute(int64_t epoch_seconds, int64_t local_offset_seconds);
// The local calendar date of an instant.
Date LocalDate(int64_t epoch_seconds, int64_t local_offset_seconds);

}  // namespace yuanwu

// Deadline arithmetic for cases (complaints, disclosure applications, adverse events,
// rectification tasks): a period from a start, on the PRC working-day calendar, moved by what
// happens to the case. Case types choose the period and record the events; this file only
// counts. Tested as data files: tests/deadlines/*.case.
//
// Periods (the amounts are configuration of each case type, domain-spec §1.5, §2.2, §7.1):
//   "20wd"  working days. The start day is not counted (期间开始的当日不计入): the period ends
//           at the end of the 20th working day after it.
//   "15d"   calendar days, counted the same way.
//   "12h"   hours of clock time from the start moment.
// Events, in time order:
//   pause / resume  the clock stops: a 补正 awaited, a third party consulted (「征求第三方和其他
//                   机关意见所需时间不计算在前款规定的期限内」). Days after the pause day up to and
//                   including the resume day do not count; for hours, the time between them.
//   restart         the period starts again from this moment (补正 received: the answer period
//                   runs from the day the corrected application arrives). It ends a pause, and
//                   pauses before it no longer matter.
//   extend N        N more units at the end (an approved extension; the case type enforces its
//                   own limit, e.g. at most 20 working days for applications).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/base/result.h"
#include "platform/base/time.h"
#include "platform/calendar/working_calendar.h"

namespace yuanwu::deadline {

// A local wall-clock minute. kEndOfDay marks "by the end of that day" (day periods).
struct Moment {
  static constexpr int kEndOfDay = 1440;
  Date date;
  int minute = 0;  // 0..1439, or kEndOfDay
  int64_t Minutes() const { return date.ToDays() * 1440 + minute; }
  std::string ToString() const;  // "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" at kEndOfDay
  friend bool operator==(const Moment&, const Moment&) = default;
};
// "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (00:00).
std::optional<Moment> ParseMoment(std::string_view text);

enum class PeriodUnit { kWorkingDays, kCalendarDays, kHours };
struct Period {
  PeriodUnit unit = PeriodUnit::kWorkingDays;
  int amount = 0;
  std::string ToString() const;  // "20wd", "15d", "12h"
};
// "20wd" | "15d" | "12h"; amount 1..3650 (days) or 1..87600 (hours). Errors name the text.
Result<Period> ParsePeriod(std::string_view text);

struct ClockEvent {
  enum class Kind { kPause, kResume, kRestart, kExtend };
  Kind kind = Kind::kPause;
  Moment at;
  int amount = 0;  // kExtend: units of the period added
};

struct Deadline {
  // The end of the period. Empty while the clock is paused and the period has not run out.
  std::optional<Moment> due;
  bool paused = false;
  // While paused: what is left of the period when the clock resumes (days of the period's kind
  // for day periods, minutes for hour periods).
  int64_t remaining = 0;
};

// Errors (Invalid, naming the event): events before the start or out of order, a resume
// without a pause, a pause while paused, an extension of no units.
Result<Deadline> ComputeDeadline(const calendar::WorkingCalendar& calendar, const Period& period,
                                 const Moment& start, std::span<const ClockEvent> events);

}  // namespace yuanwu::deadline

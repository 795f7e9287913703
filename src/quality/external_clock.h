// The outward reporting clock of an adverse event (医疗质量安全事件报告暂行规定): a 一般 event is
// reported to the health authority within 15 days of its discovery, a 重大 one within 12 hours,
// a 特大 one within 2 hours. The periods are the case rules' adverse_event.report_general /
// report_major / report_grave (data/cases/rules.json), so a hospital or a new rule changes data,
// not code.
//
// Design: a due moment stored on the event (not a second case): the clock never pauses, is
// never extended and has one step — "reported" — so a case of its own would add a timeline and
// an owner that say nothing. The due moment is computed with the same deadline arithmetic as
// every case (platform/deadline: "15d" ends at the end of the 15th day after the discovery
// day; "12h" is clock time, across midnight and holidays alike). The list's external=overdue
// queue and the statistics show what is late; the quality office is told at once when a 重大
// or 特大 event is reported (adverse_event_service.h).
#pragma once

#include <cstdint>
#include <string>

#include "platform/base/result.h"
#include "platform/calendar/working_calendar.h"

namespace yuanwu::quality {

struct ExternalDue {
  std::string due_at;       // "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" = by the end of that day
  int64_t due_minutes = 0;  // local minutes since the epoch of the last minute that is on time
};

// The due moment of `period` ("15d", "12h", "2h") from the local minute `discovered_at`.
Result<ExternalDue> ExternalDeadline(const calendar::WorkingCalendar& calendar,
                                     const std::string& period, const std::string& discovered_at);

// Local minutes since the epoch of "YYYY-MM-DD HH:MM"; -1 when unparseable.
int64_t LocalMinutes(const std::string& local_minute);

// Whether an event reported at `reported_minutes` met `due_minutes` (the due minute itself is
// on time), and whether at `now_minutes` an unreported event is overdue.
inline bool OnTime(int64_t reported_minutes, int64_t due_minutes) {
  return reported_minutes <= due_minutes;
}
inline bool Overdue(int64_t now_minutes, int64_t due_minutes) { return now_minutes > due_minutes; }

}  // namespace yuanwu::quality

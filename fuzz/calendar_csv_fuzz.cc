// Fuzzes the calendar CSV parser (platform/calendar/working_calendar.h) and runs the parsed
// calendar through AddWorkingDays / WorkingDaysBetween.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "platform/calendar/working_calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  yuanwu::Result<std::vector<yuanwu::calendar::SpecialDay>> days =
      yuanwu::calendar::ParseCalendarCsv(in);
  if (!days.ok()) {
    const yuanwu::Status& s = days.status();
    if (s.code() != yuanwu::StatusCode::kInvalidArgument || s.fields().size() != 1 ||
        !s.fields()[0].field.starts_with("line ")) {
      std::abort();
    }
    return 0;
  }
  for (const yuanwu::calendar::SpecialDay& d : *days) {
    if (d.kind != "holiday" && d.kind != "workday") std::abort();
    if (yuanwu::ParseDate(d.day.ToString()) != d.day) std::abort();
  }
  if (days->empty()) return 0;

  yuanwu::calendar::WorkingCalendar cal(*days);
  yuanwu::Date first = days->front().day;
  yuanwu::Date last = days->back().day;
  for (int n : {0, 1, 5, 23}) {
    yuanwu::Date due = cal.AddWorkingDays(first, n);
    if (due < first) std::abort();
    if (n > 0 && !cal.IsWorkingDay(due)) std::abort();
    if (cal.WorkingDaysBetween(first, due) != n) std::abort();
    if (cal.AddWorkingDays(due, -n) > first) std::abort();
  }
  int64_t span = last.ToDays() - first.ToDays();
  if (span > -4000 && span < 4000) {
    if (cal.WorkingDaysBetween(first, last) != -cal.WorkingDaysBetween(last, first)) std::abort();
  }
  return 0;
}

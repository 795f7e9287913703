// WorkingCalendar: the PRC working-day calendar (法定节假日 and 调休 make-up working days).
//
// A day is a working day if it is listed as "workday" (a weekend day worked, 调休上班), or it is
// Monday–Friday and not listed as "holiday". The data lives in the calendar_day table, loaded
// from data/calendar/*.csv on first start and edited by administrators; Reload() after edits.
// Every deadline in yuanwu is computed with AddWorkingDays.
//
// Example:
//   Date due = calendar.AddWorkingDays(*ParseDate("2026-09-30"), 20);
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "platform/base/result.h"
#include "platform/base/time.h"
#include "platform/db/database.h"

namespace yuanwu::calendar {

struct SpecialDay {
  Date day;
  std::string kind;  // "holiday" or "workday"
  std::string name;  // 春节, 国庆节调休上班 …
  std::string notice;
};

class WorkingCalendar {
 public:
  WorkingCalendar() = default;
  explicit WorkingCalendar(const std::vector<SpecialDay>& days) { Set(days); }

  void Set(const std::vector<SpecialDay>& days);
  bool IsWorkingDay(Date d) const;
  // The n-th working day after `start` (start itself is not counted). n == 0 returns start.
  Date AddWorkingDays(Date start, int n) const;
  // Working days in (from, to]; negative when to < from.
  int WorkingDaysBetween(Date from, Date to) const;

 private:
  mutable std::mutex mu_;
  std::map<int64_t, bool> special_;  // day number → is working day
};

// Parses the calendar CSV (date,kind,name,notice); errors name the line.
Result<std::vector<SpecialDay>> ParseCalendarCsv(std::string_view csv);
Result<std::vector<SpecialDay>> LoadCalendar(db::Database& db);

}  // namespace yuanwu::calendar

// The generator's calendar: how busy a day is for each kind of record. Outpatients follow the
// week (Monday busiest, Sunday quietest) and drop on public holidays and around the Spring
// Festival; 急诊 stays flat; discharges rise just before the Spring Festival (patients go home)
// and fall during it; every department swings with the season by its own winter amplitude.
// Internal to generator*.cc.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "platform/base/time.h"

namespace yuanwu::indicators::gen {

struct Day {
  Date date;
  int64_t days = 0;           // since 1970-01-01
  int weekday = 1;            // 1 = Monday … 7 = Sunday
  double winter = 0;          // −1 (mid-July) … +1 (mid-January)
  int festival = 1000;        // days after 正月初一 (negative before); 1000 when far away
  bool holiday = false;       // 元旦, 劳动节 1–3, 国庆 1–3
  bool holiday_tail = false;  // 劳动节 4–5, 国庆 4–7
};

// Every day of `year`. `spring_festival` maps years to 正月初一; a year missing from it uses
// 2 February, the middle of the festival's range.
std::vector<Day> YearDays(int year, const std::map<int, Date>& spring_festival);

// Relative volumes of a day (1 ≈ an ordinary weekday).
double OutpatientFactor(const Day& d);
double EmergencyFactor(const Day& d);
double CheckupFactor(const Day& d);
double DischargeFactor(const Day& d);
// A department's seasonal multiplier, 1 + (0.05 + amplitude) × winter.
inline double Season(const Day& d, double amplitude) { return 1.0 + (0.05 + amplitude) * d.winter; }

// Splits `total` over items in proportion to `weights` exactly (cumulative rounding), so the sum
// of the counts is `total`.
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights);

}  // namespace yuanwu::indicators::gen

#include "indicators/generator_calendar.h"

#include <cmath>

namespace yuanwu::indicators::gen {

std::vector<Day> YearDays(int year, const std::map<int, Date>& spring_festival) {
  auto festival_of = [&](int y) {
    auto it = spring_festival.find(y);
    return (it != spring_festival.end() ? it->second : Date{y, 2, 2}).ToDays();
  };
  // The festival of this year and of the next one (late December is close to neither).
  const int64_t sf = festival_of(year), sf_next = festival_of(year + 1);
  const int64_t first = Date{year, 1, 1}.ToDays(), end = Date{year + 1, 1, 1}.ToDays();
  std::vector<Day> out;
  out.reserve(static_cast<size_t>(end - first));
  for (int64_t n = first; n < end; ++n) {
    Day d;
    d.days = n;
    d.date = Date::FromDays(n);
    d.weekday = d.date.Weekday();
    const double doy = static_cast<double>(n - first);
    d.winter = std::cos(6.283185307179586 * (doy - 15.0) / 365.25);
    int64_t off = n - sf;
    if (off < -30 || off > 30) off = n - sf_next;
    d.festival = off >= -30 && off <= 30 ? static_cast<int>(off) : 1000;
    const int m = d.date.month, dd = d.date.day;
    d.holiday = (m == 1 && dd == 1) || (m == 5 && dd <= 3) || (m == 10 && dd <= 3);
    d.holiday_tail = (m == 5 && dd >= 4 && dd <= 5) || (m == 10 && dd >= 4 && dd <= 7);
    out.push_back(d);
  }
  return out;
}

double OutpatientFactor(const Day& d) {
  const int f = d.festival;
  if (f >= -1 && f <= 3) return 0.35;  // 除夕 to 初四: clinics nearly empty
  if (f >= 4 && f <= 6) return 0.6;
  if (f >= -7 && f <= -2) return 0.85;
  if (d.holiday) return 0.55;
  if (d.holiday_tail) return 0.7;
  static constexpr double kWeek[] = {1.22, 1.10, 1.05, 1.02, 1.00, 0.72, 0.60};
  double w = kWeek[d.weekday - 1];
  if (f >= 7 && f <= 14) w *= 0.9;  // people return to work gradually
  return w;
}

double EmergencyFactor(const Day& d) {
  if (d.festival >= -1 && d.festival <= 6) return 1.05;
  if (d.holiday) return 1.05;
  return d.weekday >= 6 ? 1.04 : 1.0;
}

double CheckupFactor(const Day& d) {
  if (d.festival >= -7 && d.festival <= 14) return 0.1;
  if (d.holiday || d.holiday_tail) return 0.05;
  static constexpr double kWeek[] = {1.1, 1.0, 1.0, 1.0, 1.0, 0.3, 0.1};
  return kWeek[d.weekday - 1];
}

double DischargeFactor(const Day& d) {
  const int f = d.festival;
  if (f >= -12 && f <= -2) return 1.3;  // patients go home for the festival
  if (f >= -1 && f <= 4) return 0.35;
  if (f >= 5 && f <= 8) return 0.7;
  if (d.holiday) return 0.7;
  static constexpr double kWeek[] = {1.0, 1.06, 1.06, 1.06, 1.06, 0.95, 0.75};
  return kWeek[d.weekday - 1];
}

std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights) {
  std::vector<int64_t> out(weights.size(), 0);
  double sum = 0;
  for (double w : weights) sum += std::max(0.0, w);
  if (sum <= 0 || total <= 0) return out;
  double cum = 0;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    cum += std::max(0.0, weights[i]);
    int64_t upto = i + 1 == weights.size()
                       ? total
                       : static_cast<int64_t>(std::llround(static_cast<double>(total) * cum / sum));
    if (upto > total) upto = total;
    if (upto < given) upto = given;
    out[i] = upto - given;
    given = upto;
  }
  return out;
}

}  // namespace yuanwu::indicators::gen

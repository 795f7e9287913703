#include "platform/calendar/working_calendar.h"

#include "platform/base/text.h"
#include "platform/db/row.h"

namespace yuanwu::calendar {

void WorkingCalendar::Set(const std::vector<SpecialDay>& days) {
  std::lock_guard<std::mutex> lock(mu_);
  special_.clear();
  for (const SpecialDay& d : days) special_[d.day.ToDays()] = d.kind == "workday";
}

bool WorkingCalendar::IsWorkingDay(Date d) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = special_.find(d.ToDays());
  if (it != special_.end()) return it->second;
  return d.Weekday() <= 5;
}

Date WorkingCalendar::AddWorkingDays(Date start, int n) const {
  Date d = start;
  int step = n >= 0 ? 1 : -1;
  for (int left = n >= 0 ? n : -n; left > 0;) {
    d = d.AddDays(step);
    if (IsWorkingDay(d)) --left;
  }
  return d;
}

int WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (to < from) return -WorkingDaysBetween(to, from);
  int n = 0;
  for (Date d = from.AddDays(1); d <= to; d = d.AddDays(1)) n += IsWorkingDay(d);
  return n;
}

Result<std::vector<SpecialDay>> ParseCalendarCsv(std::string_view csv) {
  std::vector<SpecialDay> out;
  std::vector<std::string> lines = Split(csv, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = Trim(lines[i]);
    if (line.empty() || (i == 0 && line.starts_with("date"))) continue;
    std::vector<std::string> cols = Split(line, ',');
    std::string where = "第" + std::to_string(i + 1) + "行";
    std::string where_en = "line " + std::to_string(i + 1);
    if (cols.size() < 3) {
      return Status::Invalid(where_en, where + "列数不足", where_en + ": too few columns");
    }
    std::optional<Date> d = ParseDate(Trim(cols[0]));
    if (!d) return Status::Invalid(where_en, where + "日期无效", where_en + ": invalid date");
    std::string kind = Trim(cols[1]);
    if (kind != "holiday" && kind != "workday") {
      return Status::Invalid(where_en, where + "类型必须是 holiday 或 workday",
                             where_en + ": kind must be holiday or workday");
    }
    std::string notice = cols.size() > 3 ? Trim(cols[3]) : "";
    for (size_t k = 4; k < cols.size(); ++k) notice += "," + cols[k];
    out.push_back({*d, kind, Trim(cols[2]), notice});
  }
  return out;
}

Result<std::vector<SpecialDay>> LoadCalendar(db::Database& db) {
  return db.Query<std::vector<SpecialDay>>(
      [](soci::session& sql) -> Result<std::vector<SpecialDay>> {
        std::vector<SpecialDay> out;
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT day, kind, name, notice FROM calendar_day ORDER BY day");
        for (const soci::row& r : rows) {
          std::optional<Date> d = ParseDate(db::Text(r, 0));
          if (d) out.push_back({*d, db::Text(r, 1), db::Text(r, 2), db::Text(r, 3)});
        }
        return out;
      });
}

}  // namespace yuanwu::calendar

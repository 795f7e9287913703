#include "quality/external_clock.h"

#include "platform/deadline/deadline.h"

namespace yuanwu::quality {

int64_t LocalMinutes(const std::string& local_minute) {
  std::optional<deadline::Moment> m = deadline::ParseMoment(local_minute);
  return m ? m->Minutes() : -1;
}

Result<ExternalDue> ExternalDeadline(const calendar::WorkingCalendar& calendar,
                                     const std::string& period, const std::string& discovered_at) {
  YW_ASSIGN_OR_RETURN(deadline::Period p, deadline::ParsePeriod(period));
  std::optional<deadline::Moment> start = deadline::ParseMoment(discovered_at);
  if (!start) {
    return Status::Invalid("discovered_at", "发现时间格式不正确", "invalid discovery time");
  }
  YW_ASSIGN_OR_RETURN(deadline::Deadline d, deadline::ComputeDeadline(calendar, p, *start, {}));
  if (!d.due) return Status::Internal("the outward report clock has no due moment");
  ExternalDue out;
  out.due_at = d.due->ToString();
  // A day deadline ("YYYY-MM-DD") lasts to the day's last minute, 23:59.
  out.due_minutes =
      d.due->minute == deadline::Moment::kEndOfDay ? d.due->Minutes() - 1 : d.due->Minutes();
  return out;
}

}  // namespace yuanwu::quality

#include "quality/case_rows.h"

namespace yuanwu::quality {

std::string QueueClause(cases::Queue q, const cases::Visibility& v, db::Params& p,
                        int64_t now_minutes) {
  switch (q) {
    case cases::Queue::kAll:
      return "";
    case cases::Queue::kMine:
      return " AND c.assignee_id = " + std::to_string(v.user_id);
    case cases::Queue::kDepartment:
      return " AND c.department_id = " + std::to_string(v.department_id);
    case cases::Queue::kOpen:
      return " AND c.closed_at IS NULL";
    case cases::Queue::kOverdue:
      p.Add("now", static_cast<long long>(now_minutes));
      return " AND c.clock = 'running' AND c.due_minutes < :now";
    case cases::Queue::kDueSoon:
      p.Add("now", static_cast<long long>(now_minutes));
      return " AND c.clock = 'running' AND c.escalation = 1 AND c.due_minutes >= :now";
    case cases::Queue::kPaused:
      return " AND c.clock = 'paused'";
    case cases::Queue::kClosed:
      return " AND c.closed_at IS NOT NULL";
  }
  return "";
}

std::string LikePattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace yuanwu::quality

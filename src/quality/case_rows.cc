#include "quality/case_rows.h"

namespace yuanwu::quality {

cases::Case CaseFromRow(const soci::row& r) {
  cases::Case c;
  c.id = db::Int(r, 0);
  c.type = db::Text(r, 1);
  c.code = db::Text(r, 2);
  c.title = db::Text(r, 3);
  c.state = db::Text(r, 4);
  c.department_id = db::Int(r, 5);
  c.department_name = db::Text(r, 6);
  c.assignee_id = db::Int(r, 7);
  c.assignee_name = db::Text(r, 8);
  c.opened_by = db::Int(r, 9);
  c.opened_by_name = db::Text(r, 10);
  c.opened_at = db::Text(r, 11);
  c.start_at = db::Text(r, 12);
  c.period = db::Text(r, 13);
  c.extension_limit = db::Text(r, 14);
  c.extended = db::Text(r, 15);
  c.due_at = db::Text(r, 16);
  c.clock = db::Text(r, 17);
  c.escalation = static_cast<int>(db::Int(r, 18));
  c.answered_at = db::Text(r, 19);
  c.on_time = db::IsNull(r, 20) ? -1 : static_cast<int>(db::Int(r, 20));
  c.closed_at = db::Text(r, 21);
  c.updated_at = db::Text(r, 22);
  return c;
}

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

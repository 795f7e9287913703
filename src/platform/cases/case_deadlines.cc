// CaseEngine::RunDeadlines: reminders before a deadline and escalation after it.
//
// Levels, each reached once per deadline (a new due date — extension, restart — starts again):
//   1 reminded   what is left of the period ≤ the type's remind_before → the assignee (or, with
//                none, the department's heads; with no department, the responsible office);
//   2 overdue    past due → the assignee and the department's heads (the office if none);
//   3 escalated  overdue by escalate_after → the responsible office (the type's manage
//                permission holders).
// "Left" and "by" are counted in the period's own unit on the working-day calendar, so a
// reminder one working day ahead of a Monday deadline comes on the Friday before — or on the
// Saturday before, when that Saturday is a 调休 working day.
#include <nlohmann/json.hpp>

#include "platform/audit/audit_log.h"
#include "platform/base/time.h"
#include "platform/cases/case_engine.h"
#include "platform/cases/case_store.h"

namespace yuanwu::cases {

namespace {

// The moment `amount` of `unit` after `due` (due itself is a deadline moment).
int64_t After(const calendar::WorkingCalendar& cal, const deadline::Moment& due,
              const deadline::Period& p) {
  switch (p.unit) {
    case deadline::PeriodUnit::kHours:
      return due.Minutes() + static_cast<int64_t>(p.amount) * 60;
    case deadline::PeriodUnit::kCalendarDays:
      return deadline::Moment{due.date.AddDays(p.amount), due.minute}.Minutes();
    case deadline::PeriodUnit::kWorkingDays:
      return deadline::Moment{cal.AddWorkingDays(due.date, p.amount), due.minute}.Minutes();
  }
  return due.Minutes();
}

// True when no more than `p` is left between now and due.
bool WithinReminder(const calendar::WorkingCalendar& cal, const deadline::Moment& now,
                    const deadline::Moment& due, const deadline::Period& p) {
  switch (p.unit) {
    case deadline::PeriodUnit::kHours:
      return due.Minutes() - now.Minutes() <= static_cast<int64_t>(p.amount) * 60;
    case deadline::PeriodUnit::kCalendarDays:
      return due.date.ToDays() - now.date.ToDays() <= p.amount;
    case deadline::PeriodUnit::kWorkingDays:
      return cal.WorkingDaysBetween(now.date, due.date) <= p.amount;
  }
  return false;
}

}  // namespace

Result<DeadlineRunReport> CaseEngine::RunDeadlines(int64_t now_seconds) {
  (void)now_seconds;  // the engine's clock is the same clock; kept for the scheduler's signature
  DeadlineRunReport report;
  YW_ASSIGN_OR_RETURN(
      std::vector<Case> running,
      db_.Query<std::vector<Case>>(
          [](soci::session& sql) -> Result<std::vector<Case>> { return CaseStore::Running(sql); }));
  const deadline::Moment now = LocalNow();
  const CaseRules rules = Rules();
  for (const Case& listed : running) {
    const CaseType* t = Type(listed.type);
    if (!t) continue;
    std::optional<deadline::Moment> due = deadline::ParseMoment(listed.due_at);
    if (!due) continue;
    if (listed.due_at.size() == 10) due->minute = deadline::Moment::kEndOfDay;
    Result<TypeRules> r = rules.For(listed.type);
    TypeRules tr = r.ok() ? *r : TypeRules{};
    int target = 0;
    if (now.Minutes() > due->Minutes()) {
      target = 2;
      Result<deadline::Period> after = deadline::ParsePeriod(tr.escalate_after);
      if (after.ok() && now.Minutes() > After(calendar_, *due, *after)) target = 3;
    } else {
      Result<deadline::Period> before = deadline::ParsePeriod(tr.remind_before);
      if (before.ok() && WithinReminder(calendar_, now, *due, *before)) target = 1;
    }
    if (target <= listed.escalation) continue;

    Status s = db_.Transact([&](soci::session& sql) -> Status {
      // Re-read inside the transaction: a user may have answered the case meanwhile.
      std::optional<Case> fresh = CaseStore::Get(sql, listed.type, listed.id, Visibility::All());
      if (!fresh || fresh->clock != "running" || fresh->due_at != listed.due_at ||
          fresh->escalation >= target) {
        return Status::Ok();
      }
      Case c = *fresh;
      for (int level = c.escalation + 1; level <= target; ++level) {
        std::vector<int64_t> users;
        std::string title;
        std::string what = t->name + " " + c.code + "「" + c.title + "」";
        auto office = [&]() -> Status {
          YW_ASSIGN_OR_RETURN(std::vector<int64_t> u,
                              directory_.UsersWith(sql, t->manage_permission));
          users.insert(users.end(), u.begin(), u.end());
          return Status::Ok();
        };
        auto heads = [&]() -> Status {
          if (c.department_id == 0) return office();
          YW_ASSIGN_OR_RETURN(std::vector<int64_t> u,
                              directory_.DepartmentHeads(sql, c.department_id));
          if (u.empty()) return office();
          users.insert(users.end(), u.begin(), u.end());
          return Status::Ok();
        };
        Event e;
        e.at = Now();
        e.actor_name = "系统";
        if (level == 1) {
          e.kind = "remind";
          title = what + "将于 " + c.due_at + " 到期";
          if (c.assignee_id) {
            users.push_back(c.assignee_id);
          } else {
            YW_RETURN_IF_ERROR(heads());
          }
          ++report.reminded;
        } else if (level == 2) {
          e.kind = "escalate";
          title = what + "已超过办理期限（" + c.due_at + "）";
          if (c.assignee_id) users.push_back(c.assignee_id);
          YW_RETURN_IF_ERROR(heads());
          ++report.overdue;
        } else {
          e.kind = "escalate";
          title = what + "超期未办结，已上报职能部门";
          YW_RETURN_IF_ERROR(office());
          ++report.escalated;
        }
        e.body = title;
        e.data_json =
            nlohmann::json({{"level", level}, {"due_at", c.due_at}, {"recipients", users}}).dump();
        CaseStore::AddEvent(sql, c.id, e, nullptr);
        YW_RETURN_IF_ERROR(Notify(sql, c,
                                  level == 1   ? "case.reminder"
                                  : level == 2 ? "case.overdue"
                                               : "case.escalated",
                                  title, users));
      }
      Case before = c;
      c.escalation = target;
      CaseStore::Update(sql, c, due->Minutes());
      return audit::Append(sql, db_.dialect(), clock_, auth::Actor::System(),
                           {"case." + c.type + ".escalate", "case_record", std::to_string(c.id),
                            nlohmann::json({{"escalation", before.escalation}}).dump(),
                            nlohmann::json({{"escalation", c.escalation}}).dump()});
    });
    if (!s.ok()) return s;
  }
  return report;
}

}  // namespace yuanwu::cases

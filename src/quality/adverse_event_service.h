// AdverseEventService: the adverse event use cases on the case engine. Each write is one engine
// step (or engine.Open inside the service's transaction) whose hook writes the event's own
// fields and their audit entry in the same transaction, so the case, its timeline, its audit
// and the event's fields commit or roll back together. Input is validated first
// (adverse_event_rules.h): bad input writes nothing.
//
// Flow (data/cases/adverse_event.json): 已上报 → 科室处理中 (the department of the event,
// adverse_events.handle) → 职能部门审核 (the department's analysis submitted; the handle clock,
// rules adverse_event.handle, stops here; a return to the department restarts it) → 整改落实中
// (review and RCA done; corrective actions become rectification tasks) → 效果评价 (every task
// re-checked and closed) → 已结案. 不予立案 ends it early.
//
// Who sees what: adverse_events.manage (质控办) every event, the reporter of a named report and
// the patient; adverse_events.read the events of the departments in the viewer's data scope
// (org::DeptScope) with reporter and patient masked; a reporter without read permission their
// own named reports (Mine) and any report by its code and tracking code (Track).
//
// Anonymity: an anonymous report records no reporter anywhere — not on the case (no opener), not
// on the timeline or in the audit trail (actor "匿名", no user id, no address), not here. A named
// report keeps its reporter only in adverse_event.reporter_id; the case opens without an opener
// (the engine's case JSON and timeline, shown to every handler, would otherwise name them) and
// the service's own audit entry records who reported.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "org/org_service.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/calendar/working_calendar.h"
#include "platform/cases/case_engine.h"
#include "platform/db/database.h"
#include "quality/adverse_event.h"
#include "quality/adverse_event_rules.h"
#include "quality/adverse_event_store.h"
#include "quality/quality.h"
#include "quality/rectification_service.h"

namespace yuanwu::quality {

struct ReportedEvent {
  int64_t id = 0;
  std::string code;
  std::string tracking_code;  // shown once; only its hash is stored
};

struct EventDetail {
  cases::Case c;
  AdverseEvent e;                            // already masked for the viewer
  std::vector<RectificationRow> corrective;  // the event's rectification tasks
};

// What the reporter sees with the code and tracking code: no names of anyone.
struct EventTrack {
  cases::Case c;
  std::string category;
  std::string reported_local;
  std::vector<cases::Event> events;  // public entries only
};

class AdverseEventService {
 public:
  AdverseEventService(db::Database& db, const Clock& clock,
                      const calendar::WorkingCalendar& calendar, cases::CaseEngine& engine,
                      org::OrgService& org, cases::Directory& directory,
                      RectificationService& rectifications, Codes codes,
                      int64_t local_offset_seconds);

  const Codes& codes() const { return codes_; }
  cases::CaseEngine& engine() { return engine_; }
  cases::Visibility VisibilityFor(const auth::Principal& p);
  int64_t NowMinutes() const { return engine_.LocalNowMinutes(); }

  // Any member of staff with adverse_events.report.
  Result<ReportedEvent> Report(const auth::Principal& p, const std::string& ip,
                               const ReportInput& in);
  Result<EventDetail> Get(const auth::Principal& p, int64_t id);
  Result<std::pair<std::vector<EventRow>, int64_t>> List(const auth::Principal& p,
                                                         const EventQuery& q);
  Result<std::vector<EventRow>> Mine(const auth::Principal& p);
  Result<EventTrack> Track(const std::string& code, const std::string& tracking_code);

  // The steps with fields (the others are plain case actions).
  Result<cases::Case> SubmitDeptHandling(const auth::Principal& p, const std::string& ip,
                                         int64_t id, DeptHandlingInput in);
  Result<cases::Case> Review(const auth::Principal& p, const std::string& ip, int64_t id,
                             ReviewInput in);
  // Each action becomes a rectification task linked to the event, in the same step.
  Result<cases::Case> PlanActions(const auth::Principal& p, const std::string& ip, int64_t id,
                                  std::vector<CorrectiveAction> actions, const std::string& note);
  // Refused while a corrective action's task is not closed.
  Result<cases::Case> StartEvaluation(const auth::Principal& p, const std::string& ip, int64_t id,
                                      const std::string& note);
  Result<cases::Case> Close(const auth::Principal& p, const std::string& ip, int64_t id,
                            CloseInput in);

  // The outward report (adverse_events.manage; audited, with a timeline entry): set or clear
  // the severity (the due moment is computed from the discovery), and record that it was
  // reported. Allowed in any state; the severity is fixed once reported.
  Result<EventDetail> SetExternal(const auth::Principal& p, const std::string& ip, int64_t id,
                                  const std::string& severity);
  Result<EventDetail> ReportOutward(const auth::Principal& p, const std::string& ip, int64_t id,
                                    ExternalReportInput in);

  Result<EventStats> Statistics(const auth::Principal& p, int year, int from_month, int to_month);
  Result<std::string> ExportXlsx(const auth::Principal& p, EventQuery q);
  Result<std::vector<std::pair<std::string, std::string>>> FileFields(const auth::Principal& p,
                                                                      const cases::Case& c);

 private:
  // The external clock fields of `e` for `severity` ("" clears them).
  Status ApplySeverity(AdverseEvent& e, const std::string& severity);
  // Runs a case action whose hook writes the event's fields with `write` and audits them.
  Result<cases::Case> Step(
      const auth::Principal& p, const std::string& ip, int64_t id, const std::string& action,
      const std::string& note,
      const std::function<Status(soci::session&, const cases::Case&, AdverseEvent&)>& write);
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  const calendar::WorkingCalendar& calendar_;
  cases::CaseEngine& engine_;
  org::OrgService& org_;
  cases::Directory& directory_;
  RectificationService& rectifications_;
  Codes codes_;
  int64_t local_offset_seconds_;
};

}  // namespace yuanwu::quality

#include "quality/adverse_event_service.h"

#include "org/case_directory.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_store.h"
#include "platform/http/json.h"
#include "platform/notify/notify.h"
#include "quality/adverse_event_json.h"
#include "quality/external_clock.h"
#include "quality/xlsx_export.h"

namespace yuanwu::quality {
namespace {

using http::Json;

Status NotFound() { return Status::NotFound("不良事件", "adverse event"); }

// What the audit trail records of an event's own fields: never the reporter or the patient (the
// audit log is read by auditors who may not see them).
std::string AuditFields(const AdverseEvent& e) {
  Json causes = Json::array();
  for (const Cause& c : e.causes) causes.push_back({c.category, c.description});
  return Json({{"anonymous", e.anonymous},
               {"department_id", e.department_id},
               {"category", e.category},
               {"grade", e.grade},
               {"occurred_at", e.occurred_at},
               {"discovered_at", e.discovered_at},
               {"external_severity", e.external_severity},
               {"external_due_at", e.external_due_at},
               {"external_reported_at", e.external_reported_at},
               {"external_report_note", e.external_report_note},
               {"dept_analysis", e.dept_analysis},
               {"dept_measures", e.dept_measures},
               {"causes", causes},
               {"rca_factors", e.rca_factors},
               {"rca_conclusion", e.rca_conclusion},
               {"effectiveness", e.effectiveness},
               {"evaluation", e.evaluation}})
      .dump();
}

// `s` with every field name prefixed ("department_id" → "actions[2].department_id").
Status Prefixed(const Status& s, const std::string& prefix) {
  if (s.ok() || s.fields().empty()) return s;
  Validation v;
  for (const FieldError& f : s.fields()) v.Fail(prefix + f.field, f.reason, f.reason_en);
  return v.ToStatus();
}

std::string Shorten(const std::string& s, size_t n) {
  std::vector<std::string_view> chars = Utf8Chars(s);
  if (chars.size() <= n) return s;
  std::string out;
  for (size_t i = 0; i < n; ++i) out += chars[i];
  return out + "…";
}

}  // namespace

AdverseEventService::AdverseEventService(db::Database& db, const Clock& clock,
                                         const calendar::WorkingCalendar& calendar,
                                         cases::CaseEngine& engine, org::OrgService& org,
                                         cases::Directory& directory,
                                         RectificationService& rectifications, Codes codes,
                                         int64_t local_offset_seconds)
    : db_(db),
      clock_(clock),
      calendar_(calendar),
      engine_(engine),
      org_(org),
      directory_(directory),
      rectifications_(rectifications),
      codes_(std::move(codes)),
      local_offset_seconds_(local_offset_seconds) {}

std::string AdverseEventService::Now() const { return FormatTimestamp(clock_.NowSeconds()); }

cases::Visibility AdverseEventService::VisibilityFor(const auth::Principal& p) {
  return org::CaseVisibility(org_, p, kEventRead, kEventManage);
}

Status AdverseEventService::ApplySeverity(AdverseEvent& e, const std::string& severity) {
  e.external_severity = severity;
  if (severity.empty()) {
    e.external_period.clear();
    e.external_due_at.clear();
    e.external_due_minutes = -1;
    return Status::Ok();
  }
  const Code* code = cases::FindCode(codes_.severities, severity);
  if (code == nullptr) return Status::Internal("unknown severity " + severity);
  YW_ASSIGN_OR_RETURN(e.external_period, engine_.Rules().Period(kEventType, code->period));
  YW_ASSIGN_OR_RETURN(ExternalDue due,
                      ExternalDeadline(calendar_, e.external_period, e.discovered_at));
  e.external_due_at = due.due_at;
  e.external_due_minutes = due.due_minutes;
  return Status::Ok();
}

Result<ReportedEvent> AdverseEventService::Report(const auth::Principal& p, const std::string& ip,
                                                  const ReportInput& in) {
  if (!p.Has(kEventReport)) return Status::Denied();
  int64_t now = clock_.NowSeconds();
  Validation v;
  AdverseEvent e = ValidateReport(in, codes_, now, local_offset_seconds_, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_RETURN_IF_ERROR(ApplySeverity(e, e.external_severity));
  YW_ASSIGN_OR_RETURN(std::string period, engine_.Rules().Period(kEventType, "handle"));
  e.reported_at = FormatTimestamp(now);
  e.reported_local = FormatLocalMinute(now, local_offset_seconds_);
  e.reporter_id = e.anonymous ? 0 : p.user_id;
  // Neither kind of report gives the engine the reporter: its case JSON and timeline go to every
  // handler. Anonymous: no user, no name, no address anywhere.
  auth::Actor opener =
      e.anonymous ? auth::Actor{0, kAnonymous, ""} : auth::Actor{0, kProtected, ip};
  auth::Actor audited = e.anonymous ? opener : auth::Actor::Of(p, ip);
  ReportedEvent out;
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    std::optional<org::Department> dept = org::OrgStore::GetDepartment(sql, e.department_id);
    if (!dept) return Status::Invalid("department_id", "科室不存在", "no such department");
    e.department_name = dept->name;
    cases::OpenSpec spec;
    // The title names the matter, never a person: it shows in every list.
    spec.title = cases::CodeName(codes_.categories, e.category) + " · " + dept->name;
    spec.department_id = e.department_id;
    spec.start = engine_.LocalNow();
    spec.period = period;
    spec.tracking = true;
    spec.anonymous = e.anonymous;
    spec.requester_name = e.anonymous ? "" : kProtected;
    spec.body = "不良事件已上报（" + cases::CodeName(codes_.categories, e.category) + "，" +
                cases::CodeName(codes_.grades, e.grade) + "）";
    spec.body_public = true;
    YW_ASSIGN_OR_RETURN(cases::Opened opened, engine_.Open(sql, opener, kEventType, spec));
    out.id = opened.id;
    out.code = opened.code;
    out.tracking_code = opened.tracking_code;
    e.case_id = opened.id;
    AdverseEventStore::Insert(sql, e);
    YW_RETURN_IF_ERROR(audit::Append(
        sql, db_.dialect(), clock_, audited,
        {"adverse_event.report", "case_record", std::to_string(opened.id), "{}", AuditFields(e)}));
    // The department and the quality office hear at once; a 重大 / 特大 event must go out within
    // hours.
    YW_ASSIGN_OR_RETURN(std::vector<int64_t> users,
                        directory_.DepartmentHeads(sql, e.department_id));
    YW_ASSIGN_OR_RETURN(std::vector<int64_t> office, directory_.UsersWith(sql, kEventManage));
    users.insert(users.end(), office.begin(), office.end());
    notify::Message m;
    m.kind = "adverse_event.reported";
    m.title = "不良事件 " + opened.code + "「" + spec.title + "」已上报（" +
              cases::CodeName(codes_.grades, e.grade) + "）";
    if (!e.external_severity.empty()) {
      m.title += "，须于 " + e.external_due_at + " 前对外上报（" +
                 cases::CodeName(codes_.severities, e.external_severity) + "）";
    }
    m.link = "/console/#/cases/adverse_event/" + std::to_string(opened.id);
    m.entity = "case_record";
    m.entity_id = std::to_string(opened.id);
    m.user_ids = users;
    m.payload_json = Json({{"case_id", opened.id},
                           {"code", opened.code},
                           {"category", e.category},
                           {"grade", e.grade},
                           {"external_severity", e.external_severity},
                           {"external_due_at", e.external_due_at}})
                         .dump();
    return notify::Enqueue(sql, db_.dialect(), clock_, m);
  });
  if (!tx.ok()) return tx;
  return out;
}

Result<EventDetail> AdverseEventService::Get(const auth::Principal& p, int64_t id) {
  EventDetail d;
  YW_ASSIGN_OR_RETURN(d.c, engine_.Get(kEventType, id, VisibilityFor(p)));
  std::optional<AdverseEvent> e;
  Status tx = db_.Read([&](soci::session& sql) -> Status {
    e = AdverseEventStore::Get(sql, id);
    d.corrective = RectificationStore::OfSource(sql, kEventType, id);
    return Status::Ok();
  });
  if (!tx.ok()) return tx;
  if (!e) return NotFound();
  d.e = ForViewer(*e, MaySeeReporter(p));
  return d;
}

Result<std::pair<std::vector<EventRow>, int64_t>> AdverseEventService::List(
    const auth::Principal& p, const EventQuery& q) {
  cases::Visibility v = VisibilityFor(p);
  int64_t now = NowMinutes();
  YW_ASSIGN_OR_RETURN(
      auto page, (db_.Query<std::pair<std::vector<EventRow>, int64_t>>(
                     [&](soci::session& sql) -> Result<std::pair<std::vector<EventRow>, int64_t>> {
                       return AdverseEventStore::List(sql, q, v, now);
                     })));
  bool identify = MaySeeReporter(p);
  for (EventRow& r : page.first) r.e = ForViewer(r.e, identify);
  return page;
}

Result<std::vector<EventRow>> AdverseEventService::Mine(const auth::Principal& p) {
  if (!p.Has(kEventReport)) return Status::Denied();
  YW_ASSIGN_OR_RETURN(
      std::vector<EventRow> rows,
      db_.Query<std::vector<EventRow>>([&](soci::session& sql) -> Result<std::vector<EventRow>> {
        return AdverseEventStore::OfReporter(sql, p.user_id);
      }));
  bool identify = MaySeeReporter(p);
  for (EventRow& r : rows) r.e = ForViewer(r.e, identify);
  return rows;
}

Result<EventTrack> AdverseEventService::Track(const std::string& code,
                                              const std::string& tracking_code) {
  YW_ASSIGN_OR_RETURN(auto tracked, engine_.Track(kEventType, Trim(code), Trim(tracking_code)));
  EventTrack out;
  out.c = std::move(tracked.first);
  for (cases::Event& ev : tracked.second) {
    if (!ev.is_public) continue;
    ev.actor_id = 0;
    ev.actor_name.clear();  // the reporter follows the matter, not who handled it
    out.events.push_back(std::move(ev));
  }
  YW_ASSIGN_OR_RETURN(std::optional<AdverseEvent> e,
                      db_.Query<std::optional<AdverseEvent>>(
                          [&](soci::session& sql) -> Result<std::optional<AdverseEvent>> {
                            return AdverseEventStore::Get(sql, out.c.id);
                          }));
  if (!e) return NotFound();
  out.category = e->category;
  out.reported_local = e->reported_local;
  return out;
}

Result<cases::Case> AdverseEventService::Step(
    const auth::Principal& p, const std::string& ip, int64_t id, const std::string& action,
    const std::string& note,
    const std::function<Status(soci::session&, const cases::Case&, AdverseEvent&)>& write) {
  return engine_.Act(p, ip, kEventType, id, VisibilityFor(p), action, note,
                     [&](soci::session& sql, const cases::Case& c) -> Status {
                       std::optional<AdverseEvent> before = AdverseEventStore::Get(sql, c.id);
                       if (!before) return NotFound();
                       AdverseEvent after = *before;
                       YW_RETURN_IF_ERROR(write(sql, c, after));
                       std::optional<AdverseEvent> stored = AdverseEventStore::Get(sql, c.id);
                       return audit::Append(
                           sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
                           {"adverse_event." + action, "case_record", std::to_string(c.id),
                            AuditFields(*before), AuditFields(stored ? *stored : after)});
                     });
}

Result<cases::Case> AdverseEventService::SubmitDeptHandling(const auth::Principal& p,
                                                            const std::string& ip, int64_t id,
                                                            DeptHandlingInput in) {
  Validation v;
  ValidateDeptHandling(in, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string note =
      "科室原因分析：" + in.analysis + (in.measures.empty() ? "" : "\n处理措施：" + in.measures);
  std::string now = Now();
  return Step(p, ip, id, "dept_submit", note,
              [&](soci::session& sql, const cases::Case& c, AdverseEvent&) -> Status {
                AdverseEventStore::SetDeptHandling(sql, c.id, in.analysis, in.measures, now);
                return Status::Ok();
              });
}

Result<cases::Case> AdverseEventService::Review(const auth::Principal& p, const std::string& ip,
                                                int64_t id, ReviewInput in) {
  Validation v;
  ValidateReview(in, codes_, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string now = Now();
  return Step(p, ip, id, "analyse", "审核结论：" + in.conclusion,
              [&](soci::session& sql, const cases::Case& c, AdverseEvent& e) -> Status {
                AdverseEventStore::SetReview(sql, c.id, in.causes, in.factors, in.conclusion,
                                             in.grade.empty() ? e.grade : in.grade,
                                             in.category.empty() ? e.category : in.category, now);
                return Status::Ok();
              });
}

Result<cases::Case> AdverseEventService::PlanActions(const auth::Principal& p,
                                                     const std::string& ip, int64_t id,
                                                     std::vector<CorrectiveAction> actions,
                                                     const std::string& note) {
  Validation v;
  ValidateCorrectiveActions(actions, v);
  std::string text = CheckText(note, "note", "说明", "the note", false, 2000, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  if (text.empty()) text = "下达整改措施 " + std::to_string(actions.size()) + " 项";
  return Step(p, ip, id, "plan_actions", text,
              [&](soci::session& sql, const cases::Case& c, AdverseEvent& e) -> Status {
                std::string problem =
                    "不良事件 " + c.code + "（" + c.title + "）" +
                    (e.rca_conclusion.empty() ? "" : "：" + Shorten(e.rca_conclusion, 300));
                for (size_t i = 0; i < actions.size(); ++i) {
                  const CorrectiveAction& a = actions[i];
                  NewRectification r;
                  r.source_type = kEventType;
                  r.source_id = c.id;
                  r.department_id = a.department_id;
                  r.assignee_id = a.assignee_id;
                  r.problem = problem;
                  r.requirement = a.requirement;
                  r.period = a.period;
                  r.leader = a.leader;
                  r.responsible = a.responsible;
                  Result<cases::Opened> opened =
                      rectifications_.OpenIn(sql, auth::Actor::Of(p, ip), r);
                  if (!opened.ok()) {
                    return Prefixed(opened.status(), "actions[" + std::to_string(i) + "].");
                  }
                }
                return Status::Ok();
              });
}

Result<cases::Case> AdverseEventService::StartEvaluation(const auth::Principal& p,
                                                         const std::string& ip, int64_t id,
                                                         const std::string& note) {
  Validation v;
  std::string text = CheckText(note, "note", "说明", "the note", false, 2000, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  return Step(
      p, ip, id, "start_evaluation", text,
      [&](soci::session& sql, const cases::Case& c, AdverseEvent&) -> Status {
        int64_t open = RectificationStore::OpenOfSource(sql, kEventType, c.id);
        if (open > 0) {
          return Status::Precondition(
              "尚有 " + std::to_string(open) + " 项整改任务未复查通过，不能进入效果评价",
              std::to_string(open) + " corrective task(s) have not passed their re-check yet");
        }
        return Status::Ok();
      });
}

Result<cases::Case> AdverseEventService::Close(const auth::Principal& p, const std::string& ip,
                                               int64_t id, CloseInput in) {
  Validation v;
  ValidateClose(in, codes_, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string now = Now();
  std::string note =
      "整改效果：" + cases::CodeName(codes_.effectiveness, in.effectiveness) + "。" + in.evaluation;
  return Step(p, ip, id, "close", note,
              [&](soci::session& sql, const cases::Case& c, AdverseEvent&) -> Status {
                AdverseEventStore::SetEvaluation(sql, c.id, in.effectiveness, in.evaluation, now);
                return Status::Ok();
              });
}

Result<EventDetail> AdverseEventService::SetExternal(const auth::Principal& p,
                                                     const std::string& ip, int64_t id,
                                                     const std::string& severity_in) {
  if (!p.Has(kEventManage)) return Status::Denied();
  std::string severity = Trim(severity_in);
  Validation v;
  ValidateSeverity(severity, codes_, v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  cases::Visibility vis = VisibilityFor(p);
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(cases::Case c, engine_.Load(sql, kEventType, id, vis));
    std::optional<AdverseEvent> before = AdverseEventStore::Get(sql, c.id);
    if (!before) return NotFound();
    if (!before->external_reported_at.empty()) {
      return Status::Precondition("已对外上报，不能再更改上报等级",
                                  "already reported outward; the severity is fixed");
    }
    if (before->external_severity == severity) {
      return Status::Invalid("external_severity", "与当前对外上报等级相同",
                             "same as the current severity");
    }
    AdverseEvent after = *before;
    YW_RETURN_IF_ERROR(ApplySeverity(after, severity));
    AdverseEventStore::SetExternal(sql, c.id, after.external_severity, after.external_period,
                                   after.external_due_at, after.external_due_minutes);
    cases::Event note;
    note.at = Now();
    note.actor_id = p.user_id;
    note.actor_name = p.name;
    note.kind = "note";
    note.body = severity.empty()
                    ? std::string("取消对外上报要求")
                    : "须对外上报（" + cases::CodeName(codes_.severities, severity) + "），应于 " +
                          after.external_due_at + " 前向卫生健康行政部门上报";
    cases::CaseStore::AddEvent(sql, c.id, note, nullptr);
    return audit::Append(sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
                         {"adverse_event.external", "case_record", std::to_string(c.id),
                          AuditFields(*before), AuditFields(after)});
  });
  if (!tx.ok()) return tx;
  return Get(p, id);
}

Result<EventDetail> AdverseEventService::ReportOutward(const auth::Principal& p,
                                                       const std::string& ip, int64_t id,
                                                       ExternalReportInput in) {
  if (!p.Has(kEventManage)) return Status::Denied();
  cases::Visibility vis = VisibilityFor(p);
  int64_t now = clock_.NowSeconds();
  Status tx = db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(cases::Case c, engine_.Load(sql, kEventType, id, vis));
    std::optional<AdverseEvent> before = AdverseEventStore::Get(sql, c.id);
    if (!before) return NotFound();
    if (before->external_severity.empty()) {
      return Status::Precondition("该事件未设定对外上报等级", "the event needs no outward report");
    }
    if (!before->external_reported_at.empty()) {
      return Status::Precondition("已对外上报", "already reported outward");
    }
    Validation v;
    ValidateExternalReport(in, before->discovered_at, now, local_offset_seconds_, v);
    YW_RETURN_IF_ERROR(v.ToStatus());
    bool on_time = OnTime(LocalMinutes(in.reported_at), before->external_due_minutes);
    AdverseEventStore::SetExternalReported(sql, c.id, in.reported_at, in.note, on_time);
    AdverseEvent after = *before;
    after.external_reported_at = in.reported_at;
    after.external_report_note = in.note;
    cases::Event note;
    note.at = FormatTimestamp(now);
    note.actor_id = p.user_id;
    note.actor_name = p.name;
    note.kind = "note";
    note.body =
        "已于 " + in.reported_at + " 向卫生健康行政部门上报（" + in.note + "）" +
        (on_time ? "，在规定时限内" : "，超过规定时限（应于 " + before->external_due_at + " 前）");
    cases::CaseStore::AddEvent(sql, c.id, note, nullptr);
    return audit::Append(sql, db_.dialect(), clock_, auth::Actor::Of(p, ip),
                         {"adverse_event.report_outward", "case_record", std::to_string(c.id),
                          AuditFields(*before), AuditFields(after)});
  });
  if (!tx.ok()) return tx;
  return Get(p, id);
}

Result<EventStats> AdverseEventService::Statistics(const auth::Principal& p, int year,
                                                   int from_month, int to_month) {
  if (!p.Has(kEventRead) && !p.Has(kEventManage)) return Status::Denied();
  Validation v;
  if (year < 2000 || year > 2100)
    v.Fail("year", "年份应在2000到2100之间", "year must be 2000–2100");
  if (from_month < 1 || from_month > 12) {
    v.Fail("from_month", "起始月份应为1到12", "from_month must be 1–12");
  }
  if (to_month < 1 || to_month > 12)
    v.Fail("to_month", "结束月份应为1到12", "to_month must be 1–12");
  if (v.ok() && from_month > to_month) {
    v.Fail("to_month", "结束月份不能早于起始月份", "to_month cannot be before from_month");
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  cases::Visibility vis = VisibilityFor(p);
  int64_t now = NowMinutes();
  return db_.Query<EventStats>([&](soci::session& sql) -> Result<EventStats> {
    return AdverseEventStore::Stats(sql, year, from_month, to_month, vis, now);
  });
}

Result<std::string> AdverseEventService::ExportXlsx(const auth::Principal& p, EventQuery q) {
  constexpr int64_t kMax = 10000;
  q.offset = 0;
  q.limit = kMax + 1;
  YW_ASSIGN_OR_RETURN(auto page, List(p, q));
  if (static_cast<int64_t>(page.first.size()) > kMax) {
    return Status::Invalid("limit", "一次最多导出10000条，请缩小筛选范围",
                           "at most 10,000 events per export; narrow the filter");
  }
  const cases::CaseType* type = engine_.Type(kEventType);
  std::vector<std::vector<std::string>> rows;
  for (const EventRow& r : page.first) {
    const cases::StateDef* s = type ? type->State(r.c.state) : nullptr;
    const AdverseEvent& e = r.e;
    std::string external;
    if (!e.external_severity.empty()) {
      external = cases::CodeName(codes_.severities, e.external_severity) + "，时限 " +
                 e.external_due_at + "，" +
                 (e.external_reported_at.empty()
                      ? std::string("未上报")
                      : "已于 " + e.external_reported_at + " 上报" +
                            (e.external_on_time == 1 ? "（按时）" : "（超时）"));
    }
    rows.push_back(
        {r.c.code, e.reported_local, e.occurred_at, e.discovered_at, e.department_name,
         cases::CodeName(codes_.categories, e.category), cases::CodeName(codes_.grades, e.grade),
         e.anonymous ? "是" : "否", e.reporter_name, e.patient_name, e.patient_record_no,
         e.description, e.immediate_measures, external, s ? s->name : r.c.state,
         r.c.on_time < 0 ? "" : (r.c.on_time == 1 ? "是" : "否"), e.rca_conclusion,
         e.effectiveness.empty() ? "" : cases::CodeName(codes_.effectiveness, e.effectiveness)});
  }
  return XlsxWorkbook("不良事件台账",
                      {"编号", "上报时间", "发生时间", "发现时间", "发生科室", "事件类别",
                       "事件分级", "匿名", "上报人", "患者", "住院号", "事件经过", "紧急措施",
                       "对外上报", "状态", "科室按时处理", "审核结论", "整改效果"},
                      rows);
}

Result<std::vector<std::pair<std::string, std::string>>> AdverseEventService::FileFields(
    const auth::Principal& p, const cases::Case& c) {
  YW_ASSIGN_OR_RETURN(std::optional<AdverseEvent> e,
                      db_.Query<std::optional<AdverseEvent>>(
                          [&](soci::session& sql) -> Result<std::optional<AdverseEvent>> {
                            return AdverseEventStore::Get(sql, c.id);
                          }));
  if (!e) return NotFound();
  return EventFileFields(ForViewer(*e, MaySeeReporter(p)), codes_);
}

}  // namespace yuanwu::quality

#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_json.h"
#include "platform/cases/case_query.h"
#include "platform/cases/case_routes.h"
#include "platform/http/params.h"
#include "quality/adverse_event_json.h"
#include "quality/quality_routes.h"
#include "quality/route_util.h"

namespace yuanwu::quality {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

Result<EventQuery> QueryOf(const Request& req, AdverseEventService& svc) {
  EventQuery q;
  Validation v;
  static_cast<cases::ListFilter&>(q) = cases::ReadListFilter(req, svc.engine().Type(kEventType), v);
  q.category = req.Query("category");
  if (!q.category.empty() && !cases::FindCode(svc.codes().categories, q.category)) {
    v.Fail("category", "事件类别无效：" + q.category, "invalid category: " + q.category);
  }
  q.grade = req.Query("grade");
  if (!q.grade.empty() && !cases::FindCode(svc.codes().grades, q.grade)) {
    v.Fail("grade", "事件分级无效：" + q.grade, "invalid grade: " + q.grade);
  }
  q.external = req.Query("external");
  if (!q.external.empty() && q.external != "required" && q.external != "pending" &&
      q.external != "overdue" && q.external != "reported") {
    v.Fail("external", "external 应为 required、pending、overdue 或 reported",
           "external must be required, pending, overdue or reported");
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  return q;
}

Json CaseWithEvent(AdverseEventService& svc, const cases::Case& c, const AdverseEvent& e,
                   const Principal& p) {
  Json j = cases::CaseToJson(svc.engine(), c, svc.NowMinutes(), &p);
  j["event"] = EventJson(e, svc.codes(), svc.NowMinutes());
  return j;
}

Result<Response> DetailResponse(AdverseEventService& svc, int64_t id, const Principal& p) {
  YW_ASSIGN_OR_RETURN(EventDetail d, svc.Get(p, id));
  Json j = CaseWithEvent(svc, d.c, d.e, p);
  const cases::CaseType* rect = svc.engine().Type(kRectType);
  Json corrective = Json::array();
  for (const RectificationRow& r : d.corrective) {
    const cases::StateDef* s = rect ? rect->State(r.c.state) : nullptr;
    corrective.push_back({{"id", r.c.id},
                          {"code", r.c.code},
                          {"state", r.c.state},
                          {"state_name", s ? s->name : r.c.state},
                          {"closed", s && s->closed},
                          {"department_id", r.c.department_id},
                          {"department_name", r.c.department_name},
                          {"requirement", r.r.requirement},
                          {"due_at", r.c.due_at}});
  }
  j["corrective"] = corrective;
  return JsonResponse(j);
}

ReportInput ReportFromJson(BodyReader& f) {
  ReportInput in;
  in.occurred_at = f.String("occurred_at", "发生时间", "occurred_at");
  in.discovered_at = f.String("discovered_at", "发现时间", "discovered_at");
  in.department_id = f.Int("department_id", "发生科室", "department");
  in.patient_name = f.String("patient_name", "患者姓名", "patient name");
  in.patient_record_no = f.String("patient_record_no", "住院号", "inpatient number");
  in.category = f.String("category", "事件类别", "category");
  in.grade = f.String("grade", "事件分级", "grade");
  in.description = f.String("description", "事件经过", "description");
  in.immediate_measures = f.String("immediate_measures", "紧急措施", "immediate measures");
  in.external_severity = f.String("external_severity", "对外上报等级", "external severity");
  in.anonymous = f.Bool("anonymous", "匿名上报", "anonymous").value_or(false);
  return in;
}

}  // namespace

void RegisterAdverseEventRoutes(auth::RouteTable& routes, AdverseEventService& service) {
  AdverseEventService* svc = &service;
  const std::string base = "/api/v1/adverse-events";

  routes.Add("GET", base, kEventRead, [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(EventQuery q, QueryOf(req, *svc));
    YW_ASSIGN_OR_RETURN(auto page, svc->List(p, q));
    Json items = Json::array();
    for (const EventRow& r : page.first) items.push_back(CaseWithEvent(*svc, r.c, r.e, p));
    return JsonResponse({{"items", items}, {"total", page.second}});
  });

  routes.Add("POST", base, kEventReport,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               ReportInput in = ReportFromJson(f);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(ReportedEvent r, svc->Report(p, req.remote_ip, in));
               // The reporter may not hold adverse_events.read: answer from what was just reported,
               // and never with who reported it.
               const cases::CaseType* t = svc->engine().Type(kEventType);
               const cases::StateDef* s = t ? t->State(t->initial) : nullptr;
               return JsonResponse({{"id", r.id},
                                    {"code", r.code},
                                    {"tracking_code", r.tracking_code},
                                    {"anonymous", in.anonymous},
                                    {"state", t ? t->initial : ""},
                                    {"state_name", s ? s->name : ""},
                                    {"notice", svc->codes().non_punitive_notice}},
                                   201);
             });

  routes.Add("GET", base + "/categories", auth::kSignedIn,
             [svc](Request&, const Principal&) -> Result<Response> {
               Json j = CodesJson(svc->codes());
               cases::CaseRules rules = svc->engine().Rules();
               for (Json& s : j["severities"]) {
                 Result<std::string> period =
                     rules.Period(kEventType, s["period_name"].get<std::string>());
                 s["period"] = period.ok() ? *period : "";
               }
               Result<std::string> handle = rules.Period(kEventType, "handle");
               j["handle_period"] = handle.ok() ? *handle : "";
               return JsonResponse(j);
             });

  routes.Add("GET", base + "/stats", kEventRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               Validation v;
               auto number = [&](const char* name, int fallback) {
                 if (req.Query(name).empty()) return fallback;
                 Result<int64_t> n = http::QueryInt(req, name);
                 if (!n.ok() || *n < 0 || *n > 9999) {
                   v.Fail(name, "应为整数", "must be an integer");
                   return fallback;
                 }
                 return static_cast<int>(*n);
               };
               int this_year = LocalDate(svc->NowMinutes() * 60, 0).year;
               int year = number("year", this_year);
               int from = number("from_month", 1);
               int to = number("to_month", 12);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(EventStats s, svc->Statistics(p, year, from, to));
               auto counts = [&](const std::vector<Count>& list, const std::vector<Code>* codes) {
                 Json out = Json::array();
                 for (const Count& c : list) {
                   std::string name = codes ? cases::CodeName(*codes, c.key) : c.name;
                   out.push_back({{"key", c.key}, {"name", name}, {"count", c.count}});
                 }
                 return out;
               };
               return JsonResponse(
                   {{"year", year},
                    {"from_month", from},
                    {"to_month", to},
                    {"total", s.total},
                    {"anonymous", s.anonymous},
                    {"closed", s.closed},
                    {"external",
                     {{"required", s.external_required},
                      {"reported", s.external_reported},
                      {"on_time", s.external_on_time},
                      {"overdue", s.external_overdue}}},
                    {"by_category", counts(s.by_category, &svc->codes().categories)},
                    {"by_grade", counts(s.by_grade, &svc->codes().grades)},
                    {"by_department", counts(s.by_department, nullptr)},
                    {"by_month", counts(s.by_month, nullptr)},
                    {"by_cause", counts(s.by_cause, &svc->codes().cause_categories)},
                    {"note", "按上报时间统计。每百出院人次上报率需出院人数，不在本模块范围内。"}});
             });

  routes.Add("GET", base + "/export", kEventRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(EventQuery q, QueryOf(req, *svc));
               YW_ASSIGN_OR_RETURN(std::string data, svc->ExportXlsx(p, q));
               std::string day = LocalDate(svc->NowMinutes() * 60, 0).ToString();
               return Response::Download(std::move(data), http::kXlsxContentType,
                                         "不良事件台账-" + day + ".xlsx");
             });

  routes.Add("GET", base + "/mine", kEventReport,
             [svc](Request&, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(std::vector<EventRow> rows, svc->Mine(p));
               const cases::CaseType* t = svc->engine().Type(kEventType);
               Json items = Json::array();
               for (const EventRow& r : rows) {
                 const cases::StateDef* s = t ? t->State(r.c.state) : nullptr;
                 items.push_back(
                     {{"id", r.c.id},
                      {"code", r.c.code},
                      {"title", r.c.title},
                      {"state", r.c.state},
                      {"state_name", s ? s->name : r.c.state},
                      {"closed", s && s->closed},
                      {"reported_local", r.e.reported_local},
                      {"category_name", cases::CodeName(svc->codes().categories, r.e.category)},
                      {"grade_name", cases::CodeName(svc->codes().grades, r.e.grade)}});
               }
               return JsonResponse({{"items", items}});
             });

  routes.Add("POST", base + "/track", kEventReport,
             [svc](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               std::string code = Trim(f.String("code", "事件编号", "code"));
               std::string tracking = Trim(f.String("tracking_code", "查询码", "tracking code"));
               if (code.empty()) v.Fail("code", "请填写事件编号", "the code is required");
               if (tracking.empty()) {
                 v.Fail("tracking_code", "请填写查询码", "the tracking code is required");
               }
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(EventTrack t, svc->Track(code, tracking));
               const cases::CaseType* type = svc->engine().Type(kEventType);
               const cases::StateDef* s = type ? type->State(t.c.state) : nullptr;
               Json events = Json::array();
               for (const cases::Event& e : t.events) {
                 const cases::ActionDef* a =
                     type && !e.action.empty() ? type->Action(e.action) : nullptr;
                 events.push_back({{"at", e.at},
                                   {"kind", e.kind},
                                   {"action_name", a ? a->name : ""},
                                   {"body", e.body}});
               }
               return JsonResponse(
                   {{"code", t.c.code},
                    {"state", t.c.state},
                    {"state_name", s ? s->name : t.c.state},
                    {"closed", s && s->closed},
                    {"category_name", cases::CodeName(svc->codes().categories, t.category)},
                    {"reported_local", t.reported_local},
                    {"events", events}});
             });

  routes.Add("GET", base + "/{id}", kEventRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/actions/dept_submit", kEventRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               DeptHandlingInput in;
               in.analysis = f.String("analysis", "科室原因分析", "analysis");
               in.measures = f.String("measures", "科室处理措施", "measures");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->SubmitDeptHandling(p, req.remote_ip, id, in).status());
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/actions/analyse", kEventManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               ReviewInput in;
               std::vector<Json> causes = f.Objects("causes", "根本原因", "causes");
               for (size_t i = 0; i < causes.size(); ++i) {
                 BodyReader c(causes[i], "causes[" + std::to_string(i) + "].", v);
                 in.causes.push_back({c.String("category", "原因类别", "category"),
                                      c.String("description", "原因说明", "description")});
               }
               in.factors = f.String("factors", "促成因素", "factors");
               in.conclusion = f.String("conclusion", "审核结论", "conclusion");
               in.grade = f.String("grade", "事件分级", "grade");
               in.category = f.String("category", "事件类别", "category");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->Review(p, req.remote_ip, id, in).status());
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/actions/plan_actions", kEventManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               std::vector<CorrectiveAction> actions;
               std::vector<Json> list = f.Objects("actions", "整改措施", "actions");
               for (size_t i = 0; i < list.size(); ++i) {
                 BodyReader a(list[i], "actions[" + std::to_string(i) + "].", v);
                 CorrectiveAction c;
                 c.department_id = a.Int("department_id", "责任科室", "department");
                 c.assignee_id = a.Int("assignee_id", "责任人", "assignee");
                 c.requirement = a.String("requirement", "整改要求", "requirement");
                 c.period = a.String("period", "整改期限", "period");
                 c.leader = a.String("leader", "分管领导", "leader");
                 c.responsible = a.String("responsible", "责任人", "responsible");
                 actions.push_back(std::move(c));
               }
               std::string note = f.String("note", "说明", "note");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->PlanActions(p, req.remote_ip, id, actions, note).status());
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/actions/start_evaluation", kEventManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               std::string note;
               if (!req.body.empty()) {
                 YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
                 Validation v;
                 note = BodyReader(body, "", v).String("note", "说明", "note");
                 YW_RETURN_IF_ERROR(v.ToStatus());
               }
               YW_RETURN_IF_ERROR(svc->StartEvaluation(p, req.remote_ip, id, note).status());
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/actions/close", kEventManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               CloseInput in;
               in.effectiveness = f.String("effectiveness", "整改效果", "effectiveness");
               in.evaluation = f.String("evaluation", "效果评价", "evaluation");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->Close(p, req.remote_ip, id, in).status());
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/external", kEventManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               if (!body.contains("severity")) {
                 v.Fail("severity", "请选择对外上报等级（不需上报时为空字符串）",
                        "severity is required (an empty string when no report is needed)");
               }
               std::string severity = f.String("severity", "对外上报等级", "severity");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->SetExternal(p, req.remote_ip, id, severity).status());
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/external/reported", kEventManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               ExternalReportInput in;
               in.reported_at = f.String("reported_at", "上报时间", "reported_at");
               in.note = f.String("note", "上报方式及回执", "note");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->ReportOutward(p, req.remote_ip, id, in).status());
               return DetailResponse(*svc, id, p);
             });

  cases::TypeSurface surface;
  surface.type = kEventType;
  surface.base = base;
  surface.visibility = [svc](const Principal& p) { return svc->VisibilityFor(p); };
  surface.file_fields = [svc](const Principal& p, const cases::Case& c) {
    return svc->FileFields(p, c);
  };
  cases::RegisterCaseRoutes(routes, service.engine(), surface);
}

}  // namespace yuanwu::quality

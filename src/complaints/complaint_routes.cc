#include "complaints/complaint_routes.h"

#include "complaints/complaint_json.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_json.h"
#include "platform/cases/case_query.h"
#include "platform/cases/case_routes.h"
#include "platform/http/json.h"
#include "platform/http/params.h"
#include "platform/http/url.h"

namespace yuanwu::complaints {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

// Type checks only: lengths and formats are the rules' (complaint_rules.h), with their messages.
constexpr size_t kAnyLength = 1000000;

IntakeInput IntakeFromJson(http::FieldReader& f) {
  IntakeInput in;
  in.complainant_name =
      f.String("complainant_name", "投诉人姓名", "complainant name", false, kAnyLength);
  in.complainant_relation =
      f.String("complainant_relation", "与患者关系", "relation", false, kAnyLength);
  in.complainant_phone = f.String("complainant_phone", "联系电话", "phone", false, kAnyLength);
  in.complainant_id_number =
      f.String("complainant_id_number", "身份证号", "ID number", false, kAnyLength);
  in.patient_name = f.String("patient_name", "患者姓名", "patient name", false, kAnyLength);
  in.patient_record_no =
      f.String("patient_record_no", "门诊/住院号", "record number", false, kAnyLength);
  in.patient_department_id =
      f.Int("patient_department_id", "就诊科室", "patient department", false).value_or(0);
  in.target_department_id =
      f.Int("target_department_id", "被投诉科室", "target department", false).value_or(0);
  in.target_staff = f.String("target_staff", "被投诉人员", "staff", false, kAnyLength);
  in.category = f.String("category", "投诉类别", "category", false, kAnyLength);
  in.description = f.String("description", "投诉事项", "description", false, kAnyLength);
  in.demand = f.String("demand", "诉求", "demand", false, kAnyLength);
  return in;
}

Result<ListQuery> QueryOf(const Request& req, const ComplaintService& svc,
                          cases::CaseEngine& engine) {
  ListQuery q;
  Validation v;
  static_cast<cases::ListFilter&>(q) = cases::ReadListFilter(req, engine.Type(kType), v);
  q.category = req.Query("category");
  if (!q.category.empty() && !cases::FindCode(svc.codes().categories, q.category)) {
    v.Fail("category", "投诉类别无效：" + q.category, "invalid category: " + q.category);
  }
  q.channel = req.Query("channel");
  if (!q.channel.empty() && !cases::FindCode(svc.codes().channels, q.channel)) {
    v.Fail("channel", "受理渠道无效：" + q.channel, "invalid channel: " + q.channel);
  }
  q.major_only = req.Query("major") == "1" || req.Query("major") == "true";
  YW_RETURN_IF_ERROR(v.ToStatus());
  return q;
}

Json CaseWithComplaint(ComplaintService& svc, const cases::Case& c, const Complaint& k,
                       const Principal& p) {
  Json j = cases::CaseToJson(svc.engine(), c, svc.NowMinutes(), &p);
  j["complaint"] = ComplaintJson(k, svc.codes());
  return j;
}

Result<Response> DetailResponse(ComplaintService& svc, int64_t id, const Principal& p,
                                int status = 200) {
  YW_ASSIGN_OR_RETURN(Detail d, svc.Get(p, id));
  return JsonResponse(CaseWithComplaint(svc, d.c, d.complaint, p), status);
}

}  // namespace

void RegisterRoutes(auth::RouteTable& routes, ComplaintService& service) {
  ComplaintService* svc = &service;
  const std::string base = "/api/v1/complaints";

  routes.Add("GET", base, kRead, [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(ListQuery q, QueryOf(req, *svc, svc->engine()));
    YW_ASSIGN_OR_RETURN(auto page, svc->List(p, q));
    Json items = Json::array();
    for (const Row& r : page.first) items.push_back(CaseWithComplaint(*svc, r.c, r.complaint, p));
    return JsonResponse({{"items", items}, {"total", page.second}});
  });

  routes.Add("POST", base, kRegister, [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    http::FieldReader f(body, v);
    RegistrationInput in;
    in.intake = IntakeFromJson(f);
    in.channel = f.String("channel", "受理渠道", "channel", false, kAnyLength);
    in.received_at = f.String("received_at", "受理时间", "received time", false, kAnyLength);
    in.first_receiver_department_id =
        f.Int("first_receiver_department_id", "首诉接待科室", "first receiver's department", false)
            .value_or(0);
    in.first_receiver_name =
        f.String("first_receiver_name", "首诉接待人", "first receiver", false, kAnyLength);
    in.resolved_on_spot =
        f.Bool("resolved_on_spot", "是否当场处理", "resolved on the spot").value_or(false);
    in.complexity = f.String("complexity", "处理类型", "complexity", false, kAnyLength);
    in.on_spot_reply =
        f.String("on_spot_reply", "当场处理情况", "on-the-spot resolution", false, kAnyLength);
    in.on_spot_method = f.String("on_spot_method", "反馈方式", "reply method", false, kAnyLength);
    YW_RETURN_IF_ERROR(v.ToStatus());
    YW_ASSIGN_OR_RETURN(Registered r, svc->Register(p, req.remote_ip, in));
    // The registering member of staff may not hold complaints.read: answer from what they
    // just registered, masked for them.
    Result<Detail> d = svc->Get(p, r.c.id);
    Json j = d.ok() ? CaseWithComplaint(*svc, d->c, d->complaint, p)
                    : Json({{"id", r.c.id}, {"code", r.c.code}, {"state", r.c.state}});
    j["tracking_code"] = r.tracking_code;
    return JsonResponse(j, 201);
  });

  routes.Add("GET", base + "/categories", auth::kSignedIn,
             [svc](Request&, const Principal&) -> Result<Response> {
               return JsonResponse(CodesJson(svc->codes()));
             });

  routes.Add("GET", base + "/stats", kRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               Validation v;
               auto number = [&](const char* name, int fallback) {
                 if (!req.HasQuery(name) || req.Query(name).empty()) return fallback;
                 Result<int64_t> n = http::QueryInt(req, name);
                 if (!n.ok()) {
                   v.Fail(name, "应为整数", "must be an integer");
                   return fallback;
                 }
                 return *n < 0 || *n > 9999 ? -1 : static_cast<int>(*n);  // -1: out of range
               };
               int this_year = LocalDate(svc->NowMinutes() * 60, 0).year;
               int year = number("year", this_year);
               int from = number("from_month", 1);
               int to = number("to_month", 12);
               // A field that was not a number is reported once, above; its fallback passes.
               ValidateStatsPeriod(year, from, to, v);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Stats s, svc->Statistics(p, year, from, to));
               return JsonResponse(StatsJson(s));
             });

  routes.Add("GET", base + "/export", kRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(ListQuery q, QueryOf(req, *svc, svc->engine()));
               YW_ASSIGN_OR_RETURN(std::string data, svc->ExportXlsx(p, q));
               std::string day = LocalDate(svc->NowMinutes() * 60, 0).ToString();
               return Response::Download(std::move(data), http::kXlsxContentType,
                                         "投诉登记台账-" + day + ".xlsx");
             });

  auto dispatch = [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    http::FieldReader f(body, v);
    std::optional<int64_t> dept = f.Int("department_id", "调查科室", "department", true);
    int64_t assignee = f.Int("assignee_id", "承办人", "assignee", false).value_or(0);
    std::string note = f.String("note", "说明", "note", false, kAnyLength);
    YW_RETURN_IF_ERROR(v.ToStatus());
    YW_RETURN_IF_ERROR(
        svc->Dispatch(p, req.remote_ip, id, dept.value_or(0), assignee, note).status());
    return DetailResponse(*svc, id, p);
  };
  auto reply = [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    http::FieldReader f(body, v);
    ReplyInput in;
    in.text = f.String("reply_text", "反馈内容", "reply text", false, kAnyLength);
    in.method = f.String("reply_method", "反馈方式", "reply method", false, kAnyLength);
    in.accepted = f.Bool("accepted", "患者是否接受", "accepted");
    in.follow_up = f.StringList("follow_up", "告知的后续途径", "follow-up routes");
    YW_RETURN_IF_ERROR(v.ToStatus());
    YW_RETURN_IF_ERROR(svc->Reply(p, req.remote_ip, id, in).status());
    return DetailResponse(*svc, id, p);
  };
  auto not_process = [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    http::FieldReader f(body, v);
    NotProcessInput in;
    in.reason = f.String("reason", "不予处理原因", "reason", false, kAnyLength);
    in.explanation = f.String("explanation", "说明", "explanation", false, kAnyLength);
    YW_RETURN_IF_ERROR(v.ToStatus());
    YW_RETURN_IF_ERROR(svc->NotProcess(p, req.remote_ip, id, in).status());
    return DetailResponse(*svc, id, p);
  };
  routes.Add("POST", base + "/{id}/dispatch", kManage, dispatch);
  routes.Add("POST", base + "/{id}/reply", kManage, reply);
  routes.Add("POST", base + "/{id}/not-process", kManage, not_process);
  routes.Add("POST", base + "/{id}/major-dispute", kManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader f(body, v);
               std::optional<bool> flag = f.Bool("flag", "是否重大医疗纠纷", "flag");
               if (!flag && v.ok()) {
                 v.Fail("flag", "请选择是否为重大医疗纠纷", "flag is required (true or false)");
               }
               std::string note = f.String("note", "上报说明", "note", false, kAnyLength);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Detail d,
                                   svc->MarkMajorDispute(p, req.remote_ip, id, *flag, note));
               return JsonResponse(CaseWithComplaint(*svc, d.c, d.complaint, p));
             });
  // The same steps under the shared …/actions/{action} path, claimed before the engine's
  // generic route (the router takes the first match), which would take them without fields.
  routes.Add("POST", base + "/{id}/actions/dispatch", kManage, dispatch);
  routes.Add("POST", base + "/{id}/actions/reply", kManage, reply);
  routes.Add("POST", base + "/{id}/actions/not_process", kManage, not_process);
  routes.Add("POST", base + "/{id}/actions/resolve_on_spot", kManage,
             [](Request& req, const Principal&) -> Result<Response> {
               YW_RETURN_IF_ERROR(http::PathId(req).status());
               if (!req.body.empty()) YW_RETURN_IF_ERROR(http::ParseJsonObject(req).status());
               return Status::Precondition(
                   "当场处理只能在登记投诉时记录（POST /api/v1/complaints，resolved_on_spot）",
                   "resolution on the spot is recorded when registering the complaint "
                   "(POST /api/v1/complaints with resolved_on_spot)");
             });

  cases::TypeSurface surface;
  surface.type = kType;
  surface.base = base;
  surface.visibility = [svc](const Principal& p) { return svc->VisibilityFor(p); };
  surface.file_fields = [svc](const Principal& p, const cases::Case& c) {
    return svc->FileFields(p, c);
  };
  cases::RegisterCaseRoutes(routes, service.engine(), surface);
  // After the shared routes: GET {base}/queues must not be taken for an id.
  routes.Add("GET", base + "/{id}", kRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               return DetailResponse(*svc, id, p);
             });
}

}  // namespace yuanwu::complaints

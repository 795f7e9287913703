#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_json.h"
#include "platform/cases/case_query.h"
#include "platform/cases/case_routes.h"
#include "platform/http/params.h"
#include "quality/quality_routes.h"
#include "quality/route_util.h"

namespace yuanwu::quality {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

Result<RectificationQuery> QueryOf(const Request& req, RectificationService& svc) {
  RectificationQuery q;
  Validation v;
  static_cast<cases::ListFilter&>(q) = cases::ReadListFilter(req, svc.engine().Type(kRectType), v);
  q.source_type = req.Query("source_type");
  if (!q.source_type.empty() &&
      !cases::FindCode(svc.codes().rectification_sources, q.source_type)) {
    v.Fail("source_type", "来源类型无效：" + q.source_type,
           "invalid source type: " + q.source_type);
  }
  q.source_id = http::QueryId(req, "source_id", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  return q;
}

Json TaskJson(RectificationService& svc, const cases::Case& c, const Rectification& r,
              const Principal& p) {
  Json j = cases::CaseToJson(svc.engine(), c, svc.NowMinutes(), &p);
  j["rectification"] = {
      {"source_type", r.source_type},
      {"source_name", cases::CodeName(svc.codes().rectification_sources, r.source_type)},
      {"source_id", r.source_id},
      {"source_code", r.source_code},
      {"source_round_id", r.source_round_id},
      {"problem", r.problem},
      {"requirement", r.requirement},
      {"leader", r.leader},
      {"responsible", r.responsible},
      {"created_at", r.created_at},
      {"failed_rechecks", r.failed_rechecks}};
  return j;
}

Result<Response> DetailResponse(RectificationService& svc, int64_t id, const Principal& p) {
  YW_ASSIGN_OR_RETURN(RectificationDetail d, svc.Get(p, id));
  return JsonResponse(TaskJson(svc, d.c, d.r, p));
}

}  // namespace

void RegisterRectificationRoutes(auth::RouteTable& routes, RectificationService& service) {
  RectificationService* svc = &service;
  const std::string base = "/api/v1/rectifications";

  routes.Add("GET", base, kRectRead, [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(RectificationQuery q, QueryOf(req, *svc));
    YW_ASSIGN_OR_RETURN(auto page, svc->List(p, q));
    Json items = Json::array();
    for (const RectificationRow& r : page.first) items.push_back(TaskJson(*svc, r.c, r.r, p));
    return JsonResponse({{"items", items}, {"total", page.second}});
  });

  routes.Add("POST", base, kRectRead, [svc](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    BodyReader f(body, "", v);
    NewRectification in;
    in.source_type = f.String("source_type", "来源类型", "source type");
    in.source_id = f.Int("source_id", "来源案件", "source");
    in.department_id = f.Int("department_id", "责任科室", "department");
    in.assignee_id = f.Int("assignee_id", "责任人", "assignee");
    in.problem = f.String("problem", "存在问题", "problem");
    in.requirement = f.String("requirement", "整改要求", "requirement");
    in.period = f.String("period", "整改期限", "period");
    in.leader = f.String("leader", "分管领导", "leader");
    in.responsible = f.String("responsible", "责任人", "responsible");
    YW_RETURN_IF_ERROR(v.ToStatus());
    YW_ASSIGN_OR_RETURN(RectificationDetail d, svc->Create(p, req.remote_ip, in));
    return JsonResponse(TaskJson(*svc, d.c, d.r, p), 201);
  });

  routes.Add("GET", base + "/export", kRectRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(RectificationQuery q, QueryOf(req, *svc));
               YW_ASSIGN_OR_RETURN(std::string data, svc->ExportXlsx(p, q));
               std::string day = LocalDate(svc->NowMinutes() * 60, 0).ToString();
               return Response::Download(std::move(data), http::kXlsxContentType,
                                         "整改台账-" + day + ".xlsx");
             });

  routes.Add("GET", base + "/{id}", kRectRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/submit", kRectRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               std::string report = BodyReader(body, "", v).String("report", "整改情况", "report");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->Submit(p, req.remote_ip, id, report).status());
               return DetailResponse(*svc, id, p);
             });

  routes.Add("POST", base + "/{id}/recheck", kRectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               std::optional<bool> passed = f.Bool("passed", "复查结果", "passed");
               if (!passed && v.ok()) {
                 v.Fail("passed", "请选择复查是否通过", "passed is required (true or false)");
               }
               std::string note = f.String("note", "复查意见", "note");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_RETURN_IF_ERROR(svc->Recheck(p, req.remote_ip, id, *passed, note).status());
               return DetailResponse(*svc, id, p);
             });

  cases::TypeSurface surface;
  surface.type = kRectType;
  surface.base = base;
  surface.visibility = [svc](const Principal& p) { return svc->VisibilityFor(p); };
  surface.file_fields = [svc](const Principal& p, const cases::Case& c) {
    return svc->FileFields(p, c);
  };
  cases::RegisterCaseRoutes(routes, service.engine(), surface);
}

}  // namespace yuanwu::quality

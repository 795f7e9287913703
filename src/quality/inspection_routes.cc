#include "platform/base/text.h"
#include "platform/base/time.h"
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

Json RoundJson(const InspectionRound& r, const Checklist* items) {
  Json sheets = Json::array();
  for (const Sheet& s : r.sheets) {
    Json scores = Json::array();
    for (const ItemScore& i : s.scores) {
      scores.push_back(
          {{"item_id", i.item_id}, {"score", TenthsJson(i.score_x10)}, {"note", i.note}});
    }
    Json findings = Json::array();
    for (const Finding& f : s.findings) {
      findings.push_back({{"id", f.id},
                          {"item_id", f.item_id},
                          {"description", f.description},
                          {"created_at", f.created_at},
                          {"rectification",
                           {{"id", f.rectification_case_id},
                            {"code", f.rectification_code},
                            {"state", f.rectification_state}}}});
    }
    sheets.push_back({{"id", s.id},
                      {"department_id", s.department_id},
                      {"department_name", s.department_name},
                      {"scored", s.score_x10 >= 0},
                      {"total_score", s.total_x10 < 0 ? Json(nullptr) : TenthsJson(s.total_x10)},
                      {"max_score", s.max_x10 < 0 ? Json(nullptr) : TenthsJson(s.max_x10)},
                      {"score", s.score_x10 < 0 ? Json(nullptr) : TenthsJson(s.score_x10)},
                      {"summary", s.summary},
                      {"scored_at", s.scored_at},
                      {"scores", scores},
                      {"findings", findings}});
  }
  Json j = {{"id", r.id},
            {"title", r.title},
            {"template",
             {{"id", r.template_id},
              {"code", r.template_code},
              {"name", r.template_name},
              {"version", r.version},
              {"version_id", r.version_id}}},
            {"inspected_on", r.inspected_on},
            {"inspectors", r.inspectors},
            {"status", r.status},
            {"status_name", r.status == "open" ? "进行中" : "已完成"},
            {"note", r.note},
            {"created_by_name", r.created_by_name},
            {"created_at", r.created_at},
            {"completed_at", r.completed_at},
            {"department_count", r.department_count},
            {"scored_count", r.scored_count},
            {"sheets", sheets}};
  if (items) j["items"] = ChecklistJson(*items, true)["items"];
  return j;
}

Result<Response> RoundResponse(InspectionService& svc, const InspectionRound& r, const Principal& p,
                               int status = 200) {
  YW_ASSIGN_OR_RETURN(Checklist t, svc.Template(p, r.template_id, r.version));
  return JsonResponse(RoundJson(r, &t), status);
}

Result<std::pair<std::string, int64_t>> MonthQuery(const Request& req) {
  Validation v;
  std::string month = http::QueryText(req, "month", 7, v);
  int64_t template_id = http::QueryId(req, "template_id", v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  return std::make_pair(month, template_id);
}

}  // namespace

void RegisterInspectionRoutes(auth::RouteTable& routes, InspectionService& service) {
  InspectionService* svc = &service;
  const std::string base = "/api/v1/inspections";

  routes.Add("GET", base + "/templates", kInspectRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               bool inactive =
                   req.Query("include_inactive") == "1" || req.Query("include_inactive") == "true";
               YW_ASSIGN_OR_RETURN(std::vector<Checklist> list, svc->Templates(p, inactive));
               Json items = Json::array();
               for (const Checklist& c : list) items.push_back(ChecklistJson(c, false));
               return JsonResponse({{"items", items}});
             });

  routes.Add("POST", base + "/templates", kInspectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               YW_ASSIGN_OR_RETURN(Checklist c, svc->CreateTemplate(p, req.remote_ip, body));
               return JsonResponse(ChecklistJson(c, true), 201);
             });

  routes.Add("POST", base + "/templates/import", kInspectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               Json body = Json::parse(req.body, nullptr, false);
               if (body.is_discarded() || (!body.is_object() && !body.is_array())) {
                 return Status::Invalid("$", "请求体须为检查表 JSON 对象或数组",
                                        "the body must be a checklist object or an array of them");
               }
               YW_ASSIGN_OR_RETURN(std::vector<Checklist> list,
                                   svc->ImportTemplates(p, req.remote_ip, body));
               Json items = Json::array();
               for (const Checklist& c : list) items.push_back(ChecklistJson(c, false));
               return JsonResponse({{"items", items}});
             });

  routes.Add("GET", base + "/templates/{id}", kInspectRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               Validation v;
               int64_t version = http::QueryId(req, "version", v);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Checklist c, svc->Template(p, id, version));
               return JsonResponse(ChecklistJson(c, true));
             });

  routes.Add("PUT", base + "/templates/{id}", kInspectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               YW_ASSIGN_OR_RETURN(Checklist c, svc->UpdateTemplate(p, req.remote_ip, id, body));
               return JsonResponse(ChecklistJson(c, true));
             });

  routes.Add(
      "GET", base + "/scores", kInspectRead,
      [svc](Request& req, const Principal& p) -> Result<Response> {
        YW_ASSIGN_OR_RETURN(auto query, MonthQuery(req));
        YW_ASSIGN_OR_RETURN(MonthlyFigures m, svc->MonthlyScores(p, query.first, query.second));
        Json scores = Json::array();
        for (const MonthlyScore& s : m.scores) {
          scores.push_back({{"department_id", s.department_id},
                            {"department_name", s.department_name},
                            {"template_id", s.template_id},
                            {"template_code", s.template_code},
                            {"template_name", s.template_name},
                            {"sheets", s.sheets},
                            {"average", std::round(s.average * 100) / 100},
                            {"min", TenthsJson(s.min_x10)},
                            {"max", TenthsJson(s.max_x10)}});
        }
        Json findings = Json::array();
        for (const FindingCount& f : m.findings) {
          findings.push_back({{"department_id", f.department_id},
                              {"department_name", f.department_name},
                              {"in_month", f.in_month},
                              {"open", f.open},
                              {"overdue", f.overdue}});
        }
        return JsonResponse({{"month", m.month}, {"scores", scores}, {"findings", findings}});
      });

  routes.Add("GET", base + "/scores/export", kInspectRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto query, MonthQuery(req));
               YW_ASSIGN_OR_RETURN(std::string data,
                                   svc->ExportScores(p, query.first, query.second));
               return Response::Download(
                   std::move(data), http::kXlsxContentType,
                   "月度督查得分-" + (query.first.empty() ? "本月" : query.first) + ".xlsx");
             });

  routes.Add(
      "GET", base, kInspectRead, [svc](Request& req, const Principal& p) -> Result<Response> {
        RoundQuery q;
        Validation v;
        http::QueryDates(req, &q.from, &q.to, v);
        q.template_id = http::QueryId(req, "template_id", v);
        q.department_id = http::QueryId(req, "department_id", v);
        q.status = req.Query("status");
        if (!q.status.empty() && q.status != "open" && q.status != "completed") {
          v.Fail("status", "status 应为 open 或 completed", "status must be open or completed");
        }
        http::QueryPage(req, &q.offset, &q.limit, v);
        YW_RETURN_IF_ERROR(v.ToStatus());
        YW_ASSIGN_OR_RETURN(auto page, svc->Rounds(p, q));
        Json items = Json::array();
        for (const InspectionRound& r : page.first) {
          Json j = RoundJson(r, nullptr);
          j.erase("sheets");
          items.push_back(j);
        }
        return JsonResponse({{"items", items}, {"total", page.second}});
      });

  routes.Add("POST", base, kInspectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               RoundInput in;
               in.template_id = f.Int("template_id", "检查表", "checklist");
               in.title = f.String("title", "督查名称", "title");
               in.inspected_on = f.String("inspected_on", "督查日期", "date");
               in.inspectors = f.Strings("inspectors", "督查人员", "inspectors");
               in.department_ids = f.Ints("department_ids", "受检科室", "departments");
               in.note = f.String("note", "备注", "note");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(InspectionRound r, svc->CreateRound(p, req.remote_ip, in));
               return RoundResponse(*svc, r, p, 201);
             });

  routes.Add("GET", base + "/{id}", kInspectRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(InspectionRound r, svc->Round(p, id));
               return RoundResponse(*svc, r, p);
             });

  routes.Add("PUT", base + "/{id}/scores", kInspectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               int64_t dept = f.Int("department_id", "受检科室", "department");
               std::vector<ScoreInput> scores;
               std::vector<Json> list = f.Objects("scores", "评分", "scores");
               for (size_t i = 0; i < list.size(); ++i) {
                 BodyReader s(list[i], "scores[" + std::to_string(i) + "].", v);
                 ScoreInput in;
                 in.item_id = s.Int("item_id", "检查项目", "item");
                 in.score = s.Raw("score");
                 in.note = s.String("note", "扣分说明", "note");
                 scores.push_back(std::move(in));
               }
               std::string summary = f.String("summary", "检查小结", "summary");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(InspectionRound r,
                                   svc->RecordScores(p, req.remote_ip, id, dept, scores, summary));
               return RoundResponse(*svc, r, p);
             });

  routes.Add("POST", base + "/{id}/findings", kInspectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               BodyReader f(body, "", v);
               int64_t dept = f.Int("department_id", "受检科室", "department");
               std::vector<FindingInput> findings;
               std::vector<Json> list = f.Objects("findings", "发现问题", "findings");
               for (size_t i = 0; i < list.size(); ++i) {
                 BodyReader x(list[i], "findings[" + std::to_string(i) + "].", v);
                 FindingInput in;
                 in.item_id = x.Int("item_id", "检查项目", "item");
                 in.description = x.String("description", "问题描述", "description");
                 in.requirement = x.String("requirement", "整改要求", "requirement");
                 in.period = x.String("period", "整改期限", "period");
                 in.leader = x.String("leader", "分管领导", "leader");
                 in.responsible = x.String("responsible", "责任人", "responsible");
                 in.assignee_id = x.Int("assignee_id", "责任人", "assignee");
                 findings.push_back(std::move(in));
               }
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(InspectionRound r,
                                   svc->AddFindings(p, req.remote_ip, id, dept, findings));
               return RoundResponse(*svc, r, p, 201);
             });

  routes.Add("POST", base + "/{id}/complete", kInspectManage,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(InspectionRound r, svc->CompleteRound(p, req.remote_ip, id));
               return RoundResponse(*svc, r, p);
             });
}

}  // namespace yuanwu::quality

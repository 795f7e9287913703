#include "org/org_routes.h"

#include "org/org_json.h"
#include "platform/http/multipart.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"

namespace yuanwu::org {
namespace {

using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

Json List(const Json& items) { return {{"items", items}}; }

template <typename T>
Json JsonArray(const std::vector<T>& xs) {
  Json a = Json::array();
  for (const T& x : xs) a.push_back(ToJson(x));
  return a;
}

Result<Response> ImportUsers(OrgService& s, Request& req, const auth::Principal& p) {
  YW_ASSIGN_OR_RETURN(std::vector<http::Part> parts,
                      http::ParseMultipart(req.Header("content-type"), req.body));
  const http::Part* file = http::FindPart(parts, "file");
  if (file == nullptr || file->data.empty()) {
    return Status::Invalid("file", "请选择要导入的文件", "choose a file to import");
  }
  YW_ASSIGN_OR_RETURN(tabular::Table table, tabular::ParseUpload(file->filename, file->data));
  YW_ASSIGN_OR_RETURN(int n, s.ImportUsers(auth::Actor::Of(p, req.remote_ip), table));
  return JsonResponse({{"imported", n}});
}

Json PreviewJson(const DepartmentImportRow& r) {
  Json j = {{"line", r.line},
            {"action", ImportActionName(r.action)},
            {"id", r.after.id == 0 ? Json(nullptr) : Json(r.after.id)},
            {"code", r.after.code},
            {"name", r.after.name},
            {"campus_code", r.campus_code},
            {"parent_code", r.parent_code},
            {"kind", r.after.kind},
            {"public", r.after.is_public},
            {"sort", r.after.sort},
            {"changed", r.changed}};
  if (r.action == ImportAction::kUpdate && r.before) {
    j["before"] = {{"name", r.before->name},
                   {"campus_code", r.before_campus_code},
                   {"parent_code", r.before_parent_code},
                   {"kind", r.before->kind},
                   {"public", r.before->is_public},
                   {"sort", r.before->sort}};
  }
  return j;
}

Json ProblemsJson(const std::vector<ImportProblem>& problems) {
  Json a = Json::array();
  for (const ImportProblem& p : problems) {
    a.push_back({{"line", p.line},
                 {"column", p.column},
                 {"value", p.value},
                 {"reason", p.reason},
                 {"reason_en", p.reason_en}});
  }
  return a;
}

// POST /departments/import[?dry_run=1]. A dry run answers 200 with the preview, the counts and
// every row problem; an import answers 200 with the counts, or 400 with the problems (as
// `fields` like any validation error, and as `errors` with line, column and value).
Result<Response> ImportDepartmentFile(OrgService& s, Request& req, const auth::Principal& p) {
  std::string dry = req.Query("dry_run");
  if (dry != "" && dry != "0" && dry != "1" && dry != "true" && dry != "false") {
    return Status::Invalid("dry_run", "dry_run 应为 1 或 0", "dry_run must be 1 or 0");
  }
  DepartmentImportOptions options;
  options.dry_run = dry == "1" || dry == "true";
  YW_ASSIGN_OR_RETURN(std::vector<http::Part> parts,
                      http::ParseMultipart(req.Header("content-type"), req.body));
  const http::Part* file = http::FindPart(parts, "file");
  if (file == nullptr || file->data.empty()) {
    return Status::Invalid("file", "请选择要导入的文件", "choose a file to import");
  }
  options.file_name = file->filename;
  YW_ASSIGN_OR_RETURN(tabular::Table table, tabular::ParseUpload(file->filename, file->data));
  YW_ASSIGN_OR_RETURN(DepartmentImportPlan plan,
                      s.ImportDepartments(auth::Actor::Of(p, req.remote_ip), table, options));
  Json rows = Json::array();
  for (const DepartmentImportRow& r : plan.rows) {
    if (r.action != ImportAction::kUnchanged) rows.push_back(PreviewJson(r));
  }
  if (!plan.problems.empty() && !options.dry_run) {
    Response res = http::ProblemResponse(ProblemsToStatus(plan.problems), req.PrefersEnglish());
    Json body = Json::parse(res.body, nullptr, false);
    body["errors"] = ProblemsJson(plan.problems);
    res.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return res;
  }
  return JsonResponse({{"dry_run", options.dry_run},
                       {"valid", plan.problems.empty()},
                       {"created", plan.created},
                       {"updated", plan.updated},
                       {"unchanged", plan.unchanged},
                       {"ignored_columns", plan.ignored_columns},
                       {"rows", rows},
                       {"errors", ProblemsJson(plan.problems)}});
}

}  // namespace

void RegisterRoutes(auth::RouteTable& routes, OrgService& s) {
  routes.Add("GET", "/api/v1/campuses", "org.read",
             [&s](Request&, const auth::Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, s.Campuses());
               return JsonResponse(List(JsonArray(list)));
             });
  auto save_campus = [&s](Request& req, const auth::Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    Campus c = CampusFromJson(body, v);
    YW_RETURN_IF_ERROR(v.ToStatus());
    if (req.params.count("id")) {
      YW_ASSIGN_OR_RETURN(c.id, http::PathId(req));
    }
    YW_ASSIGN_OR_RETURN(Campus saved, s.SaveCampus(auth::Actor::Of(p, req.remote_ip), c));
    return JsonResponse(ToJson(saved), c.id == 0 ? 201 : 200);
  };
  routes.Add("POST", "/api/v1/campuses", "org.manage", save_campus);
  routes.Add("PUT", "/api/v1/campuses/{id}", "org.manage", save_campus);

  routes.Add("GET", "/api/v1/departments", "org.read",
             [&s](Request&, const auth::Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, s.Departments());
               return JsonResponse(List(JsonArray(list)));
             });
  auto save_department = [&s](Request& req, const auth::Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    Department d = DepartmentFromJson(body, v);
    YW_RETURN_IF_ERROR(v.ToStatus());
    if (req.params.count("id")) {
      YW_ASSIGN_OR_RETURN(d.id, http::PathId(req));
    }
    bool creating = d.id == 0;
    YW_ASSIGN_OR_RETURN(Department saved, s.SaveDepartment(auth::Actor::Of(p, req.remote_ip), d));
    return JsonResponse(ToJson(saved), creating ? 201 : 200);
  };
  routes.Add("POST", "/api/v1/departments", "org.manage", save_department);
  routes.Add("PUT", "/api/v1/departments/{id}", "org.manage", save_department);
  routes.Add(
      "POST", "/api/v1/departments/import", "org.manage",
      [&s](Request& req, const auth::Principal& p) { return ImportDepartmentFile(s, req, p); });

  routes.Add("GET", "/api/v1/users", "user.manage",
             [&s](Request& req, const auth::Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
               YW_ASSIGN_OR_RETURN(int64_t dept, http::QueryInt(req, "department_id"));
               UserFilter f{req.Query("q"), dept, page.offset(), page.page_size};
               YW_ASSIGN_OR_RETURN(auto result, s.Users(f));
               Json items = Json::array();
               for (const User& u : result.first) items.push_back(ToJson(u, false));
               return JsonResponse({{"items", items}, {"total", result.second}});
             });
  routes.Add("GET", "/api/v1/users/{id}", "user.manage",
             [&s](Request& req, const auth::Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(User u, s.GetUser(id));
               return JsonResponse(ToJson(u, true));
             });
  auto save_user = [&s](Request& req, const auth::Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    User u = UserFromJson(body, v);
    http::FieldReader f(body, v);
    bool creating = !req.params.count("id");
    std::string password = f.String("password", "密码", "password", creating, 128);
    YW_RETURN_IF_ERROR(v.ToStatus());
    if (!creating) {
      YW_ASSIGN_OR_RETURN(u.id, http::PathId(req));
    }
    YW_ASSIGN_OR_RETURN(User saved, s.SaveUser(auth::Actor::Of(p, req.remote_ip), u, password));
    return JsonResponse(ToJson(saved, true), creating ? 201 : 200);
  };
  routes.Add("POST", "/api/v1/users", "user.manage", save_user);
  routes.Add("PUT", "/api/v1/users/{id}", "user.manage", save_user);
  routes.Add("POST", "/api/v1/users/{id}/unlock", "user.manage",
             [&s](Request& req, const auth::Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_RETURN_IF_ERROR(s.Unlock(auth::Actor::Of(p, req.remote_ip), id));
               return Response::NoContent();
             });
  routes.Add("POST", "/api/v1/users/import", "user.manage",
             [&s](Request& req, const auth::Principal& p) { return ImportUsers(s, req, p); });

  routes.Add("GET", "/api/v1/roles", "org.read",
             [&s](Request&, const auth::Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, s.Roles());
               return JsonResponse(List(JsonArray(list)));
             });
  routes.Add("PUT", "/api/v1/roles/{code}", "role.manage",
             [&s](Request& req, const auth::Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader f(body, v);
               Role r;
               r.code = req.params["code"];
               r.name = f.String("name", "角色名称", "role name", true, 50);
               r.permissions = f.StringList("permissions", "权限", "permissions");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Role saved, s.SaveRole(auth::Actor::Of(p, req.remote_ip), r));
               return JsonResponse(ToJson(saved));
             });
}

}  // namespace yuanwu::org

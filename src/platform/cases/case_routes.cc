#include "platform/cases/case_routes.h"

#include "platform/cases/case_json.h"
#include "platform/http/json.h"
#include "platform/http/multipart.h"
#include "platform/http/params.h"
#include "platform/http/url.h"

namespace yuanwu::cases {

namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

}  // namespace

void RegisterCaseRoutes(auth::RouteTable& routes, CaseEngine& engine, const TypeSurface& s) {
  const CaseType* t = engine.Type(s.type);
  if (!t) return;  // the app registers the type first; a typo fails the route-table test
  const std::string type = s.type;
  const std::string read = t->read_permission;
  const std::string handle = t->handle_permission;
  const std::string manage = t->manage_permission;
  auto vis = s.visibility;
  CaseEngine* e = &engine;

  auto case_response = [e](const Case& c, const Principal& p) {
    return JsonResponse(Json(CaseToJson(*e, c, e->LocalNowMinutes(), &p)));
  };

  routes.Add("GET", s.base + "/queues", read,
             [e, type, vis](Request&, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(QueueCounts q, e->Counts(type, vis(p), p.user_id));
               return JsonResponse({{"mine", q.mine},
                                    {"department", q.department},
                                    {"open", q.open},
                                    {"overdue", q.overdue},
                                    {"due_soon", q.due_soon},
                                    {"paused", q.paused},
                                    {"closed", q.closed}});
             });

  routes.Add("GET", s.base + "/{id}/timeline", read,
             [e, type, vis](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               Visibility v = vis(p);
               YW_ASSIGN_OR_RETURN(std::vector<Event> events, e->Timeline(type, id, v));
               YW_ASSIGN_OR_RETURN(std::vector<Attachment> files, e->Attachments(type, id, v));
               Json ev = Json::array();
               for (const Event& x : events) ev.push_back(EventToJson(e->Type(type), x));
               Json at = Json::array();
               for (const Attachment& a : files) at.push_back(AttachmentToJson(a));
               return JsonResponse({{"events", ev}, {"attachments", at}});
             });

  routes.Add("POST", s.base + "/{id}/actions/{action}", read,
             [e, type, vis, case_response](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               std::string note;
               if (!req.body.empty()) {
                 YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
                 Validation v;
                 note = http::FieldReader(body, v).String("note", "说明", "note", false, 10000);
                 YW_RETURN_IF_ERROR(v.ToStatus());
               }
               YW_ASSIGN_OR_RETURN(
                   Case c, e->Act(p, req.remote_ip, type, id, vis(p), req.params["action"], note));
               return case_response(c, p);
             });

  routes.Add("POST", s.base + "/{id}/assign", read,
             [e, type, vis, case_response](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader r(body, v);
               std::optional<int64_t> dept = r.Int("department_id", "责任科室", "department", true);
               std::optional<int64_t> who = r.Int("assignee_id", "承办人", "assignee", false);
               std::string reason = r.String("reason", "改派原因", "reason", false, 1000);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Case c, e->Assign(p, req.remote_ip, type, id, vis(p), *dept,
                                                     who.value_or(0), reason));
               return case_response(c, p);
             });

  routes.Add("GET", s.base + "/{id}/assignees", read,
             [e, type, vis](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(int64_t dept, http::QueryInt(req, "department_id"));
               YW_ASSIGN_OR_RETURN(std::vector<Assignee> list,
                                   e->Assignees(type, id, vis(p), dept));
               Json a = Json::array();
               for (const Assignee& x : list) {
                 a.push_back({{"id", x.user_id}, {"name", x.name}, {"head", x.head}});
               }
               return JsonResponse({{"items", a}});
             });

  routes.Add("POST", s.base + "/{id}/notes", handle,
             [e, type, vis](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader r(body, v);
               std::string text = r.String("body", "记录内容", "note", true, 10000);
               bool pub = r.Bool("public", "对申请人公开", "public").value_or(false);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Event ev,
                                   e->AddNote(p, req.remote_ip, type, id, vis(p), text, pub));
               return JsonResponse(Json(EventToJson(e->Type(type), ev)), 201);
             });

  routes.Add("POST", s.base + "/{id}/attachments", handle,
             [e, type, vis](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(std::vector<http::Part> parts,
                                   http::ParseMultipart(req.Header("content-type"), req.body));
               const http::Part* file = http::FindPart(parts, "file");
               if (file == nullptr || file->filename.empty()) {
                 return Status::Invalid("file", "请选择要上传的文件", "choose a file to upload");
               }
               YW_ASSIGN_OR_RETURN(Attachment a, e->Attach(p, req.remote_ip, type, id, vis(p),
                                                           file->filename, file->data));
               return JsonResponse(Json(AttachmentToJson(a)), 201);
             });

  routes.Add("GET", s.base + "/{id}/attachments/{aid}", read,
             [e, type, vis](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(int64_t aid, http::PathId(req, "aid"));
               YW_ASSIGN_OR_RETURN(auto file, e->AttachmentData(type, id, vis(p), aid));
               return Response::Download(std::move(file.second), file.first.content_type,
                                         file.first.filename);
             });

  routes.Add("POST", s.base + "/{id}/corrections", handle,
             [e, type, vis](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader r(body, v);
               std::optional<int64_t> event = r.Int("event_id", "被更正的记录", "entry", true);
               std::string text = r.String("body", "更正内容", "correction", true, 10000);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Event ev,
                                   e->Correct(p, req.remote_ip, type, id, vis(p), *event, text));
               return JsonResponse(Json(EventToJson(e->Type(type), ev)), 201);
             });

  routes.Add("POST", s.base + "/{id}/pause", manage,
             [e, type, vis, case_response](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               std::string reason =
                   http::FieldReader(body, v).String("reason", "暂停原因", "reason", true, 2000);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Case c, e->Pause(p, req.remote_ip, type, id, vis(p), reason));
               return case_response(c, p);
             });

  routes.Add("POST", s.base + "/{id}/resume", manage,
             [e, type, vis, case_response](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               std::string note;
               if (!req.body.empty()) {
                 YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
                 Validation v;
                 note = http::FieldReader(body, v).String("note", "说明", "note", false, 2000);
                 YW_RETURN_IF_ERROR(v.ToStatus());
               }
               YW_ASSIGN_OR_RETURN(Case c, e->Resume(p, req.remote_ip, type, id, vis(p), note));
               return case_response(c, p);
             });

  auto extend = s.extend;
  routes.Add(
      "POST", s.base + "/{id}/extend", manage,
      [e, type, vis, extend, case_response](Request& req, const Principal& p) -> Result<Response> {
        YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
        YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
        Validation v;
        http::FieldReader r(body, v);
        std::string amount = r.String("amount", "延长期限", "amount", true, 10);
        std::string approver = r.String("approver", "批准人", "approver", true, 100);
        std::string reason = r.String("reason", "延期理由", "reason", true, 2000);
        YW_RETURN_IF_ERROR(v.ToStatus());
        YW_ASSIGN_OR_RETURN(Case c, extend ? extend(p, req.remote_ip, id, amount, approver, reason)
                                           : e->Extend(p, req.remote_ip, type, id, vis(p), amount,
                                                       approver, reason));
        return case_response(c, p);
      });

  auto fields = s.file_fields;
  routes.Add("GET", s.base + "/{id}/file", read,
             [e, type, vis, fields](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               Visibility v = vis(p);
               YW_ASSIGN_OR_RETURN(Case c, e->Get(type, id, v));
               std::vector<std::pair<std::string, std::string>> sheet;
               if (fields) {
                 YW_ASSIGN_OR_RETURN(sheet, fields(p, c));
               }
               YW_ASSIGN_OR_RETURN(
                   std::string zip,
                   e->ExportFile(type, id, v, sheet, auth::Actor::Of(p, req.remote_ip)));
               return Response::Download(std::move(zip), "application/zip", c.code + "_案卷.zip");
             });
}

}  // namespace yuanwu::cases

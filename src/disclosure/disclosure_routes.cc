#include "disclosure/disclosure_routes.h"

#include "disclosure/disclosure_json.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/http/multipart.h"
#include "platform/http/params.h"
#include "platform/http/url.h"

namespace yuanwu::disclosure {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

Result<const http::Part*> UploadedFile(const Request& req, std::vector<http::Part>& parts) {
  YW_ASSIGN_OR_RETURN(parts, http::ParseMultipart(req.Header("content-type"), req.body));
  const http::Part* file = http::FindPart(parts, "file");
  if (file == nullptr || file->filename.empty()) {
    return Status::Invalid("file", "请选择要上传的文件", "choose a file to upload");
  }
  return file;
}

}  // namespace

void RegisterRoutes(auth::RouteTable& routes, ItemService& items, PriceService& prices,
                    FileStore& files, int64_t offset) {
  auto item_json = [&items](const Item& it) {
    return ToJson(it, items.DueOn(it), items.IsOverdue(it));
  };
  // A workflow step without a body: POST …/items/{id}/<step>.
  using Step = Result<Item> (ItemService::*)(const Principal&, const std::string&, int64_t);
  auto step = [&items, item_json](Step method) {
    return [&items, item_json, method](Request& req, const Principal& p) -> Result<Response> {
      YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
      YW_ASSIGN_OR_RETURN(Item it, (items.*method)(p, req.remote_ip, id));
      return JsonResponse(item_json(it));
    };
  };

  // Catalogue (公开目录).
  routes.Add("GET", "/api/v1/disclosure/catalogue", "disclosure.item.read",
             [&items](Request&, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, items.Catalogue());
               Json a = Json::array();
               for (const CatalogueEntry& c : list) a.push_back(ToJson(c));
               return JsonResponse({{"items", a}});
             });
  auto save_catalogue = [&items](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
    Validation v;
    CatalogueEntry c = CatalogueFromJson(body, v);
    YW_RETURN_IF_ERROR(v.ToStatus());
    bool creating = !req.params.count("id");
    if (!creating) {
      YW_ASSIGN_OR_RETURN(c.id, http::PathId(req));
    }
    YW_ASSIGN_OR_RETURN(CatalogueEntry saved,
                        items.SaveCatalogue(auth::Actor::Of(p, req.remote_ip), c));
    return JsonResponse(ToJson(saved), creating ? 201 : 200);
  };
  routes.Add("POST", "/api/v1/disclosure/catalogue", "disclosure.catalogue.manage", save_catalogue);
  routes.Add("PUT", "/api/v1/disclosure/catalogue/{id}", "disclosure.catalogue.manage",
             save_catalogue);

  // Items (公开事项).
  routes.Add("GET", "/api/v1/disclosure/items", "disclosure.item.read",
             [&items, item_json](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
               ItemFilter f;
               f.state = req.Query("state");
               if (!f.state.empty() && !ParseState(f.state)) {
                 return Status::Invalid("state", "状态参数无效", "invalid state");
               }
               YW_ASSIGN_OR_RETURN(f.catalogue_id, http::QueryInt(req, "catalogue_id"));
               YW_ASSIGN_OR_RETURN(f.department_id, http::QueryInt(req, "department_id"));
               f.audience = req.Query("audience");
               f.q = Trim(req.Query("q"));
               f.offset = page.offset();
               f.limit = page.page_size;
               YW_ASSIGN_OR_RETURN(auto result, items.List(p, f));
               Json a = Json::array();
               for (const Item& it : result.first) a.push_back(item_json(it));
               return JsonResponse({{"items", a}, {"total", result.second}});
             });
  routes.Add("POST", "/api/v1/disclosure/items", "disclosure.item.draft",
             [&items, item_json, offset](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               Item draft = ItemFromJson(body, offset, v);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Item saved, items.Create(p, req.remote_ip, draft));
               return JsonResponse(item_json(saved), 201);
             });
  routes.Add("GET", "/api/v1/disclosure/items/{id}", "disclosure.item.read",
             [&items, item_json](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Item it, items.Get(p, id));
               return JsonResponse(item_json(it));
             });
  routes.Add("PUT", "/api/v1/disclosure/items/{id}", "disclosure.item.draft",
             [&items, item_json, offset](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               Item draft = ItemFromJson(body, offset, v);
               YW_RETURN_IF_ERROR(v.ToStatus());
               draft.id = id;
               YW_ASSIGN_OR_RETURN(Item saved, items.Update(p, req.remote_ip, draft));
               return JsonResponse(item_json(saved));
             });
  routes.Add("POST", "/api/v1/disclosure/items/{id}/submit", "disclosure.item.draft",
             step(&ItemService::Submit));
  routes.Add("POST", "/api/v1/disclosure/items/{id}/review", "disclosure.item.review",
             [&items, item_json](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader f(body, v);
               std::string result = f.String("result", "审查结论", "result", true, 16);
               std::string basis = f.String("basis", "依据条款", "basis", false, 500);
               std::string opinion = f.String("opinion", "审查意见", "opinion", false, 2000);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Item it,
                                   items.Review(p, req.remote_ip, id, result, basis, opinion));
               return JsonResponse(item_json(it));
             });
  routes.Add("POST", "/api/v1/disclosure/items/{id}/approve", "disclosure.item.approve",
             [&items, item_json](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader f(body, v);
               std::optional<bool> approved = f.Bool("approved", "审批结果", "approved");
               if (!approved && v.ok())
                 v.Fail("approved", "请选择同意或退回", "approved is required");
               std::string opinion = f.String("opinion", "审批意见", "opinion", false, 2000);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Item it,
                                   items.Approve(p, req.remote_ip, id, *approved, opinion));
               return JsonResponse(item_json(it));
             });
  routes.Add("POST", "/api/v1/disclosure/items/{id}/withdraw", "disclosure.item.publish",
             [&items, item_json](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               http::FieldReader f(body, v);
               std::string reason = f.String("reason", "下线原因", "reason", true, 500);
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(Item it, items.Withdraw(p, req.remote_ip, id, reason));
               return JsonResponse(item_json(it));
             });
  routes.Add("POST", "/api/v1/disclosure/items/{id}/revise", "disclosure.item.draft",
             step(&ItemService::Revise));
  routes.Add("POST", "/api/v1/disclosure/items/{id}/archive", "disclosure.item.publish",
             step(&ItemService::Archive));
  routes.Add(
      "GET", "/api/v1/disclosure/items/{id}/history", "disclosure.item.read",
      [&items](Request& req, const Principal& p) -> Result<Response> {
        YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
        YW_ASSIGN_OR_RETURN(ItemHistory h, items.History(p, id));
        Json versions = Json::array(), reviews = Json::array(), events = Json::array();
        for (const Version& x : h.versions) {
          versions.push_back({{"version", x.version},
                              {"title", x.title},
                              {"summary", x.summary},
                              {"body", x.body},
                              {"audience", x.audience},
                              {"saved_at", x.saved_at},
                              {"saved_by", x.saved_by_name}});
        }
        for (const Review& r : h.reviews) reviews.push_back(ToJson(r));
        for (const Event& e : h.events) {
          events.push_back(
              {{"action", e.action}, {"at", e.at}, {"actor_name", e.actor_name}, {"note", e.note}});
        }
        return JsonResponse({{"versions", versions}, {"reviews", reviews}, {"events", events}});
      });
  routes.Add("POST", "/api/v1/disclosure/items/{id}/attachments", "disclosure.item.draft",
             [&items](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               std::vector<http::Part> parts;
               YW_ASSIGN_OR_RETURN(const http::Part* file, UploadedFile(req, parts));
               YW_ASSIGN_OR_RETURN(Attachment a, items.AddAttachment(p, req.remote_ip, id,
                                                                     file->filename, file->data));
               return JsonResponse({{"id", a.id},
                                    {"filename", a.filename},
                                    {"size", a.size},
                                    {"content_type", a.content_type},
                                    {"url", "/attachments/" + std::to_string(a.id)}},
                                   201);
             });
  routes.Add("GET", "/api/v1/disclosure/items/{id}/attachments/{aid}", "disclosure.item.read",
             [&items, &files](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(int64_t aid, http::PathId(req, "aid"));
               YW_ASSIGN_OR_RETURN(Item it, items.Get(p, id));
               for (const Attachment& a : it.attachments) {
                 if (a.id != aid) continue;
                 YW_ASSIGN_OR_RETURN(std::string data, files.Get(a.sha256));
                 return Response::Download(std::move(data), a.content_type, a.filename);
               }
               return Status::NotFound("附件", "attachment");
             });
  routes.Add("DELETE", "/api/v1/disclosure/items/{id}/attachments/{aid}", "disclosure.item.draft",
             [&items](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(int64_t aid, http::PathId(req, "aid"));
               YW_RETURN_IF_ERROR(items.RemoveAttachment(p, req.remote_ip, id, aid));
               return Response::NoContent();
             });
  routes.Add("GET", "/api/v1/disclosure/overdue", "disclosure.item.read",
             [&items, item_json](Request&, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, items.Overdue(p));
               Json a = Json::array();
               for (const OverdueItem& o : list) a.push_back(item_json(o.item));
               return JsonResponse({{"items", a}, {"total", a.size()}});
             });
  routes.Add("GET", "/api/v1/disclosure/stats", "disclosure.stats.read",
             [&items](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t year, http::QueryInt(req, "year"));
               if (year == 0) year = 2026;
               if (year < 2000 || year > 2100) {
                 return Status::Invalid("year", "年份应在2000到2100之间", "year must be 2000–2100");
               }
               YW_ASSIGN_OR_RETURN(YearStats st, items.Stats(static_cast<int>(year)));
               Json by_cat = Json::array(), by_channel = Json::array(), by_aud = Json::array(),
                    top = Json::array();
               for (const auto& [id, name, n] : st.by_catalogue) {
                 by_cat.push_back({{"catalogue_id", id}, {"name", name}, {"count", n}});
               }
               for (const auto& [c, n] : st.by_channel) {
                 by_channel.push_back(
                     {{"channel", c}, {"label", std::string(ChannelLabel(c))}, {"count", n}});
               }
               for (const auto& [a, n] : st.by_audience) {
                 by_aud.push_back(
                     {{"audience", a}, {"label", std::string(AudienceLabel(a))}, {"count", n}});
               }
               for (const auto& [id, title, n] : st.top_items) {
                 top.push_back({{"id", id}, {"title", title}, {"views", n}});
               }
               return JsonResponse({{"year", st.year},
                                    {"published_total", st.published_total},
                                    {"by_catalogue", by_cat},
                                    {"by_channel", by_channel},
                                    {"by_audience", by_aud},
                                    {"views_total", st.views_total},
                                    {"top_items", top},
                                    {"overdue", st.overdue}});
             });

  // Prices (价格公示).
  routes.Add(
      "GET", "/api/v1/prices", "disclosure.item.read",
      [&prices](Request& req, const Principal&) -> Result<Response> {
        YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
        PriceFilter f{req.Query("kind"), Trim(req.Query("q")), page.offset(), page.page_size};
        if (!f.kind.empty() && f.kind != "service" && f.kind != "drug") {
          return Status::Invalid("kind", "价格类别必须是 service 或 drug",
                                 "kind must be service or drug");
        }
        YW_ASSIGN_OR_RETURN(auto result, prices.List(f));
        Json a = Json::array();
        for (const PriceItem& x : result.first) a.push_back(ToJson(x));
        return JsonResponse({{"items", a}, {"total", result.second}});
      });
  routes.Add(
      "POST", "/api/v1/prices/import", "disclosure.price.manage",
      [&prices](Request& req, const Principal& p) -> Result<Response> {
        std::vector<http::Part> parts;
        YW_ASSIGN_OR_RETURN(const http::Part* file, UploadedFile(req, parts));
        YW_ASSIGN_OR_RETURN(tabular::Table table, tabular::ParseUpload(file->filename, file->data));
        YW_ASSIGN_OR_RETURN(
            int n, prices.Import(auth::Actor::Of(p, req.remote_ip), req.Query("kind"), table));
        return JsonResponse({{"imported", n}});
      });
}

}  // namespace yuanwu::disclosure

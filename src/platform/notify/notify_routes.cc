#include "platform/notify/notify_routes.h"

#include <memory>

#include "platform/audit/audit_log.h"
#include "platform/http/json.h"
#include "platform/http/params.h"
#include "platform/notify/inbox.h"
#include "platform/notify/notify.h"
#include "platform/notify/webhook.h"
#include "platform/notify/webhook_settings.h"

namespace yuanwu::notify {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

constexpr int64_t kMaxLimit = 100;

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

struct Window {
  int64_t offset = 0;
  int64_t limit = 20;
};

// ?offset=&limit= (limit 0 answers only the counts, for the unread badge).
Result<Window> ReadWindow(const Request& req) {
  Window w;
  Validation v;
  Result<int64_t> offset = http::QueryInt(req, "offset");
  if (!offset.ok() || *offset < 0) {
    v.Fail("offset", "offset 应为不小于 0 的整数", "offset must be an integer of at least 0");
  } else {
    w.offset = *offset;
  }
  if (req.HasQuery("limit")) {
    Result<int64_t> limit = http::QueryInt(req, "limit");
    if (!limit.ok() || *limit < 0 || *limit > kMaxLimit) {
      v.Fail("limit", "limit 应为 0 到 100 的整数", "limit must be an integer from 0 to 100");
    } else {
      w.limit = *limit;
    }
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  return w;
}

Json ToJson(const Notification& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"link", n.link},
          {"entity", n.entity},
          {"entity_id", n.entity_id},
          {"created_at", n.created_at},
          {"read_at", OrNull(n.read_at)}};
}

Json ToJson(const Delivery& d) {
  return {{"id", d.id},
          {"kind", d.kind},
          {"title", d.title},
          {"created_at", d.created_at},
          {"attempts", d.attempts},
          {"next_attempt_at", d.status == "pending" ? Json(d.next_attempt_at) : Json(nullptr)},
          {"status", d.status},
          {"last_status_code", d.last_status_code ? Json(*d.last_status_code) : Json(nullptr)},
          {"last_error", d.last_error},
          {"delivered_at", OrNull(d.delivered_at)}};
}

Json SettingsJson(const WebhookSettings& s) {
  return {{"url", s.url}, {"enabled", s.enabled}, {"has_secret", !s.secret.empty()}};
}

Result<Response> ListInbox(Inbox& inbox, Request& req, const Principal& p) {
  std::string unread = req.Query("unread");
  if (unread != "" && unread != "0" && unread != "1" && unread != "true" && unread != "false") {
    return Status::Invalid("unread", "unread 应为 1 或 0", "unread must be 1 or 0");
  }
  YW_ASSIGN_OR_RETURN(Window w, ReadWindow(req));
  InboxQuery q{unread == "1" || unread == "true", w.offset, w.limit};
  YW_ASSIGN_OR_RETURN(InboxPage page, inbox.List(p.user_id, q));
  Json items = Json::array();
  for (const Notification& n : page.items) items.push_back(ToJson(n));
  return JsonResponse({{"items", items}, {"total", page.total}, {"unread", page.unread}});
}

Result<Response> SaveSettings(db::Database& db, const Clock& clock, Request& req,
                              const Principal& p) {
  YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
  Validation v;
  http::FieldReader f(body, v);
  WebhookUpdate u;
  u.url = f.String("url", "网址", "URL", false, kMaxUrlChars);
  if (f.Has("secret")) {  // read untrimmed: a secret is compared byte for byte by the gateway
    if (body["secret"].is_string()) {
      u.secret = body["secret"].get<std::string>();
    } else {
      v.Fail("secret", "签名密钥必须是文本", "secret must be a string");
    }
  }
  u.enabled = f.Bool("enabled", "启用", "enabled").value_or(false);
  YW_RETURN_IF_ERROR(v.ToStatus());
  YW_ASSIGN_OR_RETURN(WebhookSettings saved,
                      SaveWebhookSettings(db, clock, auth::Actor::Of(p, req.remote_ip), u));
  return JsonResponse(SettingsJson(saved));
}

// Queues a "webhook.test" message to the caller (so an SMS gateway texts the administrator who
// pressed the button), audited. The scheduler's next run sends it.
Result<Response> SendTest(db::Database& db, const Clock& clock, Request& req, const Principal& p) {
  Enqueued queued;
  YW_RETURN_IF_ERROR(db.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(WebhookSettings settings, LoadWebhookSettings(sql));
    if (!settings.Active()) {
      return Status::Precondition("Webhook 尚未启用：请先填写网址和签名密钥、启用并保存",
                                  "the webhook is not enabled: save a URL and a secret with "
                                  "enabled on first");
    }
    Message m;
    m.kind = "webhook.test";
    m.title = "院务平台 Webhook 测试消息";
    m.body = "这是一条测试消息，收到即表示网关已正确接收并校验了签名。发起人：" + p.name;
    m.link = "/console/#/system/webhook";
    m.entity = "setting";
    m.entity_id = kWebhookSettingKey;
    m.user_ids = {p.user_id};
    m.payload_json = Json{{"test", true}}.dump();
    YW_ASSIGN_OR_RETURN(queued, EnqueueDetailed(sql, clock, m));
    Json after = {{"delivery_id", queued.delivery_id}, {"kind", m.kind}};
    return audit::Append(sql, db.dialect(), clock, auth::Actor::Of(p, req.remote_ip),
                         {"webhook.test", "webhook_delivery", std::to_string(queued.delivery_id),
                          "{}", after.dump()});
  }));
  return JsonResponse({{"delivery_id", queued.delivery_id}}, 202);
}

}  // namespace

void RegisterRoutes(auth::RouteTable& routes, db::Database& db, const Clock& clock) {
  auto inbox = std::make_shared<Inbox>(db, clock);
  routes.Add("GET", "/api/v1/notifications", auth::kSignedIn,
             [inbox](Request& req, const Principal& p) { return ListInbox(*inbox, req, p); });
  routes.Add("POST", "/api/v1/notifications/{id}/read", auth::kSignedIn,
             [inbox](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_RETURN_IF_ERROR(inbox->MarkRead(p.user_id, id));
               return Response::NoContent();
             });
  routes.Add("POST", "/api/v1/notifications/read-all", auth::kSignedIn,
             [inbox](Request&, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t n, inbox->MarkAllRead(p.user_id));
               return JsonResponse({{"marked", n}});
             });

  routes.Add("GET", "/api/v1/settings/webhook", "settings.manage",
             [&db](Request&, const Principal&) -> Result<Response> {
               WebhookSettings s;
               YW_RETURN_IF_ERROR(db.Read([&](soci::session& sql) -> Status {
                 YW_ASSIGN_OR_RETURN(s, LoadWebhookSettings(sql));
                 return Status::Ok();
               }));
               return JsonResponse(SettingsJson(s));
             });
  routes.Add(
      "PUT", "/api/v1/settings/webhook", "settings.manage",
      [&db, &clock](Request& req, const Principal& p) { return SaveSettings(db, clock, req, p); });
  routes.Add("GET", "/api/v1/webhook/deliveries", "settings.manage",
             [&db](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Window w, ReadWindow(req));
               YW_ASSIGN_OR_RETURN(auto page,
                                   ListDeliveries(db, {req.Query("status"), w.offset, w.limit}));
               Json items = Json::array();
               for (const Delivery& d : page.first) items.push_back(ToJson(d));
               return JsonResponse({{"items", items}, {"total", page.second}});
             });
  routes.Add(
      "POST", "/api/v1/webhook/test", "settings.manage",
      [&db, &clock](Request& req, const Principal& p) { return SendTest(db, clock, req, p); });
}

}  // namespace yuanwu::notify

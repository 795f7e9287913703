#include "platform/notify/notify.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"
#include "platform/notify/webhook_settings.h"

namespace yuanwu::notify {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kMaxKindChars = 64;

struct Recipient {
  int64_t user_id = 0;
  std::string username;
  std::string name;
  std::string phone;
  bool active = false;
};

// The kind goes into the X-Yuanwu-Event header, so it must be a plain token.
bool IsKindChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

Status Validate(const Message& m, Json* payload) {
  Validation v;
  if (m.kind.empty()) {
    v.Fail("kind", "通知类型（kind）不能为空", "kind is required");
  } else if (m.kind.size() > kMaxKindChars ||
             !std::all_of(m.kind.begin(), m.kind.end(), IsKindChar)) {
    v.Fail("kind", "通知类型（kind）只能包含字母、数字和 . _ -，至多 64 个字符",
           "kind may contain only letters, digits and . _ - (at most 64 characters)");
  }
  if (Trim(m.title).empty()) {
    v.Fail("title", "通知标题（title）不能为空", "title is required");
  } else if (!IsCleanUtf8(m.title)) {
    v.Fail("title", "通知标题（title）含有非法字符", "title contains invalid characters");
  }
  if (!IsCleanUtf8(m.body)) {
    v.Fail("body", "通知正文（body）含有非法字符", "body contains invalid characters");
  }
  for (int64_t id : m.user_ids) {
    if (id <= 0) {
      v.Fail("user_ids", "收件人编号应为正整数", "recipient ids must be positive integers");
      break;
    }
  }
  *payload = m.payload_json.empty() ? Json::object()
                                    : Json::parse(m.payload_json, nullptr, /*exceptions=*/false);
  if (payload->is_discarded()) {
    v.Fail("payload_json", "附加数据（payload_json）不是有效的 JSON",
           "payload_json is not valid JSON");
  }
  return v.ToStatus();
}

// The distinct recipients in the order given; Invalid when an id is not an account.
Result<std::vector<Recipient>> LoadRecipients(soci::session& sql, const std::vector<int64_t>& ids) {
  std::vector<Recipient> out;
  for (int64_t id : ids) {
    if (std::any_of(out.begin(), out.end(), [id](const Recipient& r) { return r.user_id == id; })) {
      continue;
    }
    Recipient r;
    r.user_id = id;
    bool found = false;
    db::Params p;
    p.Add("id", static_cast<long long>(id));
    db::ForEachRow(sql, "SELECT username, name, phone, active FROM app_user WHERE id = :id", p,
                   [&](const soci::row& row) {
                     r.username = db::Text(row, 0);
                     r.name = db::Text(row, 1);
                     r.phone = db::Text(row, 2);
                     r.active = db::Int(row, 3) != 0;
                     found = true;
                   });
    if (!found) {
      return Status::Invalid("user_ids", "收件人 " + std::to_string(id) + " 不存在",
                             "recipient " + std::to_string(id) + " does not exist");
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Result<Enqueued> EnqueueDetailed(soci::session& sql, const Clock& clock, const Message& m) {
  Json payload;
  YW_RETURN_IF_ERROR(Validate(m, &payload));
  YW_ASSIGN_OR_RETURN(std::vector<Recipient> recipients, LoadRecipients(sql, m.user_ids));
  std::string now = FormatTimestamp(clock.NowSeconds());
  Enqueued result;
  for (const Recipient& r : recipients) {
    long long uid = r.user_id;
    sql << "INSERT INTO notification (user_id, kind, title, body, link, entity, entity_id, "
           "created_at) VALUES (:u, :k, :t, :b, :l, :e, :ei, :c)",
        soci::use(uid), soci::use(m.kind), soci::use(m.title), soci::use(m.body), soci::use(m.link),
        soci::use(m.entity), soci::use(m.entity_id), soci::use(now);
    ++result.notifications;
  }

  YW_ASSIGN_OR_RETURN(WebhookSettings settings, LoadWebhookSettings(sql));
  if (!settings.Active()) return result;
  // The body names its own row, so the row comes first and the body is filled in after.
  long long id = 0;
  std::string placeholder = "{}";
  sql << "INSERT INTO webhook_delivery (kind, body_json, created_at, next_attempt_at) "
         "VALUES (:k, :b, :c, :n) RETURNING id",
      soci::use(m.kind), soci::use(placeholder), soci::use(now), soci::use(now), soci::into(id);
  Json people = Json::array();
  for (const Recipient& r : recipients) {
    if (!r.active) continue;
    people.push_back(
        {{"user_id", r.user_id}, {"username", r.username}, {"name", r.name}, {"phone", r.phone}});
  }
  Json body = {{"id", static_cast<int64_t>(id)},
               {"kind", m.kind},
               {"title", m.title},
               {"body", m.body},
               {"link", m.link},
               {"entity", m.entity},
               {"entity_id", m.entity_id},
               {"created_at", now},
               {"recipients", people},
               {"payload", payload}};
  std::string text = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  sql << "UPDATE webhook_delivery SET body_json = :b WHERE id = :id", soci::use(text),
      soci::use(id);
  result.delivery_id = id;
  return result;
}

Status Enqueue(soci::session& sql, db::Dialect /*dialect: one SQL text serves both*/,
               const Clock& clock, const Message& m) {
  Result<Enqueued> r = EnqueueDetailed(sql, clock, m);
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace yuanwu::notify

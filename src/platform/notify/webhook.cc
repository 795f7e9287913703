#include "platform/notify/webhook.h"

#include <curl/curl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <iterator>
#include <nlohmann/json.hpp>

#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"
#include "platform/notify/webhook_settings.h"

namespace yuanwu::notify {
namespace {

constexpr size_t kErrorBytes = 300;

// A row picked for sending.
struct Due {
  int64_t id = 0;
  std::string kind;
  std::string body;
  int64_t attempts = 0;
  std::string next_attempt_at;
};

// The first `max` bytes of `s` cut at a character boundary, or a placeholder when `s` is not
// text: last_error is shown in the console and must stay valid UTF-8.
std::string Excerpt(std::string_view s, size_t max) {
  if (s.size() > max) {
    size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    s = s.substr(0, end);
  }
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return IsCleanUtf8(out) ? out : std::string("(非文本应答 binary answer)");
}

std::string Describe(const PostOutcome& out) {
  if (out.status_code == 0) return Excerpt(out.error, kErrorBytes);
  if (out.status_code >= 200 && out.status_code < 300) return "";
  std::string e = "HTTP " + std::to_string(out.status_code);
  std::string body = Excerpt(out.body_start, kErrorBytes);
  return body.empty() ? e : e + ": " + body;
}

// Moves the row's next attempt past the request so no other sender takes it meanwhile; false
// when another sender (or a run that overlapped) got there first.
Result<bool> Claim(db::Database& db, const Due& d, int64_t until) {
  bool claimed = false;
  Status s = db.Transact([&](soci::session& sql) {
    long long id = d.id, got = 0;
    std::string next = FormatTimestamp(until);
    sql << "UPDATE webhook_delivery SET next_attempt_at = :n WHERE id = :id AND "
           "status = 'pending' AND next_attempt_at = :old RETURNING id",
        soci::use(next), soci::use(id), soci::use(d.next_attempt_at), soci::into(got);
    claimed = sql.got_data();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return claimed;
}

Status Record(db::Database& db, const Due& d, const PostOutcome& out, int64_t at) {
  bool ok = out.status_code >= 200 && out.status_code < 300;
  int64_t attempts = d.attempts + 1;
  std::optional<int64_t> delay = RetryDelaySeconds(attempts);
  std::string status = ok ? "delivered" : (delay ? "pending" : "failed");
  std::string next = FormatTimestamp(at + (ok || !delay ? 0 : *delay));
  std::string error = Describe(out);
  std::string delivered = FormatTimestamp(at);
  soci::indicator delivered_ind = ok ? soci::i_ok : soci::i_null;
  long long code = out.status_code;
  soci::indicator code_ind = out.status_code == 0 ? soci::i_null : soci::i_ok;
  long long id = d.id, n = attempts;
  if (!ok) {
    spdlog::warn("webhook delivery {} attempt {} failed: {}{}", d.id, attempts, error,
                 delay ? "" : " (giving up)");
  }
  return db.Transact([&](soci::session& sql) {
    sql << "UPDATE webhook_delivery SET attempts = :n, status = :s, next_attempt_at = :next, "
           "last_status_code = :code, last_error = :e, delivered_at = :d WHERE id = :id",
        soci::use(n), soci::use(status), soci::use(next), soci::use(code, code_ind),
        soci::use(error), soci::use(delivered, delivered_ind), soci::use(id);
    return Status::Ok();
  });
}

}  // namespace

std::string Signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(timestamp.data()),
                                timestamp.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return "sha256=" + HexEncode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::optional<int64_t> RetryDelaySeconds(int64_t failed_attempts) {
  static constexpr int64_t kDelays[] = {60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600};
  static_assert(std::size(kDelays) == kMaxAttempts - 1);
  if (failed_attempts < 1 || failed_attempts >= kMaxAttempts) return std::nullopt;
  return kDelays[failed_attempts - 1];
}

WebhookSender::WebhookSender(db::Database& db, const Clock& clock, SenderOptions options)
    : db_(db), clock_(clock), options_(options) {
  // Reference-counted by libcurl; pairs with the cleanup below.
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

WebhookSender::~WebhookSender() { curl_global_cleanup(); }

Status WebhookSender::RunOnce(int64_t now) {
  WebhookSettings settings;
  std::vector<Due> due;
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(settings, LoadWebhookSettings(sql));
    if (!settings.Active()) return Status::Ok();
    db::Params p;
    p.Add("now", FormatTimestamp(now));
    p.Add("lim", static_cast<long long>(options_.batch));
    db::ForEachRow(sql,
                   "SELECT id, kind, body_json, attempts, next_attempt_at FROM webhook_delivery "
                   "WHERE status = 'pending' AND next_attempt_at <= :now "
                   "ORDER BY next_attempt_at, id LIMIT :lim",
                   p, [&](const soci::row& r) {
                     due.push_back({db::Int(r, 0), db::Text(r, 1), db::Text(r, 2), db::Int(r, 3),
                                    db::Text(r, 4)});
                   });
    return Status::Ok();
  }));
  for (const Due& d : due) {
    YW_ASSIGN_OR_RETURN(bool claimed, Claim(db_, d, now + options_.claim_seconds));
    if (!claimed) continue;
    std::string timestamp = std::to_string(clock_.NowSeconds());
    std::vector<std::string> headers = {
        "Content-Type: application/json; charset=utf-8",
        "X-Yuanwu-Event: " + d.kind,
        "X-Yuanwu-Delivery: " + std::to_string(d.id),
        "X-Yuanwu-Timestamp: " + timestamp,
        "X-Yuanwu-Signature: " + Signature(settings.secret, timestamp, d.body),
    };
    PostOutcome out = PostJson(settings.url, headers, d.body, options_.post);
    YW_RETURN_IF_ERROR(Record(db_, d, out, clock_.NowSeconds()));
    if (out.status_code == 0) break;  // no answer: the gateway is down; the rest waits
  }
  return Status::Ok();
}

Result<std::pair<std::vector<Delivery>, int64_t>> ListDeliveries(db::Database& db,
                                                                 const DeliveryFilter& f) {
  if (!f.status.empty() && f.status != "pending" && f.status != "delivered" &&
      f.status != "failed") {
    return Status::Invalid("status", "状态应为 pending、delivered 或 failed",
                           "status must be pending, delivered or failed");
  }
  std::vector<Delivery> out;
  int64_t total = 0;
  YW_RETURN_IF_ERROR(db.Read([&](soci::session& sql) {
    std::string where;
    db::Params p;
    if (!f.status.empty()) {
      where = " WHERE status = :status";
      p.Add("status", f.status);
    }
    total = db::ScalarInt(sql, "SELECT COUNT(*) FROM webhook_delivery" + where, p);
    p.Add("lim", static_cast<long long>(f.limit));
    p.Add("off", static_cast<long long>(f.offset));
    db::ForEachRow(sql,
                   "SELECT id, kind, body_json, created_at, attempts, next_attempt_at, status, "
                   "last_status_code, last_error, delivered_at FROM webhook_delivery" +
                       where + " ORDER BY id DESC LIMIT :lim OFFSET :off",
                   p, [&](const soci::row& r) {
                     Delivery d;
                     d.id = db::Int(r, 0);
                     d.kind = db::Text(r, 1);
                     auto body = nlohmann::json::parse(db::Text(r, 2), nullptr, false);
                     if (body.is_object() && body.contains("title") && body["title"].is_string()) {
                       d.title = body["title"].get<std::string>();
                     }
                     d.created_at = db::Text(r, 3);
                     d.attempts = db::Int(r, 4);
                     d.next_attempt_at = db::Text(r, 5);
                     d.status = db::Text(r, 6);
                     if (!db::IsNull(r, 7)) d.last_status_code = db::Int(r, 7);
                     d.last_error = db::Text(r, 8);
                     d.delivered_at = db::Text(r, 9);
                     out.push_back(std::move(d));
                   });
    return Status::Ok();
  }));
  return std::make_pair(std::move(out), total);
}

}  // namespace yuanwu::notify

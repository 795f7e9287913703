// The webhook outbox: WebhookSender delivers the webhook_delivery rows Enqueue wrote to the
// configured gateway (an SMS / 企业微信 / 钉钉 bridge run by the hospital), signed, with retries.
//
// Each POST carries the row's body_json verbatim and the headers
//   Content-Type: application/json; charset=utf-8
//   X-Yuanwu-Event: <kind>            X-Yuanwu-Delivery: <delivery id>
//   X-Yuanwu-Timestamp: <unix s>      X-Yuanwu-Signature: sha256=<hex HMAC-SHA256(secret, ts "."
//   body)>
// A 2xx answer delivers the row; anything else (or no answer) is retried after 1 min, 5 min,
// 30 min, 2 h and 6 h, and the row is failed after the 6th attempt. No transaction is open
// while a request is in flight; a row is claimed first (its next_attempt_at moved past the
// request's timeout), so two servers on one database do not send it twice.
//
// Example (the scheduler job "notify.webhook"):
//   WebhookSender sender(db, clock);
//   scheduler.Add("notify.webhook", [&sender](int64_t now) { return sender.RunOnce(now); });
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"
#include "platform/notify/webhook_http.h"

namespace yuanwu::notify {

inline constexpr int64_t kMaxAttempts = 6;

// "sha256=" + lowercase hex HMAC-SHA256(secret, timestamp + "." + body).
std::string Signature(std::string_view secret, std::string_view timestamp, std::string_view body);

// The wait after the `failed_attempts`-th failed attempt; nullopt when that was the last one.
std::optional<int64_t> RetryDelaySeconds(int64_t failed_attempts);

struct SenderOptions {
  size_t batch = 20;  // rows per run, so one run stays short next to the scheduler's other jobs
  PostOptions post;
  // How far a claimed row's next_attempt_at moves before its request: longer than any request,
  // so a server that dies mid-request leaves the row to be retried, not lost.
  int64_t claim_seconds = 300;
};

class WebhookSender {
 public:
  WebhookSender(db::Database& db, const Clock& clock, SenderOptions options = {});
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // Sends the pending rows due at `now` (up to options.batch, oldest first) when the webhook is
  // enabled; without settings the rows wait. After a request that got no answer at all the
  // rest of the batch waits for the next run, so an unreachable gateway costs one timeout per
  // run, not one per row. Errors only for database failures.
  Status RunOnce(int64_t now);

 private:
  db::Database& db_;
  const Clock& clock_;
  SenderOptions options_;
};

// The delivery log (投递记录) of the settings page. The body is not listed: it carries phone
// numbers; the title is, from the body.
struct Delivery {
  int64_t id = 0;
  std::string kind;
  std::string title;
  std::string created_at;
  int64_t attempts = 0;
  std::string next_attempt_at;
  std::string status;  // pending | delivered | failed
  std::optional<int64_t> last_status_code;
  std::string last_error;
  std::string delivered_at;  // "" until delivered
};

struct DeliveryFilter {
  std::string status;  // "" for all
  int64_t offset = 0;
  int64_t limit = 20;
};

// Newest first, with the total matching `f`. Invalid for an unknown status.
Result<std::pair<std::vector<Delivery>, int64_t>> ListDeliveries(db::Database& db,
                                                                 const DeliveryFilter& f);

}  // namespace yuanwu::notify

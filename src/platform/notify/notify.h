// Notifications: the console inbox (站内消息) and the webhook outbox that an SMS / 企业微信 /
// 钉钉 gateway consumes.
//
// A module that has something to tell people calls Enqueue() inside its own transaction, so the
// message exists exactly when the change that caused it commits (nothing is sent for a change
// that rolled back, and nothing committed goes unsent). Enqueue writes one inbox row per
// recipient and, when a webhook is configured, one outbox row; WebhookSender delivers the outbox
// in the background with retries, so a slow or broken gateway never blocks a user's request.
//
// Example:
//   Status s = db.Transact([&](soci::session& sql) {
//     … change the case …
//     return notify::Enqueue(sql, db.dialect(), clock,
//                            {"case.overdue", "投诉 TS-2026-0007 已超期", "…",
//                            "/console/#/cases/7",
//                             "case_record", "7", {12, 31}, R"({"case_id":7})"});
//   });
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"

namespace yuanwu::notify {

struct Message {
  std::string kind;   // "case.reminder", "case.overdue", "case.assigned" …
  std::string title;  // one line, zh-CN (what an SMS would say)
  std::string body;   // may be empty
  std::string link;   // console path the inbox entry opens, e.g. "/console/#/cases/7"
  std::string entity;
  std::string entity_id;
  std::vector<int64_t> user_ids;    // inbox recipients; duplicates are written once
  std::string payload_json = "{}";  // extra fields for the webhook body
};

// Writes the inbox rows and (when a webhook URL is configured) the outbox row, in the caller's
// transaction. A message with no recipients still goes to the webhook (the gateway may route it
// by kind). Invalid when kind or title is empty.
Status Enqueue(soci::session& sql, db::Dialect dialect, const Clock& clock, const Message& m);

// What Enqueue wrote, for callers that show it (the webhook test button) and for tests.
struct Enqueued {
  int64_t notifications = 0;  // inbox rows: one per distinct recipient
  int64_t delivery_id = 0;    // the webhook_delivery row; 0 when no webhook is enabled
};
// Enqueue that reports what it wrote. Also Invalid when a recipient is not an account or
// payload_json is not JSON. Recipients whose account is deactivated still get the inbox row
// (they see it if reactivated) but are left out of the webhook's recipients (no SMS to them).
Result<Enqueued> EnqueueDetailed(soci::session& sql, const Clock& clock, const Message& m);

}  // namespace yuanwu::notify

// Helpers shared by the notify tests: accounts to notify and a webhook to enable.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "platform/base/time.h"
#include "platform/db/row.h"
#include "platform/db/test_db.h"
#include "platform/notify/webhook_settings.h"

namespace yuanwu::notify::testutil {

constexpr int64_t kNow = 1773108000;  // 2026-03-10T02:00:00Z, 10:00 in Beijing
constexpr const char* kSecret = "test-secret-0123456789";

// Inserts an account (no roles) and returns its id; 0 (and a test failure) on error.
inline int64_t AddUser(db::Database& d, const std::string& username, const std::string& phone,
                       bool active = true, const std::string& password_hash = "x") {
  long long id = 0;
  Status s = d.Transact([&](soci::session& sql) {
    std::string name = "职工" + username, at = FormatTimestamp(kNow);
    long long act = active ? 1 : 0;
    sql << "INSERT INTO app_user (username, name, phone, password_hash, active, created_at) "
           "VALUES (:u, :n, :p, :h, :a, :c) RETURNING id",
        soci::use(username), soci::use(name), soci::use(phone), soci::use(password_hash),
        soci::use(act), soci::use(at), soci::into(id);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << db::testdb::Describe(s);
  return id;
}

// Saves the webhook settings as the system would; a test failure when they are refused.
inline void SetWebhook(db::Database& d, const Clock& clock, const std::string& url,
                       bool enabled = true) {
  Result<WebhookSettings> r =
      SaveWebhookSettings(d, clock, auth::Actor::System(), {url, std::string(kSecret), enabled});
  ASSERT_TRUE(r.ok()) << db::testdb::Describe(r.status());
}

// The single text value of `query`; "" without rows.
inline std::string Text(db::Database& d, const std::string& query) {
  std::string out;
  Status s = d.Read([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    for (const soci::row& r : rows) out = db::Text(r, 0);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << db::testdb::Describe(s);
  return out;
}

}  // namespace yuanwu::notify::testutil

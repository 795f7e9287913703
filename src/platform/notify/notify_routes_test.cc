// The notifications API through the real Router, Guard and sessions: who may call what, the
// inbox seen only by its owner, the secret that never comes back out.
#include "platform/notify/notify_routes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "platform/auth/password.h"
#include "platform/base/random.h"
#include "platform/base/text.h"
#include "platform/db/test_db.h"
#include "platform/notify/notify.h"
#include "platform/notify/test_util.h"

namespace yuanwu::notify {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;
using testutil::AddUser;
using testutil::kNow;
using testutil::kSecret;
using testutil::Text;
using Json = nlohmann::json;

constexpr const char* kPassword = "Demo2026yuanwu";

// argon2id costs ~90 ms; one hash serves every account of every test.
const std::string& PasswordHash() {
  static const std::string kHash = auth::HashPassword(kPassword);
  return kHash;
}

struct Caller {
  int64_t id = 0;
  std::string token;
  std::string csrf;
};

class NotifyRoutesTest : public ::testing::TestWithParam<std::string> {
 protected:
  NotifyRoutesTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    sessions_ =
        std::make_unique<auth::SessionService>(*db_, clock_, random_, auth::SessionOptions{});
    guard_ = std::make_unique<auth::Guard>(*sessions_);
    routes_ = std::make_unique<auth::RouteTable>(router_, *guard_);
    RegisterRoutes(*routes_, *db_, clock_);
    admin_ = SignIn("admin", "admin");
    zhang_ = SignIn("zhang", "staff");
    li_ = SignIn("li", "staff");
  }

  Caller SignIn(const std::string& username, const std::string& role) {
    Caller c;
    c.id = AddUser(*db_, username, "1390000" + std::to_string(1000 + username.size()),
                   /*active=*/true, PasswordHash());
    Status s = db_->Transact([&](soci::session& sql) {
      long long id = c.id;
      sql << "INSERT INTO user_role (user_id, role_code) VALUES (:u, :r)", soci::use(id),
          soci::use(role);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << Describe(s);
    Result<auth::SignIn> in = sessions_->Login(username, kPassword, "10.0.0.9");
    EXPECT_TRUE(in.ok()) << Describe(in.status());
    if (in.ok()) {
      c.token = in->token;
      c.csrf = in->principal.csrf_token;
    }
    return c;
  }

  http::Response Call(const Caller& who, const std::string& method, const std::string& target,
                      const std::string& body = "") {
    http::Request req;
    req.method = method;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) {
      for (const std::string& pair : Split(target.substr(q + 1), '&')) {
        size_t eq = pair.find('=');
        req.query.emplace_back(pair.substr(0, eq),
                               eq == std::string::npos ? "" : pair.substr(eq + 1));
      }
    }
    req.headers = {{"cookie", std::string(auth::SessionService::kCookieName) + "=" + who.token},
                   {"x-csrf-token", who.csrf},
                   {"content-type", "application/json"}};
    req.body = body;
    req.remote_ip = "10.0.0.9";
    return router_.Dispatch(req);
  }

  static Json Body(const http::Response& r) { return Json::parse(r.body, nullptr, false); }

  // Queues `title` for `users` the way the case engine does.
  void Notify(const std::string& title, std::vector<int64_t> users) {
    clock_.Advance(1);
    Status s = db_->Transact([&](soci::session& sql) {
      return Enqueue(sql, db_->dialect(), clock_,
                     {"case.assigned", title, "正文", "/console/#/cases/3", "case_record", "3",
                      std::move(users)});
    });
    ASSERT_TRUE(s.ok()) << Describe(s);
  }

  FakeClock clock_;
  SecureRandom random_;
  std::shared_ptr<db::Database> db_;
  std::unique_ptr<auth::SessionService> sessions_;
  std::unique_ptr<auth::Guard> guard_;
  http::Router router_;
  std::unique_ptr<auth::RouteTable> routes_;
  Caller admin_, zhang_, li_;
};

TEST_P(NotifyRoutesTest, RegistersEveryRouteWithItsPermission) {
  std::vector<std::string> got;
  for (const auth::RouteSpec& r : routes_->specs()) {
    got.push_back(r.method + " " + r.pattern + " " + r.permission);
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "GET /api/v1/notifications signed_in",
                     "POST /api/v1/notifications/{id}/read signed_in",
                     "POST /api/v1/notifications/read-all signed_in",
                     "GET /api/v1/settings/webhook settings.manage",
                     "PUT /api/v1/settings/webhook settings.manage",
                     "GET /api/v1/webhook/deliveries settings.manage",
                     "POST /api/v1/webhook/test settings.manage",
                 }));
}

TEST_P(NotifyRoutesTest, TheInboxShowsAndMarksOnlyTheCallersOwn) {
  Notify("给张", {zhang_.id});
  Notify("给两人", {zhang_.id, li_.id});
  Notify("给李", {li_.id});

  http::Response r = Call(zhang_, "GET", "/api/v1/notifications");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = Body(r);
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["title"], "给两人");
  EXPECT_EQ(j["items"][1]["title"], "给张");
  EXPECT_EQ(j["items"][0]["link"], "/console/#/cases/3");
  EXPECT_EQ(j["items"][0]["body"], "正文");
  EXPECT_EQ(j["items"][0]["kind"], "case.assigned");
  EXPECT_TRUE(j["items"][0]["read_at"].is_null());
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["unread"], 2);

  int64_t lis = testdb::Scalar(*db_, "SELECT id FROM notification WHERE title = '给李'");
  r = Call(zhang_, "POST", "/api/v1/notifications/" + std::to_string(lis) + "/read");
  EXPECT_EQ(r.status, 404) << r.body;
  r = Call(zhang_, "POST", "/api/v1/notifications/abc/read");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(CountRows(*db_, "notification", "read_at IS NOT NULL"), 0);

  int64_t mine = j["items"][1]["id"];
  r = Call(zhang_, "POST", "/api/v1/notifications/" + std::to_string(mine) + "/read");
  EXPECT_EQ(r.status, 204) << r.body;
  j = Body(Call(zhang_, "GET", "/api/v1/notifications?unread=1"));
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["title"], "给两人");
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["unread"], 1);

  r = Call(zhang_, "POST", "/api/v1/notifications/read-all");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["marked"], 1);
  j = Body(Call(zhang_, "GET", "/api/v1/notifications?limit=0"));
  EXPECT_EQ(j["items"].size(), 0u);
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["unread"], 0);
  EXPECT_EQ(Body(Call(li_, "GET", "/api/v1/notifications?limit=0"))["unread"], 2);
}

TEST_P(NotifyRoutesTest, RejectsBadQueryParametersByName) {
  http::Response r = Call(zhang_, "GET", "/api/v1/notifications?limit=101&offset=-1");
  ASSERT_EQ(r.status, 400) << r.body;
  Json j = Body(r);
  ASSERT_EQ(j["fields"].size(), 2u) << r.body;
  EXPECT_EQ(j["fields"][0]["field"], "offset");
  EXPECT_EQ(j["fields"][1]["field"], "limit");
  r = Call(zhang_, "GET", "/api/v1/notifications?unread=yes");
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["fields"][0]["field"], "unread");
  r = Call(admin_, "GET", "/api/v1/webhook/deliveries?status=sent");
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["fields"][0]["field"], "status");
}

TEST_P(NotifyRoutesTest, OnlySettingsManagersSeeOrChangeTheWebhook) {
  EXPECT_EQ(Call(zhang_, "GET", "/api/v1/settings/webhook").status, 403);
  EXPECT_EQ(Call(zhang_, "PUT", "/api/v1/settings/webhook",
                 R"({"url":"https://evil.example/","secret":"0123456789abcdefgh","enabled":true})")
                .status,
            403);
  EXPECT_EQ(Call(zhang_, "GET", "/api/v1/webhook/deliveries").status, 403);
  EXPECT_EQ(Call(zhang_, "POST", "/api/v1/webhook/test").status, 403);
  EXPECT_EQ(CountRows(*db_, "setting", "key = 'webhook'"), 0);
  Caller nobody;
  EXPECT_EQ(Call(nobody, "GET", "/api/v1/notifications").status, 401);
}

TEST_P(NotifyRoutesTest, TheSecretIsWriteOnlyAndNeverAudited) {
  http::Response r = Call(admin_, "GET", "/api/v1/settings/webhook");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r), Json({{"url", ""}, {"enabled", false}, {"has_secret", false}}));

  r = Call(admin_, "PUT", "/api/v1/settings/webhook",
           R"({"url":"ftp://gw.example.cn/","secret":"x","enabled":true})");
  ASSERT_EQ(r.status, 400) << r.body;
  Json j = Body(r);
  ASSERT_EQ(j["fields"].size(), 2u) << r.body;
  EXPECT_EQ(j["fields"][0]["field"], "url");
  EXPECT_EQ(j["fields"][1]["field"], "secret");

  Json put = {{"url", "https://gw.example.cn/yuanwu"}, {"secret", kSecret}, {"enabled", true}};
  r = Call(admin_, "PUT", "/api/v1/settings/webhook", put.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);
  r = Call(admin_, "GET", "/api/v1/settings/webhook");
  EXPECT_EQ(
      Body(r),
      Json({{"url", "https://gw.example.cn/yuanwu"}, {"enabled", true}, {"has_secret", true}}));
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);
  EXPECT_EQ(CountRows(*db_, "audit_log", "action = 'settings.webhook'"), 1);
  EXPECT_EQ(CountRows(*db_, "audit_log",
                      "after_json LIKE '%" + std::string(kSecret) + "%' OR before_json LIKE '%" +
                          std::string(kSecret) + "%'"),
            0);
  EXPECT_EQ(Text(*db_, "SELECT ip FROM audit_log WHERE action = 'settings.webhook'"), "10.0.0.9");
}

TEST_P(NotifyRoutesTest, TheTestButtonQueuesAnAuditedMessageToTheCaller) {
  http::Response r = Call(admin_, "POST", "/api/v1/webhook/test");
  EXPECT_EQ(r.status, 409) << r.body;  // nothing to send to yet
  EXPECT_EQ(CountRows(*db_, "webhook_delivery"), 0);

  Json put = {{"url", "https://gw.example.cn/yuanwu"}, {"secret", kSecret}, {"enabled", true}};
  ASSERT_EQ(Call(admin_, "PUT", "/api/v1/settings/webhook", put.dump()).status, 200);
  r = Call(admin_, "POST", "/api/v1/webhook/test");
  ASSERT_EQ(r.status, 202) << r.body;
  int64_t id = Body(r)["delivery_id"];
  EXPECT_GT(id, 0);
  EXPECT_EQ(CountRows(*db_, "webhook_delivery", "kind = 'webhook.test'"), 1);
  EXPECT_EQ(CountRows(*db_, "notification", "user_id = " + std::to_string(admin_.id)), 1);
  EXPECT_EQ(CountRows(*db_, "audit_log",
                      "action = 'webhook.test' AND entity_id = '" + std::to_string(id) + "'"),
            1);

  r = Call(admin_, "GET", "/api/v1/webhook/deliveries?status=pending");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = Body(r);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["items"][0]["id"], id);
  EXPECT_EQ(j["items"][0]["kind"], "webhook.test");
  EXPECT_EQ(j["items"][0]["title"], "院务平台 Webhook 测试消息");
  EXPECT_EQ(j["items"][0]["attempts"], 0);
  EXPECT_TRUE(j["items"][0]["last_status_code"].is_null());
  EXPECT_FALSE(j["items"][0].contains("body_json"));
  EXPECT_EQ(r.body.find("1390000"), std::string::npos);  // no phone numbers in the log
  EXPECT_EQ(Body(Call(admin_, "GET", "/api/v1/webhook/deliveries?status=failed"))["total"], 0);
}

INSTANTIATE_TEST_SUITE_P(Db, NotifyRoutesTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

}  // namespace
}  // namespace yuanwu::notify

#include "platform/notify/webhook_settings.h"

#include <gtest/gtest.h>

#include "platform/audit/audit_log.h"
#include "platform/db/test_db.h"
#include "platform/notify/test_util.h"

namespace yuanwu::notify {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;
using testdb::FieldNames;
using testutil::kNow;
using testutil::kSecret;

const auth::Actor kAdmin{1, "管理员", "10.0.0.1"};

TEST(WebhookUrlTest, AcceptsHttpAndHttpsUrlsWithAHost) {
  for (const char* url :
       {"https://gw.example.cn/yuanwu", "http://10.1.2.3:8080/hook?x=1", "HTTPS://GW.EXAMPLE.CN",
        "http://[::1]:9000/", "http://sms-gw.internal_lan:80/a#b", "http://localhost"}) {
    Status s = ValidateWebhookUrl(url);
    EXPECT_TRUE(s.ok()) << url << ": " << Describe(s);
  }
}

TEST(WebhookUrlTest, RejectsEverythingElseNamingTheUrlAndTheReason) {
  struct Case {
    const char* url;
    const char* reason_en;  // a part of the English reason
  };
  for (const Case& c : std::vector<Case>{
           {"ftp://gw.example.cn/", "http:// or https://"},
           {"gw.example.cn/hook", "http:// or https://"},
           {"https://", "no host"},
           {"https:///path", "no host"},
           {"http://:8080/", "no host"},
           {"https://user:pw@gw.example.cn/", "user name or password"},
           {"https://gw.example.cn:99999/", "port"},
           {"https://gw.example.cn:/", "port"},
           {"https://gw.example.cn:8x/", "port"},
           {"https://gw example.cn/", "spaces"},
           {"https://网关.cn/", "non-ASCII"},
           {"https://gw.example.cn/\r\nX: 1", "control"},
           {"https://gw!.example.cn/", "host"},
           {"http://[::1/", "IPv6"},
       }) {
    Status s = ValidateWebhookUrl(c.url);
    ASSERT_FALSE(s.ok()) << c.url;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(FieldNames(s), std::vector<std::string>{"url"}) << c.url;
    EXPECT_NE(s.fields()[0].reason_en.find(c.reason_en), std::string::npos)
        << c.url << ": " << Describe(s);
    EXPECT_FALSE(s.fields()[0].reason.empty());
  }
  EXPECT_FALSE(ValidateWebhookUrl("https://a.cn/" + std::string(2000, 'x')).ok());
}

class WebhookSettingsTest : public ::testing::TestWithParam<std::string> {
 protected:
  WebhookSettingsTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
  }

  WebhookSettings Load() {
    WebhookSettings out;
    Status s = db_->Read([&](soci::session& sql) -> Status {
      YW_ASSIGN_OR_RETURN(out, LoadWebhookSettings(sql));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << Describe(s);
    return out;
  }

  audit::Entry LastAudit() {
    audit::Filter f;
    f.limit = 1;
    auto r = audit::List(*db_, f);
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    if (!r.ok() || r->first.empty()) return {};
    return r->first.front();
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
};

TEST_P(WebhookSettingsTest, DefaultsToDisabled) {
  WebhookSettings s = Load();
  EXPECT_FALSE(s.Active());
  EXPECT_EQ(s.url, "");
}

TEST_P(WebhookSettingsTest, SavesAuditsWithoutTheSecretAndKeepsItWhenOmitted) {
  Result<WebhookSettings> r =
      SaveWebhookSettings(*db_, clock_, kAdmin, {"https://gw.example.cn/a", kSecret, true});
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_TRUE(Load().Active());
  EXPECT_EQ(Load().secret, kSecret);
  audit::Entry e = LastAudit();
  EXPECT_EQ(e.change.action, "settings.webhook");
  EXPECT_EQ(e.change.entity, "setting");
  EXPECT_EQ(e.change.entity_id, "webhook");
  EXPECT_EQ(e.actor_name, "管理员");
  EXPECT_NE(e.change.after_json.find("https://gw.example.cn/a"), std::string::npos);
  EXPECT_NE(e.change.after_json.find("\"has_secret\":true"), std::string::npos);
  EXPECT_NE(e.change.after_json.find("\"secret_changed\":true"), std::string::npos);
  EXPECT_EQ(e.change.after_json.find(kSecret), std::string::npos) << e.change.after_json;

  // A new URL without a secret keeps the stored secret.
  r = SaveWebhookSettings(*db_, clock_, kAdmin, {"https://gw.example.cn/b", std::nullopt, true});
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(Load().url, "https://gw.example.cn/b");
  EXPECT_EQ(Load().secret, kSecret);
  r = SaveWebhookSettings(*db_, clock_, kAdmin, {"https://gw.example.cn/c", "", false});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Load().secret, kSecret);
  EXPECT_FALSE(Load().Active());
  e = LastAudit();
  EXPECT_NE(e.change.before_json.find("https://gw.example.cn/b"), std::string::npos);
  EXPECT_NE(e.change.after_json.find("\"secret_changed\":false"), std::string::npos);
  EXPECT_EQ(e.change.before_json.find(kSecret), std::string::npos);
  EXPECT_EQ(CountRows(*db_, "audit_log", "action = 'settings.webhook'"), 3);
}

TEST_P(WebhookSettingsTest, RefusesToEnableWithoutAUrlOrASecret) {
  Result<WebhookSettings> r = SaveWebhookSettings(*db_, clock_, kAdmin, {"", kSecret, true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"url"});

  r = SaveWebhookSettings(*db_, clock_, kAdmin, {"https://gw.example.cn/", std::nullopt, true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"secret"}) << Describe(r.status());

  r = SaveWebhookSettings(*db_, clock_, kAdmin, {"https://gw.example.cn/", "short", true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"secret"});
  EXPECT_NE(r.status().fields()[0].reason_en.find("16"), std::string::npos);

  r = SaveWebhookSettings(*db_, clock_, kAdmin, {"ftp://x", "has a space in the secret", true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), (std::vector<std::string>{"url", "secret"}));

  EXPECT_EQ(CountRows(*db_, "setting", "key = 'webhook'"), 0);
  EXPECT_EQ(CountRows(*db_, "audit_log", "action = 'settings.webhook'"), 0);
  // Disabled with nothing else is a valid (empty) configuration.
  r = SaveWebhookSettings(*db_, clock_, kAdmin, {"", std::nullopt, false});
  EXPECT_TRUE(r.ok()) << Describe(r.status());
}

TEST_P(WebhookSettingsTest, ReadsAMalformedStoredValueAsDisabled) {
  Status s = db_->Transact([](soci::session& sql) {
    sql << "INSERT INTO setting (key, value) VALUES ('webhook', 'not json')";
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(Load().Active());
}

INSTANTIATE_TEST_SUITE_P(Db, WebhookSettingsTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

}  // namespace
}  // namespace yuanwu::notify

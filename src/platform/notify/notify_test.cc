#include "platform/notify/notify.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "platform/db/test_db.h"
#include "platform/notify/test_util.h"

namespace yuanwu::notify {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;
using testdb::FieldNames;
using testutil::AddUser;
using testutil::kNow;
using testutil::SetWebhook;
using testutil::Text;
using Json = nlohmann::json;

class EnqueueTest : public ::testing::TestWithParam<std::string> {
 protected:
  EnqueueTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    a_ = AddUser(*db_, "zhang", "13800000001");
    b_ = AddUser(*db_, "li", "13800000002");
  }

  Message Overdue(std::vector<int64_t> users) {
    return {"case.overdue",   "投诉 TS-2026-0007 已超期",
            "请尽快处理",     "/console/#/cases/7",
            "case_record",    "7",
            std::move(users), R"({"case_id":7})"};
  }

  Result<Enqueued> Run(const Message& m) {
    Result<Enqueued> out = Status::Internal("not run");
    Status s = db_->Transact([&](soci::session& sql) {
      out = EnqueueDetailed(sql, clock_, m);
      return out.ok() ? Status::Ok() : out.status();
    });
    if (!s.ok()) return s;
    return out;
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
  int64_t a_ = 0;
  int64_t b_ = 0;
};

TEST_P(EnqueueTest, WritesOneInboxRowPerDistinctRecipient) {
  Status s = db_->Transact([&](soci::session& sql) {
    return Enqueue(sql, db_->dialect(), clock_, Overdue({a_, b_, a_, b_, a_}));
  });
  ASSERT_TRUE(s.ok()) << Describe(s);
  EXPECT_EQ(CountRows(*db_, "notification"), 2);
  EXPECT_EQ(CountRows(*db_, "notification", "user_id = " + std::to_string(a_)), 1);
  EXPECT_EQ(CountRows(*db_, "notification", "user_id = " + std::to_string(b_)), 1);
  std::string where = " FROM notification WHERE user_id = " + std::to_string(a_);
  EXPECT_EQ(Text(*db_, "SELECT kind" + where), "case.overdue");
  EXPECT_EQ(Text(*db_, "SELECT title" + where), "投诉 TS-2026-0007 已超期");
  EXPECT_EQ(Text(*db_, "SELECT body" + where), "请尽快处理");
  EXPECT_EQ(Text(*db_, "SELECT link" + where), "/console/#/cases/7");
  EXPECT_EQ(Text(*db_, "SELECT entity" + where), "case_record");
  EXPECT_EQ(Text(*db_, "SELECT entity_id" + where), "7");
  EXPECT_EQ(Text(*db_, "SELECT created_at" + where), "2026-03-10T02:00:00Z");
  EXPECT_EQ(CountRows(*db_, "notification", "read_at IS NULL"), 2);
}

TEST_P(EnqueueTest, WritesNoWebhookRowWithoutAWebhook) {
  ASSERT_TRUE(Run(Overdue({a_})).ok());
  EXPECT_EQ(CountRows(*db_, "webhook_delivery"), 0);
  // Saved but disabled is the same as none.
  SetWebhook(*db_, clock_, "https://gw.example.cn/yuanwu", /*enabled=*/false);
  Result<Enqueued> r = Run(Overdue({a_}));
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(r->delivery_id, 0);
  EXPECT_EQ(r->notifications, 1);
  EXPECT_EQ(CountRows(*db_, "webhook_delivery"), 0);
  EXPECT_EQ(CountRows(*db_, "notification"), 2);
}

TEST_P(EnqueueTest, WritesTheWebhookBodyWithRecipientsAndPayload) {
  SetWebhook(*db_, clock_, "https://gw.example.cn/yuanwu");
  int64_t gone = AddUser(*db_, "wang", "13800000003", /*active=*/false);
  Result<Enqueued> r = Run(Overdue({b_, gone, a_, b_}));
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(r->notifications, 3);  // the deactivated account still has its inbox row
  ASSERT_GT(r->delivery_id, 0);
  EXPECT_EQ(CountRows(*db_, "webhook_delivery"), 1);
  std::string id = std::to_string(r->delivery_id);
  std::string where = " FROM webhook_delivery WHERE id = " + id;
  EXPECT_EQ(Text(*db_, "SELECT status" + where), "pending");
  EXPECT_EQ(Text(*db_, "SELECT kind" + where), "case.overdue");
  EXPECT_EQ(Text(*db_, "SELECT next_attempt_at" + where), "2026-03-10T02:00:00Z");
  EXPECT_EQ(testdb::Scalar(*db_, "SELECT attempts" + where), 0);

  Json body = Json::parse(Text(*db_, "SELECT body_json" + where), nullptr, false);
  ASSERT_TRUE(body.is_object()) << Text(*db_, "SELECT body_json" + where);
  EXPECT_EQ(body["id"], r->delivery_id);
  EXPECT_EQ(body["kind"], "case.overdue");
  EXPECT_EQ(body["title"], "投诉 TS-2026-0007 已超期");
  EXPECT_EQ(body["body"], "请尽快处理");
  EXPECT_EQ(body["link"], "/console/#/cases/7");
  EXPECT_EQ(body["entity"], "case_record");
  EXPECT_EQ(body["entity_id"], "7");
  EXPECT_EQ(body["created_at"], "2026-03-10T02:00:00Z");
  EXPECT_EQ(body["payload"], Json({{"case_id", 7}}));
  ASSERT_TRUE(body["recipients"].is_array());
  ASSERT_EQ(body["recipients"].size(), 2u);  // b, a in the order given; not the deactivated one
  EXPECT_EQ(body["recipients"][0]["user_id"], b_);
  EXPECT_EQ(body["recipients"][0]["username"], "li");
  EXPECT_EQ(body["recipients"][0]["name"], "职工li");
  EXPECT_EQ(body["recipients"][0]["phone"], "13800000002");
  EXPECT_EQ(body["recipients"][1]["user_id"], a_);
  EXPECT_EQ(body["recipients"][1]["phone"], "13800000001");
}

TEST_P(EnqueueTest, AMessageWithoutRecipientsStillGoesToTheWebhook) {
  SetWebhook(*db_, clock_, "https://gw.example.cn/yuanwu");
  Message m = Overdue({});
  m.payload_json = "";
  Result<Enqueued> r = Run(m);
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(r->notifications, 0);
  EXPECT_EQ(CountRows(*db_, "notification"), 0);
  ASSERT_EQ(CountRows(*db_, "webhook_delivery"), 1);
  Json body = Json::parse(Text(*db_, "SELECT body_json FROM webhook_delivery"), nullptr, false);
  EXPECT_EQ(body["recipients"], Json::array());
  EXPECT_EQ(body["payload"], Json::object());
}

TEST_P(EnqueueTest, WritesNothingWhenTheCallersTransactionRollsBack) {
  SetWebhook(*db_, clock_, "https://gw.example.cn/yuanwu");
  Status s = db_->Transact([&](soci::session& sql) -> Status {
    YW_RETURN_IF_ERROR(Enqueue(sql, db_->dialect(), clock_, Overdue({a_, b_})));
    return Status::Conflict("案件已被他人修改", "the case changed meanwhile");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(CountRows(*db_, "notification"), 0);
  EXPECT_EQ(CountRows(*db_, "webhook_delivery"), 0);
}

TEST_P(EnqueueTest, RejectsAMessageWithoutKindOrTitle) {
  SetWebhook(*db_, clock_, "https://gw.example.cn/yuanwu");
  Message m = Overdue({a_});
  m.kind = "";
  Result<Enqueued> r = Run(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"kind"});
  EXPECT_NE(r.status().message().find("kind"), std::string::npos) << Describe(r.status());
  EXPECT_NE(r.status().message_en().find("kind"), std::string::npos) << Describe(r.status());

  m = Overdue({a_});
  m.title = " \u3000 ";
  r = Run(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"title"});
  EXPECT_NE(r.status().message_en().find("title"), std::string::npos);

  m.kind = "";
  r = Run(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), (std::vector<std::string>{"kind", "title"}));

  EXPECT_EQ(CountRows(*db_, "notification"), 0);
  EXPECT_EQ(CountRows(*db_, "webhook_delivery"), 0);
}

TEST_P(EnqueueTest, RejectsAKindThatCannotBeAHeaderUnknownRecipientsAndBadPayload) {
  Message m = Overdue({a_});
  m.kind = "case.overdue\r\nX-Evil: 1";
  Result<Enqueued> r = Run(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"kind"});

  m = Overdue({a_, 999999});
  r = Run(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"user_ids"}) << Describe(r.status());
  EXPECT_NE(r.status().message().find("999999"), std::string::npos);

  m = Overdue({a_});
  m.payload_json = "{not json";
  r = Run(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), std::vector<std::string>{"payload_json"});

  EXPECT_EQ(CountRows(*db_, "notification"), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, EnqueueTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

}  // namespace
}  // namespace yuanwu::notify

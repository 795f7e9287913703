#include "platform/notify/webhook.h"

#include <gtest/gtest.h>

#include "platform/db/test_db.h"
#include "platform/notify/notify.h"
#include "platform/notify/test_listener.h"
#include "platform/notify/test_util.h"

namespace yuanwu::notify {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;
using testutil::AddUser;
using testutil::CapturedRequest;
using testutil::kNow;
using testutil::kSecret;
using testutil::SetWebhook;
using testutil::TestListener;
using testutil::Text;

TEST(WebhookSignatureTest, IsHmacSha256OfTimestampDotBody) {
  // Expected values from Python: hmac.new(key, ts + "." + body, hashlib.sha256).hexdigest().
  EXPECT_EQ(Signature(kSecret, "1773108000", R"({"kind":"case.overdue","title":"投诉已超期"})"),
            "sha256=b6d9a82dd87eb1108c5ef61a81305e3a820ae33f6f33bcdd3871014c44d68cd7");
  EXPECT_EQ(Signature("Jefe", "what do ya want", "for nothing?"),
            "sha256=e33f91577b90d4b3bbd73cb61803074f1965d27701b5527942dd9ea9443af37c");
}

TEST(WebhookRetryTest, WaitsOneFiveThirtyMinutesTwoAndSixHoursThenGivesUp) {
  EXPECT_EQ(RetryDelaySeconds(1), 60);
  EXPECT_EQ(RetryDelaySeconds(2), 5 * 60);
  EXPECT_EQ(RetryDelaySeconds(3), 30 * 60);
  EXPECT_EQ(RetryDelaySeconds(4), 2 * 3600);
  EXPECT_EQ(RetryDelaySeconds(5), 6 * 3600);
  EXPECT_EQ(RetryDelaySeconds(6), std::nullopt);
  EXPECT_EQ(RetryDelaySeconds(0), std::nullopt);
}

class WebhookSenderTest : public ::testing::TestWithParam<std::string> {
 protected:
  WebhookSenderTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    ASSERT_NE(listener_.port(), 0);
    user_ = AddUser(*db_, "zhang", "13800000001");
    SenderOptions o;
    o.post.connect_timeout_ms = 2000;
    o.post.timeout_ms = 5000;
    sender_ = std::make_unique<WebhookSender>(*db_, clock_, o);
  }

  // Enqueues one message and returns its delivery id.
  int64_t Queue(const std::string& title = "投诉 TS-2026-0007 已超期") {
    Result<Enqueued> r = Status::Internal("not run");
    Status s = db_->Transact([&](soci::session& sql) {
      r = EnqueueDetailed(sql, clock_,
                          {"case.overdue",
                           title,
                           "",
                           "/console/#/cases/7",
                           "case_record",
                           "7",
                           {user_},
                           R"({"case_id":7})"});
      return r.ok() ? Status::Ok() : r.status();
    });
    EXPECT_TRUE(s.ok()) << Describe(s);
    return s.ok() ? r->delivery_id : 0;
  }

  // Moves the clock to `at` and runs the sender there.
  void RunAt(int64_t at) {
    clock_.Set(at);
    Status s = sender_->RunOnce(at);
    ASSERT_TRUE(s.ok()) << Describe(s);
  }

  std::string Column(int64_t id, const std::string& column) {
    return Text(*db_,
                "SELECT " + column + " FROM webhook_delivery WHERE id = " + std::to_string(id));
  }
  int64_t Attempts(int64_t id) {
    return testdb::Scalar(*db_,
                          "SELECT attempts FROM webhook_delivery WHERE id = " + std::to_string(id));
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
  TestListener listener_;
  std::unique_ptr<WebhookSender> sender_;
  int64_t user_ = 0;
};

TEST_P(WebhookSenderTest, PostsTheStoredBodySignedAndMarksItDelivered) {
  SetWebhook(*db_, clock_, listener_.Url("/yuanwu/hook"));
  int64_t id = Queue();
  ASSERT_GT(id, 0);
  RunAt(kNow + 2);

  std::vector<CapturedRequest> got = listener_.Requests();
  ASSERT_EQ(got.size(), 1u);
  const CapturedRequest& req = got[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/yuanwu/hook");
  EXPECT_EQ(req.body, Column(id, "body_json"));
  EXPECT_EQ(req.headers.at("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(req.headers.at("x-yuanwu-event"), "case.overdue");
  EXPECT_EQ(req.headers.at("x-yuanwu-delivery"), std::to_string(id));
  EXPECT_EQ(req.headers.at("x-yuanwu-timestamp"), std::to_string(kNow + 2));
  // The gateway's check: HMAC over the timestamp header, ".", and the raw body.
  EXPECT_EQ(req.headers.at("x-yuanwu-signature"),
            Signature(kSecret, req.headers.at("x-yuanwu-timestamp"), req.body));
  EXPECT_NE(req.headers.at("x-yuanwu-signature"),
            Signature("another-secret-0123", req.headers.at("x-yuanwu-timestamp"), req.body));
  EXPECT_EQ(req.headers.count("expect"), 0u);

  EXPECT_EQ(Column(id, "status"), "delivered");
  EXPECT_EQ(Attempts(id), 1);
  EXPECT_EQ(Column(id, "last_status_code"), "200");
  EXPECT_EQ(Column(id, "last_error"), "");
  EXPECT_EQ(Column(id, "delivered_at"), FormatTimestamp(kNow + 2));

  RunAt(kNow + 86400);  // delivered rows are never sent again
  EXPECT_EQ(listener_.Requests().size(), 1u);
}

TEST_P(WebhookSenderTest, RetriesWithBackoffNotBeforeAndFailsAfterSixAttempts) {
  SetWebhook(*db_, clock_, listener_.Url());
  listener_.Answer(500, "网关内部错误");
  int64_t id = Queue();
  int64_t t = kNow;
  RunAt(t);
  ASSERT_EQ(listener_.Requests().size(), 1u);
  EXPECT_EQ(Column(id, "status"), "pending");
  EXPECT_EQ(Attempts(id), 1);
  EXPECT_EQ(Column(id, "last_status_code"), "500");
  EXPECT_EQ(Column(id, "last_error"), "HTTP 500: 网关内部错误");
  EXPECT_EQ(Column(id, "next_attempt_at"), FormatTimestamp(t + 60));

  const int64_t delays[] = {60, 300, 1800, 7200, 21600};
  for (size_t i = 0; i < std::size(delays); ++i) {
    RunAt(t + delays[i] - 1);  // not before
    ASSERT_EQ(listener_.Requests().size(), i + 1) << "attempt " << i + 2 << " came early";
    t += delays[i];
    RunAt(t);
    ASSERT_EQ(listener_.Requests().size(), i + 2) << "attempt " << i + 2 << " did not come";
    EXPECT_EQ(Attempts(id), static_cast<int64_t>(i + 2));
  }
  EXPECT_EQ(Column(id, "status"), "failed");
  EXPECT_EQ(Column(id, "delivered_at"), "");
  RunAt(t + 30 * 86400);  // failed rows are not retried
  EXPECT_EQ(listener_.Requests().size(), 6u);
  EXPECT_EQ(Attempts(id), 6);
}

TEST_P(WebhookSenderTest, DeliversOnALaterAttemptOnceTheGatewayAnswers2xx) {
  SetWebhook(*db_, clock_, listener_.Url());
  listener_.Answer(503);
  int64_t id = Queue();
  RunAt(kNow);
  EXPECT_EQ(Column(id, "last_error"), "HTTP 503");
  listener_.Answer(204);
  RunAt(kNow + 60);
  EXPECT_EQ(listener_.Requests().size(), 2u);
  EXPECT_EQ(Column(id, "status"), "delivered");
  EXPECT_EQ(Attempts(id), 2);
  EXPECT_EQ(Column(id, "last_status_code"), "204");
  EXPECT_EQ(Column(id, "last_error"), "");
  // Every attempt is signed afresh with its own timestamp.
  std::vector<CapturedRequest> got = listener_.Requests();
  EXPECT_EQ(got[1].headers.at("x-yuanwu-timestamp"), std::to_string(kNow + 60));
  EXPECT_EQ(got[1].headers.at("x-yuanwu-signature"),
            Signature(kSecret, std::to_string(kNow + 60), got[1].body));
}

TEST_P(WebhookSenderTest, AnUnreachableGatewayCostsOneAttemptPerRun) {
  SetWebhook(*db_, clock_, "http://127.0.0.1:" + std::to_string(testutil::ClosedPort()) + "/");
  int64_t first = Queue("一");
  int64_t second = Queue("二");
  RunAt(kNow);
  EXPECT_EQ(Attempts(first), 1);
  EXPECT_EQ(Attempts(second), 0);  // waits for the next run
  EXPECT_EQ(Column(first, "status"), "pending");
  EXPECT_EQ(Column(first, "last_status_code"), "");  // NULL: no answer
  EXPECT_FALSE(Column(first, "last_error").empty());
  EXPECT_EQ(Column(first, "next_attempt_at"), FormatTimestamp(kNow + 60));
  RunAt(kNow + 1);
  EXPECT_EQ(Attempts(first), 1);
  EXPECT_EQ(Attempts(second), 1);
}

TEST_P(WebhookSenderTest, LeavesRowsWaitingWhileTheWebhookIsDisabled) {
  SetWebhook(*db_, clock_, listener_.Url());
  int64_t id = Queue();
  SetWebhook(*db_, clock_, listener_.Url(), /*enabled=*/false);
  RunAt(kNow + 10);
  EXPECT_TRUE(listener_.Requests().empty());
  EXPECT_EQ(Column(id, "status"), "pending");
  EXPECT_EQ(Attempts(id), 0);
  SetWebhook(*db_, clock_, listener_.Url());
  RunAt(kNow + 20);
  EXPECT_EQ(listener_.Requests().size(), 1u);
  EXPECT_EQ(Column(id, "status"), "delivered");
}

TEST_P(WebhookSenderTest, ListsDeliveriesNewestFirstByStatusWithoutTheBody) {
  SetWebhook(*db_, clock_, listener_.Url());
  int64_t a = Queue("一");
  RunAt(kNow);
  listener_.Answer(500);
  int64_t b = Queue("二");
  RunAt(kNow + 1);
  auto all = ListDeliveries(*db_, {});
  ASSERT_TRUE(all.ok()) << Describe(all.status());
  ASSERT_EQ(all->first.size(), 2u);
  EXPECT_EQ(all->second, 2);
  EXPECT_EQ(all->first[0].id, b);
  EXPECT_EQ(all->first[0].title, "二");
  EXPECT_EQ(all->first[0].status, "pending");
  EXPECT_EQ(all->first[0].last_status_code, 500);
  EXPECT_EQ(all->first[1].id, a);
  EXPECT_EQ(all->first[1].status, "delivered");
  EXPECT_EQ(all->first[1].delivered_at, FormatTimestamp(kNow));

  auto delivered = ListDeliveries(*db_, {"delivered", 0, 20});
  ASSERT_TRUE(delivered.ok());
  ASSERT_EQ(delivered->first.size(), 1u);
  EXPECT_EQ(delivered->first[0].id, a);
  EXPECT_EQ(delivered->second, 1);

  auto bad = ListDeliveries(*db_, {"sent", 0, 20});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(testdb::FieldNames(bad.status()), std::vector<std::string>{"status"});
  EXPECT_EQ(CountRows(*db_, "webhook_delivery"), 2);
}

INSTANTIATE_TEST_SUITE_P(Db, WebhookSenderTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

}  // namespace
}  // namespace yuanwu::notify

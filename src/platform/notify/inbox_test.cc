#include "platform/notify/inbox.h"

#include <gtest/gtest.h>

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
using testutil::Text;

class InboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  InboxTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    inbox_ = std::make_unique<Inbox>(*db_, clock_);
    a_ = AddUser(*db_, "zhang", "13800000001");
    b_ = AddUser(*db_, "li", "13800000002");
  }

  // Sends "title" to `users`, one second after the previous message.
  void Send(const std::string& title, std::vector<int64_t> users) {
    clock_.Advance(1);
    Status s = db_->Transact([&](soci::session& sql) {
      return Enqueue(
          sql, db_->dialect(), clock_,
          {"case.reminder", title, "", "/console/#/cases/1", "case_record", "1", std::move(users)});
    });
    ASSERT_TRUE(s.ok()) << Describe(s);
  }

  // The id of `user`'s notification titled `title`.
  int64_t IdOf(int64_t user, const std::string& title) {
    return testdb::Scalar(*db_, "SELECT id FROM notification WHERE user_id = " +
                                    std::to_string(user) + " AND title = '" + title + "'");
  }

  std::vector<std::string> Titles(const InboxPage& page) {
    std::vector<std::string> out;
    for (const Notification& n : page.items) out.push_back(n.title);
    return out;
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
  std::unique_ptr<Inbox> inbox_;
  int64_t a_ = 0;
  int64_t b_ = 0;
};

TEST_P(InboxTest, ListsOnlyTheUsersOwnNewestFirstWithCounts) {
  Send("一", {a_});
  Send("二", {a_, b_});
  Send("三", {b_});
  Send("四", {a_});
  Result<InboxPage> page = inbox_->List(a_, {});
  ASSERT_TRUE(page.ok()) << Describe(page.status());
  EXPECT_EQ(Titles(*page), (std::vector<std::string>{"四", "二", "一"}));
  EXPECT_EQ(page->total, 3);
  EXPECT_EQ(page->unread, 3);
  EXPECT_EQ(page->items[0].link, "/console/#/cases/1");
  EXPECT_EQ(page->items[0].created_at, "2026-03-10T02:00:04Z");
  EXPECT_EQ(page->items[0].read_at, "");

  page = inbox_->List(b_, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Titles(*page), (std::vector<std::string>{"三", "二"}));

  page = inbox_->List(a_, {false, 1, 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Titles(*page), std::vector<std::string>{"二"});
  EXPECT_EQ(page->total, 3);

  page = inbox_->List(a_, {false, 0, 0});  // the badge: counts only
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(page->total, 3);
  EXPECT_EQ(page->unread, 3);
}

TEST_P(InboxTest, MarksReadOnceAndFiltersUnread) {
  Send("一", {a_});
  Send("二", {a_});
  ASSERT_TRUE(inbox_->MarkRead(a_, IdOf(a_, "一")).ok());
  std::string first = Text(*db_, "SELECT read_at FROM notification WHERE title = '一'");
  EXPECT_EQ(first, "2026-03-10T02:00:02Z");
  clock_.Advance(3600);
  ASSERT_TRUE(inbox_->MarkRead(a_, IdOf(a_, "一")).ok());  // again: keeps the first time
  EXPECT_EQ(Text(*db_, "SELECT read_at FROM notification WHERE title = '一'"), first);

  Result<InboxPage> page = inbox_->List(a_, {true, 0, 20});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Titles(*page), std::vector<std::string>{"二"});
  EXPECT_EQ(page->total, 1);
  EXPECT_EQ(page->unread, 1);
  page = inbox_->List(a_, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  EXPECT_EQ(page->items[1].read_at, first);
}

TEST_P(InboxTest, AUserCannotReadOrMarkAnothersNotifications) {
  Send("给李", {b_});
  int64_t theirs = IdOf(b_, "给李");
  ASSERT_GT(theirs, 0);
  Status s = inbox_->MarkRead(a_, theirs);
  EXPECT_EQ(s.code(), StatusCode::kNotFound) << Describe(s);
  EXPECT_EQ(inbox_->MarkRead(a_, theirs + 1000).code(), StatusCode::kNotFound);
  Result<int64_t> n = inbox_->MarkAllRead(a_);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  EXPECT_EQ(CountRows(*db_, "notification", "read_at IS NULL"), 1);
  Result<InboxPage> page = inbox_->List(a_, {});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(page->unread, 0);
}

TEST_P(InboxTest, MarkAllReadMarksOnlyTheCallersUnread) {
  Send("一", {a_, b_});
  Send("二", {a_, b_});
  Send("三", {a_});
  ASSERT_TRUE(inbox_->MarkRead(a_, IdOf(a_, "一")).ok());
  Result<int64_t> n = inbox_->MarkAllRead(a_);
  ASSERT_TRUE(n.ok()) << Describe(n.status());
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(
      CountRows(*db_, "notification", "user_id = " + std::to_string(a_) + " AND read_at IS NULL"),
      0);
  EXPECT_EQ(
      CountRows(*db_, "notification", "user_id = " + std::to_string(b_) + " AND read_at IS NULL"),
      2);
}

INSTANTIATE_TEST_SUITE_P(Db, InboxTest, ::testing::ValuesIn(testdb::Engines()), testdb::EngineName);

}  // namespace
}  // namespace yuanwu::notify

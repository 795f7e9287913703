#include "platform/audit/audit_log.h"

#include <gtest/gtest.h>

#include <string>

#include "platform/base/time.h"
#include "platform/db/migrate.h"
#include "platform/db/test_db.h"

namespace yuanwu::audit {
namespace {

constexpr int64_t kNow = 1795356909;  // 2026-11-22T14:15:09Z

// ---- EntryHash ----

Entry SampleEntry() {
  Entry e;
  e.id = 7;
  e.at = "2026-11-22T14:15:09Z";
  e.actor_id = 3;
  e.actor_name = "张三";
  e.ip = "10.1.2.3";
  e.change = {"disclosure.item.approve", "disclosure_item", "42", "{}", R"({"state":"approved"})"};
  e.prev_hash = std::string(64, 'a');
  return e;
}

TEST(EntryHashTest, IsLowercaseHexSha256AndDeterministic) {
  std::string h = EntryHash(SampleEntry());
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(EntryHash(SampleEntry()), h);
}

TEST(EntryHashTest, ChangesWhenAnyHashedFieldChanges) {
  const std::string base = EntryHash(SampleEntry());
  std::vector<std::function<void(Entry&)>> edits = {
      [](Entry& e) { e.id = 8; },
      [](Entry& e) { e.at = "2026-11-22T14:15:10Z"; },
      [](Entry& e) { e.actor_id = 4; },
      [](Entry& e) { e.actor_name = "李四"; },
      [](Entry& e) { e.ip = "10.1.2.4"; },
      [](Entry& e) { e.change.action = "disclosure.item.reject"; },
      [](Entry& e) { e.change.entity = "campus"; },
      [](Entry& e) { e.change.entity_id = "43"; },
      [](Entry& e) { e.change.before_json = R"({"state":"draft"})"; },
      [](Entry& e) { e.change.after_json = R"({"state":"rejected"})"; },
      [](Entry& e) { e.prev_hash = std::string(64, 'b'); },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    Entry e = SampleEntry();
    edits[i](e);
    EXPECT_NE(EntryHash(e), base) << "edit " << i;
  }
}

TEST(EntryHashTest, IgnoresTheStoredHashItself) {
  Entry e = SampleEntry();
  e.hash = "anything";
  EXPECT_EQ(EntryHash(e), EntryHash(SampleEntry()));
}

TEST(EntryHashTest, FieldBoundariesAreUnambiguous) {
  Entry a = SampleEntry(), b = SampleEntry();
  a.change.entity = "ab";
  a.change.entity_id = "c";
  b.change.entity = "a";
  b.change.entity_id = "bc";
  EXPECT_NE(EntryHash(a), EntryHash(b));
}

// ---- The chain in a real database ----

class AuditLogTest : public ::testing::TestWithParam<std::string> {
 protected:
  AuditLogTest() : clock_(kNow) {}

  void SetUp() override {
    if (!db::testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = db::testdb::OpenScratch(GetParam());
    ASSERT_NE(db_, nullptr);
    Result<db::MigrationReport> m = db::Migrate(*db_, yuanwu_test_embedded::kFiles);
    ASSERT_TRUE(m.ok()) << m.status().message_en();
  }

  Status AppendOne(const std::string& entity_id, const std::string& after,
                   const auth::Actor& actor = {3, "张三", "10.1.2.3"}) {
    clock_.Advance(60);
    return db_->Transact([&](soci::session& sql) {
      return Append(sql, db_->dialect(), clock_, actor,
                    {"disclosure.item.update", "disclosure_item", entity_id, "{}", after});
    });
  }

  void AppendMany(int n) {
    for (int i = 1; i <= n; ++i) {
      Status s = AppendOne(std::to_string(i), R"({"title":"第)" + std::to_string(i) + R"(版"})");
      ASSERT_TRUE(s.ok()) << s.message_en();
    }
  }

  void Exec(const std::string& statement) {
    Status s = db_->Transact([&](soci::session& sql) {
      sql << statement;
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << statement << ": " << s.message_en();
  }

  VerifyReport MustVerify() {
    Result<VerifyReport> r = Verify(*db_);
    EXPECT_TRUE(r.ok()) << r.status().message_en();
    return r.ok() ? *r : VerifyReport{false, -1, -1};
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
};

TEST_P(AuditLogTest, EmptyLogVerifies) {
  VerifyReport r = MustVerify();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 0);
  EXPECT_EQ(r.broken_at, 0);
}

TEST_P(AuditLogTest, AppendedEntriesVerify) {
  AppendMany(5);
  VerifyReport r = MustVerify();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 5);
  EXPECT_EQ(r.broken_at, 0);
}

TEST_P(AuditLogTest, EntriesAreNumberedLinkedAndTimestamped) {
  AppendMany(3);
  Result<std::pair<std::vector<Entry>, int64_t>> all = List(*db_, Filter{});
  ASSERT_TRUE(all.ok()) << all.status().message_en();
  ASSERT_EQ(all->first.size(), 3u);
  EXPECT_EQ(all->second, 3);
  const std::vector<Entry>& e = all->first;  // newest first
  EXPECT_EQ(e[2].id, 1);
  EXPECT_EQ(e[2].prev_hash, "");
  EXPECT_EQ(e[1].prev_hash, e[2].hash);
  EXPECT_EQ(e[0].prev_hash, e[1].hash);
  EXPECT_EQ(e[2].at, FormatTimestamp(kNow + 60));
  EXPECT_EQ(e[0].at, FormatTimestamp(kNow + 180));
  for (const Entry& x : e) EXPECT_EQ(EntryHash(x), x.hash);
  EXPECT_EQ(e[0].actor_name, "张三");
  EXPECT_EQ(e[0].ip, "10.1.2.3");
  EXPECT_EQ(e[0].change.before_json, "{}");
}

TEST_P(AuditLogTest, SystemActorIsStoredWithoutAUserId) {
  ASSERT_TRUE(AppendOne("1", "", auth::Actor::System()).ok());
  Result<std::pair<std::vector<Entry>, int64_t>> all = List(*db_, Filter{});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->first.size(), 1u);
  EXPECT_EQ(all->first[0].actor_id, 0);
  EXPECT_EQ(all->first[0].actor_name, "系统");
  EXPECT_EQ(all->first[0].change.after_json, "{}");  // empty becomes "{}"
  EXPECT_TRUE(MustVerify().ok);
}

TEST_P(AuditLogTest, EditingAnEntryBreaksTheChainThere) {
  AppendMany(5);
  Exec(R"(UPDATE audit_log SET after_json = '{"title":"篡改"}' WHERE id = 3)");
  VerifyReport r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_at, 3);
}

TEST_P(AuditLogTest, EditingTheFirstEntryIsDetected) {
  AppendMany(3);
  Exec("UPDATE audit_log SET actor_name = '李四' WHERE id = 1");
  VerifyReport r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_at, 1);
}

TEST_P(AuditLogTest, RehashingAnEditedEntryBreaksTheNextLink) {
  AppendMany(4);
  Result<std::pair<std::vector<Entry>, int64_t>> all = List(*db_, Filter{});
  ASSERT_TRUE(all.ok());
  Entry forged = all->first[2];  // id 2
  ASSERT_EQ(forged.id, 2);
  forged.change.after_json = R"({"title":"伪造"})";
  forged.hash = EntryHash(forged);
  Exec("UPDATE audit_log SET after_json = '" + forged.change.after_json + "', hash = '" +
       forged.hash + "' WHERE id = 2");
  VerifyReport r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_at, 3);
}

TEST_P(AuditLogTest, DeletingTheLastEntryIsDetected) {
  AppendMany(4);
  Exec("DELETE FROM audit_log WHERE id = 4");
  VerifyReport r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_at, 4);
  EXPECT_EQ(r.checked, 3);
}

TEST_P(AuditLogTest, DeletingAMiddleEntryIsDetected) {
  AppendMany(4);
  Exec("DELETE FROM audit_log WHERE id = 2");
  VerifyReport r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_at, 2);
}

TEST_P(AuditLogTest, DeletingEverythingIsDetected) {
  AppendMany(2);
  Exec("DELETE FROM audit_log");
  VerifyReport r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_at, 1);
}

TEST_P(AuditLogTest, AppendingAfterARolledBackTransactionKeepsTheChainLinear) {
  AppendMany(2);
  Status s = db_->Transact([&](soci::session& sql) {
    Status a =
        Append(sql, db_->dialect(), clock_, auth::Actor::System(), {"x.y", "x", "1", "{}", "{}"});
    EXPECT_TRUE(a.ok());
    return Status::Precondition("中止", "abort");  // the audit entry must roll back too
  });
  ASSERT_FALSE(s.ok());
  AppendMany(1);
  VerifyReport r = MustVerify();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 3);
}

TEST_P(AuditLogTest, ListFiltersAndPages) {
  ASSERT_TRUE(AppendOne("1", "", {3, "张三", "10.0.0.1"}).ok());
  ASSERT_TRUE(AppendOne("2", "", {4, "李四", "10.0.0.2"}).ok());
  ASSERT_TRUE(db_->Transact([&](soci::session& sql) {
                   clock_.Advance(60);
                   return Append(sql, db_->dialect(), clock_, {3, "张三", "10.0.0.1"},
                                 {"org.campus.create", "campus", "9", "{}", "{}"});
                 })
                  .ok());

  Filter by_actor;
  by_actor.actor = "张";
  auto r = List(*db_, by_actor);
  ASSERT_TRUE(r.ok()) << r.status().message_en();
  EXPECT_EQ(r->second, 2);

  Filter by_action;
  by_action.action = "disclosure.";
  r = List(*db_, by_action);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->second, 2);

  Filter by_entity;
  by_entity.entity = "campus";
  r = List(*db_, by_entity);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->first.size(), 1u);
  EXPECT_EQ(r->first[0].change.entity_id, "9");

  Filter by_time;
  by_time.from = FormatTimestamp(kNow + 120);
  by_time.to = FormatTimestamp(kNow + 120);
  r = List(*db_, by_time);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->first.size(), 1u);
  EXPECT_EQ(r->first[0].actor_name, "李四");

  Filter page;
  page.limit = 1;
  page.offset = 1;
  r = List(*db_, page);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->second, 3);  // the total ignores paging
  ASSERT_EQ(r->first.size(), 1u);
  EXPECT_EQ(r->first[0].id, 2);
}

INSTANTIATE_TEST_SUITE_P(Db, AuditLogTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::audit

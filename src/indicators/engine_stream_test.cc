// db::ForEachRowStreamed, which Engine::Load reads records through: every row once, in order,
// across many small chunks, twice in one transaction (the cursor is closed), on SQLite and
// PostgreSQL; on PostgreSQL outside a transaction it refuses rather than buffering everything.
#include <gtest/gtest.h>

#include "platform/db/row.h"
#include "platform/db/test_db.h"

namespace yuanwu::indicators {
namespace {

namespace testdb = db::testdb;

class StreamedRowsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(db_->Transact([](soci::session& sql) {
                     for (int i = 1; i <= 103; ++i) {
                       // Named: soci binds by reference and runs the statement at the end of
                       // the full expression, after temporaries would be gone.
                       std::string code = "C" + std::to_string(1000 + i);
                       std::string name = "院区" + std::to_string(i);
                       sql << "INSERT INTO campus (code, name, address, sort) VALUES (:c, :n, '', "
                              ":s)",
                           soci::use(code), soci::use(name), soci::use(i);
                     }
                     return Status::Ok();
                   })
                    .ok());
  }
  std::shared_ptr<db::Database> db_;
};

TEST_P(StreamedRowsTest, EveryRowOnceInOrderAcrossChunks) {
  for (size_t chunk : {1u, 7u, 103u, 104u, 5000u}) {
    SCOPED_TRACE(chunk);
    std::vector<int64_t> sorts;
    Status s = db_->Transact([&](soci::session& sql) {
      for (int pass = 0; pass < 2; ++pass)  // a second stream in the same transaction
        db::ForEachRowStreamed(sql, "SELECT sort, code FROM campus ORDER BY sort", chunk,
                               [&](const soci::row& r) { sorts.push_back(db::Int(r, 0)); });
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << testdb::Describe(s);
    ASSERT_EQ(sorts.size(), 206u);
    for (size_t i = 0; i < sorts.size(); ++i)
      EXPECT_EQ(sorts[i], static_cast<int64_t>(i % 103 + 1));
  }
}

TEST_P(StreamedRowsTest, PostgresNeedsATransaction) {
  Status s = db_->Read([&](soci::session& sql) {
    try {
      db::ForEachRowStreamed(sql, "SELECT code FROM campus", 10, [](const soci::row&) {});
    } catch (const std::exception& e) {
      return db::StatusFromDbError(e.what());
    }
    return Status::Ok();
  });
  EXPECT_EQ(s.ok(), GetParam() == "sqlite") << testdb::Describe(s);
}

INSTANTIATE_TEST_SUITE_P(Db, StreamedRowsTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::indicators

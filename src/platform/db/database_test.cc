#include "platform/db/database.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "platform/db/row.h"
#include "platform/db/test_db.h"

namespace yuanwu::db {
namespace {

using testdb::Available;
using testdb::Engines;
using testdb::OpenScratch;

TEST(DatabaseOpenTest, RejectsMemoryAndEmptyLocations) {
  EXPECT_FALSE(Database::Open(":memory:", 1).ok());
  EXPECT_FALSE(Database::Open("sqlite::memory:", 1).ok());
  EXPECT_FALSE(Database::Open("", 1).ok());
  EXPECT_FALSE(Database::Open("sqlite:", 1).ok());
}

TEST(DatabaseOpenTest, SqlitePrefixIsOptional) {
  std::shared_ptr<Database> scratch = OpenScratch("sqlite");
  ASSERT_NE(scratch, nullptr);
  Result<std::unique_ptr<Database>> again = Database::Open("sqlite:" + scratch->url(), 1);
  ASSERT_TRUE(again.ok()) << again.status().message_en();
  EXPECT_EQ((*again)->dialect(), Dialect::kSqlite);
  EXPECT_EQ((*again)->url(), scratch->url());
}

TEST(DatabaseOpenTest, UnreachableFileIsUnavailable) {
  Result<std::unique_ptr<Database>> db = Database::Open("/nonexistent/dir/yuanwu.db", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
}

TEST(StatusFromDbErrorTest, MapsUniqueViolationsToAlreadyExists) {
  EXPECT_EQ(StatusFromDbError("UNIQUE constraint failed: campus.code").code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusFromDbError("ERROR: duplicate key value violates unique constraint").code(),
            StatusCode::kAlreadyExists);
}

TEST(StatusFromDbErrorTest, MapsForeignKeyViolationsToFailedPrecondition) {
  EXPECT_EQ(StatusFromDbError("FOREIGN KEY constraint failed").code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(StatusFromDbError("violates foreign key constraint \"x\"").code(),
            StatusCode::kFailedPrecondition);
}

TEST(StatusFromDbErrorTest, MapsBusyToUnavailable) {
  EXPECT_EQ(StatusFromDbError("database is locked").code(), StatusCode::kUnavailable);
  EXPECT_EQ(StatusFromDbError("could not serialize access").code(), StatusCode::kUnavailable);
}

TEST(StatusFromDbErrorTest, AnythingElseIsInternalWithTheDetailHidden) {
  Status s = StatusFromDbError("no such table: secret");
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(s.message().find("secret"), std::string::npos);
}

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = OpenScratch(GetParam());
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(db_->Transact([](soci::session& sql) {
                     sql << "CREATE TABLE t (code TEXT PRIMARY KEY, n BIGINT NOT NULL)";
                     return Status::Ok();
                   })
                    .ok());
  }

  int64_t Count() {
    int64_t n = -1;
    Status s = db_->Read([&](soci::session& sql) {
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT COUNT(*) FROM t");
      for (const soci::row& r : rows) n = Int(r, 0);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message_en();
    return n;
  }

  Status Insert(std::string code, long long n) {
    return db_->Transact([&](soci::session& sql) {
      sql << "INSERT INTO t (code, n) VALUES (:code, :n)", soci::use(code), soci::use(n);
      return Status::Ok();
    });
  }

  std::shared_ptr<Database> db_;
};

TEST_P(DatabaseTest, ReportsItsDialect) {
  EXPECT_EQ(db_->dialect(), GetParam() == "postgres" ? Dialect::kPostgres : Dialect::kSqlite);
}

TEST_P(DatabaseTest, TransactCommitsWhenTheFunctionSucceeds) {
  ASSERT_TRUE(Insert("a", 1).ok());
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseTest, TransactRollsBackWhenTheFunctionFails) {
  Status s = db_->Transact([](soci::session& sql) {
    sql << "INSERT INTO t (code, n) VALUES ('a', 1)";
    return Status::Precondition("中止", "abort");
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(), 0);
}

TEST_P(DatabaseTest, TransactRollsBackWhenAStatementThrows) {
  ASSERT_TRUE(Insert("a", 1).ok());
  Status s = db_->Transact([](soci::session& sql) {
    sql << "INSERT INTO t (code, n) VALUES ('b', 2)";
    sql << "INSERT INTO t (code, n) VALUES ('a', 3)";  // duplicate key
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists) << s.message_en();
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseTest, SqlErrorsBecomeInternalStatusNotExceptions) {
  Status s = db_->Read([](soci::session& sql) {
    sql << "SELECT * FROM no_such_table";
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kInternal);
}

TEST_P(DatabaseTest, QueryReturnsTheFunctionsResult) {
  ASSERT_TRUE(Insert("a", 40).ok());
  ASSERT_TRUE(Insert("b", 2).ok());
  Result<int64_t> sum = db_->Query<int64_t>([](soci::session& sql) -> Result<int64_t> {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT SUM(n) FROM t");
    for (const soci::row& r : rows) return Int(r, 0);
    return Status::NotFound("行", "row");
  });
  ASSERT_TRUE(sum.ok()) << sum.status().message_en();
  EXPECT_EQ(*sum, 42);
}

TEST_P(DatabaseTest, QueryPassesTheFunctionsErrorThrough) {
  Result<int> r = db_->Query<int>(
      [](soci::session&) -> Result<int> { return Status::NotFound("公示", "disclosure"); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST_P(DatabaseTest, TextAndIntReadNullAsEmptyAndZero) {
  Status s = db_->Read([](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT NULL, NULL, 'x', 7");
    for (const soci::row& r : rows) {
      EXPECT_TRUE(IsNull(r, 0));
      EXPECT_EQ(Text(r, 0), "");
      EXPECT_EQ(Int(r, 1), 0);
      EXPECT_EQ(Text(r, 2), "x");
      EXPECT_EQ(Int(r, 3), 7);
      EXPECT_EQ(Text(r, 3), "7");
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message_en();
}

TEST_P(DatabaseTest, BindsNamedParameters) {
  ASSERT_TRUE(Insert("张三", 1).ok());
  ASSERT_TRUE(Insert("李四", 2).ok());
  Params p;
  p.Add("code", std::string("李四"));
  p.Add("min", 1LL);
  std::vector<std::string> codes;
  Status s = db_->Read([&](soci::session& sql) {
    soci::details::prepare_temp_type st =
        (sql.prepare << "SELECT code FROM t WHERE code = :code AND n > :min");
    Bind(st, p);
    soci::rowset<soci::row> rows(st);
    for (const soci::row& r : rows) codes.push_back(Text(r, 0));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message_en();
  EXPECT_EQ(codes, (std::vector<std::string>{"李四"}));
}

TEST_P(DatabaseTest, TransactBulkCommitsOrRollsBackLikeTransact) {
  ASSERT_TRUE(db_->TransactBulk([](soci::session& sql) {
                   sql << "INSERT INTO t (code, n) VALUES ('a', 1)";
                   return Status::Ok();
                 })
                  .ok());
  Status s = db_->TransactBulk([](soci::session& sql) {
    sql << "INSERT INTO t (code, n) VALUES ('b', 2)";
    return Status::Precondition("中止", "abort");
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(), 1);
  EXPECT_TRUE(db_->DrainCheckpoints().ok());
}

INSTANTIATE_TEST_SUITE_P(Db, DatabaseTest, ::testing::ValuesIn(Engines()), testdb::EngineName);

// SQLite: commits leave the copy from the WAL into the database file to the checkpointer.
class SqliteCheckpointTest : public ::testing::Test {
 protected:
  int64_t Scalar(Database& db, const std::string& query) {
    int64_t v = -1;
    Status s = db.Read([&](soci::session& sql) {
      sql << query, soci::into(v);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message_en();
    return v;
  }
};

TEST_F(SqliteCheckpointTest, NoCommitCheckpointsItselfAndBulkCommitsEndUpInTheFile) {
  std::shared_ptr<Database> scratch = OpenScratch("sqlite");
  ASSERT_NE(scratch, nullptr);
  // One session, so that the pragmas below read the session the writes used.
  Result<std::unique_ptr<Database>> opened = Database::Open(scratch->url(), 1);
  ASSERT_TRUE(opened.ok()) << opened.status().message_en();
  Database& db = **opened;
  EXPECT_EQ(Scalar(db, "PRAGMA wal_autocheckpoint"), 0);
  ASSERT_TRUE(db.Transact([](soci::session& sql) {
                  sql << "CREATE TABLE big (id BIGINT PRIMARY KEY, pad TEXT NOT NULL)";
                  return Status::Ok();
                }).ok());
  // About 8 MB: well past the 1000-page threshold at 4 KB a page.
  ASSERT_TRUE(db.TransactBulk([](soci::session& sql) {
                  sql << "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < 8000) INSERT INTO big SELECT i, printf('%.1000d', i) FROM n";
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(Scalar(db, "PRAGMA synchronous"), 1);  // NORMAL again after the bulk commit's FULL
  ASSERT_TRUE(db.DrainCheckpoints().ok());
  std::error_code ec;
  EXPECT_GT(std::filesystem::file_size(db.url(), ec), 8'000'000u) << ec.message();
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM big"), 8000);
}

}  // namespace
}  // namespace yuanwu::db

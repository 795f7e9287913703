// Scratch databases and small helpers for the tests of every module (library yw_test_db,
// defined in platform/tests.cmake; never linked into the app).
//
// Every database test is instantiated for "sqlite" and "postgres". The PostgreSQL instances run
// when YUANWU_TEST_PG_URL is a postgresql:// URL (e.g. from scripts/pg-test-server.sh) and are
// skipped otherwise, so CTest, which lists the tests at build time, always knows them. With
// YUANWU_REQUIRE_PG=1 (set by scripts/test.sh) a missing URL fails those tests instead, so a
// misconfigured CI cannot silently skip the PostgreSQL half.
//
// Each scratch database is new and is removed when the last handle goes away: SQLite, a file in
// a fresh temporary directory; PostgreSQL, a schema yw_test_<random> in the URL's database, the
// only schema on the connections' search_path (or, if the role may not create a schema there,
// a database of that name). OpenMigrated() also applies the embedded migrations.
//
// Example:
//   class StoreTest : public ::testing::TestWithParam<std::string> {
//    protected:
//     void SetUp() override {
//       if (!testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
//       db_ = testdb::OpenMigrated(GetParam());
//       ASSERT_NE(db_, nullptr);
//     }
//     std::shared_ptr<db::Database> db_;
//   };
//   TEST_P(StoreTest, Inserts) { EXPECT_EQ(testdb::CountRows(*db_, "campus"), 0); }
//   INSTANTIATE_TEST_SUITE_P(Db, StoreTest, ::testing::ValuesIn(testdb::Engines()),
//                            testdb::EngineName);
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/base/embedded.h"
#include "platform/base/status.h"
#include "platform/db/database.h"

namespace yuanwu_test_embedded {
extern const yuanwu::EmbeddedFile kFiles[];  // migrations/*.sql, see platform/tests.cmake
}

namespace yuanwu::db::testdb {

// {"sqlite", "postgres"}, for INSTANTIATE_TEST_SUITE_P(…, ValuesIn(Engines()), EngineName).
std::vector<std::string> Engines();
std::string EngineName(const ::testing::TestParamInfo<std::string>& info);

// Whether tests can run on `engine`: SQLite always, PostgreSQL when YUANWU_TEST_PG_URL is set.
// When it is not but YUANWU_REQUIRE_PG is set (and not "0"), records a fatal test failure and
// returns false, so the caller's GTEST_SKIP() leaves the test failed, not skipped.
bool Available(const std::string& engine);

// A fresh, empty scratch database on `engine`; nullptr (and a test failure) if it cannot be made.
std::shared_ptr<Database> OpenScratch(const std::string& engine);

// A scratch database with every migration applied; nullptr (and a test failure) otherwise.
std::shared_ptr<Database> OpenMigrated(const std::string& engine);

// "postgresql://u@h:5432/app?sslmode=disable" with "x" → "postgresql://u@h:5432/x?sslmode=disable".
std::string WithDatabaseName(const std::string& url, const std::string& name);

// `url` plus one query parameter.
std::string WithParameter(const std::string& url, const std::string& parameter);

// The single integer of `query` (e.g. "SELECT COUNT(*) FROM audit_log"); -1 on error.
int64_t Scalar(Database& d, const std::string& query);
int64_t CountRows(Database& d, const std::string& table, const std::string& where = "");

// "invalid_argument: … [field: reason; …]" for failure messages.
std::string Describe(const Status& s);

// The fields named in a Status, in order.
std::vector<std::string> FieldNames(const Status& s);

// Reads a file of the source tree; yw_test sets YUANWU_SOURCE_DIR for every test.
std::string ReadSourceFile(const std::string& relative);

// A fresh temporary directory, removed with everything in it when the object goes away;
// path() is empty (and the test failed) if it could not be made.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace yuanwu::db::testdb

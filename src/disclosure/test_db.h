// Test-only helpers shared by org_test and disclosure_test (never linked into the app).
//
// Scratch databases follow the pattern of platform/db/database_test.cc: every database test is
// instantiated for "sqlite" and "postgres"; the PostgreSQL instances run when
// YUANWU_TEST_PG_URL is a postgresql:// URL of a role allowed to CREATE DATABASE and are
// skipped otherwise. Each scratch database is new and is removed when the last handle goes
// away: SQLite, a file in a fresh temporary directory; PostgreSQL, a schema yw_test_<random>
// in the URL's database (or, if the role may not create one there, a database of that name).
// OpenMigrated() also applies the embedded migrations (yw_test_migrations).
//
// Everything is inline so each test binary gets one copy without a helper library.
#pragma once

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "platform/base/embedded.h"
#include "platform/base/random.h"
#include "platform/base/status.h"
#include "platform/db/database.h"
#include "platform/db/migrate.h"
#include "platform/db/row.h"

namespace yuanwu_test_embedded {
extern const yuanwu::EmbeddedFile kFiles[];  // migrations/*.sql, see src/platform/tests.cmake
}

namespace yuanwu::testdb {

inline std::vector<std::string> Engines() { return {"sqlite", "postgres"}; }

inline bool Available(const std::string& engine) {
  if (engine != "postgres") return true;
  const char* pg = std::getenv("YUANWU_TEST_PG_URL");
  return pg != nullptr && *pg != '\0';
}

// For INSTANTIATE_TEST_SUITE_P(…, ValuesIn(Engines()), EngineName).
inline std::string EngineName(const ::testing::TestParamInfo<std::string>& i) { return i.param; }

// "postgresql://u@h:5432/app?sslmode=disable" with "x" → "postgresql://u@h:5432/x?sslmode=disable".
inline std::string WithDatabaseName(const std::string& url, const std::string& name) {
  size_t scheme = url.find("://");
  size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  size_t query = url.find('?', host);
  size_t slash = url.find('/', host);
  if (slash != std::string::npos && (query == std::string::npos || slash < query)) {
    return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
  }
  if (query == std::string::npos) return url + "/" + name;
  return url.substr(0, query) + "/" + name + url.substr(query);
}

// SOCI 4.0 mangles a URL without '=' (see Database::Open), hence the harmless parameter.
inline std::unique_ptr<soci::session> AdminSession(const std::string& url) {
  std::string connect = url;
  if (connect.find('=') == std::string::npos) connect += "?application_name=yuanwu_test";
  return std::make_unique<soci::session>(soci::postgresql, connect);
}

// A fresh temporary directory, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "yw_test_XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
      return;
    }
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::shared_ptr<db::Database> OpenSqlite() {
  auto dir = std::make_shared<TempDir>();
  if (dir->path().empty()) return nullptr;
  Result<std::unique_ptr<db::Database>> d = db::Database::Open(dir->path() + "/yuanwu.db", 2);
  if (!d.ok()) {
    ADD_FAILURE() << "cannot open SQLite in " << dir->path() << ": " << d.status().message_en();
    return nullptr;
  }
  return std::shared_ptr<db::Database>(d->release(), [dir](db::Database* p) { delete p; });
}

// `url` plus one query parameter.
inline std::string WithParameter(const std::string& url, const std::string& parameter) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

// A fresh database for one test: CREATE DATABASE yw_test_<random>.
inline std::shared_ptr<db::Database> OpenPostgresDatabase(const std::string& admin_url,
                                                          const std::string& name) {
  try {
    *AdminSession(admin_url) << "CREATE DATABASE " + name;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot create PostgreSQL database " << name << ": " << e.what();
    return nullptr;
  }
  auto drop = [admin_url, name]() {
    try {
      *AdminSession(admin_url) << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop PostgreSQL database " << name << ": " << e.what();
    }
  };
  Result<std::unique_ptr<db::Database>> d =
      db::Database::Open(WithDatabaseName(admin_url, name), 2);
  if (!d.ok()) {
    ADD_FAILURE() << "cannot open " << name << ": " << d.status().message_en();
    drop();
    return nullptr;
  }
  return std::shared_ptr<db::Database>(d->release(), [drop](db::Database* p) {
    delete p;
    drop();
  });
}

// A fresh schema yw_test_<random> in the URL's own database, made the only schema on the
// connections' search_path. CREATE DATABASE costs about a second per test on a small machine;
// a schema costs a few milliseconds, which keeps each test binary well under 20 s on PostgreSQL.
// Falls back to a fresh database when the role may not create schemas there.
inline std::shared_ptr<db::Database> OpenPostgres() {
  const std::string admin_url = std::getenv("YUANWU_TEST_PG_URL");
  SecureRandom random;
  const std::string name = "yw_test_" + random.Hex(8);
  try {
    *AdminSession(admin_url) << "CREATE SCHEMA " + name;
  } catch (const std::exception&) {
    return OpenPostgresDatabase(admin_url, name);
  }
  auto drop = [admin_url, name]() {
    try {
      std::unique_ptr<soci::session> admin = AdminSession(admin_url);
      *admin << "SET client_min_messages TO WARNING";  // no NOTICE per dropped table
      *admin << "DROP SCHEMA IF EXISTS " + name + " CASCADE";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop PostgreSQL schema " << name << ": " << e.what();
    }
  };
  // libpq URI query values are percent-decoded: "-csearch_path=<name>".
  Result<std::unique_ptr<db::Database>> d =
      db::Database::Open(WithParameter(admin_url, "options=-csearch_path%3D" + name), 2);
  if (!d.ok()) {
    ADD_FAILURE() << "cannot open schema " << name << ": " << d.status().message_en();
    drop();
    return nullptr;
  }
  return std::shared_ptr<db::Database>(d->release(), [drop](db::Database* p) {
    delete p;
    drop();
  });
}

inline std::shared_ptr<db::Database> OpenScratch(const std::string& engine) {
  return engine == "postgres" ? OpenPostgres() : OpenSqlite();
}

// A scratch database with every migration applied; nullptr (and a test failure) otherwise.
inline std::shared_ptr<db::Database> OpenMigrated(const std::string& engine) {
  std::shared_ptr<db::Database> d = OpenScratch(engine);
  if (d == nullptr) return nullptr;
  Result<db::MigrationReport> m = db::Migrate(*d, yuanwu_test_embedded::kFiles);
  if (!m.ok()) {
    ADD_FAILURE() << "migration failed: " << m.status().message_en();
    return nullptr;
  }
  return d;
}

// The single integer of `query` (e.g. "SELECT COUNT(*) FROM audit_log"); -1 on error.
inline int64_t Scalar(db::Database& d, const std::string& query) {
  int64_t n = -1;
  Status s = d.Read([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    for (const soci::row& r : rows) n = db::Int(r, 0);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << query << ": " << s.message_en();
  return n;
}

inline int64_t CountRows(db::Database& d, const std::string& table, const std::string& where = "") {
  return Scalar(d, "SELECT COUNT(*) FROM " + table + (where.empty() ? "" : " WHERE " + where));
}

// "invalid_argument: … [field: reason; …]" for failure messages.
inline std::string Describe(const Status& s) {
  std::string out = std::string(StatusCodeName(s.code())) + ": " + s.message_en();
  for (const FieldError& f : s.fields()) out += " [" + f.field + ": " + f.reason_en + "]";
  return out;
}

// The fields named in a Status, in order.
inline std::vector<std::string> FieldNames(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& f : s.fields()) out.push_back(f.field);
  return out;
}

// Reads a file of the source tree; yw_test sets YUANWU_SOURCE_DIR for every test.
inline std::string ReadSourceFile(const std::string& relative) {
  const char* root = std::getenv("YUANWU_SOURCE_DIR");
  if (root == nullptr) {
    ADD_FAILURE() << "YUANWU_SOURCE_DIR is not set; run the test through ctest";
    return {};
  }
  std::ifstream in(std::string(root) + "/" + relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << root << "/" << relative;
    return {};
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace yuanwu::testdb

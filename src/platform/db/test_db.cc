#include "platform/db/test_db.h"

#include <soci/postgresql/soci-postgresql.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/base/random.h"
#include "platform/db/migrate.h"
#include "platform/db/row.h"

namespace yuanwu::db::testdb {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// SOCI 4.0 mangles a URL without '=' (see Database::Open), hence the harmless parameter.
std::unique_ptr<soci::session> AdminSession(const std::string& url) {
  std::string connect = url;
  if (connect.find('=') == std::string::npos) connect += "?application_name=yuanwu_test";
  return std::make_unique<soci::session>(soci::postgresql, connect);
}

// A fatal failure (FAIL(), not ADD_FAILURE()): the caller's GTEST_SKIP() then cannot mark the
// test skipped, and GoogleTest does not run the test body after a SetUp() with a fatal failure,
// where it would run it after a merely failed one (and dereference the missing database).
void FailPostgresRequired(const std::string& require) {
  FAIL() << "YUANWU_REQUIRE_PG=" << require
         << " but YUANWU_TEST_PG_URL is not set: the PostgreSQL tests must run here. Set "
            "YUANWU_TEST_PG_URL to a postgresql:// URL (scripts/pg-test-server.sh start prints "
            "one), or unset YUANWU_REQUIRE_PG to skip them.";
}

std::shared_ptr<Database> OpenSqlite() {
  auto dir = std::make_shared<TempDir>();
  if (dir->path().empty()) return nullptr;
  Result<std::unique_ptr<Database>> d = Database::Open(dir->path() + "/yuanwu.db", 2);
  if (!d.ok()) {
    ADD_FAILURE() << "cannot open SQLite in " << dir->path() << ": " << d.status().message_en();
    return nullptr;
  }
  return std::shared_ptr<Database>(d->release(), [dir](Database* p) { delete p; });
}

// A fresh database for one test: CREATE DATABASE <name>.
std::shared_ptr<Database> OpenPostgresDatabase(const std::string& admin_url,
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
  Result<std::unique_ptr<Database>> d = Database::Open(WithDatabaseName(admin_url, name), 2);
  if (!d.ok()) {
    ADD_FAILURE() << "cannot open " << name << ": " << d.status().message_en();
    drop();
    return nullptr;
  }
  return std::shared_ptr<Database>(d->release(), [drop](Database* p) {
    delete p;
    drop();
  });
}

// A fresh schema yw_test_<random> in the URL's own database, made the only schema on the
// connections' search_path. CREATE DATABASE costs about a second per test on a small machine;
// a schema costs a few milliseconds, which keeps each test binary well under 20 s on PostgreSQL.
// Falls back to a fresh database when the role may not create schemas there.
std::shared_ptr<Database> OpenPostgres() {
  const std::string admin_url = Env("YUANWU_TEST_PG_URL");
  if (admin_url.empty()) {
    ADD_FAILURE() << "YUANWU_TEST_PG_URL is not set; check testdb::Available() first";
    return nullptr;
  }
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
  Result<std::unique_ptr<Database>> d =
      Database::Open(WithParameter(admin_url, "options=-csearch_path%3D" + name), 2);
  if (!d.ok()) {
    ADD_FAILURE() << "cannot open schema " << name << ": " << d.status().message_en();
    drop();
    return nullptr;
  }
  return std::shared_ptr<Database>(d->release(), [drop](Database* p) {
    delete p;
    drop();
  });
}

}  // namespace

std::vector<std::string> Engines() { return {"sqlite", "postgres"}; }

std::string EngineName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

bool Available(const std::string& engine) {
  if (engine != "postgres") return true;
  if (!Env("YUANWU_TEST_PG_URL").empty()) return true;
  const std::string require = Env("YUANWU_REQUIRE_PG");
  if (!require.empty() && require != "0") FailPostgresRequired(require);
  return false;
}

std::shared_ptr<Database> OpenScratch(const std::string& engine) {
  return engine == "postgres" ? OpenPostgres() : OpenSqlite();
}

std::shared_ptr<Database> OpenMigrated(const std::string& engine) {
  std::shared_ptr<Database> d = OpenScratch(engine);
  if (d == nullptr) return nullptr;
  Result<MigrationReport> m = Migrate(*d, yuanwu_test_embedded::kFiles);
  if (!m.ok()) {
    ADD_FAILURE() << "migration failed: " << m.status().message_en();
    return nullptr;
  }
  return d;
}

std::string WithDatabaseName(const std::string& url, const std::string& name) {
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

std::string WithParameter(const std::string& url, const std::string& parameter) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

int64_t Scalar(Database& d, const std::string& query) {
  int64_t n = -1;
  Status s = d.Read([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    for (const soci::row& r : rows) n = Int(r, 0);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << query << ": " << s.message_en();
  return n;
}

int64_t CountRows(Database& d, const std::string& table, const std::string& where) {
  return Scalar(d, "SELECT COUNT(*) FROM " + table + (where.empty() ? "" : " WHERE " + where));
}

std::string Describe(const Status& s) {
  std::string out = std::string(StatusCodeName(s.code())) + ": " + s.message_en();
  for (const FieldError& f : s.fields()) out += " [" + f.field + ": " + f.reason_en + "]";
  return out;
}

std::vector<std::string> FieldNames(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& f : s.fields()) out.push_back(f.field);
  return out;
}

std::string ReadSourceFile(const std::string& relative) {
  const std::string root = Env("YUANWU_SOURCE_DIR");
  if (root.empty()) {
    ADD_FAILURE() << "YUANWU_SOURCE_DIR is not set; run the test through ctest";
    return {};
  }
  std::ifstream in(root + "/" + relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << root << "/" << relative;
    return {};
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "yw_test_XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    return;
  }
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

}  // namespace yuanwu::db::testdb

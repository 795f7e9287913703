#include "platform/db/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <optional>

namespace yuanwu::db {

Status StatusFromDbError(std::string_view what) {
  if (what.find("UNIQUE constraint") != std::string_view::npos ||
      what.find("duplicate key") != std::string_view::npos) {
    return Status::Conflict("记录已存在（编码或名称重复）",
                            "record already exists (duplicate key)");
  }
  if (what.find("FOREIGN KEY") != std::string_view::npos ||
      what.find("foreign key") != std::string_view::npos) {
    return Status::Precondition("引用的记录不存在或仍被引用",
                                "a referenced record is missing or still in use");
  }
  if (what.find("database is locked") != std::string_view::npos ||
      what.find("could not serialize") != std::string_view::npos) {
    return Status(StatusCode::kUnavailable, "数据库繁忙，请重试", "database busy, please retry");
  }
  spdlog::error("database error: {}", what);
  return Status::Internal(std::string(what));
}

Database::Database(Dialect dialect, std::string url, size_t pool_size)
    : dialect_(dialect), url_(std::move(url)), pool_(pool_size), pool_size_(pool_size) {}

Database::~Database() {
  if (!checkpointer_) return;
  for (size_t i = 0; i < pool_size_; ++i) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(pool_.at(i).get_backend());
    if (be != nullptr) WalCheckpointer::Detach(be->conn_);
  }
  checkpointer_.reset();
}

namespace {

// SQLite's default "serialized" mode takes a connection mutex on every API call, ~10 % of an
// import (hundreds of binds per record). Pooled sessions are leased to one thread at a time, so
// "multi-thread" mode is safe. It is process-wide and only possible before SQLite initializes;
// later calls (a second Database) fail harmlessly with SQLITE_MISUSE.
// Memory statistics (which we never read) cost a global mutex on every SQLite allocation.
void PreferMultiThreadSqlite() {
  static const int kConfigured = sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD) +
                                 sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kConfigured;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(std::string_view url, size_t pool_size) {
  if (pool_size == 0) pool_size = 1;
  PreferMultiThreadSqlite();
  bool pg = url.starts_with("postgresql://") || url.starts_with("postgres://");
  std::string target(url);
  if (!pg && target.starts_with("sqlite:")) target = target.substr(7);
  if (target.empty() || target == ":memory:") {
    return Status::Invalid("db", "数据库地址无效", "invalid database location");
  }
  std::unique_ptr<Database> db(
      new Database(pg ? Dialect::kPostgres : Dialect::kSqlite, target, pool_size));
  // SOCI 4.0 rewrites the connect string as key=value pairs and turns a URL without any '='
  // into ".../app=" (database "app=" does not exist); a query parameter keeps it intact.
  std::string connect = target;
  if (pg && connect.find('=') == std::string::npos) connect += "?application_name=yuanwu";
  try {
    for (size_t i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_.at(i);
      if (pg) {
        s.open(soci::postgresql, connect);
        s << "SET client_min_messages TO WARNING";
      } else {
        s.open(soci::sqlite3, "db=" + target + " timeout=10 shared_cache=false");
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=NORMAL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=10000";
        // Temporary tables (the importer's per-chunk key lists) never touch the disk, and a
        // bulk import's index pages stay in memory instead of spilling mid-transaction.
        s << "PRAGMA temp_store=MEMORY";
        s << "PRAGMA cache_size=-65536";
        // After a checkpoint has emptied it, a WAL that a bulk import grew to hundreds of MB is
        // cut back to this size instead of keeping its disk space.
        s << "PRAGMA journal_size_limit=67108864";
      }
    }
  } catch (const std::exception& e) {
    return Status(StatusCode::kUnavailable, std::string("无法连接数据库：") + e.what(),
                  std::string("cannot open database: ") + e.what());
  }
  if (!pg) {
    YW_ASSIGN_OR_RETURN(db->checkpointer_, WalCheckpointer::Start(target));
    for (size_t i = 0; i < pool_size; ++i) {
      auto* be = static_cast<soci::sqlite3_session_backend*>(db->pool_.at(i).get_backend());
      db->checkpointer_->Attach(be->conn_);
    }
  }
  return db;
}

Status Database::Guard(const std::function<Status()>& fn) {
  try {
    return fn();
  } catch (const soci::soci_error& e) {
    return StatusFromDbError(e.what());
  } catch (const std::exception& e) {
    spdlog::error("unexpected exception in database call: {}", e.what());
    return Status::Internal(e.what());
  }
}

Status Database::Transact(const std::function<Status(soci::session&)>& fn) {
  return Write(fn, false);
}

Status Database::TransactBulk(const std::function<Status(soci::session&)>& fn) {
  return Write(fn, true);
}

Status Database::DrainCheckpoints() {
  return checkpointer_ ? checkpointer_->Drain() : Status::Ok();
}

Status Database::Write(const std::function<Status(soci::session&)>& fn, bool bulk) {
  std::unique_lock<std::mutex> lock(write_mu_, std::defer_lock);
  const bool sqlite = dialect_ == Dialect::kSqlite;
  if (sqlite) lock.lock();
  soci::session sql(pool_);
  const bool durable = bulk && sqlite;
  Status s = Guard([&]() -> Status {
    if (durable) sql << "PRAGMA synchronous=FULL";
    soci::transaction tx(sql);  // rolls back in its destructor unless committed
    Status done = fn(sql);
    if (done.ok()) tx.commit();
    return done;
  });
  if (durable) {
    // Back to the pooled sessions' setting, whatever happened above.
    Status restored = Guard([&]() -> Status {
      sql << "PRAGMA synchronous=NORMAL";
      return Status::Ok();
    });
    if (s.ok()) s = restored;
  }
  return s;
}

Status Database::Read(const std::function<Status(soci::session&)>& fn) {
  soci::session sql(pool_);
  return Guard([&]() { return fn(sql); });
}

}  // namespace yuanwu::db

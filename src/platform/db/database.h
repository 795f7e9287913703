// Database: one handle over SQLite (embedded default) or PostgreSQL (production), via SOCI.
//
// Stores write one SQL text with `:name` binds that runs on both engines. Every call goes
// through Transact() or Read(), which lease a pooled session and turn SOCI exceptions into
// Status, so no exception crosses into domain code.
//
// Example:
//   Status s = db.Transact([&](soci::session& sql) {
//     sql << "UPDATE item SET title = :t WHERE id = :id", soci::use(title), soci::use(id);
//     return Status::Ok();
//   });
#pragma once

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "platform/base/result.h"
#include "platform/db/wal_checkpointer.h"

namespace yuanwu::db {

enum class Dialect { kSqlite, kPostgres };

class Database {
 public:
  // `url` is "postgresql://user@host:port/db" (or "postgres://…") or a SQLite file path,
  // optionally prefixed "sqlite:". ":memory:" is not supported because sessions are pooled.
  static Result<std::unique_ptr<Database>> Open(std::string_view url, size_t pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }
  const std::string& url() const { return url_; }

  // Runs `fn` in one transaction: commit if it returns OK, roll back otherwise (nothing is
  // half-written). Writers are serialized on SQLite so the audit hash chain stays linear.
  Status Transact(const std::function<Status(soci::session&)>& fn);
  // Transact for a bulk write (an import of up to millions of rows). On SQLite its commit syncs
  // the WAL (synchronous=FULL for this transaction), so the rows are durable when it returns
  // even though they are copied into the database file only afterwards, by the checkpointer
  // (wal_checkpointer.h). PostgreSQL: the same as Transact.
  Status TransactBulk(const std::function<Status(soci::session&)>& fn);
  // SQLite: waits until the checkpoints asked for so far have run (tests, tools). OK on
  // PostgreSQL.
  Status DrainCheckpoints();
  // Runs `fn` on a pooled session outside an explicit transaction.
  Status Read(const std::function<Status(soci::session&)>& fn);

  // Runs a Result-returning function in Read().
  template <typename T>
  Result<T> Query(const std::function<Result<T>(soci::session&)>& fn) {
    std::optional<Result<T>> out;
    Status s = Read([&](soci::session& sql) {
      out.emplace(fn(sql));
      return out->ok() ? Status::Ok() : out->status();
    });
    if (!s.ok()) return s;
    return std::move(*out);
  }

 private:
  Database(Dialect dialect, std::string url, size_t pool_size);
  Status Guard(const std::function<Status()>& fn);
  Status Write(const std::function<Status(soci::session&)>& fn, bool bulk);

  Dialect dialect_;
  std::string url_;
  soci::connection_pool pool_;
  size_t pool_size_;
  std::mutex write_mu_;  // SQLite only: one writer at a time
  // SQLite only; declared after pool_ so that it stops before the connections close.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

// Maps a caught database error message to a Status (unique violations → kAlreadyExists).
Status StatusFromDbError(std::string_view what);

}  // namespace yuanwu::db

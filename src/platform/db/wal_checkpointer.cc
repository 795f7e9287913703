#include "platform/db/wal_checkpointer.h"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

namespace yuanwu::db {

using namespace sqlite_api;  // NOLINT(build/namespaces): SOCI's wrapper around sqlite3.h

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status(StatusCode::kUnavailable, "无法打开数据库：" + why,
                  "cannot open database: " + why);
  }
  sqlite3_busy_timeout(db, 10000);
  // A connection that has not read the database yet does not know it is in WAL mode, and its
  // checkpoints would do nothing.
  rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = sqlite3_errmsg(db);
    sqlite3_close(db);
    return Status(StatusCode::kUnavailable, "无法打开数据库：" + why,
                  "cannot open database: " + why);
  }
  std::unique_ptr<WalCheckpointer> c(new WalCheckpointer(db));
  c->thread_ = std::thread([p = c.get()] { p->Run(); });
  return c;
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  sqlite3_close(db_);
}

void WalCheckpointer::Attach(sqlite3* connection) {
  // sqlite3_wal_hook replaces the hook that sqlite3_wal_autocheckpoint installs; the pragma is
  // set too so that the connection reports what it does.
  sqlite3_wal_autocheckpoint(connection, 0);
  sqlite3_wal_hook(connection, &WalCheckpointer::OnCommit, this);
}

void WalCheckpointer::Detach(sqlite3* connection) {
  sqlite3_wal_hook(connection, nullptr, nullptr);
}

int WalCheckpointer::OnCommit(void* self, sqlite3*, const char*, int pages) {
  if (pages >= kThresholdPages) static_cast<WalCheckpointer*>(self)->Request();
  return SQLITE_OK;
}

void WalCheckpointer::Request() {
  {
    std::lock_guard<std::mutex> l(mu_);
    requested_ = true;
  }
  cv_.notify_all();
}

Status WalCheckpointer::Drain() {
  std::unique_lock<std::mutex> l(mu_);
  cv_.wait(l, [&] { return (!requested_ && !running_) || stopping_; });
  return last_;
}

void WalCheckpointer::Run() {
  std::unique_lock<std::mutex> l(mu_);
  while (true) {
    cv_.wait(l, [&] { return requested_ || stopping_; });
    if (stopping_) return;
    requested_ = false;
    running_ = true;
    l.unlock();
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    Status s = rc == SQLITE_OK || rc == SQLITE_BUSY
                   ? Status::Ok()  // BUSY: a writer holds the lock; the next commit asks again
                   : Status::Internal(std::string("WAL checkpoint: ") + sqlite3_errmsg(db_));
    if (!s.ok()) spdlog::warn("{}", s.message_en());
    l.lock();
    running_ = false;
    last_ = s;
    cv_.notify_all();
  }
}

}  // namespace yuanwu::db

// WalCheckpointer: copies committed WAL pages into an SQLite database file on its own thread and
// its own connection, so that no commit pays for the copy.
//
// SQLite's automatic checkpoint runs inside the commit that crosses the threshold: a
// million-record import waited 2.5–4 s in its commit while 490 MB went from the WAL into the
// database file (docs/benchmarks.md), and the next small commit after a big one would wait the
// same way. SQLite's documentation suggests this arrangement for such applications: turn the
// automatic checkpoint off on every connection and run checkpoints from a separate thread.
// Checkpoints are PASSIVE (they never block readers or writers); closing the last connection
// checkpoints whatever is left.
//
// Thread-safe. The hooks it installs must be removed (Detach) before it is destroyed.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "platform/base/result.h"

// SOCI includes sqlite3.h inside this namespace; every SQLite handle here is that type.
namespace sqlite_api {
struct sqlite3;
}

namespace yuanwu::db {

class WalCheckpointer {
 public:
  // WAL pages after a commit that ask for a checkpoint: SQLite's own default threshold.
  static constexpr int kThresholdPages = 1000;

  // Opens a connection to `path` (an existing WAL-mode database) and starts the thread.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const std::string& path);
  ~WalCheckpointer();  // finishes a checkpoint in progress, then stops

  // Hands `connection`'s checkpoints to this thread (wal_autocheckpoint off, a commit hook on).
  void Attach(sqlite_api::sqlite3* connection);
  static void Detach(sqlite_api::sqlite3* connection);

  // A checkpoint soon (the commit hook calls this past the threshold).
  void Request();
  // Blocks until every requested checkpoint has run; returns the last one's result.
  Status Drain();

 private:
  explicit WalCheckpointer(sqlite_api::sqlite3* db) : db_(db) {}
  static int OnCommit(void* self, sqlite_api::sqlite3* connection, const char* schema, int pages);
  void Run();

  sqlite_api::sqlite3* db_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool requested_ = false, running_ = false, stopping_ = false;
  Status last_;
  std::thread thread_;
};

}  // namespace yuanwu::db

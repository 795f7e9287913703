// The console inbox (站内消息): each user reads and marks only their own notifications. Every
// query takes the caller's user id and filters on it, so another user's notification is
// indistinguishable from one that does not exist.
//
// Read marks are not audited: they are the reader's own view state (like a mail client's
// unread flag), not a change to the hospital's records, and one per click would flood the
// audit trail.
//
// Example:
//   Inbox inbox(db, clock);
//   Result<InboxPage> page = inbox.List(p.user_id, {.unread_only = true, .limit = 10});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"

namespace yuanwu::notify {

struct Notification {
  int64_t id = 0;
  std::string kind;
  std::string title;
  std::string body;
  std::string link;
  std::string entity;
  std::string entity_id;
  std::string created_at;
  std::string read_at;  // "" while unread
};

struct InboxQuery {
  bool unread_only = false;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct InboxPage {
  std::vector<Notification> items;  // newest first
  int64_t total = 0;                // rows matching the query (all, or the unread ones)
  int64_t unread = 0;               // the user's unread rows, for the badge
};

class Inbox {
 public:
  Inbox(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<InboxPage> List(int64_t user_id, const InboxQuery& q);
  // Marks one notification read (again is a no-op that keeps the first time). NotFound when it
  // is not `user_id`'s.
  Status MarkRead(int64_t user_id, int64_t id);
  // Marks all of the user's unread notifications read; returns how many.
  Result<int64_t> MarkAllRead(int64_t user_id);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace yuanwu::notify

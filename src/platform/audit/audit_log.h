// The audit trail (审计日志): append-only and hash-chained.
//
// Every entry stores SHA-256(prev_hash ‖ fields) so that editing or deleting any row breaks
// the chain from that row on; `yuanwu audit verify` and GET /api/v1/audit/verify detect it.
// Append() runs inside the caller's transaction, so a change and its audit entry commit or
// roll back together. The chain head row is locked (SELECT … FOR UPDATE on PostgreSQL; the
// single SQLite writer serializes it there) to keep the chain linear under concurrency.
// Nothing in yuanwu deletes audit rows; retention is unlimited (≥ 180 days required).
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"

namespace yuanwu::audit {

struct Change {
  std::string action;  // e.g. "disclosure.item.approve"
  std::string entity;  // e.g. "disclosure_item"
  std::string entity_id;
  std::string before_json;  // "{}" when there was nothing before
  std::string after_json;
};

struct Entry {
  int64_t id = 0;
  std::string at;
  int64_t actor_id = 0;
  std::string actor_name;
  std::string ip;
  Change change;
  std::string prev_hash;
  std::string hash;
};

Status Append(soci::session& sql, db::Dialect dialect, const Clock& clock, const auth::Actor& actor,
              const Change& change);

struct VerifyReport {
  bool ok = true;
  int64_t checked = 0;
  int64_t broken_at = 0;  // first id whose hash or link does not match; 0 when ok
};
Result<VerifyReport> Verify(db::Database& db);

struct Filter {
  std::string actor;  // substring of actor name
  std::string entity;
  std::string action;  // prefix
  std::string from;    // ISO timestamps, inclusive
  std::string to;
  int64_t offset = 0;
  int64_t limit = 50;
};
Result<std::pair<std::vector<Entry>, int64_t>> List(db::Database& db, const Filter& f);

// The hash of one entry given the previous hash (exposed for tests).
std::string EntryHash(const Entry& e);

}  // namespace yuanwu::audit

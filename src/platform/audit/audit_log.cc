#include "platform/audit/audit_log.h"

#include "platform/base/file_store.h"
#include "platform/base/time.h"
#include "platform/db/row.h"

namespace yuanwu::audit {
namespace {

// Length-prefixing each field makes the hashed encoding unambiguous.
void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}

}  // namespace

std::string EntryHash(const Entry& e) {
  std::string buf;
  Field(buf, e.prev_hash);
  Field(buf, std::to_string(e.id));
  Field(buf, e.at);
  Field(buf, std::to_string(e.actor_id));
  Field(buf, e.actor_name);
  Field(buf, e.ip);
  Field(buf, e.change.action);
  Field(buf, e.change.entity);
  Field(buf, e.change.entity_id);
  Field(buf, e.change.before_json);
  Field(buf, e.change.after_json);
  return Sha256Hex(buf);
}

Status Append(soci::session& sql, db::Dialect dialect, const Clock& clock, const auth::Actor& actor,
              const Change& change) {
  long long last_id = 0;
  std::string last_hash;
  if (dialect == db::Dialect::kPostgres) {
    sql << "SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE", soci::into(last_id),
        soci::into(last_hash);
  } else {
    sql << "SELECT last_id, last_hash FROM audit_head WHERE id = 1", soci::into(last_id),
        soci::into(last_hash);
  }
  Entry e;
  e.id = last_id + 1;
  e.at = FormatTimestamp(clock.NowSeconds());
  e.actor_id = actor.user_id;
  e.actor_name = actor.name;
  e.ip = actor.ip;
  e.change = change;
  if (e.change.before_json.empty()) e.change.before_json = "{}";
  if (e.change.after_json.empty()) e.change.after_json = "{}";
  e.prev_hash = last_hash;
  e.hash = EntryHash(e);
  long long id = e.id, actor_id = e.actor_id;
  soci::indicator actor_ind = actor_id == 0 ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, entity, entity_id, "
         "before_json, after_json, prev_hash, hash) VALUES (:id, :at, :actor_id, :actor_name, "
         ":ip, :action, :entity, :entity_id, :before_json, :after_json, :prev_hash, :hash)",
      soci::use(id), soci::use(e.at), soci::use(actor_id, actor_ind), soci::use(e.actor_name),
      soci::use(e.ip), soci::use(e.change.action), soci::use(e.change.entity),
      soci::use(e.change.entity_id), soci::use(e.change.before_json),
      soci::use(e.change.after_json), soci::use(e.prev_hash), soci::use(e.hash);
  sql << "UPDATE audit_head SET last_id = :id, last_hash = :hash WHERE id = 1", soci::use(id),
      soci::use(e.hash);
  return Status::Ok();
}

namespace {

Entry ReadEntry(const soci::row& r) {
  Entry e;
  e.id = db::Int(r, 0);
  e.at = db::Text(r, 1);
  e.actor_id = db::Int(r, 2);
  e.actor_name = db::Text(r, 3);
  e.ip = db::Text(r, 4);
  e.change.action = db::Text(r, 5);
  e.change.entity = db::Text(r, 6);
  e.change.entity_id = db::Text(r, 7);
  e.change.before_json = db::Text(r, 8);
  e.change.after_json = db::Text(r, 9);
  e.prev_hash = db::Text(r, 10);
  e.hash = db::Text(r, 11);
  return e;
}

constexpr const char* kColumns =
    "id, at, actor_id, actor_name, ip, action, entity, entity_id, before_json, after_json, "
    "prev_hash, hash";

}  // namespace

Result<VerifyReport> Verify(db::Database& db) {
  VerifyReport report;
  Status s = db.Read([&](soci::session& sql) {
    std::string prev;
    int64_t expected_id = 1;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kColumns << " FROM audit_log ORDER BY id");
    for (const soci::row& r : rows) {
      Entry e = ReadEntry(r);
      ++report.checked;
      if (e.id != expected_id || e.prev_hash != prev || EntryHash(e) != e.hash) {
        report.ok = false;
        report.broken_at = e.id != expected_id ? expected_id : e.id;
        return Status::Ok();
      }
      prev = e.hash;
      ++expected_id;
    }
    long long head_id = 0;
    std::string head_hash;
    sql << "SELECT last_id, last_hash FROM audit_head WHERE id = 1", soci::into(head_id),
        soci::into(head_hash);
    if (head_id != expected_id - 1 || head_hash != prev) {
      report.ok = false;  // rows were deleted from the end
      report.broken_at = expected_id;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return report;
}

Result<std::pair<std::vector<Entry>, int64_t>> List(db::Database& db, const Filter& f) {
  std::vector<Entry> out;
  int64_t total = 0;
  Status s = db.Read([&](soci::session& sql) {
    std::string where = " WHERE 1=1";
    db::Params p;
    if (!f.actor.empty()) {
      where += " AND actor_name LIKE :actor";
      p.Add("actor", "%" + f.actor + "%");
    }
    if (!f.entity.empty()) {
      where += " AND entity = :entity";
      p.Add("entity", f.entity);
    }
    if (!f.action.empty()) {
      where += " AND action LIKE :action";
      p.Add("action", f.action + "%");
    }
    if (!f.from.empty()) {
      where += " AND at >= :from_at";
      p.Add("from_at", f.from);
    }
    if (!f.to.empty()) {
      where += " AND at <= :to_at";
      p.Add("to_at", f.to);
    }
    total = db::ScalarInt(sql, "SELECT COUNT(*) FROM audit_log" + where, p);
    p.Add("lim", static_cast<long long>(f.limit));
    p.Add("off", static_cast<long long>(f.offset));
    db::ForEachRow(sql,
                   std::string("SELECT ") + kColumns + " FROM audit_log" + where +
                       " ORDER BY id DESC LIMIT :lim OFFSET :off",
                   p, [&](const soci::row& r) { out.push_back(ReadEntry(r)); });
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::make_pair(std::move(out), static_cast<int64_t>(total));
}

}  // namespace yuanwu::audit

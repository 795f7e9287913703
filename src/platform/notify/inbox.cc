#include "platform/notify/inbox.h"

#include "platform/base/time.h"
#include "platform/db/row.h"

namespace yuanwu::notify {

Result<InboxPage> Inbox::List(int64_t user_id, const InboxQuery& q) {
  InboxPage page;
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) {
    db::Params p;
    p.Add("u", static_cast<long long>(user_id));
    page.unread = db::ScalarInt(
        sql, "SELECT COUNT(*) FROM notification WHERE user_id = :u AND read_at IS NULL", p);
    std::string where = " WHERE user_id = :u";
    if (q.unread_only) where += " AND read_at IS NULL";
    page.total = q.unread_only ? page.unread
                               : db::ScalarInt(sql, "SELECT COUNT(*) FROM notification" + where, p);
    if (q.limit <= 0) return Status::Ok();
    p.Add("lim", static_cast<long long>(q.limit));
    p.Add("off", static_cast<long long>(q.offset));
    db::ForEachRow(sql,
                   "SELECT id, kind, title, body, link, entity, entity_id, created_at, read_at "
                   "FROM notification" +
                       where + " ORDER BY id DESC LIMIT :lim OFFSET :off",
                   p, [&](const soci::row& r) {
                     page.items.push_back({db::Int(r, 0), db::Text(r, 1), db::Text(r, 2),
                                           db::Text(r, 3), db::Text(r, 4), db::Text(r, 5),
                                           db::Text(r, 6), db::Text(r, 7), db::Text(r, 8)});
                   });
    return Status::Ok();
  }));
  return page;
}

Status Inbox::MarkRead(int64_t user_id, int64_t id) {
  return db_.Transact([&](soci::session& sql) {
    db::Params p;
    p.Add("id", static_cast<long long>(id));
    p.Add("u", static_cast<long long>(user_id));
    if (db::ScalarInt(sql, "SELECT COUNT(*) FROM notification WHERE id = :id AND user_id = :u",
                      p) == 0) {
      return Status::NotFound("通知", "notification");
    }
    long long nid = id, uid = user_id;
    std::string now = FormatTimestamp(clock_.NowSeconds());
    sql << "UPDATE notification SET read_at = :now WHERE id = :id AND user_id = :u AND "
           "read_at IS NULL",
        soci::use(now), soci::use(nid), soci::use(uid);
    return Status::Ok();
  });
}

Result<int64_t> Inbox::MarkAllRead(int64_t user_id) {
  int64_t n = 0;
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) {
    db::Params p;
    p.Add("u", static_cast<long long>(user_id));
    n = db::ScalarInt(
        sql, "SELECT COUNT(*) FROM notification WHERE user_id = :u AND read_at IS NULL", p);
    long long uid = user_id;
    std::string now = FormatTimestamp(clock_.NowSeconds());
    sql << "UPDATE notification SET read_at = :now WHERE user_id = :u AND read_at IS NULL",
        soci::use(now), soci::use(uid);
    return Status::Ok();
  }));
  return n;
}

}  // namespace yuanwu::notify

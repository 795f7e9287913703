#include "disclosure/item_store.h"

#include "platform/db/row.h"
#include "platform/search/search_index.h"

namespace yuanwu::disclosure {
namespace {

constexpr const char* kCatalogueColumns =
    "id, parent_id, code, name, content, audience, channels, department_id, time_limit_days, "
    "legal_basis, sort";

CatalogueEntry ReadCatalogue(const soci::row& r) {
  CatalogueEntry c;
  c.id = db::Int(r, 0);
  c.parent_id = db::Int(r, 1);
  c.code = db::Text(r, 2);
  c.name = db::Text(r, 3);
  c.content = db::Text(r, 4);
  c.audience = db::Text(r, 5);
  c.channels = SplitList(db::Text(r, 6));
  c.department_id = db::Int(r, 7);
  c.time_limit_days = db::Int(r, 8);
  c.legal_basis = db::Text(r, 9);
  c.sort = db::Int(r, 10);
  return c;
}

constexpr const char* kItemSelect =
    "SELECT i.id, i.catalogue_id, c.name, i.title, i.summary, i.body, i.audience, i.channels, "
    "i.department_id, d.name, i.state, i.version, i.formed_on, i.publish_at, i.expire_at, "
    "i.published_at, i.created_by, i.created_by_name, i.created_at, i.updated_at, "
    "i.rejection_stage, i.rejection_by, i.rejection_at, i.rejection_reasons, i.views, "
    "c.time_limit_days, (SELECT COUNT(*) FROM disclosure_publication p WHERE p.item_id = i.id) "
    "FROM disclosure_item i JOIN disclosure_catalogue c ON c.id = i.catalogue_id "
    "LEFT JOIN department d ON d.id = i.department_id";

Item ReadItem(const soci::row& r) {
  Item it;
  it.id = db::Int(r, 0);
  it.catalogue_id = db::Int(r, 1);
  it.catalogue_name = db::Text(r, 2);
  it.title = db::Text(r, 3);
  it.summary = db::Text(r, 4);
  it.body = db::Text(r, 5);
  it.audience = db::Text(r, 6);
  it.channels = SplitList(db::Text(r, 7));
  it.department_id = db::Int(r, 8);
  it.department_name = db::Text(r, 9);
  it.state = ParseState(db::Text(r, 10)).value_or(ItemState::kDraft);
  it.version = db::Int(r, 11);
  it.formed_on = db::Text(r, 12);
  it.publish_at = db::Text(r, 13);
  it.expire_at = db::Text(r, 14);
  it.published_at = db::Text(r, 15);
  it.created_by = db::Int(r, 16);
  it.created_by_name = db::Text(r, 17);
  it.created_at = db::Text(r, 18);
  it.updated_at = db::Text(r, 19);
  if (!db::IsNull(r, 20)) {
    it.rejection = Rejection{db::Text(r, 20), db::Text(r, 21), db::Text(r, 22), db::Text(r, 23)};
  }
  it.views = db::Int(r, 24);
  it.time_limit_days = db::Int(r, 25);
  it.live = db::Int(r, 26) > 0;
  return it;
}

soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }

}  // namespace

std::vector<CatalogueEntry> ItemStore::ListCatalogue(soci::session& sql) {
  std::vector<CatalogueEntry> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kCatalogueColumns +
                          " FROM disclosure_catalogue ORDER BY sort, id");
  for (const soci::row& r : rows) out.push_back(ReadCatalogue(r));
  return out;
}

std::optional<CatalogueEntry> ItemStore::GetCatalogue(soci::session& sql, int64_t id) {
  long long i = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kCatalogueColumns +
                                                     " FROM disclosure_catalogue WHERE id = :id",
                                  soci::use(i));
  for (const soci::row& r : rows) return ReadCatalogue(r);
  return std::nullopt;
}

int64_t ItemStore::InsertCatalogue(soci::session& sql, const CatalogueEntry& c) {
  long long id = 0, parent = c.parent_id, dept = c.department_id, limit = c.time_limit_days,
            sort = c.sort;
  std::string channels = JoinList(c.channels);
  soci::indicator pi = parent == 0 ? soci::i_null : soci::i_ok;
  soci::indicator di = dept == 0 ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO disclosure_catalogue (parent_id, code, name, content, audience, channels, "
         "department_id, time_limit_days, legal_basis, sort) VALUES (:parent, :code, :name, "
         ":content, :audience, :channels, :dept, :lim, :basis, :sort) RETURNING id",
      soci::use(parent, pi), soci::use(c.code), soci::use(c.name), soci::use(c.content),
      soci::use(c.audience), soci::use(channels), soci::use(dept, di), soci::use(limit),
      soci::use(c.legal_basis), soci::use(sort), soci::into(id);
  return id;
}

void ItemStore::UpdateCatalogue(soci::session& sql, const CatalogueEntry& c) {
  long long id = c.id, parent = c.parent_id, dept = c.department_id, limit = c.time_limit_days,
            sort = c.sort;
  std::string channels = JoinList(c.channels);
  soci::indicator pi = parent == 0 ? soci::i_null : soci::i_ok;
  soci::indicator di = dept == 0 ? soci::i_null : soci::i_ok;
  sql << "UPDATE disclosure_catalogue SET parent_id = :parent, code = :code, name = :name, "
         "content = :content, audience = :audience, channels = :channels, department_id = :dept, "
         "time_limit_days = :lim, legal_basis = :basis, sort = :sort WHERE id = :id",
      soci::use(parent, pi), soci::use(c.code), soci::use(c.name), soci::use(c.content),
      soci::use(c.audience), soci::use(channels), soci::use(dept, di), soci::use(limit),
      soci::use(c.legal_basis), soci::use(sort), soci::use(id);
}

std::optional<Item> ItemStore::Get(soci::session& sql, int64_t id) {
  long long i = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kItemSelect) + " WHERE i.id = :id", soci::use(i));
  for (const soci::row& r : rows) {
    Item it = ReadItem(r);
    it.attachments = Attachments(sql, id, it.version);
    return it;
  }
  return std::nullopt;
}

std::pair<std::vector<Item>, int64_t> ItemStore::List(soci::session& sql, const ItemFilter& f) {
  std::string where = " WHERE 1=1" + f.scope_clause;
  db::Params p;
  if (!f.state.empty()) {
    where += " AND i.state = :state";
    p.Add("state", f.state);
  }
  if (f.catalogue_id != 0) {
    where += " AND (i.catalogue_id = :cat OR c.parent_id = :cat2)";
    p.Add("cat", static_cast<long long>(f.catalogue_id));
    p.Add("cat2", static_cast<long long>(f.catalogue_id));
  }
  if (!f.audience.empty()) {
    where += " AND i.audience = :aud";
    p.Add("aud", f.audience);
  }
  if (!f.q.empty()) {
    where += " AND i.title LIKE :q";
    p.Add("q", "%" + f.q + "%");
  }
  if (f.department_id != 0) {
    where += " AND i.department_id = :dept";
    p.Add("dept", static_cast<long long>(f.department_id));
  }
  int64_t total = db::ScalarInt(sql,
                                "SELECT COUNT(*) FROM disclosure_item i JOIN disclosure_catalogue "
                                "c ON c.id = i.catalogue_id" +
                                    where,
                                p);
  p.Add("lim", static_cast<long long>(f.limit));
  p.Add("off", static_cast<long long>(f.offset));
  std::vector<Item> out;
  db::ForEachRow(sql,
                 std::string(kItemSelect) + where +
                     " ORDER BY i.updated_at DESC, i.id DESC LIMIT :lim OFFSET :off",
                 p, [&](const soci::row& r) { out.push_back(ReadItem(r)); });
  return {std::move(out), total};
}

std::vector<Item> ItemStore::Unpublished(soci::session& sql) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kItemSelect) +
                          " WHERE i.state IN ('draft', 'pending_review', 'pending_approval', "
                          "'scheduled') ORDER BY i.formed_on, i.id");
  std::vector<Item> out;
  for (const soci::row& r : rows) out.push_back(ReadItem(r));
  return out;
}

int64_t ItemStore::Insert(soci::session& sql, const Item& it) {
  long long id = 0, cat = it.catalogue_id, dept = it.department_id, by = it.created_by,
            version = it.version;
  std::string channels = JoinList(it.channels), state(StateName(it.state));
  soci::indicator di = dept == 0 ? soci::i_null : soci::i_ok;
  soci::indicator pub_ind = NullIfEmpty(it.publish_at), exp_ind = NullIfEmpty(it.expire_at);
  sql << "INSERT INTO disclosure_item (catalogue_id, title, summary, body, audience, channels, "
         "department_id, state, version, formed_on, publish_at, expire_at, created_by, "
         "created_by_name, created_at, updated_at) VALUES (:cat, :title, :summary, :body, :aud, "
         ":channels, :dept, :state, :version, :formed, :pub, :exp, :by, :by_name, :created, "
         ":updated) RETURNING id",
      soci::use(cat), soci::use(it.title), soci::use(it.summary), soci::use(it.body),
      soci::use(it.audience), soci::use(channels), soci::use(dept, di), soci::use(state),
      soci::use(version), soci::use(it.formed_on), soci::use(it.publish_at, pub_ind),
      soci::use(it.expire_at, exp_ind), soci::use(by), soci::use(it.created_by_name),
      soci::use(it.created_at), soci::use(it.updated_at), soci::into(id);
  return id;
}

void ItemStore::UpdateContent(soci::session& sql, const Item& it) {
  long long id = it.id, cat = it.catalogue_id, dept = it.department_id;
  std::string channels = JoinList(it.channels);
  soci::indicator di = dept == 0 ? soci::i_null : soci::i_ok;
  soci::indicator pub_ind = NullIfEmpty(it.publish_at), exp_ind = NullIfEmpty(it.expire_at);
  sql << "UPDATE disclosure_item SET catalogue_id = :cat, title = :title, summary = :summary, "
         "body = :body, audience = :aud, channels = :channels, department_id = :dept, formed_on = "
         ":formed, publish_at = :pub, expire_at = :exp, updated_at = :updated WHERE id = :id",
      soci::use(cat), soci::use(it.title), soci::use(it.summary), soci::use(it.body),
      soci::use(it.audience), soci::use(channels), soci::use(dept, di), soci::use(it.formed_on),
      soci::use(it.publish_at, pub_ind), soci::use(it.expire_at, exp_ind), soci::use(it.updated_at),
      soci::use(id);
}

void ItemStore::SetState(soci::session& sql, int64_t id, ItemState s, const std::string& now) {
  long long i = id;
  std::string state(StateName(s));
  sql << "UPDATE disclosure_item SET state = :s, updated_at = :now WHERE id = :id",
      soci::use(state), soci::use(now), soci::use(i);
}

void ItemStore::SetPublishedAt(soci::session& sql, int64_t id, const std::string& at) {
  long long i = id;
  sql << "UPDATE disclosure_item SET published_at = :at WHERE id = :id", soci::use(at),
      soci::use(i);
}

void ItemStore::SetRejection(soci::session& sql, int64_t id, const std::optional<Rejection>& r) {
  long long i = id;
  Rejection x = r.value_or(Rejection{});
  soci::indicator ind = r ? soci::i_ok : soci::i_null;
  sql << "UPDATE disclosure_item SET rejection_stage = :st, rejection_by = :by, rejection_at = "
         ":at, rejection_reasons = :re WHERE id = :id",
      soci::use(x.stage, ind), soci::use(x.by, ind), soci::use(x.at, ind),
      soci::use(x.reasons, ind), soci::use(i);
}

void ItemStore::Revise(soci::session& sql, int64_t id, int64_t version,
                       const std::string& formed_on, const std::string& now) {
  long long i = id, v = version;
  sql << "UPDATE disclosure_item SET state = 'draft', version = :v, formed_on = :f, publish_at = "
         "NULL, updated_at = :now WHERE id = :id",
      soci::use(v), soci::use(formed_on), soci::use(now), soci::use(i);
}

void ItemStore::SaveVersion(soci::session& sql, const Item& it, const std::string& now,
                            const std::string& by) {
  long long id = it.id, v = it.version;
  std::string channels = JoinList(it.channels);
  sql << "DELETE FROM disclosure_version WHERE item_id = :id AND version = :v", soci::use(id),
      soci::use(v);
  sql << "INSERT INTO disclosure_version (item_id, version, title, summary, body, audience, "
         "channels, saved_at, saved_by_name) VALUES (:id, :v, :t, :s, :b, :a, :c, :at, :by)",
      soci::use(id), soci::use(v), soci::use(it.title), soci::use(it.summary), soci::use(it.body),
      soci::use(it.audience), soci::use(channels), soci::use(now), soci::use(by);
}

std::vector<Version> ItemStore::Versions(soci::session& sql, int64_t id) {
  long long i = id;
  std::vector<Version> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT version, title, summary, body, audience, channels, saved_at, "
                      "saved_by_name FROM disclosure_version WHERE item_id = :id ORDER BY version",
       soci::use(i));
  for (const soci::row& r : rows) {
    out.push_back({db::Int(r, 0), db::Text(r, 1), db::Text(r, 2), db::Text(r, 3), db::Text(r, 4),
                   db::Text(r, 5), db::Text(r, 6), db::Text(r, 7)});
  }
  return out;
}

void ItemStore::AddReview(soci::session& sql, int64_t item_id, const Review& r,
                          int64_t reviewer_id) {
  long long i = item_id, v = r.version, by = reviewer_id;
  sql << "INSERT INTO disclosure_review (item_id, version, stage, result, basis, opinion, "
         "reviewer_id, reviewer_name, at) VALUES (:i, :v, :st, :re, :ba, :op, :by, :name, :at)",
      soci::use(i), soci::use(v), soci::use(r.stage), soci::use(r.result), soci::use(r.basis),
      soci::use(r.opinion), soci::use(by), soci::use(r.reviewer_name), soci::use(r.at);
}

std::vector<Review> ItemStore::Reviews(soci::session& sql, int64_t id) {
  long long i = id;
  std::vector<Review> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT stage, result, basis, opinion, reviewer_name, at, version FROM "
                      "disclosure_review WHERE item_id = :id ORDER BY id",
       soci::use(i));
  for (const soci::row& r : rows) {
    out.push_back({db::Text(r, 0), db::Text(r, 1), db::Text(r, 2), db::Text(r, 3), db::Text(r, 4),
                   db::Text(r, 5), db::Int(r, 6)});
  }
  return out;
}

void ItemStore::AddEvent(soci::session& sql, int64_t item_id, const Event& e) {
  long long i = item_id;
  sql << "INSERT INTO disclosure_event (item_id, action, at, actor_name, note) VALUES (:i, :a, "
         ":at, :n, :note)",
      soci::use(i), soci::use(e.action), soci::use(e.at), soci::use(e.actor_name),
      soci::use(e.note);
}

std::vector<Event> ItemStore::Events(soci::session& sql, int64_t id) {
  long long i = id;
  std::vector<Event> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT action, at, actor_name, note FROM disclosure_event WHERE item_id = "
                      ":id ORDER BY id",
       soci::use(i));
  for (const soci::row& r : rows) {
    out.push_back({db::Text(r, 0), db::Text(r, 1), db::Text(r, 2), db::Text(r, 3)});
  }
  return out;
}

void ItemStore::AddViews(soci::session& sql, int64_t id, int64_t n) {
  long long i = id, k = n;
  sql << "UPDATE disclosure_item SET views = views + :n WHERE id = :id", soci::use(k), soci::use(i);
}

int64_t ItemStore::AddAttachment(soci::session& sql, int64_t item_id, const Attachment& a,
                                 int64_t by, const std::string& now) {
  long long id = 0, owner = item_id, v = a.added_version, size = a.size, b = by;
  sql << "INSERT INTO attachment (owner_kind, owner_id, added_version, filename, content_type, "
         "size, sha256, created_by, created_at) VALUES ('disclosure_item', :o, :v, :f, :ct, :s, "
         ":h, :by, :now) RETURNING id",
      soci::use(owner), soci::use(v), soci::use(a.filename), soci::use(a.content_type),
      soci::use(size), soci::use(a.sha256), soci::use(b), soci::use(now), soci::into(id);
  return id;
}

std::vector<Attachment> ItemStore::Attachments(soci::session& sql, int64_t item_id,
                                               int64_t visible_in_version) {
  long long i = item_id, v = visible_in_version, v2 = visible_in_version;
  std::vector<Attachment> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, filename, content_type, size, sha256, added_version FROM "
                      "attachment WHERE owner_kind = 'disclosure_item' AND owner_id = :i AND "
                      "added_version <= :v AND (deleted_version IS NULL OR deleted_version > :v2) "
                      "ORDER BY id",
       soci::use(i), soci::use(v), soci::use(v2));
  for (const soci::row& r : rows) {
    out.push_back({db::Int(r, 0), db::Text(r, 1), db::Text(r, 2), db::Int(r, 3), db::Text(r, 4),
                   db::Int(r, 5)});
  }
  return out;
}

void ItemStore::RemoveAttachment(soci::session& sql, int64_t attachment_id, int64_t version) {
  long long a = attachment_id, v = version;
  sql << "UPDATE attachment SET deleted_version = :v WHERE id = :a", soci::use(v), soci::use(a);
}

void ItemStore::Publish(soci::session& sql, const Item& it, const std::string& at) {
  Unpublish(sql, it.id, at, "replaced");
  long long id = it.id, v = it.version, cat = it.catalogue_id, dept = it.department_id;
  std::string channels = JoinList(it.channels);
  soci::indicator di = dept == 0 ? soci::i_null : soci::i_ok;
  soci::indicator exp_ind = NullIfEmpty(it.expire_at);
  sql << "INSERT INTO disclosure_publication (item_id, version, catalogue_id, title, summary, "
         "body, audience, channels, department_id, published_at, expire_at) VALUES (:id, :v, "
         ":cat, :t, :s, :b, :a, :c, :dept, :at, :exp)",
      soci::use(id), soci::use(v), soci::use(cat), soci::use(it.title), soci::use(it.summary),
      soci::use(it.body), soci::use(it.audience), soci::use(channels), soci::use(dept, di),
      soci::use(at), soci::use(it.expire_at, exp_ind);
  sql << "INSERT INTO disclosure_publication_log (item_id, version, catalogue_id, channels, "
         "audience, published_at) VALUES (:id, :v, :cat, :c, :a, :at)",
      soci::use(id), soci::use(v), soci::use(cat), soci::use(channels), soci::use(it.audience),
      soci::use(at);
  std::string text = it.title + "\n" + it.summary + "\n" + it.body;
  for (const Attachment& a : Attachments(sql, it.id, it.version)) text += "\n" + a.filename;
  search::IndexDocument(sql, "item", it.id, text);
}

void ItemStore::Unpublish(soci::session& sql, int64_t item_id, const std::string& at,
                          const std::string& reason) {
  long long id = item_id;
  sql << "DELETE FROM disclosure_publication WHERE item_id = :id", soci::use(id);
  sql << "UPDATE disclosure_publication_log SET ended_at = :at, end_reason = :r WHERE item_id = "
         ":id AND ended_at IS NULL",
      soci::use(at), soci::use(reason), soci::use(id);
  search::RemoveDocument(sql, "item", item_id);
}

bool ItemStore::IsLive(soci::session& sql, int64_t item_id) {
  long long id = item_id, n = 0;
  sql << "SELECT COUNT(*) FROM disclosure_publication WHERE item_id = :id", soci::use(id),
      soci::into(n);
  return n > 0;
}

std::vector<int64_t> ItemStore::DueToPublish(soci::session& sql, const std::string& now) {
  std::vector<int64_t> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM disclosure_item WHERE state = 'scheduled' AND publish_at <= "
                      ":now ORDER BY publish_at",
       soci::use(now));
  for (const soci::row& r : rows) out.push_back(db::Int(r, 0));
  return out;
}

std::vector<int64_t> ItemStore::DueToExpire(soci::session& sql, const std::string& now) {
  std::vector<int64_t> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT item_id FROM disclosure_publication WHERE expire_at IS NOT NULL AND "
                      "expire_at <= :now",
       soci::use(now));
  for (const soci::row& r : rows) out.push_back(db::Int(r, 0));
  return out;
}

}  // namespace yuanwu::disclosure

#include "disclosure/portal_store.h"

#include <algorithm>
#include <map>

#include "disclosure/item_store.h"
#include "platform/db/row.h"
#include "platform/search/bigram.h"
#include "platform/search/search_index.h"

namespace yuanwu::disclosure {
namespace {

constexpr const char* kPubSelect =
    "SELECT p.item_id, p.version, p.catalogue_id, c.name, p.title, p.summary, p.body, p.audience, "
    "p.channels, p.department_id, d.name, p.published_at, p.expire_at, i.views FROM "
    "disclosure_publication p JOIN disclosure_catalogue c ON c.id = p.catalogue_id JOIN "
    "disclosure_item i ON i.id = p.item_id LEFT JOIN department d ON d.id = p.department_id";

Publication ReadPub(const soci::row& r) {
  Publication p;
  p.item_id = db::Int(r, 0);
  p.version = db::Int(r, 1);
  p.catalogue_id = db::Int(r, 2);
  p.catalogue_name = db::Text(r, 3);
  p.title = db::Text(r, 4);
  p.summary = db::Text(r, 5);
  p.body = db::Text(r, 6);
  p.audience = db::Text(r, 7);
  p.channels = SplitList(db::Text(r, 8));
  p.department_id = db::Int(r, 9);
  p.department_name = db::Text(r, 10);
  p.published_at = db::Text(r, 11);
  p.expire_at = db::Text(r, 12);
  p.views = db::Int(r, 13);
  return p;
}

}  // namespace

std::string AudienceSql(bool staff) {
  return staff ? "('society','patient','staff')" : "('society','patient')";
}

std::vector<Publication> PortalStore::Latest(soci::session& sql, bool staff,
                                             const std::string& audience, int64_t catalogue_id,
                                             int64_t offset, int64_t limit, int64_t* total) {
  std::string where = " WHERE p.audience IN " + AudienceSql(staff);
  db::Params params;
  if (!audience.empty()) {
    where += " AND p.audience = :aud";
    params.Add("aud", audience);
  }
  if (catalogue_id != 0) {
    where += " AND (p.catalogue_id = :cat OR c.parent_id = :cat2)";
    params.Add("cat", static_cast<long long>(catalogue_id));
    params.Add("cat2", static_cast<long long>(catalogue_id));
  }
  if (total != nullptr) {
    *total =
        db::ScalarInt(sql,
                      "SELECT COUNT(*) FROM disclosure_publication p JOIN disclosure_catalogue c "
                      "ON c.id = p.catalogue_id" +
                          where,
                      params);
  }
  params.Add("lim", static_cast<long long>(limit));
  params.Add("off", static_cast<long long>(offset));
  std::vector<Publication> out;
  db::ForEachRow(sql,
                 std::string(kPubSelect) + where +
                     " ORDER BY p.published_at DESC, p.item_id DESC LIMIT :lim OFFSET :off",
                 params, [&](const soci::row& r) { out.push_back(ReadPub(r)); });
  return out;
}

std::optional<Publication> PortalStore::Get(soci::session& sql, bool staff, int64_t item_id) {
  long long id = item_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kPubSelect) + " WHERE p.item_id = :id AND p.audience IN " +
                          AudienceSql(staff),
       soci::use(id));
  for (const soci::row& r : rows) {
    Publication p = ReadPub(r);
    p.attachments = ItemStore::Attachments(sql, p.item_id, p.version);
    return p;
  }
  return std::nullopt;
}

std::vector<std::pair<CatalogueEntry, int64_t>> PortalStore::Catalogue(soci::session& sql,
                                                                       bool staff) {
  std::map<int64_t, int64_t> counts;
  soci::rowset<soci::row> rows =
      (sql.prepare
       << "SELECT catalogue_id, COUNT(*) FROM disclosure_publication WHERE audience IN " +
              AudienceSql(staff) + " GROUP BY catalogue_id");
  for (const soci::row& r : rows) counts[db::Int(r, 0)] = db::Int(r, 1);
  std::vector<std::pair<CatalogueEntry, int64_t>> out;
  for (CatalogueEntry& c : ItemStore::ListCatalogue(sql)) {
    if (!staff && !IsPublicAudience(c.audience)) continue;
    int64_t n = counts[c.id];
    out.emplace_back(std::move(c), n);
  }
  return out;
}

std::vector<Publication> PortalStore::Search(soci::session& sql, bool staff, const std::string& q,
                                             int64_t limit) {
  std::vector<Publication> out;
  std::vector<std::string> tokens = search::QueryTokens(q);
  std::vector<std::string> terms = search::QueryTerms(q);
  if (terms.empty()) return out;
  std::vector<int64_t> ids;
  bool single_char_query = !tokens.empty() && tokens.size() == terms.size() &&
                           std::all_of(tokens.begin(), tokens.end(), [](const std::string& t) {
                             return t.size() <= 4 && static_cast<unsigned char>(t[0]) >= 0x80;
                           });
  if (tokens.empty() || single_char_query) {
    // One-character words have no bigram: fall back to a scan of live titles and bodies.
    db::Params params;
    params.Add("q1", "%" + terms.front() + "%");
    params.Add("q2", "%" + terms.front() + "%");
    db::ForEachRow(sql,
                   "SELECT item_id FROM disclosure_publication WHERE (title LIKE :q1 OR body LIKE "
                   ":q2) ORDER BY item_id DESC LIMIT 500",
                   params, [&](const soci::row& r) { ids.push_back(db::Int(r, 0)); });
  } else {
    ids = search::FindDocuments(sql, "item", tokens, 500);
  }
  if (ids.empty()) return out;
  // One query for every candidate (audience filtered in SQL), then phrase confirmation.
  std::string in;
  for (int64_t id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  std::map<int64_t, std::string> filenames;
  soci::rowset<soci::row> atts =
      (sql.prepare << "SELECT a.owner_id, a.filename FROM attachment a JOIN disclosure_publication "
                      "p ON p.item_id = a.owner_id WHERE a.owner_kind = 'disclosure_item' AND "
                      "a.owner_id IN (" +
                          in +
                          ") AND a.added_version <= p.version AND "
                          "(a.deleted_version IS NULL OR a.deleted_version > p.version)");
  for (const soci::row& r : atts) filenames[db::Int(r, 0)] += "\n" + db::Text(r, 1);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kPubSelect) + " WHERE p.item_id IN (" + in +
                          ") AND p.audience IN " + AudienceSql(staff));
  for (const soci::row& r : rows) {
    Publication p = ReadPub(r);
    std::string text = p.title + "\n" + p.summary + "\n" + p.body + filenames[p.item_id];
    if (!search::ContainsAllTerms(text, terms)) continue;
    out.push_back(std::move(p));
  }
  // Title matches first, then newest.
  std::stable_sort(out.begin(), out.end(), [&](const Publication& a, const Publication& b) {
    bool ta = search::ContainsAllTerms(a.title, terms),
         tb = search::ContainsAllTerms(b.title, terms);
    if (ta != tb) return ta;
    return a.published_at > b.published_at;
  });
  if (static_cast<int64_t>(out.size()) > limit) out.resize(limit);
  return out;
}

std::optional<PublicAttachment> PortalStore::GetAttachment(soci::session& sql, bool staff,
                                                           int64_t attachment_id) {
  long long id = attachment_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.id, a.filename, a.content_type, a.size, a.sha256, "
                      "a.added_version, a.owner_id FROM attachment a JOIN disclosure_publication "
                      "p ON p.item_id = a.owner_id WHERE a.id = :id AND a.owner_kind = "
                      "'disclosure_item' AND a.added_version <= p.version AND (a.deleted_version "
                      "IS NULL OR a.deleted_version > p.version) AND p.audience IN " +
                          AudienceSql(staff),
       soci::use(id));
  for (const soci::row& r : rows) {
    return PublicAttachment{{db::Int(r, 0), db::Text(r, 1), db::Text(r, 2), db::Int(r, 3),
                             db::Text(r, 4), db::Int(r, 5)},
                            db::Int(r, 6)};
  }
  return std::nullopt;
}

}  // namespace yuanwu::disclosure

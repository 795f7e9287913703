#include "platform/search/search_index.h"

#include "platform/db/row.h"
#include "platform/search/bigram.h"

namespace yuanwu::search {

void IndexDocument(soci::session& sql, const std::string& kind, int64_t id, std::string_view text) {
  RemoveDocument(sql, kind, id);
  long long doc = id;
  std::string token;
  soci::statement st = (sql.prepare << "INSERT INTO search_token (doc_kind, doc_id, token) "
                                       "VALUES (:k, :d, :t)",
                        soci::use(kind), soci::use(doc), soci::use(token));
  for (const std::string& t : DocumentTokens(text)) {
    token = t;
    st.execute(true);
  }
}

void RemoveDocument(soci::session& sql, const std::string& kind, int64_t id) {
  long long doc = id;
  sql << "DELETE FROM search_token WHERE doc_kind = :k AND doc_id = :d", soci::use(kind),
      soci::use(doc);
}

void RemoveKind(soci::session& sql, const std::string& kind) {
  sql << "DELETE FROM search_token WHERE doc_kind = :k", soci::use(kind);
}

std::vector<int64_t> FindDocuments(soci::session& sql, const std::string& kind,
                                   const std::vector<std::string>& tokens, int64_t limit) {
  std::vector<int64_t> out;
  if (tokens.empty()) return out;
  std::string in;
  db::Params p;
  p.Add("kind", kind);
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string name = "t" + std::to_string(i);
    in += (i ? ", :" : ":") + name;
    p.Add(name, tokens[i]);
  }
  p.Add("n", static_cast<long long>(tokens.size()));
  p.Add("lim", static_cast<long long>(limit));
  db::ForEachRow(sql,
                 "SELECT doc_id FROM search_token WHERE doc_kind = :kind AND token IN (" + in +
                     ") GROUP BY doc_id HAVING COUNT(*) = :n ORDER BY doc_id DESC LIMIT :lim",
                 p, [&](const soci::row& r) { out.push_back(db::Int(r, 0)); });
  return out;
}

}  // namespace yuanwu::search

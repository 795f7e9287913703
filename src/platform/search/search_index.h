// SearchIndex: the search_token table (doc_kind, doc_id, token), identical on both engines.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

namespace yuanwu::search {

// Replaces the tokens of one document (inside the caller's transaction).
void IndexDocument(soci::session& sql, const std::string& kind, int64_t id, std::string_view text);
void RemoveDocument(soci::session& sql, const std::string& kind, int64_t id);
void RemoveKind(soci::session& sql, const std::string& kind);
// Ids of documents of `kind` holding every token, newest id first, at most `limit`.
// Empty `tokens` returns nothing.
std::vector<int64_t> FindDocuments(soci::session& sql, const std::string& kind,
                                   const std::vector<std::string>& tokens, int64_t limit);

}  // namespace yuanwu::search

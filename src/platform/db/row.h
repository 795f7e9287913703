// Reading dynamic SOCI rows the same way on both engines.
//
// SQLite reports column types from declarations and expressions loosely (COUNT(*) may come
// back as text, INTEGER as int), PostgreSQL precisely; these helpers accept any of them.
// NULL reads as 0 / "".
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <string>

namespace yuanwu::db {

int64_t Int(const soci::row& r, size_t i);
double Real(const soci::row& r, size_t i);
std::string Text(const soci::row& r, size_t i);
bool IsNull(const soci::row& r, size_t i);

// Binds a list of named values into a prepared statement being built, e.g.
//   soci::details::prepare_temp_type st = (sql.prepare << query);
//   Bind(st, params);
struct Params {
  std::vector<std::pair<std::string, std::string>> text;
  std::vector<std::pair<std::string, long long>> ints;
  void Add(std::string name, std::string v) { text.emplace_back(std::move(name), std::move(v)); }
  void Add(std::string name, long long v) { ints.emplace_back(std::move(name), v); }
};
void Bind(soci::details::prepare_temp_type& st, const Params& p);

// Runs `query` with `params` and calls `fn` for every row.
void ForEachRow(soci::session& sql, const std::string& query, const Params& params,
                const std::function<void(const soci::row&)>& fn);
// Like ForEachRow for a query without parameters, but the client never holds more than `chunk`
// rows of the result: on PostgreSQL, whose client library otherwise keeps the whole result in
// memory, through a server-side cursor (DECLARE … FETCH FORWARD chunk); SQLite steps row by row
// anyway. On PostgreSQL the session must be inside a transaction (Database::Transact), where the
// cursor lives and which gives every chunk the same snapshot. Streams do not nest.
void ForEachRowStreamed(soci::session& sql, const std::string& query, size_t chunk,
                        const std::function<void(const soci::row&)>& fn);
// "%text%" for `column LIKE :x ESCAPE '\\'`, with LIKE's wildcards in `text` matching
// themselves (a search for "50%" finds "50%", not "500").
std::string LikePattern(const std::string& text);

// The integer in the first column of the first row (e.g. SELECT COUNT(*) …); 0 without rows.
int64_t ScalarInt(soci::session& sql, const std::string& query, const Params& params);

}  // namespace yuanwu::db

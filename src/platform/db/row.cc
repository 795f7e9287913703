#include "platform/db/row.h"

namespace yuanwu::db {

bool IsNull(const soci::row& r, size_t i) { return r.get_indicator(i) == soci::i_null; }

int64_t Int(const soci::row& r, size_t i) {
  if (IsNull(r, i)) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(r.get<double>(i));
    case soci::dt_string: {
      const std::string s = r.get<std::string>(i);
      try {
        return s.empty() ? 0 : std::stoll(s);
      } catch (...) {
        return 0;
      }
    }
    default:
      return 0;
  }
}

double Real(const soci::row& r, size_t i) {
  if (IsNull(r, i)) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_string: {
      try {
        return std::stod(r.get<std::string>(i));
      } catch (...) {
        return 0;
      }
    }
    default:
      return static_cast<double>(Int(r, i));
  }
}

std::string Text(const soci::row& r, size_t i) {
  if (IsNull(r, i)) return {};
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
      return r.get<std::string>(i);
    case soci::dt_double:
      return std::to_string(r.get<double>(i));
    default:
      return std::to_string(Int(r, i));
  }
}

void Bind(soci::details::prepare_temp_type& st, const Params& p) {
  for (const auto& [name, v] : p.text) st, soci::use(v, name);
  for (const auto& [name, v] : p.ints) st, soci::use(v, name);
}

void ForEachRow(soci::session& sql, const std::string& query, const Params& params,
                const std::function<void(const soci::row&)>& fn) {
  soci::details::prepare_temp_type st = (sql.prepare << query);
  Bind(st, params);
  soci::rowset<soci::row> rows(st);
  for (const soci::row& r : rows) fn(r);
}

void ForEachRowStreamed(soci::session& sql, const std::string& query, size_t chunk,
                        const std::function<void(const soci::row&)>& fn) {
  if (sql.get_backend_name() != "postgresql") {
    ForEachRow(sql, query, {}, fn);
    return;
  }
  if (chunk == 0) chunk = 1;
  sql << "DECLARE yw_stream NO SCROLL CURSOR FOR " + query;
  const std::string fetch = "FETCH FORWARD " + std::to_string(chunk) + " FROM yw_stream";
  for (;;) {
    size_t n = 0;
    ForEachRow(sql, fetch, {}, [&](const soci::row& r) {
      ++n;
      fn(r);
    });
    if (n < chunk) break;
  }
  sql << "CLOSE yw_stream";
}

int64_t ScalarInt(soci::session& sql, const std::string& query, const Params& params) {
  int64_t out = 0;
  bool first = true;
  ForEachRow(sql, query, params, [&](const soci::row& r) {
    if (first) out = Int(r, 0);
    first = false;
  });
  return out;
}

std::string LikePattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace yuanwu::db

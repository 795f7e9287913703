// Request and Response: the HTTP vocabulary of yuanwu, free of any server library, so that
// handlers, middleware and tests compile without Boost.Beast (which lives only in server.cc).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yuanwu::http {

using Pairs = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // raw request target, e.g. "/search?q=%E9%9A%8F%E8%AE%BF"
  std::string path;    // percent-decoded path without the query
  Pairs query;         // decoded query parameters, in order
  Pairs headers;       // names in lower case
  std::string body;
  std::string remote_ip;
  std::map<std::string, std::string> params;  // filled by the router from {name} segments

  // Empty when absent. `name` must be lower case.
  std::string_view Header(std::string_view name) const;
  // First value of a query parameter, or empty.
  std::string Query(std::string_view name) const;
  bool HasQuery(std::string_view name) const;
  // Value of a cookie from the Cookie header, or empty.
  std::string Cookie(std::string_view name) const;
  // True when the client prefers English (Accept-Language starts with "en" or ?lang=en).
  bool PrefersEnglish() const;
};

struct Response {
  int status = 200;
  Pairs headers;
  std::string body;

  // Replaces a header (case-insensitive name match).
  void Set(std::string_view name, std::string value);
  std::string_view Get(std::string_view name) const;

  static Response Json(int status, std::string body);
  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(std::string location, int status = 303);
  static Response NoContent();
  // A file the browser saves rather than shows: `filename` may be Chinese (RFC 5987
  // filename*=UTF-8''…). Private and never cached — downloads here are staff records.
  static Response Download(std::string body, std::string content_type, const std::string& filename);
};

inline constexpr const char* kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace yuanwu::http

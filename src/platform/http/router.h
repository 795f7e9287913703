// Router: method + path pattern → handler. Patterns are literal segments, `{name}` (one
// segment) and a trailing `{name*}` (the rest of the path). Handlers return Result<Response>;
// a non-OK Status is turned into a problem response here and only here (see problem.h).
//
// Example:
//   router.Add("GET", "/items/{id}", [](Request& r) -> Result<Response> { … r.params["id"] … });
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "platform/base/result.h"
#include "platform/http/message.h"

namespace yuanwu::http {

using Handler = std::function<Result<Response>(Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  // Finds the route, fills req.params and runs it. When several patterns match, the most
  // specific wins: a literal segment beats a parameter at the first place they differ (then the
  // first registered). 404 for unknown paths, 405 with Allow for a known path with another
  // method.
  Response Dispatch(Request& req) const;

  struct RouteInfo {
    std::string method;
    std::string pattern;
  };
  // Every registered route, for the authorization-matrix test and docs.
  std::vector<RouteInfo> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& segments,
                    std::map<std::string, std::string>* params);
  std::vector<Route> routes_;
};

// Splits "/a/b/" into {"a", "b"}.
std::vector<std::string_view> PathSegments(std::string_view path);

}  // namespace yuanwu::http

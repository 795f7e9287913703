// Guard and RouteTable: every API route is registered with the permission it needs, on one
// line, and the check runs before the handler. Non-GET requests must also carry the session's
// CSRF token in X-CSRF-Token. The recorded table drives the authorization-matrix test.
//
// Example:
//   routes.Add("POST", "/api/v1/disclosure/items", "disclosure.item.draft", handlers.Create);
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/principal.h"
#include "platform/auth/session_service.h"
#include "platform/http/router.h"

namespace yuanwu::auth {

// Permission values with special meaning.
inline constexpr const char* kPublic = "public";       // anyone, signed in or not
inline constexpr const char* kSignedIn = "signed_in";  // any signed-in account

using ApiHandler = std::function<Result<http::Response>(http::Request&, const Principal&)>;

class Guard {
 public:
  explicit Guard(SessionService& sessions) : sessions_(sessions) {}
  // The principal of a valid session cookie, if any.
  std::optional<Principal> Optional(const http::Request& req);
  // Resolves the session and checks the permission and the CSRF token, then runs `h`.
  http::Handler Require(std::string permission, ApiHandler h);

 private:
  SessionService& sessions_;
};

struct RouteSpec {
  std::string method;
  std::string pattern;
  std::string permission;
};

class RouteTable {
 public:
  RouteTable(http::Router& router, Guard& guard) : router_(router), guard_(guard) {}
  void Add(std::string method, std::string pattern, std::string permission, ApiHandler h);
  // A route anyone may call (sign-in, public forms); `h` gets no principal.
  void AddPublic(std::string method, std::string pattern, http::Handler h);
  const std::vector<RouteSpec>& specs() const { return specs_; }

 private:
  http::Router& router_;
  Guard& guard_;
  std::vector<RouteSpec> specs_;
};

}  // namespace yuanwu::auth

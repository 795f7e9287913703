#include "platform/auth/guard.h"

#include <sodium.h>

namespace yuanwu::auth {

std::optional<Principal> Guard::Optional(const http::Request& req) {
  std::string token = req.Cookie(SessionService::kCookieName);
  if (token.empty()) return std::nullopt;
  Result<Principal> p = sessions_.Resolve(token);
  if (!p.ok()) return std::nullopt;
  return std::move(p).value();
}

http::Handler Guard::Require(std::string permission, ApiHandler h) {
  return [this, permission = std::move(permission),
          h = std::move(h)](http::Request& req) -> Result<http::Response> {
    std::string token = req.Cookie(SessionService::kCookieName);
    if (token.empty()) return Status::Unauthenticated();
    YW_ASSIGN_OR_RETURN(Principal p, sessions_.Resolve(token));
    if (req.method != "GET" && req.method != "HEAD") {
      std::string_view sent = req.Header("x-csrf-token");
      if (sent.size() != p.csrf_token.size() ||
          sodium_memcmp(sent.data(), p.csrf_token.data(), sent.size()) != 0) {
        return Status(StatusCode::kPermissionDenied, "请求校验失败（CSRF），请刷新页面后重试",
                      "CSRF token missing or wrong; reload the page and retry");
      }
    }
    if (permission != kSignedIn && !p.Has(permission)) return Status::Denied();
    return h(req, p);
  };
}

void RouteTable::Add(std::string method, std::string pattern, std::string permission,
                     ApiHandler h) {
  specs_.push_back({method, pattern, permission});
  router_.Add(std::move(method), std::move(pattern),
              guard_.Require(std::move(permission), std::move(h)));
}

void RouteTable::AddPublic(std::string method, std::string pattern, http::Handler h) {
  specs_.push_back({method, pattern, kPublic});
  router_.Add(std::move(method), std::move(pattern), std::move(h));
}

}  // namespace yuanwu::auth

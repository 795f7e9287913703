// Sign-in, sessions and lockout.
//
// A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only
// its hash. Each session carries a CSRF token that every unsafe request must echo in the
// X-CSRF-Token header. Sessions end after `idle_timeout_minutes` without a request.
// `lockout_threshold` failed sign-ins within `lockout_minutes` lock the account for
// `lockout_minutes` (an administrator may unlock earlier).
#pragma once

#include <optional>
#include <string>

#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/random.h"
#include "platform/base/result.h"
#include "platform/db/database.h"

namespace yuanwu::auth {

struct SessionOptions {
  int idle_timeout_minutes = 30;
  int lockout_threshold = 5;
  int lockout_minutes = 15;
  bool secure_cookie = false;  // set when served behind TLS
};

struct SignIn {
  std::string token;  // goes into the cookie; never stored
  Principal principal;
};

class SessionService {
 public:
  SessionService(db::Database& db, const Clock& clock, Random& random, SessionOptions options)
      : db_(db), clock_(clock), random_(random), options_(options) {}

  // Checks the password and opens a session. Errors: kUnauthenticated for a wrong username or
  // password (same message for both), kResourceExhausted while locked.
  Result<SignIn> Login(const std::string& username, const std::string& password,
                       const std::string& ip);
  // The principal for a cookie token, or kUnauthenticated. Refreshes the idle timer.
  Result<Principal> Resolve(const std::string& token);
  Status Logout(const std::string& token);
  Status ChangePassword(const Principal& p, const std::string& old_password,
                        const std::string& new_password, const std::string& ip);
  // Loads a principal by user id (roles, permissions, department, campus).
  Result<Principal> LoadPrincipal(int64_t user_id);

  std::string CookieHeader(const std::string& token) const;
  std::string ClearCookieHeader() const;
  const SessionOptions& options() const { return options_; }

  static constexpr const char* kCookieName = "yw_session";

 private:
  db::Database& db_;
  const Clock& clock_;
  Random& random_;
  SessionOptions options_;
};

}  // namespace yuanwu::auth

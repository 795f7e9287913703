#include "platform/auth/session_service.h"

#include "platform/audit/audit_log.h"
#include "platform/auth/password.h"
#include "platform/base/file_store.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"

namespace yuanwu::auth {
namespace {

std::string TokenHash(const std::string& token) { return Sha256Hex("session:" + token); }

Status BadCredentials() {
  return Status(StatusCode::kUnauthenticated, "用户名或密码错误", "wrong username or password");
}

}  // namespace

std::string_view ScopeName(Scope s) {
  switch (s) {
    case Scope::kSelf:
      return "self";
    case Scope::kDept:
      return "dept";
    case Scope::kDeptTree:
      return "dept_tree";
    case Scope::kCampus:
      return "campus";
    case Scope::kAll:
      return "all";
  }
  return "self";
}

bool ParseScope(std::string_view name, Scope* out) {
  for (Scope s : {Scope::kSelf, Scope::kDept, Scope::kDeptTree, Scope::kCampus, Scope::kAll}) {
    if (ScopeName(s) == name) {
      *out = s;
      return true;
    }
  }
  return false;
}

Result<Principal> SessionService::LoadPrincipal(int64_t user_id) {
  return db_.Query<Principal>([&](soci::session& sql) -> Result<Principal> {
    Principal p;
    long long id = user_id;
    soci::rowset<soci::row> users =
        (sql.prepare << "SELECT u.id, u.username, u.name, u.department_id, d.campus_id, u.scope, "
                        "u.active, d.name FROM app_user u LEFT JOIN department d ON d.id = "
                        "u.department_id WHERE u.id = :id",
         soci::use(id));
    bool found = false;
    for (const soci::row& r : users) {
      found = db::Int(r, 6) == 1;
      p.user_id = db::Int(r, 0);
      p.username = db::Text(r, 1);
      p.name = db::Text(r, 2);
      p.department_id = db::Int(r, 3);
      p.campus_id = db::Int(r, 4);
      ParseScope(db::Text(r, 5), &p.scope);
      p.department_name = db::Text(r, 7);
    }
    if (!found) return Status::Unauthenticated();
    soci::rowset<soci::row> roles =
        (sql.prepare << "SELECT r.code, r.permissions FROM user_role ur JOIN role r ON r.code = "
                        "ur.role_code WHERE ur.user_id = :id ORDER BY r.code",
         soci::use(id));
    for (const soci::row& r : roles) {
      p.roles.push_back(db::Text(r, 0));
      for (const std::string& perm : Split(db::Text(r, 1), ',')) {
        std::string t = Trim(perm);
        if (!t.empty()) p.permissions.insert(t);
      }
    }
    return p;
  });
}

Result<SignIn> SessionService::Login(const std::string& username, const std::string& password,
                                     const std::string& ip) {
  int64_t now = clock_.NowSeconds();
  std::string now_s = FormatTimestamp(now);
  long long user_id = 0;
  std::string hash, locked_until, first_failed, display_name;
  long long failed = 0, active = 0;
  bool found = false;
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, password_hash, locked_until, failed_count, first_failed_at, "
                        "active, name FROM app_user WHERE username = :u",
         soci::use(username));
    for (const soci::row& r : rows) {
      found = true;
      user_id = db::Int(r, 0);
      hash = db::Text(r, 1);
      locked_until = db::Text(r, 2);
      failed = db::Int(r, 3);
      first_failed = db::Text(r, 4);
      active = db::Int(r, 5);
      display_name = db::Text(r, 6);
    }
    return Status::Ok();
  }));
  if (!found) {
    VerifyPassword(password, HashPassword("timing-equaliser"));  // same cost as a real check
    return BadCredentials();
  }
  if (!locked_until.empty() && locked_until > now_s) {
    return Status(StatusCode::kResourceExhausted,
                  "登录失败次数过多，账号已锁定至" +
                      locked_until.substr(0, 16).replace(10, 1, " ") +
                      "（UTC），请稍后再试或联系管理员解锁",
                  "too many failed sign-ins; the account is locked until " + locked_until);
  }
  Actor actor{static_cast<int64_t>(user_id), display_name + "（" + username + "）", ip};
  if (!VerifyPassword(password, hash) || active != 1) {
    int64_t window = options_.lockout_minutes * 60;
    std::optional<int64_t> first = ParseTimestamp(first_failed, 0);
    if (!first || now - *first > window) {
      failed = 0;
      first_failed = now_s;
    }
    ++failed;
    std::string lock;
    soci::indicator lock_ind = soci::i_null;
    if (failed >= options_.lockout_threshold) {
      lock = FormatTimestamp(now + window);
      lock_ind = soci::i_ok;
    }
    YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) {
      sql << "UPDATE app_user SET failed_count = :f, first_failed_at = :ff, locked_until = :l "
             "WHERE id = :id",
          soci::use(failed), soci::use(first_failed), soci::use(lock, lock_ind), soci::use(user_id);
      return audit::Append(
          sql, db_.dialect(), clock_, actor,
          {lock_ind == soci::i_ok ? "auth.lockout" : "auth.login_failed", "app_user",
           std::to_string(user_id), "{}", "{\"failed_count\":" + std::to_string(failed) + "}"});
    }));
    if (lock_ind == soci::i_ok) {
      return Status(StatusCode::kResourceExhausted, "登录失败次数过多，账号已锁定，请稍后再试",
                    "too many failed sign-ins; the account is locked");
    }
    return BadCredentials();
  }
  SignIn out;
  out.token = random_.Hex(32);
  std::string csrf = random_.Hex(16);
  std::string token_hash = TokenHash(out.token);
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) {
    sql << "UPDATE app_user SET failed_count = 0, first_failed_at = NULL, locked_until = NULL "
           "WHERE id = :id",
        soci::use(user_id);
    sql << "INSERT INTO user_session (token_hash, user_id, csrf_token, ip, created_at, "
           "last_seen_at) VALUES (:t, :u, :c, :ip, :now1, :now2)",
        soci::use(token_hash), soci::use(user_id), soci::use(csrf), soci::use(ip), soci::use(now_s),
        soci::use(now_s);
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"auth.login", "app_user", std::to_string(user_id), "{}", "{}"});
  }));
  YW_ASSIGN_OR_RETURN(out.principal, LoadPrincipal(user_id));
  out.principal.csrf_token = csrf;
  return out;
}

Result<Principal> SessionService::Resolve(const std::string& token) {
  if (token.size() != 64) return Status::Unauthenticated();
  std::string token_hash = TokenHash(token);
  int64_t now = clock_.NowSeconds();
  long long user_id = 0;
  std::string csrf, last_seen;
  bool found = false;
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT user_id, csrf_token, last_seen_at FROM user_session WHERE "
                        "token_hash = :t",
         soci::use(token_hash));
    for (const soci::row& r : rows) {
      found = true;
      user_id = db::Int(r, 0);
      csrf = db::Text(r, 1);
      last_seen = db::Text(r, 2);
    }
    return Status::Ok();
  }));
  if (!found) return Status::Unauthenticated();
  std::optional<int64_t> seen = ParseTimestamp(last_seen, 0);
  if (!seen || now - *seen > options_.idle_timeout_minutes * 60) {
    (void)Logout(token);
    return Status(StatusCode::kUnauthenticated, "登录已超时，请重新登录",
                  "session expired, please sign in again");
  }
  // Refresh at most once a minute to keep reads cheap.
  if (now - *seen >= 60) {
    std::string now_s = FormatTimestamp(now);
    (void)db_.Transact([&](soci::session& sql) {
      sql << "UPDATE user_session SET last_seen_at = :n WHERE token_hash = :t", soci::use(now_s),
          soci::use(token_hash);
      return Status::Ok();
    });
  }
  YW_ASSIGN_OR_RETURN(Principal p, LoadPrincipal(user_id));
  p.csrf_token = csrf;
  return p;
}

Status SessionService::Logout(const std::string& token) {
  std::string token_hash = TokenHash(token);
  return db_.Transact([&](soci::session& sql) {
    sql << "DELETE FROM user_session WHERE token_hash = :t", soci::use(token_hash);
    return Status::Ok();
  });
}

Status SessionService::ChangePassword(const Principal& p, const std::string& old_password,
                                      const std::string& new_password, const std::string& ip) {
  std::string hash;
  long long id = p.user_id;
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) {
    sql << "SELECT password_hash FROM app_user WHERE id = :id", soci::use(id), soci::into(hash);
    return Status::Ok();
  }));
  if (!VerifyPassword(old_password, hash)) {
    return Status::Invalid("old_password", "原密码不正确", "the current password is wrong");
  }
  YW_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, p.username, "new_password"));
  std::string new_hash = HashPassword(new_password);
  return db_.Transact([&](soci::session& sql) {
    sql << "UPDATE app_user SET password_hash = :h WHERE id = :id", soci::use(new_hash),
        soci::use(id);
    return audit::Append(sql, db_.dialect(), clock_, Actor::Of(p, ip),
                         {"auth.password_change", "app_user", std::to_string(id), "{}", "{}"});
  });
}

std::string SessionService::CookieHeader(const std::string& token) const {
  return std::string(kCookieName) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (options_.secure_cookie ? "; Secure" : "");
}

std::string SessionService::ClearCookieHeader() const {
  return std::string(kCookieName) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (options_.secure_cookie ? "; Secure" : "");
}

}  // namespace yuanwu::auth

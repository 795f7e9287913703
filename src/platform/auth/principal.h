// Principal: who is making a request, as resolved from their session.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace yuanwu::auth {

// Data scope (数据范围): which records of other people a user may see.
enum class Scope { kSelf, kDept, kDeptTree, kCampus, kAll };

std::string_view ScopeName(Scope s);  // "self", "dept", "dept_tree", "campus", "all"
bool ParseScope(std::string_view name, Scope* out);

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string name;
  int64_t department_id = 0;  // 0 when the account has no department
  std::string department_name;
  int64_t campus_id = 0;
  std::vector<std::string> roles;
  std::set<std::string> permissions;
  Scope scope = Scope::kSelf;
  std::string csrf_token;

  bool Has(std::string_view permission) const {
    return permissions.count(std::string(permission)) > 0;
  }
};

// Who did something, for the audit trail; also used for system jobs (user_id 0).
struct Actor {
  int64_t user_id = 0;
  std::string name;
  std::string ip;

  static Actor Of(const Principal& p, std::string ip) { return {p.user_id, p.name, std::move(ip)}; }
  static Actor System() { return {0, "系统", "127.0.0.1"}; }
};

}  // namespace yuanwu::auth

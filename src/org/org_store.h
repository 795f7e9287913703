// OrgStore: the SQL for campuses, departments, users and roles; nothing else touches these
// tables. Functions run on the caller's session (inside the caller's transaction when writing).
#pragma once

#include <soci/soci.h>

#include <optional>

#include "org/org.h"
#include "platform/base/result.h"

namespace yuanwu::org {

struct UserFilter {
  std::string q;  // username or name substring
  int64_t department_id = 0;
  int64_t offset = 0;
  int64_t limit = 20;
};

class OrgStore {
 public:
  static std::vector<Campus> ListCampuses(soci::session& sql);
  static std::optional<Campus> GetCampus(soci::session& sql, int64_t id);
  static int64_t InsertCampus(soci::session& sql, const Campus& c);
  static void UpdateCampus(soci::session& sql, const Campus& c);

  static std::vector<Department> ListDepartments(soci::session& sql);
  static std::optional<Department> GetDepartment(soci::session& sql, int64_t id);
  static std::optional<Department> FindDepartmentByCode(soci::session& sql,
                                                        const std::string& code);
  static int64_t InsertDepartment(soci::session& sql, const Department& d);
  static void UpdateDepartment(soci::session& sql, const Department& d);
  // 0 clears the head.
  static void SetDepartmentHead(soci::session& sql, int64_t id, int64_t head_user_id);

  static std::pair<std::vector<User>, int64_t> ListUsers(soci::session& sql, const UserFilter& f,
                                                         const std::string& now);
  static std::optional<User> GetUser(soci::session& sql, int64_t id, const std::string& now);
  static bool UsernameExists(soci::session& sql, const std::string& username);
  static int64_t InsertUser(soci::session& sql, const User& u, const std::string& password_hash,
                            const std::string& now);
  static void UpdateUser(soci::session& sql, const User& u);
  static void SetPasswordHash(soci::session& sql, int64_t id, const std::string& hash);
  static void Unlock(soci::session& sql, int64_t id);

  static std::vector<Role> ListRoles(soci::session& sql);
  static void UpdateRole(soci::session& sql, const Role& r);
};

}  // namespace yuanwu::org

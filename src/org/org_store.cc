#include "org/org_store.h"

#include "platform/base/text.h"
#include "platform/db/row.h"

namespace yuanwu::org {
namespace {

constexpr const char* kDeptColumns =
    "id, code, name, campus_id, parent_id, kind, phone, location, intro, public, sort, "
    "head_user_id, (SELECT u.name FROM app_user u WHERE u.id = department.head_user_id)";

Department ReadDepartment(const soci::row& r) {
  Department d;
  d.id = db::Int(r, 0);
  d.code = db::Text(r, 1);
  d.name = db::Text(r, 2);
  d.campus_id = db::Int(r, 3);
  d.parent_id = db::Int(r, 4);
  d.kind = db::Text(r, 5);
  d.phone = db::Text(r, 6);
  d.location = db::Text(r, 7);
  d.intro = db::Text(r, 8);
  d.is_public = db::Int(r, 9) == 1;
  d.sort = db::Int(r, 10);
  d.head_user_id = db::Int(r, 11);
  d.head_name = db::Text(r, 12);
  return d;
}

constexpr const char* kUserSelect =
    "SELECT u.id, u.username, u.name, u.phone, u.department_id, d.name, d.campus_id, u.scope, "
    "u.active, u.locked_until FROM app_user u LEFT JOIN department d ON d.id = u.department_id";

std::vector<User> ReadUsers(soci::session& sql, soci::rowset<soci::row>& rows,
                            const std::string& now) {
  std::vector<User> out;
  for (const soci::row& r : rows) {
    User u;
    u.id = db::Int(r, 0);
    u.username = db::Text(r, 1);
    u.name = db::Text(r, 2);
    u.phone = db::Text(r, 3);
    u.department_id = db::Int(r, 4);
    u.department_name = db::Text(r, 5);
    u.campus_id = db::Int(r, 6);
    u.scope = db::Text(r, 7);
    u.active = db::Int(r, 8) == 1;
    std::string locked = db::Text(r, 9);
    u.locked = !locked.empty() && locked > now;
    out.push_back(std::move(u));
  }
  for (User& u : out) {
    long long id = u.id;
    soci::rowset<soci::row> roles =
        (sql.prepare << "SELECT role_code FROM user_role WHERE user_id = :id ORDER BY role_code",
         soci::use(id));
    for (const soci::row& r : roles) u.roles.push_back(db::Text(r, 0));
  }
  return out;
}

void WriteRoles(soci::session& sql, int64_t user_id, const std::vector<std::string>& roles) {
  long long id = user_id;
  sql << "DELETE FROM user_role WHERE user_id = :id", soci::use(id);
  for (const std::string& code : roles) {
    sql << "INSERT INTO user_role (user_id, role_code) VALUES (:id, :code)", soci::use(id),
        soci::use(code);
  }
}

}  // namespace

std::vector<Campus> OrgStore::ListCampuses(soci::session& sql) {
  std::vector<Campus> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, code, name, address, phone, sort FROM campus ORDER BY sort, id");
  for (const soci::row& r : rows) {
    out.push_back({db::Int(r, 0), db::Text(r, 1), db::Text(r, 2), db::Text(r, 3), db::Text(r, 4),
                   db::Int(r, 5)});
  }
  return out;
}

std::optional<Campus> OrgStore::GetCampus(soci::session& sql, int64_t id) {
  for (const Campus& c : ListCampuses(sql)) {
    if (c.id == id) return c;
  }
  return std::nullopt;
}

int64_t OrgStore::InsertCampus(soci::session& sql, const Campus& c) {
  long long id = 0, sort = c.sort;
  sql << "INSERT INTO campus (code, name, address, phone, sort) VALUES (:code, :name, :address, "
         ":phone, :sort) RETURNING id",
      soci::use(c.code), soci::use(c.name), soci::use(c.address), soci::use(c.phone),
      soci::use(sort), soci::into(id);
  return id;
}

void OrgStore::UpdateCampus(soci::session& sql, const Campus& c) {
  long long id = c.id, sort = c.sort;
  sql << "UPDATE campus SET code = :code, name = :name, address = :address, phone = :phone, "
         "sort = :sort WHERE id = :id",
      soci::use(c.code), soci::use(c.name), soci::use(c.address), soci::use(c.phone),
      soci::use(sort), soci::use(id);
}

std::vector<Department> OrgStore::ListDepartments(soci::session& sql) {
  std::vector<Department> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kDeptColumns + " FROM department ORDER BY sort, id");
  for (const soci::row& r : rows) out.push_back(ReadDepartment(r));
  return out;
}

std::optional<Department> OrgStore::GetDepartment(soci::session& sql, int64_t id) {
  long long i = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kDeptColumns + " FROM department WHERE id = :id",
       soci::use(i));
  for (const soci::row& r : rows) return ReadDepartment(r);
  return std::nullopt;
}

std::optional<Department> OrgStore::FindDepartmentByCode(soci::session& sql,
                                                         const std::string& code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kDeptColumns + " FROM department WHERE code = :c",
       soci::use(code));
  for (const soci::row& r : rows) return ReadDepartment(r);
  return std::nullopt;
}

int64_t OrgStore::InsertDepartment(soci::session& sql, const Department& d) {
  long long id = 0, campus = d.campus_id, parent = d.parent_id, pub = d.is_public, sort = d.sort;
  soci::indicator parent_ind = d.parent_id == 0 ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO department (code, name, campus_id, parent_id, kind, phone, location, intro, "
         "public, sort) VALUES (:code, :name, :campus, :parent, :kind, :phone, :location, :intro, "
         ":pub, :sort) RETURNING id",
      soci::use(d.code), soci::use(d.name), soci::use(campus), soci::use(parent, parent_ind),
      soci::use(d.kind), soci::use(d.phone), soci::use(d.location), soci::use(d.intro),
      soci::use(pub), soci::use(sort), soci::into(id);
  return id;
}

void OrgStore::SetDepartmentHead(soci::session& sql, int64_t id, int64_t head_user_id) {
  long long dept = id, head = head_user_id;
  soci::indicator head_ind = head_user_id == 0 ? soci::i_null : soci::i_ok;
  sql << "UPDATE department SET head_user_id = :head WHERE id = :id", soci::use(head, head_ind),
      soci::use(dept);
}

void OrgStore::UpdateDepartment(soci::session& sql, const Department& d) {
  long long id = d.id, campus = d.campus_id, parent = d.parent_id, pub = d.is_public, sort = d.sort;
  soci::indicator parent_ind = d.parent_id == 0 ? soci::i_null : soci::i_ok;
  sql << "UPDATE department SET code = :code, name = :name, campus_id = :campus, parent_id = "
         ":parent, kind = :kind, phone = :phone, location = :location, intro = :intro, public = "
         ":pub, sort = :sort WHERE id = :id",
      soci::use(d.code), soci::use(d.name), soci::use(campus), soci::use(parent, parent_ind),
      soci::use(d.kind), soci::use(d.phone), soci::use(d.location), soci::use(d.intro),
      soci::use(pub), soci::use(sort), soci::use(id);
}

std::pair<std::vector<User>, int64_t> OrgStore::ListUsers(soci::session& sql, const UserFilter& f,
                                                          const std::string& now) {
  std::string where = " WHERE 1=1";
  db::Params p;
  if (!f.q.empty()) {
    where += " AND (u.username LIKE :q1 OR u.name LIKE :q2)";
    p.Add("q1", "%" + f.q + "%");
    p.Add("q2", "%" + f.q + "%");
  }
  if (f.department_id != 0) {
    where += " AND u.department_id = :dept";
    p.Add("dept", static_cast<long long>(f.department_id));
  }
  int64_t total = db::ScalarInt(sql, "SELECT COUNT(*) FROM app_user u" + where, p);
  p.Add("lim", static_cast<long long>(f.limit));
  p.Add("off", static_cast<long long>(f.offset));
  soci::details::prepare_temp_type st =
      (sql.prepare << std::string(kUserSelect) + where +
                          " ORDER BY u.username LIMIT :lim OFFSET :off");
  db::Bind(st, p);
  soci::rowset<soci::row> rows(st);
  return {ReadUsers(sql, rows, now), total};
}

std::optional<User> OrgStore::GetUser(soci::session& sql, int64_t id, const std::string& now) {
  long long i = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kUserSelect) + " WHERE u.id = :id", soci::use(i));
  std::vector<User> users = ReadUsers(sql, rows, now);
  if (users.empty()) return std::nullopt;
  return users.front();
}

bool OrgStore::UsernameExists(soci::session& sql, const std::string& username) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM app_user WHERE username = :u", soci::use(username), soci::into(n);
  return n > 0;
}

int64_t OrgStore::InsertUser(soci::session& sql, const User& u, const std::string& password_hash,
                             const std::string& now) {
  long long id = 0, dept = u.department_id, active = u.active;
  soci::indicator dept_ind = u.department_id == 0 ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO app_user (username, name, phone, department_id, scope, password_hash, "
         "active, created_at) VALUES (:username, :name, :phone, :dept, :scope, :hash, :active, "
         ":now) RETURNING id",
      soci::use(u.username), soci::use(u.name), soci::use(u.phone), soci::use(dept, dept_ind),
      soci::use(u.scope), soci::use(password_hash), soci::use(active), soci::use(now),
      soci::into(id);
  WriteRoles(sql, id, u.roles);
  return id;
}

void OrgStore::UpdateUser(soci::session& sql, const User& u) {
  long long id = u.id, dept = u.department_id, active = u.active;
  soci::indicator dept_ind = u.department_id == 0 ? soci::i_null : soci::i_ok;
  sql << "UPDATE app_user SET name = :name, phone = :phone, department_id = :dept, scope = "
         ":scope, active = :active WHERE id = :id",
      soci::use(u.name), soci::use(u.phone), soci::use(dept, dept_ind), soci::use(u.scope),
      soci::use(active), soci::use(id);
  WriteRoles(sql, u.id, u.roles);
  if (!u.active) sql << "DELETE FROM user_session WHERE user_id = :id", soci::use(id);
}

void OrgStore::SetPasswordHash(soci::session& sql, int64_t id, const std::string& hash) {
  long long i = id;
  sql << "UPDATE app_user SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(i);
}

void OrgStore::Unlock(soci::session& sql, int64_t id) {
  long long i = id;
  sql << "UPDATE app_user SET failed_count = 0, first_failed_at = NULL, locked_until = NULL "
         "WHERE id = :id",
      soci::use(i);
}

std::vector<Role> OrgStore::ListRoles(soci::session& sql) {
  std::vector<Role> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT code, name, name_en, permissions, builtin FROM role ORDER BY code");
  for (const soci::row& r : rows) {
    Role role{db::Text(r, 0), db::Text(r, 1), db::Text(r, 2), {}, db::Int(r, 4) == 1};
    for (const std::string& p : Split(db::Text(r, 3), ',')) {
      if (!Trim(p).empty()) role.permissions.push_back(Trim(p));
    }
    out.push_back(std::move(role));
  }
  return out;
}

void OrgStore::UpdateRole(soci::session& sql, const Role& r) {
  std::string perms;
  for (const std::string& p : r.permissions) perms += (perms.empty() ? "" : ",") + p;
  sql << "UPDATE role SET name = :name, permissions = :perms WHERE code = :code", soci::use(r.name),
      soci::use(perms), soci::use(r.code);
}

}  // namespace yuanwu::org

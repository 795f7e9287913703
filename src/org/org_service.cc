#include "org/org_service.h"

#include <algorithm>
#include <map>

#include "org/org_json.h"
#include "platform/audit/audit_log.h"
#include "platform/auth/password.h"
#include "platform/base/text.h"
#include "platform/base/time.h"

namespace yuanwu::org {
namespace {

bool ValidPhone(const std::string& phone) {
  if (phone.empty()) return true;
  if (phone.size() < 5 || phone.size() > 20) return false;
  for (char c : phone) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' && c != ' ') {
      return false;
    }
  }
  return true;
}

bool ValidUsername(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<std::vector<Campus>> OrgService::Campuses() {
  return db_.Query<std::vector<Campus>>([](soci::session& sql) -> Result<std::vector<Campus>> {
    return OrgStore::ListCampuses(sql);
  });
}

Result<Campus> OrgService::SaveCampus(const auth::Actor& actor, Campus c) {
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    for (const Campus& x : OrgStore::ListCampuses(sql)) {
      if (x.code == c.code && x.id != c.id) {
        return Status::Invalid("code", "院区编码已存在", "campus code already exists");
      }
    }
    std::string before = "{}";
    if (c.id != 0) {
      std::optional<Campus> old = OrgStore::GetCampus(sql, c.id);
      if (!old) return Status::NotFound("院区", "campus");
      before = ToJson(*old).dump();
      OrgStore::UpdateCampus(sql, c);
    } else {
      c.id = OrgStore::InsertCampus(sql, c);
    }
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {before == "{}" ? "org.campus.create" : "org.campus.update", "campus",
                          std::to_string(c.id), before, ToJson(c).dump()});
  });
  if (!s.ok()) return s;
  return c;
}

Result<std::vector<Department>> OrgService::Departments() {
  return db_.Query<std::vector<Department>>(
      [](soci::session& sql) -> Result<std::vector<Department>> {
        return OrgStore::ListDepartments(sql);
      });
}

Result<Department> OrgService::SaveDepartment(const auth::Actor& actor, Department d) {
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    Validation v;
    if (!OrgStore::GetCampus(sql, d.campus_id)) {
      v.Fail("campus_id", "所属院区不存在", "campus does not exist");
    }
    if (d.parent_id != 0) {
      if (d.parent_id == d.id) {
        v.Fail("parent_id", "上级科室不能是自己", "a department cannot be its own parent");
      } else if (!OrgStore::GetDepartment(sql, d.parent_id)) {
        v.Fail("parent_id", "上级科室不存在", "parent department does not exist");
      } else if (d.id != 0) {
        // Refuse cycles: walking up from the new parent must not reach this department.
        std::map<int64_t, int64_t> parent_of;
        for (const Department& x : OrgStore::ListDepartments(sql)) parent_of[x.id] = x.parent_id;
        for (int64_t at = d.parent_id, hops = 0; at != 0 && hops < 10000;
             at = parent_of[at], ++hops) {
          if (at == d.id) {
            v.Fail("parent_id", "上级科室不能是本科室的下级", "parent would create a cycle");
            break;
          }
        }
      }
    }
    std::optional<Department> same_code = OrgStore::FindDepartmentByCode(sql, d.code);
    if (same_code && same_code->id != d.id) {
      v.Fail("code", "科室编码已存在", "department code already exists");
    }
    if (d.head_given && d.head_user_id != 0) {
      long long head = d.head_user_id, active = 0;
      soci::indicator ind = soci::i_null;
      sql << "SELECT active FROM app_user WHERE id = :id", soci::use(head), soci::into(active, ind);
      if (ind != soci::i_ok || active != 1) {
        v.Fail("head_user_id", "科室负责人须是在职职工",
               "the head must be an active member of staff");
      }
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    std::string before = "{}";
    if (d.id != 0) {
      std::optional<Department> old = OrgStore::GetDepartment(sql, d.id);
      if (!old) return Status::NotFound("科室", "department");
      before = ToJson(*old).dump();
      OrgStore::UpdateDepartment(sql, d);
    } else {
      d.id = OrgStore::InsertDepartment(sql, d);
    }
    if (d.head_given) OrgStore::SetDepartmentHead(sql, d.id, d.head_user_id);
    if (std::optional<Department> saved = OrgStore::GetDepartment(sql, d.id)) d = *saved;
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {before == "{}" ? "org.department.create" : "org.department.update",
                          "department", std::to_string(d.id), before, ToJson(d).dump()});
  });
  if (!s.ok()) return s;
  return d;
}

Result<std::pair<std::vector<User>, int64_t>> OrgService::Users(const UserFilter& f) {
  std::string now = FormatTimestamp(clock_.NowSeconds());
  return db_.Query<std::pair<std::vector<User>, int64_t>>(
      [&](soci::session& sql) -> Result<std::pair<std::vector<User>, int64_t>> {
        return OrgStore::ListUsers(sql, f, now);
      });
}

Result<User> OrgService::GetUser(int64_t id) {
  std::string now = FormatTimestamp(clock_.NowSeconds());
  return db_.Query<User>([&](soci::session& sql) -> Result<User> {
    std::optional<User> u = OrgStore::GetUser(sql, id, now);
    if (!u) return Status::NotFound("职工", "staff member");
    return *u;
  });
}

Status OrgService::ValidateUser(soci::session& sql, const User& u, bool creating, Validation& v) {
  if (creating && !u.username.empty()) {
    if (!ValidUsername(u.username)) {
      v.Fail("username", "工号只能包含字母、数字、下划线、点和连字符",
             "username may only contain letters, digits, _ . and -");
    } else if (OrgStore::UsernameExists(sql, u.username)) {
      v.Fail("username", "工号已存在", "username already exists");
    }
  }
  if (u.name.empty() || Utf8Length(u.name) > 50) {
    v.Fail("name", "姓名不能为空且不超过50个字", "name is required, at most 50 characters");
  }
  if (creating && u.username.empty()) v.Fail("username", "工号不能为空", "username is required");
  if (!ValidPhone(u.phone)) v.Fail("phone", "手机号码格式不正确", "invalid phone number");
  if (u.department_id != 0 && !OrgStore::GetDepartment(sql, u.department_id)) {
    v.Fail("department_id", "所属科室不存在", "department does not exist");
  }
  auth::Scope scope;
  if (!u.scope.empty() && !auth::ParseScope(u.scope, &scope)) {
    v.Fail("scope", "数据范围无效", "invalid data scope");
  }
  std::vector<Role> roles = OrgStore::ListRoles(sql);
  for (const std::string& r : u.roles) {
    bool known =
        std::any_of(roles.begin(), roles.end(), [&](const Role& x) { return x.code == r; });
    if (!known) v.Fail("roles", "角色不存在：" + r, "unknown role: " + r);
  }
  return Status::Ok();
}

Result<User> OrgService::SaveUser(const auth::Actor& actor, User u, const std::string& password) {
  bool creating = u.id == 0;
  std::vector<std::string> roles;  // ["staff","staff"] means staff, not a duplicate-key error
  for (const std::string& r : u.roles) {
    if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  }
  u.roles = std::move(roles);
  std::string now = FormatTimestamp(clock_.NowSeconds());
  std::string hash;
  if (creating || !password.empty()) {
    YW_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password, u.username));
    hash = auth::HashPassword(password);
  }
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    Validation v;
    YW_RETURN_IF_ERROR(ValidateUser(sql, u, creating, v));
    YW_RETURN_IF_ERROR(v.ToStatus());
    std::string before = "{}";
    if (creating) {
      u.id = OrgStore::InsertUser(sql, u, hash, now);
    } else {
      std::optional<User> old = OrgStore::GetUser(sql, u.id, now);
      if (!old) return Status::NotFound("职工", "staff member");
      before = ToJson(*old, false).dump();
      u.username = old->username;  // the 工号 never changes
      OrgStore::UpdateUser(sql, u);
      if (!hash.empty()) OrgStore::SetPasswordHash(sql, u.id, hash);
    }
    std::optional<User> saved = OrgStore::GetUser(sql, u.id, now);
    if (saved) u = *saved;
    http::Json after = ToJson(u, false);
    if (!hash.empty()) after["password"] = "changed";
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {creating ? "org.user.create" : "org.user.update", "app_user",
                          std::to_string(u.id), before, after.dump()});
  });
  if (!s.ok()) return s;
  return u;
}

Status OrgService::Unlock(const auth::Actor& actor, int64_t id) {
  std::string now = FormatTimestamp(clock_.NowSeconds());
  return db_.Transact([&](soci::session& sql) -> Status {
    if (!OrgStore::GetUser(sql, id, now)) return Status::NotFound("职工", "staff member");
    OrgStore::Unlock(sql, id);
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"org.user.unlock", "app_user", std::to_string(id), "{}", "{}"});
  });
}

Result<int> OrgService::ImportUsers(const auth::Actor& actor, const tabular::Table& table) {
  static const char* kRequired[] = {"工号", "姓名", "科室编码", "角色", "数据范围"};
  Validation header;
  for (const char* col : kRequired) {
    if (table.Column(col) < 0) {
      header.Fail(std::string("表头/") + col, std::string("缺少列：") + col,
                  std::string("missing column: ") + col);
    }
  }
  YW_RETURN_IF_ERROR(header.ToStatus());
  if (table.rows.empty())
    return Status::Invalid("file", "文件中没有数据行", "the file has no data rows");
  if (table.rows.size() > 20000) {
    return Status::Invalid("file", "一次最多导入20000行", "at most 20000 rows per import");
  }
  auto cell = [&](const tabular::Row& r, const char* col) -> std::string {
    int i = table.Column(col);
    return i >= 0 && static_cast<size_t>(i) < r.cells.size() ? Trim(r.cells[i]) : "";
  };
  static const std::map<std::string, std::string> kScopeNames = {{"本人", "self"},
                                                                 {"本科室", "dept"},
                                                                 {"本科室及下级", "dept_tree"},
                                                                 {"本院区", "campus"},
                                                                 {"全院", "all"}};
  std::string now = FormatTimestamp(clock_.NowSeconds());
  int imported = 0;
  // Passwords are hashed before the transaction: argon2 is slow and must not hold the writer.
  std::vector<std::string> hashes;
  for (const tabular::Row& r : table.rows) {
    std::string pw = cell(r, "初始密码");
    hashes.push_back(pw.empty() ? "" : auth::HashPassword(pw));
  }
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    Validation v;
    std::vector<Department> depts = OrgStore::ListDepartments(sql);
    std::set<std::string> seen;
    std::vector<User> users;
    for (const tabular::Row& r : table.rows) {
      std::string where = "第" + std::to_string(r.line) + "行";
      std::string where_en = "row " + std::to_string(r.line);
      auto fail = [&](const char* col, const std::string& zh, const std::string& en) {
        v.Fail(where_en + " / " + col, where + "「" + col + "」" + zh,
               where_en + " " + col + ": " + en);
      };
      User u;
      u.username = cell(r, "工号");
      u.name = cell(r, "姓名");
      u.phone = cell(r, "手机");
      if (!ValidUsername(u.username))
        fail("工号", "为空或含非法字符", "empty or invalid");
      else if (!seen.insert(u.username).second)
        fail("工号", "在文件中重复", "duplicated in the file");
      else if (OrgStore::UsernameExists(sql, u.username))
        fail("工号", "已存在", "already exists");
      if (u.name.empty() || Utf8Length(u.name) > 50)
        fail("姓名", "不能为空且不超过50字", "required, at most 50 characters");
      if (!ValidPhone(u.phone)) fail("手机", "格式不正确", "invalid phone number");
      std::string code = cell(r, "科室编码");
      auto dept = std::find_if(depts.begin(), depts.end(),
                               [&](const Department& d) { return d.code == code; });
      if (dept == depts.end())
        fail("科室编码", "不存在：" + code, "unknown department code " + code);
      else
        u.department_id = dept->id;
      for (const std::string& role : Split(cell(r, "角色"), '|')) {
        if (!Trim(role).empty()) u.roles.push_back(Trim(role));
      }
      std::vector<Role> roles = OrgStore::ListRoles(sql);
      for (const std::string& role : u.roles) {
        bool known = std::any_of(roles.begin(), roles.end(),
                                 [&](const Role& x) { return x.code == role || x.name == role; });
        if (!known) fail("角色", "不存在：" + role, "unknown role " + role);
      }
      for (std::string& role : u.roles) {
        for (const Role& x : roles) {
          if (x.name == role) role = x.code;
        }
      }
      std::string scope = cell(r, "数据范围");
      auto sc = kScopeNames.find(scope);
      auth::Scope parsed;
      if (sc != kScopeNames.end())
        u.scope = sc->second;
      else if (auth::ParseScope(scope, &parsed))
        u.scope = scope;
      else
        fail("数据范围", "必须是本人/本科室/本科室及下级/本院区/全院",
             "must be one of self/dept/dept_tree/campus/all");
      std::string pw = cell(r, "初始密码");
      if (!pw.empty()) {
        Status ps = auth::CheckPasswordPolicy(pw, u.username);
        if (!ps.ok()) fail("初始密码", ps.message(), ps.message_en());
      }
      users.push_back(std::move(u));
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    for (size_t i = 0; i < users.size(); ++i) {
      // Without an initial password the account cannot sign in until an administrator sets one.
      users[i].id = OrgStore::InsertUser(sql, users[i], hashes[i].empty() ? "!" : hashes[i], now);
      ++imported;
    }
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"org.user.import", "app_user", "", "{}",
                          "{\"imported\":" + std::to_string(imported) + "}"});
  });
  if (!s.ok()) return s;
  return imported;
}

Result<std::vector<Role>> OrgService::Roles() {
  return db_.Query<std::vector<Role>>(
      [](soci::session& sql) -> Result<std::vector<Role>> { return OrgStore::ListRoles(sql); });
}

Result<Role> OrgService::SaveRole(const auth::Actor& actor, Role r) {
  Validation v;
  for (const std::string& p : r.permissions) {
    if (std::find(known_permissions_.begin(), known_permissions_.end(), p) ==
        known_permissions_.end()) {
      v.Fail("permissions", "未知权限：" + p, "unknown permission: " + p);
    }
  }
  if (r.name.empty()) v.Fail("name", "角色名称不能为空", "role name is required");
  YW_RETURN_IF_ERROR(v.ToStatus());
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    std::vector<Role> roles = OrgStore::ListRoles(sql);
    auto it =
        std::find_if(roles.begin(), roles.end(), [&](const Role& x) { return x.code == r.code; });
    if (it == roles.end()) return Status::NotFound("角色", "role");
    if (r.code == "admin") {
      return Status::Precondition("系统管理员角色不可修改", "the admin role cannot be changed");
    }
    OrgStore::UpdateRole(sql, r);
    r.name_en = it->name_en;
    r.builtin = it->builtin;
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"org.role.update", "role", r.code, ToJson(*it).dump(), ToJson(r).dump()});
  });
  if (!s.ok()) return s;
  return r;
}

Result<DeptScope> OrgService::ScopeOf(const auth::Principal& p) {
  YW_ASSIGN_OR_RETURN(std::vector<Department> depts, Departments());
  return ScopeFor(p, depts);
}

}  // namespace yuanwu::org

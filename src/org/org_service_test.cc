#include "org/org_service.h"

#include <gtest/gtest.h>

#include "platform/audit/audit_log.h"
#include "platform/auth/password.h"
#include "platform/base/time.h"
#include "platform/db/test_db.h"
#include "platform/tabular/table.h"

namespace yuanwu::org {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;
using testdb::FieldNames;
using Strings = std::vector<std::string>;

constexpr int64_t kNow = 1773108000;  // 2026-03-10T02:00:00Z, 10:00 in Beijing

const auth::Actor kAdmin{1, "管理员", "10.0.0.1"};

// The reason (zh) given for `field`, or "" when the field is not named.
std::string ReasonFor(const Status& s, const std::string& field) {
  for (const FieldError& f : s.fields()) {
    if (f.field == field) return f.reason;
  }
  return "";
}

std::string ReasonEnFor(const Status& s, const std::string& field) {
  for (const FieldError& f : s.fields()) {
    if (f.field == field) return f.reason_en;
  }
  return "";
}

class OrgServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  OrgServiceTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    org_ = std::make_unique<OrgService>(
        *db_, clock_, Strings{"org.read", "disclosure.item.read", "disclosure.item.draft"});
    Campus c;
    c.code = "MAIN";
    c.name = "本部院区";
    Result<Campus> saved = org_->SaveCampus(kAdmin, c);
    ASSERT_TRUE(saved.ok()) << Describe(saved.status());
    campus_ = saved->id;
  }

  int64_t Audit() { return CountRows(*db_, "audit_log"); }
  int64_t Departments() { return CountRows(*db_, "department"); }
  int64_t Users() { return CountRows(*db_, "app_user"); }

  // The newest audit entry.
  audit::Entry LastAudit() {
    audit::Filter f;
    f.limit = 1;
    auto r = audit::List(*db_, f);
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    if (!r.ok() || r->first.empty()) return {};
    return r->first.front();
  }

  Department Dept(const std::string& code, int64_t parent = 0) {
    Department d;
    d.code = code;
    d.name = "科室" + code;
    d.campus_id = campus_;
    d.parent_id = parent;
    return d;
  }

  int64_t MustSaveDept(const std::string& code, int64_t parent = 0) {
    Result<Department> d = org_->SaveDepartment(kAdmin, Dept(code, parent));
    EXPECT_TRUE(d.ok()) << code << ": " << Describe(d.status());
    return d.ok() ? d->id : 0;
  }

  User NewUser(const std::string& username, int64_t dept) {
    User u;
    u.username = username;
    u.name = "职工" + username;
    u.phone = "13800000000";
    u.department_id = dept;
    u.scope = "dept";
    u.roles = {"staff"};
    return u;
  }

  std::string PasswordHash(int64_t user_id) {
    std::string hash;
    Status s = db_->Read([&](soci::session& sql) {
      long long id = user_id;
      sql << "SELECT password_hash FROM app_user WHERE id = :id", soci::use(id), soci::into(hash);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << Describe(s);
    return hash;
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
  std::unique_ptr<OrgService> org_;
  int64_t campus_ = 0;
};

// ---- Campuses and departments ----

TEST_P(OrgServiceTest, SaveCampusCreatesAndUpdatesWithAuditEntries) {
  EXPECT_EQ(Audit(), 1);  // the campus of SetUp
  EXPECT_EQ(LastAudit().change.action, "org.campus.create");
  Campus c;
  c.id = campus_;
  c.code = "MAIN";
  c.name = "本部院区（新址）";
  ASSERT_TRUE(org_->SaveCampus(kAdmin, c).ok());
  EXPECT_EQ(Audit(), 2);
  audit::Entry e = LastAudit();
  EXPECT_EQ(e.change.action, "org.campus.update");
  EXPECT_EQ(e.change.entity, "campus");
  EXPECT_EQ(e.change.entity_id, std::to_string(campus_));
  EXPECT_NE(e.change.before_json.find("本部院区"), std::string::npos);
  EXPECT_NE(e.change.after_json.find("新址"), std::string::npos);
  EXPECT_EQ(e.actor_name, "管理员");
  EXPECT_EQ(e.at, FormatTimestamp(kNow));

  Campus gone = c;
  gone.id = 999;
  gone.code = "GONE";
  Result<Campus> missing = org_->SaveCampus(kAdmin, gone);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);

  Campus twin;  // a second campus may not take the code of the first
  twin.code = "MAIN";
  twin.name = "分院";
  Result<Campus> dup = org_->SaveCampus(kAdmin, twin);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(FieldNames(dup.status()), (Strings{"code"}));
  EXPECT_EQ(CountRows(*db_, "campus"), 1);
  EXPECT_EQ(Audit(), 2);
}

TEST_P(OrgServiceTest, SaveDepartmentCreatesWithAnAuditEntry) {
  int64_t before = Audit();
  Result<Department> d = org_->SaveDepartment(kAdmin, Dept("NK"));
  ASSERT_TRUE(d.ok()) << Describe(d.status());
  EXPECT_GT(d->id, 0);
  EXPECT_EQ(Audit(), before + 1);
  audit::Entry e = LastAudit();
  EXPECT_EQ(e.change.action, "org.department.create");
  EXPECT_EQ(e.change.entity, "department");
  EXPECT_EQ(e.change.entity_id, std::to_string(d->id));
  EXPECT_EQ(e.change.before_json, "{}");

  Result<std::vector<Department>> all = org_->Departments();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].code, "NK");
  EXPECT_EQ((*all)[0].parent_id, 0);
  EXPECT_EQ((*all)[0].campus_id, campus_);
}

TEST_P(OrgServiceTest, SaveDepartmentRefusesAnUnknownCampusAndWritesNothing) {
  int64_t audit_before = Audit();
  Department d = Dept("NK");
  d.campus_id = campus_ + 100;
  Result<Department> r = org_->SaveDepartment(kAdmin, d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldNames(r.status()), (Strings{"campus_id"}));
  EXPECT_EQ(ReasonFor(r.status(), "campus_id"), "所属院区不存在");
  EXPECT_EQ(Departments(), 0);
  EXPECT_EQ(Audit(), audit_before);
}

TEST_P(OrgServiceTest, SaveDepartmentRefusesAnUnknownParent) {
  int64_t audit_before = Audit();
  Result<Department> r = org_->SaveDepartment(kAdmin, Dept("NK", 4242));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), (Strings{"parent_id"}));
  EXPECT_EQ(ReasonEnFor(r.status(), "parent_id"), "parent department does not exist");
  EXPECT_EQ(Departments(), 0);
  EXPECT_EQ(Audit(), audit_before);
}

TEST_P(OrgServiceTest, SaveDepartmentRefusesParentCyclesAndWritesNothing) {
  int64_t a = MustSaveDept("A");
  int64_t b = MustSaveDept("B", a);
  int64_t c = MustSaveDept("C", b);
  int64_t audit_before = Audit();

  struct Case {
    int64_t id;
    const char* code;
    int64_t new_parent;
    const char* reason_en;
  };
  const Case cases[] = {
      {a, "A", a, "a department cannot be its own parent"},
      {a, "A", c, "parent would create a cycle"},  // grandchild
      {a, "A", b, "parent would create a cycle"},  // child
      {b, "B", c, "parent would create a cycle"},
  };
  for (const Case& k : cases) {
    Department d = Dept(k.code, k.new_parent);
    d.id = k.id;
    Result<Department> r = org_->SaveDepartment(kAdmin, d);
    ASSERT_FALSE(r.ok()) << k.code << " under " << k.new_parent;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(FieldNames(r.status()), (Strings{"parent_id"}));
    EXPECT_EQ(ReasonEnFor(r.status(), "parent_id"), k.reason_en);
  }
  EXPECT_EQ(Audit(), audit_before);
  Result<std::vector<Department>> all = org_->Departments();
  ASSERT_TRUE(all.ok());
  for (const Department& d : *all) {
    int64_t expected = d.id == a ? 0 : d.id == b ? a : b;
    EXPECT_EQ(d.parent_id, expected) << d.code;
  }

  // A legal move: C directly under A.
  Department moved = Dept("C", a);
  moved.id = c;
  Result<Department> r = org_->SaveDepartment(kAdmin, moved);
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(Audit(), audit_before + 1);
  EXPECT_EQ(LastAudit().change.action, "org.department.update");
}

TEST_P(OrgServiceTest, SaveDepartmentRefusesADuplicateCode) {
  int64_t nk = MustSaveDept("NK");
  int64_t wk = MustSaveDept("WK");
  int64_t audit_before = Audit();

  Result<Department> dup = org_->SaveDepartment(kAdmin, Dept("NK"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(FieldNames(dup.status()), (Strings{"code"}));
  EXPECT_EQ(ReasonFor(dup.status(), "code"), "科室编码已存在");

  Department rename = Dept("NK");  // WK taking NK's code
  rename.id = wk;
  Result<Department> r = org_->SaveDepartment(kAdmin, rename);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), (Strings{"code"}));
  EXPECT_EQ(Departments(), 2);
  EXPECT_EQ(Audit(), audit_before);

  // Keeping its own code is fine.
  Department same = Dept("NK");
  same.id = nk;
  same.name = "大内科";
  ASSERT_TRUE(org_->SaveDepartment(kAdmin, same).ok());
  EXPECT_EQ(Audit(), audit_before + 1);
}

TEST_P(OrgServiceTest, SaveDepartmentReportsEveryBadFieldAtOnce) {
  MustSaveDept("NK");
  int64_t audit_before = Audit();
  Department d = Dept("NK", 4242);
  d.campus_id = 777;
  Result<Department> r = org_->SaveDepartment(kAdmin, d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), (Strings{"campus_id", "parent_id", "code"}));
  EXPECT_EQ(r.status().message_en(), "campus does not exist (3 errors)");
  EXPECT_EQ(Departments(), 1);
  EXPECT_EQ(Audit(), audit_before);
}

TEST_P(OrgServiceTest, DepartmentHeadIsAnActiveUserAndImportsLeaveItAlone) {
  int64_t dept = MustSaveDept("NK");
  Result<User> head = org_->SaveUser(kAdmin, NewUser("1001", dept), "Passw0rd-2026");
  ASSERT_TRUE(head.ok()) << Describe(head.status());
  Department d = Dept("NK");
  d.id = dept;
  d.head_given = true;
  d.head_user_id = 4242;
  EXPECT_EQ(FieldNames(org_->SaveDepartment(kAdmin, d).status()),
            std::vector<std::string>{"head_user_id"});
  d.head_user_id = head->id;
  Result<Department> saved = org_->SaveDepartment(kAdmin, d);
  ASSERT_TRUE(saved.ok()) << Describe(saved.status());
  EXPECT_EQ(saved->head_user_id, head->id);
  EXPECT_EQ(saved->head_name, "职工1001");
  EXPECT_NE(LastAudit().change.after_json.find("\"head_user_id\":" + std::to_string(head->id)),
            std::string::npos);
  // A save that does not mention the head (the department import) keeps it.
  Department renamed = Dept("NK");
  renamed.id = dept;
  renamed.name = "心血管内科";
  saved = org_->SaveDepartment(kAdmin, renamed);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->head_user_id, head->id);
  d.head_user_id = 0;
  saved = org_->SaveDepartment(kAdmin, d);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->head_user_id, 0);
}

TEST_P(OrgServiceTest, UpdatingAMissingDepartmentIsNotFound) {
  Department d = Dept("NK");
  d.id = 4242;
  EXPECT_EQ(org_->SaveDepartment(kAdmin, d).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Departments(), 0);
}

// ---- Users ----

TEST_P(OrgServiceTest, SaveUserAppliesThePasswordPolicyAndWritesNothingOnFailure) {
  int64_t dept = MustSaveDept("NK");
  int64_t audit_before = Audit();
  struct Case {
    const char* password;
    const char* reason_en;
  };
  const Case cases[] = {
      {"", "password must be at least 10 characters with letters and digits"},
      {"abc123", "password must be at least 10 characters with letters and digits"},
      {"abcdefghijkl", "password must be at least 10 characters with letters and digits"},
      {"1234567890123", "password must be at least 10 characters with letters and digits"},
      {"Xzhangsan2026", "password must not contain the username"},
      {"ZHANGSAN-2026x", "password must not contain the username"},  // case-insensitive
  };
  for (const Case& c : cases) {
    Result<User> r = org_->SaveUser(kAdmin, NewUser("zhangsan", dept), c.password);
    ASSERT_FALSE(r.ok()) << "password \"" << c.password << "\" was accepted";
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(FieldNames(r.status()), (Strings{"password"})) << c.password;
    EXPECT_EQ(r.status().message_en(), c.reason_en) << c.password;
  }
  Result<User> too_long =
      org_->SaveUser(kAdmin, NewUser("zhangsan", dept), "a1" + std::string(127, 'b'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().message_en(), "password must be at most 128 characters");
  EXPECT_EQ(Users(), 0);
  EXPECT_EQ(Audit(), audit_before);
}

TEST_P(OrgServiceTest, SaveUserCreatesWithAHashedPasswordAndAnAuditEntry) {
  int64_t dept = MustSaveDept("NK");
  int64_t audit_before = Audit();
  User u = NewUser("zhangsan", dept);
  u.roles = {"reviewer", "staff"};
  Result<User> r = org_->SaveUser(kAdmin, u, "Yuanwu2026ok");
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_GT(r->id, 0);
  EXPECT_EQ(r->department_name, "科室NK");
  EXPECT_EQ(r->campus_id, campus_);
  EXPECT_EQ(r->roles, (Strings{"reviewer", "staff"}));
  EXPECT_EQ(Users(), 1);
  EXPECT_EQ(Audit(), audit_before + 1);

  std::string hash = PasswordHash(r->id);
  EXPECT_NE(hash, "Yuanwu2026ok");
  EXPECT_TRUE(auth::VerifyPassword("Yuanwu2026ok", hash));

  audit::Entry e = LastAudit();
  EXPECT_EQ(e.change.action, "org.user.create");
  EXPECT_EQ(e.change.entity, "app_user");
  EXPECT_EQ(e.change.entity_id, std::to_string(r->id));
  EXPECT_NE(e.change.after_json.find("\"password\":\"changed\""), std::string::npos);
  EXPECT_EQ(e.change.after_json.find("Yuanwu2026ok"), std::string::npos);  // never the secret
  EXPECT_EQ(e.change.after_json.find(hash), std::string::npos);            // nor its hash
}

TEST_P(OrgServiceTest, SaveUserUpdateKeepsThePasswordUnlessANewOneIsGiven) {
  int64_t dept = MustSaveDept("NK");
  Result<User> created = org_->SaveUser(kAdmin, NewUser("zhangsan", dept), "Yuanwu2026ok");
  ASSERT_TRUE(created.ok()) << Describe(created.status());
  std::string hash = PasswordHash(created->id);
  int64_t audit_before = Audit();

  User u = *created;
  u.name = "张三丰";
  u.username = "renamed";  // the 工号 never changes
  Result<User> updated = org_->SaveUser(kAdmin, u, "");
  ASSERT_TRUE(updated.ok()) << Describe(updated.status());
  EXPECT_EQ(updated->name, "张三丰");
  EXPECT_EQ(updated->username, "zhangsan");
  EXPECT_EQ(PasswordHash(created->id), hash);
  EXPECT_EQ(Audit(), audit_before + 1);
  audit::Entry e = LastAudit();
  EXPECT_EQ(e.change.action, "org.user.update");
  EXPECT_EQ(e.change.after_json.find("password"), std::string::npos);

  // A new password must meet the policy; a refused one changes nothing.
  u.name = "不应保存";
  Result<User> weak = org_->SaveUser(kAdmin, u, "short1");
  EXPECT_EQ(weak.status().code(), StatusCode::kInvalidArgument);
  Result<User> again = org_->GetUser(created->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->name, "张三丰");
  EXPECT_EQ(Audit(), audit_before + 1);

  ASSERT_TRUE(org_->SaveUser(kAdmin, u, "NewPassw0rd99").ok());
  EXPECT_TRUE(auth::VerifyPassword("NewPassw0rd99", PasswordHash(created->id)));
  EXPECT_EQ(Audit(), audit_before + 2);
  EXPECT_NE(LastAudit().change.after_json.find("\"password\":\"changed\""), std::string::npos);
}

TEST_P(OrgServiceTest, SaveUserReportsEveryBadField) {
  int64_t dept = MustSaveDept("NK");
  ASSERT_TRUE(org_->SaveUser(kAdmin, NewUser("lisi", dept), "Yuanwu2026ok").ok());
  int64_t audit_before = Audit();

  User u = NewUser("lisi", dept + 100);  // duplicate username, unknown department
  u.phone = "call me";
  u.scope = "everyone";
  u.roles = {"staff", "janitor"};
  Result<User> r = org_->SaveUser(kAdmin, u, "Yuanwu2026ok");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()),
            (Strings{"username", "phone", "department_id", "scope", "roles"}));
  EXPECT_EQ(ReasonFor(r.status(), "username"), "工号已存在");
  EXPECT_EQ(ReasonFor(r.status(), "roles"), "角色不存在：janitor");

  User bad_name = NewUser("张三", dept);
  Result<User> r2 = org_->SaveUser(kAdmin, bad_name, "Yuanwu2026ok");
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(FieldNames(r2.status()), (Strings{"username"}));
  EXPECT_EQ(Users(), 1);
  EXPECT_EQ(Audit(), audit_before);
}

TEST_P(OrgServiceTest, UnlockAndSaveRoleAppendAuditEntries) {
  int64_t dept = MustSaveDept("NK");
  Result<User> u = org_->SaveUser(kAdmin, NewUser("wangwu", dept), "Yuanwu2026ok");
  ASSERT_TRUE(u.ok());
  int64_t audit_before = Audit();

  ASSERT_TRUE(org_->Unlock(kAdmin, u->id).ok());
  EXPECT_EQ(Audit(), audit_before + 1);
  EXPECT_EQ(LastAudit().change.action, "org.user.unlock");
  EXPECT_EQ(org_->Unlock(kAdmin, u->id + 100).code(), StatusCode::kNotFound);
  EXPECT_EQ(Audit(), audit_before + 1);

  Role staff;
  staff.code = "staff";
  staff.name = "职工";
  staff.permissions = {"org.read"};
  Result<Role> saved = org_->SaveRole(kAdmin, staff);
  ASSERT_TRUE(saved.ok()) << Describe(saved.status());
  EXPECT_TRUE(saved->builtin);
  EXPECT_EQ(Audit(), audit_before + 2);
  EXPECT_EQ(LastAudit().change.action, "org.role.update");

  staff.permissions = {"org.read", "launch.missiles"};
  Result<Role> unknown = org_->SaveRole(kAdmin, staff);
  EXPECT_EQ(FieldNames(unknown.status()), (Strings{"permissions"}));
  Role admin = staff;
  admin.code = "admin";
  admin.permissions = {"org.read"};
  EXPECT_EQ(org_->SaveRole(kAdmin, admin).status().code(), StatusCode::kFailedPrecondition);
  Role ghost = staff;
  ghost.code = "ghost";
  ghost.permissions = {};
  EXPECT_EQ(org_->SaveRole(kAdmin, ghost).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Audit(), audit_before + 2);

  Result<audit::VerifyReport> v = audit::Verify(*db_);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->checked, Audit());
}

// ---- ImportUsers ----

const Strings kImportHeader = {"工号", "姓名", "科室编码", "手机", "角色", "数据范围", "初始密码"};

tabular::Table ImportTable(std::vector<tabular::Row> rows) {
  tabular::Table t;
  t.header = kImportHeader;
  t.rows = std::move(rows);
  return t;
}

TEST_P(OrgServiceTest, ImportUsersImportsEveryRowWithOneAuditEntry) {
  int64_t nk = MustSaveDept("NK");
  int64_t wk = MustSaveDept("WK");
  int64_t audit_before = Audit();
  tabular::Table t = ImportTable({
      {2, {"d001", "王小明", "NK", "13800000001", "保密审查员|staff", "本科室", ""}},
      {3, {"d002", "李小红", "WK", "", "approver", "本科室及下级", "Passw0rd2026"}},
      {4, {" d003 ", "赵六", "NK", "010-12345678", "", "all", ""}},  // cells are trimmed
  });
  Result<int> n = org_->ImportUsers(kAdmin, t);
  ASSERT_TRUE(n.ok()) << Describe(n.status());
  EXPECT_EQ(*n, 3);
  EXPECT_EQ(Users(), 3);
  EXPECT_EQ(Audit(), audit_before + 1);
  audit::Entry e = LastAudit();
  EXPECT_EQ(e.change.action, "org.user.import");
  EXPECT_EQ(e.change.after_json, "{\"imported\":3}");

  UserFilter f;
  f.limit = 10;
  auto users = org_->Users(f);
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->first.size(), 3u);  // ordered by username
  const User& a = users->first[0];
  EXPECT_EQ(a.username, "d001");
  EXPECT_EQ(a.department_id, nk);
  EXPECT_EQ(a.scope, "dept");
  EXPECT_EQ(a.roles, (Strings{"reviewer", "staff"}));  // role names map to codes
  const User& b = users->first[1];
  EXPECT_EQ(b.department_id, wk);
  EXPECT_EQ(b.scope, "dept_tree");
  EXPECT_EQ(b.roles, (Strings{"approver"}));
  EXPECT_EQ(users->first[2].username, "d003");
  EXPECT_EQ(users->first[2].scope, "all");
  EXPECT_TRUE(users->first[2].roles.empty());

  // Without an initial password the account cannot sign in; with one it can.
  EXPECT_EQ(PasswordHash(a.id), "!");
  EXPECT_TRUE(auth::VerifyPassword("Passw0rd2026", PasswordHash(b.id)));
}

TEST_P(OrgServiceTest, ImportUsersIsAllOrNothingWithEveryRowsReasons) {
  MustSaveDept("NK");
  ASSERT_TRUE(org_->SaveUser(kAdmin, NewUser("exists", 0), "Yuanwu2026ok").ok());
  int64_t users_before = Users();
  int64_t audit_before = Audit();
  tabular::Table t = ImportTable({
      {2, {"d001", "王小明", "NK", "13800000001", "staff", "本科室", ""}},  // good
      {3, {"d002", "李小红", "XX", "", "staff", "本科室", ""}},             // unknown dept
      {4, {"d001", "重复", "NK", "", "staff", "本科室", ""}},               // duplicate in file
      {5, {"exists", "已有", "NK", "", "staff", "本科室", ""}},             // already in DB
      {6, {"d005", "", "NK", "abc", "厨师", "全科", ""}},                   // four bad cells
      {7, {"d006", "钱七", "NK", "", "staff", "本人", "d006abcdefg1"}},     // password has 工号
      {9, {"bad name", "孙八", "NK", "", "staff", "self", ""}},             // line numbers kept
  });
  Result<int> n = org_->ImportUsers(kAdmin, t);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(
      FieldNames(n.status()),
      (Strings{"row 3 / 科室编码", "row 4 / 工号", "row 5 / 工号", "row 6 / 姓名", "row 6 / 手机",
               "row 6 / 角色", "row 6 / 数据范围", "row 7 / 初始密码", "row 9 / 工号"}));
  EXPECT_EQ(ReasonFor(n.status(), "row 3 / 科室编码"), "第3行「科室编码」不存在：XX");
  EXPECT_EQ(ReasonFor(n.status(), "row 4 / 工号"), "第4行「工号」在文件中重复");
  EXPECT_EQ(ReasonFor(n.status(), "row 5 / 工号"), "第5行「工号」已存在");
  EXPECT_EQ(ReasonFor(n.status(), "row 6 / 角色"), "第6行「角色」不存在：厨师");
  EXPECT_EQ(ReasonEnFor(n.status(), "row 6 / 数据范围"),
            "row 6 数据范围: must be one of self/dept/dept_tree/campus/all");
  EXPECT_EQ(ReasonEnFor(n.status(), "row 7 / 初始密码"),
            "row 7 初始密码: password must not contain the username");
  EXPECT_EQ(n.status().message(), "第3行「科室编码」不存在：XX（共9处错误）");
  EXPECT_EQ(Users(), users_before);  // not even the good row 2
  EXPECT_EQ(Audit(), audit_before);
}

TEST_P(OrgServiceTest, ImportUsersChecksTheHeaderAndEmptyFiles) {
  tabular::Table missing;
  missing.header = {"工号", "姓名", "手机"};
  missing.rows = {{2, {"d001", "王小明", ""}}};
  Result<int> r = org_->ImportUsers(kAdmin, missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldNames(r.status()), (Strings{"表头/科室编码", "表头/角色", "表头/数据范围"}));
  EXPECT_EQ(ReasonFor(r.status(), "表头/角色"), "缺少列：角色");

  Result<int> empty = org_->ImportUsers(kAdmin, ImportTable({}));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(FieldNames(empty.status()), (Strings{"file"}));
  EXPECT_EQ(Users(), 0);
}

TEST_P(OrgServiceTest, ImportUsersFromACsvWithBomQuotedCommasAndCrlf) {
  int64_t nk = MustSaveDept("NK");
  const std::string csv =
      "\xEF\xBB\xBF"
      "工号,姓名,科室编码,手机,角色,数据范围\r\n"
      "d001,\"王, 小明\",NK,13800000001,\"保密审查员|职工\",本科室\r\n"
      "\r\n"  // blank lines are skipped
      "d002,\"李\"\"小红\"\"\",NK,,staff,本院区\r\n";
  Result<tabular::Table> t = tabular::ParseCsv(csv);
  ASSERT_TRUE(t.ok()) << Describe(t.status());
  ASSERT_EQ(t->Column("工号"), 0);  // the BOM is not part of the first header
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[1].line, 4);

  Result<int> n = org_->ImportUsers(kAdmin, *t);
  ASSERT_TRUE(n.ok()) << Describe(n.status());
  EXPECT_EQ(*n, 2);
  UserFilter f;
  auto users = org_->Users(f);
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->first.size(), 2u);
  EXPECT_EQ(users->first[0].name, "王, 小明");
  EXPECT_EQ(users->first[0].phone, "13800000001");  // no stray \r
  EXPECT_EQ(users->first[0].roles, (Strings{"reviewer", "staff"}));
  EXPECT_EQ(users->first[0].department_id, nk);
  EXPECT_EQ(users->first[1].name, "李\"小红\"");
  EXPECT_EQ(users->first[1].scope, "campus");
}

TEST_P(OrgServiceTest, ImportUsersFromACsvNamesTheEditorLineOfABadRow) {
  MustSaveDept("NK");
  const std::string csv =
      "\xEF\xBB\xBF工号,姓名,科室编码,手机,角色,数据范围\r\n"
      "d001,\"两行\r\n的姓名\",NK,,staff,本人\r\n"  // a quoted newline: the row spans lines 2–3
      "d002,李四,NOPE,,staff,本人\r\n";             // so this is line 4 in an editor
  Result<tabular::Table> t = tabular::ParseCsv(csv);
  ASSERT_TRUE(t.ok()) << Describe(t.status());
  Result<int> n = org_->ImportUsers(kAdmin, *t);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(FieldNames(n.status()), (Strings{"row 4 / 科室编码"}));
  EXPECT_EQ(Users(), 0);
}

TEST_P(OrgServiceTest, ScopeOfReadsTheDepartmentTree) {
  int64_t a = MustSaveDept("A");
  int64_t b = MustSaveDept("B", a);
  int64_t c = MustSaveDept("C", b);
  MustSaveDept("D");
  auth::Principal p;
  p.user_id = 5;
  p.department_id = a;
  p.campus_id = campus_;
  p.scope = auth::Scope::kDeptTree;
  Result<DeptScope> s = org_->ScopeOf(p);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->departments, (std::set<int64_t>{a, b, c}));
}

INSTANTIATE_TEST_SUITE_P(Db, OrgServiceTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

}  // namespace
}  // namespace yuanwu::org

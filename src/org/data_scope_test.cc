#include "org/data_scope.h"

#include <gtest/gtest.h>

namespace yuanwu::org {
namespace {

using Ids = std::set<int64_t>;

// Campus 1: 内科(10) ─ 心内科(11) ─ 心内一病区(12)
//                   └ 呼吸科(13)
//           外科(20)
// Campus 2: 分院内科(30) ─ 分院心内科(31)
Department Dept(int64_t id, int64_t campus, int64_t parent) {
  Department d;
  d.id = id;
  d.code = "D" + std::to_string(id);
  d.name = "科室" + std::to_string(id);
  d.campus_id = campus;
  d.parent_id = parent;
  return d;
}

std::vector<Department> Tree() {
  return {Dept(10, 1, 0), Dept(11, 1, 10), Dept(12, 1, 11), Dept(13, 1, 10),
          Dept(20, 1, 0), Dept(30, 2, 0),  Dept(31, 2, 30)};
}

auth::Principal User(auth::Scope scope, int64_t department_id, int64_t campus_id) {
  auth::Principal p;
  p.user_id = 7;
  p.name = "张三";
  p.department_id = department_id;
  p.campus_id = campus_id;
  p.scope = scope;
  return p;
}

TEST(ScopeForTest, SelfSeesOnlyOwnRecords) {
  DeptScope s = ScopeFor(User(auth::Scope::kSelf, 11, 1), Tree());
  EXPECT_FALSE(s.all);
  EXPECT_TRUE(s.self_only);
  EXPECT_EQ(s.user_id, 7);
  EXPECT_TRUE(s.departments.empty());
  EXPECT_EQ(s.SqlClause("i.department_id", "i.created_by"), " AND i.created_by = 7");
  EXPECT_TRUE(s.Allows(99, 7));   // own record in any department
  EXPECT_FALSE(s.Allows(11, 8));  // even the user's own department, by someone else
}

TEST(ScopeForTest, DeptIsTheOwnDepartmentOnly) {
  DeptScope s = ScopeFor(User(auth::Scope::kDept, 11, 1), Tree());
  EXPECT_FALSE(s.all);
  EXPECT_FALSE(s.self_only);
  EXPECT_EQ(s.departments, (Ids{11}));
  EXPECT_EQ(s.SqlClause("i.department_id", "i.created_by"),
            " AND (i.department_id IN (11) OR i.created_by = 7)");
  EXPECT_TRUE(s.Allows(11, 8));
  EXPECT_FALSE(s.Allows(12, 8));  // a child department is not included
  EXPECT_FALSE(s.Allows(10, 8));  // nor the parent
  EXPECT_TRUE(s.Allows(12, 7));   // own records stay visible
}

TEST(ScopeForTest, DeptTreeIncludesChildrenAndGrandchildren) {
  DeptScope top = ScopeFor(User(auth::Scope::kDeptTree, 10, 1), Tree());
  EXPECT_EQ(top.departments, (Ids{10, 11, 12, 13}));
  EXPECT_EQ(top.SqlClause("d", "o"), " AND (d IN (10,11,12,13) OR o = 7)");
  EXPECT_TRUE(top.Allows(12, 8));   // grandchild
  EXPECT_FALSE(top.Allows(20, 8));  // sibling top-level department
  EXPECT_FALSE(top.Allows(30, 8));  // other campus

  DeptScope mid = ScopeFor(User(auth::Scope::kDeptTree, 11, 1), Tree());
  EXPECT_EQ(mid.departments, (Ids{11, 12}));
  EXPECT_FALSE(mid.Allows(10, 8));  // the parent is not part of the tree below 11
  EXPECT_FALSE(mid.Allows(13, 8));  // nor a sibling

  DeptScope leaf = ScopeFor(User(auth::Scope::kDeptTree, 12, 1), Tree());
  EXPECT_EQ(leaf.departments, (Ids{12}));
}

TEST(ScopeForTest, DeptTreeTerminatesOnACycle) {
  std::vector<Department> cyclic = {Dept(40, 1, 41), Dept(41, 1, 42), Dept(42, 1, 40),
                                    Dept(43, 1, 42)};
  DeptScope s = ScopeFor(User(auth::Scope::kDeptTree, 41, 1), cyclic);
  EXPECT_EQ(s.departments, (Ids{40, 41, 42, 43}));
}

TEST(ScopeForTest, CampusIsEveryDepartmentOfTheCampus) {
  DeptScope one = ScopeFor(User(auth::Scope::kCampus, 11, 1), Tree());
  EXPECT_EQ(one.departments, (Ids{10, 11, 12, 13, 20}));
  EXPECT_EQ(one.SqlClause("i.department_id", "i.created_by"),
            " AND (i.department_id IN (10,11,12,13,20) OR i.created_by = 7)");
  EXPECT_TRUE(one.Allows(20, 8));
  EXPECT_FALSE(one.Allows(30, 8));

  DeptScope two = ScopeFor(User(auth::Scope::kCampus, 31, 2), Tree());
  EXPECT_EQ(two.departments, (Ids{30, 31}));
}

TEST(ScopeForTest, AllSeesEverythingWithoutAClause) {
  DeptScope s = ScopeFor(User(auth::Scope::kAll, 11, 1), Tree());
  EXPECT_TRUE(s.all);
  EXPECT_EQ(s.SqlClause("i.department_id", "i.created_by"), "");
  EXPECT_TRUE(s.Allows(30, 8));
  EXPECT_TRUE(s.Allows(0, 0));
}

TEST(ScopeForTest, NoDepartmentOrCampusFallsBackToOwnRecords) {
  for (auth::Scope scope : {auth::Scope::kDept, auth::Scope::kDeptTree, auth::Scope::kCampus}) {
    DeptScope s = ScopeFor(User(scope, 0, 0), Tree());
    EXPECT_TRUE(s.departments.empty()) << auth::ScopeName(scope);
    EXPECT_EQ(s.SqlClause("i.department_id", "i.created_by"), " AND i.created_by = 7")
        << auth::ScopeName(scope);
    EXPECT_FALSE(s.Allows(0, 8)) << auth::ScopeName(scope);  // department-less records too
    EXPECT_TRUE(s.Allows(11, 7)) << auth::ScopeName(scope);
  }
}

TEST(ScopeForTest, UnknownDepartmentGivesOnlyItself) {
  DeptScope s = ScopeFor(User(auth::Scope::kDeptTree, 99, 1), Tree());
  EXPECT_EQ(s.departments, (Ids{99}));
}

TEST(DeptScopeTest, EmptyScopeOfUserZeroAllowsNothingButOwnerZero) {
  DeptScope s;  // default: not all, not self_only, no departments, user 0
  EXPECT_EQ(s.SqlClause("d", "o"), " AND o = 0");
  EXPECT_FALSE(s.Allows(1, 5));
}

}  // namespace
}  // namespace yuanwu::org

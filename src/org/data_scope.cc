#include "org/data_scope.h"

#include <map>

namespace yuanwu::org {

bool DeptScope::Allows(int64_t department_id, int64_t owner_id) const {
  if (all) return true;
  if (self_only) return owner_id == user_id;
  return departments.count(department_id) > 0 || owner_id == user_id;
}

std::string DeptScope::SqlClause(const char* dept_column, const char* owner_column) const {
  if (all) return "";
  std::string own = std::string(owner_column) + " = " + std::to_string(user_id);
  if (self_only || departments.empty()) return " AND " + own;
  std::string in;
  for (int64_t id : departments) in += (in.empty() ? "" : ",") + std::to_string(id);
  return " AND (" + std::string(dept_column) + " IN (" + in + ") OR " + own + ")";
}

DeptScope ScopeFor(const auth::Principal& p, const std::vector<Department>& departments) {
  DeptScope s;
  s.user_id = p.user_id;
  switch (p.scope) {
    case auth::Scope::kAll:
      s.all = true;
      break;
    case auth::Scope::kSelf:
      s.self_only = true;
      break;
    case auth::Scope::kDept:
      if (p.department_id != 0) s.departments.insert(p.department_id);
      break;
    case auth::Scope::kDeptTree: {
      std::multimap<int64_t, int64_t> children;
      for (const Department& d : departments) children.emplace(d.parent_id, d.id);
      std::vector<int64_t> stack;
      if (p.department_id != 0) stack.push_back(p.department_id);
      while (!stack.empty()) {
        int64_t id = stack.back();
        stack.pop_back();
        if (!s.departments.insert(id).second) continue;  // guards against cycles
        auto [b, e] = children.equal_range(id);
        for (auto it = b; it != e; ++it) stack.push_back(it->second);
      }
      break;
    }
    case auth::Scope::kCampus:
      for (const Department& d : departments) {
        if (d.campus_id == p.campus_id && p.campus_id != 0) s.departments.insert(d.id);
      }
      break;
  }
  return s;
}

}  // namespace yuanwu::org

// CaseDirectory: who the case engine reminds, escalates to and may assign — read from the
// organisation (department heads, staff and their roles' permissions).
#pragma once

#include <string_view>

#include "org/org_service.h"
#include "platform/cases/case_engine.h"

namespace yuanwu::org {

// What `p` may see of a case type, for the engine and the modules' joined lists to enforce in
// SQL: every case with the type's `manage` permission; with `read`, the cases of the
// departments in p's data scope; and always the cases assigned to or opened by p. A scope that
// cannot be read gives no department's cases (fail closed).
cases::Visibility CaseVisibility(OrgService& org, const auth::Principal& p, std::string_view read,
                                 std::string_view manage);

class CaseDirectory final : public cases::Directory {
 public:
  Result<std::vector<int64_t>> DepartmentHeads(soci::session& sql, int64_t department_id) override;
  Result<std::vector<int64_t>> UsersWith(soci::session& sql,
                                         const std::string& permission) override;
  Result<std::vector<int64_t>> DepartmentUsersWith(soci::session& sql, int64_t department_id,
                                                   const std::string& permission) override;
};

}  // namespace yuanwu::org

// CaseDirectory: who the case engine reminds, escalates to and may assign — read from the
// organisation (department heads, staff and their roles' permissions).
#pragma once

#include "platform/cases/case_engine.h"

namespace yuanwu::org {

class CaseDirectory final : public cases::Directory {
 public:
  Result<std::vector<int64_t>> DepartmentHeads(soci::session& sql, int64_t department_id) override;
  Result<std::vector<int64_t>> UsersWith(soci::session& sql,
                                         const std::string& permission) override;
  Result<std::vector<int64_t>> DepartmentUsersWith(soci::session& sql, int64_t department_id,
                                                   const std::string& permission) override;
};

}  // namespace yuanwu::org

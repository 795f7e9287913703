// Organisation types: campuses (院区), departments (科室), staff accounts (职工) and roles (角色).
// Plain data; no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace yuanwu::org {

struct Campus {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string address;
  std::string phone;
  int64_t sort = 0;
};

// kind: clinical 临床, medtech 医技, admin 行政职能, support 后勤保障.
struct Department {
  int64_t id = 0;
  std::string code;
  std::string name;
  int64_t campus_id = 0;
  int64_t parent_id = 0;  // 0: top level
  std::string kind = "clinical";
  std::string phone;
  std::string location;
  std::string intro;
  bool is_public = true;  // shown on the public portal
  int64_t sort = 0;
  // 科室负责人: first to hear when one of the department's cases is overdue (platform/cases).
  int64_t head_user_id = 0;  // 0: none
  std::string head_name;
  bool head_given = false;  // the request set head_user_id (imports leave the head alone)
};

struct User {
  int64_t id = 0;
  std::string username;  // 工号
  std::string name;
  std::string phone;
  int64_t department_id = 0;
  std::string department_name;
  int64_t campus_id = 0;
  std::string scope = "self";
  std::vector<std::string> roles;
  bool active = true;
  bool locked = false;
};

struct Role {
  std::string code;
  std::string name;
  std::string name_en;
  std::vector<std::string> permissions;
  bool builtin = false;
};

bool IsDepartmentKind(std::string_view kind);

}  // namespace yuanwu::org

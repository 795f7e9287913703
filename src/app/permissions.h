// The permission catalogue: every permission a route may require, with its Chinese name.
#pragma once

#include <string>
#include <vector>

namespace yuanwu::app {

struct PermissionInfo {
  const char* code;
  const char* name;
  const char* name_en;
};

const std::vector<PermissionInfo>& Permissions();
std::vector<std::string> PermissionCodes();

}  // namespace yuanwu::app

// Password hashing (argon2id via libsodium, PHC strings) and the password policy.
#pragma once

#include <string>

#include "platform/base/status.h"

namespace yuanwu::auth {

// argon2id with libsodium's INTERACTIVE limits (~90 ms here).
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);
// At least 10 characters with letters and digits, not containing the username.
Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           const char* field = "password");

}  // namespace yuanwu::auth

#include "platform/auth/password.h"

#include <sodium.h>

#include <cctype>

#include "platform/base/text.h"

namespace yuanwu::auth {

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return {};  // out of memory; VerifyPassword will then always fail
  }
  return out;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           const char* field) {
  bool letter = false, digit = false;
  for (char c : password) {
    letter |= std::isalpha(static_cast<unsigned char>(c)) != 0;
    digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
  }
  if (Utf8Length(password) < 10 || !letter || !digit) {
    return Status::Invalid(field, "密码至少10位，且须同时包含字母和数字",
                           "password must be at least 10 characters with letters and digits");
  }
  if (Utf8Length(password) > 128) {
    return Status::Invalid(field, "密码不能超过128位", "password must be at most 128 characters");
  }
  if (!username.empty() &&
      ToLowerAscii(password).find(ToLowerAscii(username)) != std::string::npos) {
    return Status::Invalid(field, "密码不能包含用户名", "password must not contain the username");
  }
  return Status::Ok();
}

}  // namespace yuanwu::auth

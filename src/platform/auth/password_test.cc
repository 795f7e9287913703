#include "platform/auth/password.h"

#include <gtest/gtest.h>

#include <string>

namespace yuanwu::auth {
namespace {

// ---- Policy ----

TEST(PasswordPolicyTest, AcceptsTenCharactersWithLettersAndDigits) {
  EXPECT_TRUE(CheckPasswordPolicy("abcdefghi1", "zhangsan").ok());
  EXPECT_TRUE(CheckPasswordPolicy("Yuanwu2026!", "zhangsan").ok());
}

TEST(PasswordPolicyTest, RejectsShortPasswords) {
  Status s = CheckPasswordPolicy("abcdefgh1", "zhangsan");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "password");
  EXPECT_FALSE(CheckPasswordPolicy("", "zhangsan").ok());
}

TEST(PasswordPolicyTest, RejectsLettersOnlyAndDigitsOnly) {
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghijkl", "zhangsan").ok());
  EXPECT_FALSE(CheckPasswordPolicy("123456789012", "zhangsan").ok());
  EXPECT_FALSE(CheckPasswordPolicy("!!!!!!!!!!!!", "zhangsan").ok());
}

TEST(PasswordPolicyTest, CountsLengthInCharacters) {
  // Ten characters, three of them Chinese: long enough.
  EXPECT_TRUE(CheckPasswordPolicy("院务公a123456", "zhangsan").ok());
  // Nine characters even though they are seventeen bytes.
  EXPECT_FALSE(CheckPasswordPolicy("院务公开a1234", "zhangsan").ok());
}

TEST(PasswordPolicyTest, RejectsVeryLongPasswords) {
  std::string ok = "a1" + std::string(126, 'x');
  EXPECT_TRUE(CheckPasswordPolicy(ok, "zhangsan").ok());
  EXPECT_FALSE(CheckPasswordPolicy(ok + "y", "zhangsan").ok());
}

TEST(PasswordPolicyTest, RejectsPasswordsContainingTheUsernameInAnyCase) {
  Status s = CheckPasswordPolicy("ZhangSan2026x", "zhangsan");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message_en(), "password must not contain the username");
  EXPECT_FALSE(CheckPasswordPolicy("x2026zhangsan", "ZHANGSAN").ok());
  EXPECT_TRUE(CheckPasswordPolicy("zhang2026san", "zhangsan").ok());
}

TEST(PasswordPolicyTest, EmptyUsernameIsNotAMatch) {
  EXPECT_TRUE(CheckPasswordPolicy("abcdefghi1", "").ok());
}

TEST(PasswordPolicyTest, ReportsTheGivenFieldName) {
  Status s = CheckPasswordPolicy("short", "u", "new_password");
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "new_password");
}

// ---- Hashing: one argon2id hash for the whole suite (about 90 ms each) ----

class PasswordHashTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { hash_ = new std::string(HashPassword("Correct-Horse-2026")); }
  static void TearDownTestSuite() {
    delete hash_;
    hash_ = nullptr;
  }
  static std::string* hash_;
};

std::string* PasswordHashTest::hash_ = nullptr;

TEST_F(PasswordHashTest, HashIsAnArgon2idPhcString) {
  EXPECT_EQ(hash_->rfind("$argon2id$", 0), 0u) << *hash_;
  EXPECT_EQ(hash_->find("Correct-Horse"), std::string::npos);
}

TEST_F(PasswordHashTest, VerifiesTheRightPassword) {
  EXPECT_TRUE(VerifyPassword("Correct-Horse-2026", *hash_));
}

TEST_F(PasswordHashTest, RefusesWrongPasswords) {
  EXPECT_FALSE(VerifyPassword("correct-horse-2026", *hash_));
  EXPECT_FALSE(VerifyPassword("Correct-Horse-2026 ", *hash_));
  EXPECT_FALSE(VerifyPassword("", *hash_));
}

TEST_F(PasswordHashTest, RefusesEmptyAndMalformedHashes) {
  EXPECT_FALSE(VerifyPassword("Correct-Horse-2026", ""));
  EXPECT_FALSE(VerifyPassword("Correct-Horse-2026", "$argon2id$garbage"));
  EXPECT_FALSE(VerifyPassword("Correct-Horse-2026", "plaintext"));
  std::string tampered = *hash_;
  char& c = tampered[tampered.size() - 10];  // inside the base64 digest
  c = c == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword("Correct-Horse-2026", tampered));
}

}  // namespace
}  // namespace yuanwu::auth

#include "platform/base/status.h"

#include <gtest/gtest.h>

#include "platform/base/result.h"

namespace yuanwu {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_TRUE(s.fields().empty());
}

TEST(StatusTest, InvalidRecordsTheFieldAndRepeatsTheReason) {
  Status s = Status::Invalid("title", "标题不能为空", "title is required");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "标题不能为空");
  EXPECT_EQ(s.message_en(), "title is required");
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "title");
  EXPECT_EQ(s.fields()[0].reason, "标题不能为空");
  EXPECT_EQ(s.fields()[0].reason_en, "title is required");
}

TEST(StatusTest, NotFoundNamesWhatWasMissing) {
  Status s = Status::NotFound("科室", "department");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "科室不存在");
  EXPECT_EQ(s.message_en(), "department not found");
}

TEST(StatusTest, InternalHidesTheDetailFromTheMessages) {
  Status s = Status::Internal("sqlite: disk I/O error at /var/lib/yuanwu/db");
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(s.message().find("disk"), std::string::npos);
  EXPECT_EQ(s.message_en().find("disk"), std::string::npos);
}

TEST(StatusTest, EveryCodeHasAStableLowercaseName) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(StatusCodeName(StatusCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "internal");
}

TEST(ValidationTest, NothingFailedIsOk) {
  Validation v;
  EXPECT_TRUE(v.ok());
  EXPECT_TRUE(v.ToStatus().ok());
}

TEST(ValidationTest, CollectsEveryFailedFieldInOrder) {
  Validation v;
  v.Fail("title", "标题不能为空", "title is required");
  v.Fail("phone", "电话格式错误", "phone is malformed");
  EXPECT_FALSE(v.ok());
  Status s = v.ToStatus();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(s.fields().size(), 2u);
  EXPECT_EQ(s.fields()[0].field, "title");
  EXPECT_EQ(s.fields()[1].field, "phone");
  // The summary leads with the first reason and counts the rest.
  EXPECT_EQ(s.message(), "标题不能为空（共2处错误）");
  EXPECT_EQ(s.message_en(), "title is required (2 errors)");
}

TEST(ValidationTest, OneFailureUsesItsReasonAsTheMessage) {
  Validation v;
  v.Fail("title", "标题不能为空", "title is required");
  EXPECT_EQ(v.ToStatus().message(), "标题不能为空");
}

Status FailsWhen(bool fail) {
  if (fail) return Status::Denied();
  return Status::Ok();
}

Status Twice(bool fail) {
  YW_RETURN_IF_ERROR(FailsWhen(fail));
  return Status::Conflict("重复", "duplicate");
}

TEST(StatusMacroTest, ReturnIfErrorReturnsTheFirstError) {
  EXPECT_EQ(Twice(true).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Twice(false).code(), StatusCode::kAlreadyExists);
}

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::Invalid("n", "必须是偶数", "must be even");
  return n / 2;
}

Result<int> Quarter(int n) {
  YW_ASSIGN_OR_RETURN(int h, Half(n));
  YW_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, HoldsAValueOrAnError) {
  Result<int> ok = Half(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  EXPECT_TRUE(ok.status().ok());
  Result<int> bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(ResultTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());  // 6 → 3 → odd
  EXPECT_FALSE(Quarter(5).ok());
}

}  // namespace
}  // namespace yuanwu

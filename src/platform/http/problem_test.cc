#include "platform/http/problem.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace yuanwu::http {
namespace {

using nlohmann::json;

TEST(HttpStatusForTest, MapsEveryCode) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kOk), 200);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
}

TEST(ProblemResponseTest, ResponseStatusAndCodeFollowTheStatus) {
  struct Case {
    Status status;
    int http;
    const char* code;
  };
  const Case cases[] = {
      {Status::Invalid("f", "错", "wrong"), 400, "invalid_argument"},
      {Status::Unauthenticated(), 401, "unauthenticated"},
      {Status::Denied(), 403, "permission_denied"},
      {Status::NotFound("公示", "disclosure"), 404, "not_found"},
      {Status::Conflict("重复", "duplicate"), 409, "already_exists"},
      {Status::Precondition("状态不对", "wrong state"), 409, "failed_precondition"},
      {Status(StatusCode::kResourceExhausted, "太频繁", "too many requests"), 429,
       "resource_exhausted"},
      {Status(StatusCode::kUnavailable, "忙", "busy"), 503, "unavailable"},
      {Status::Internal("boom"), 500, "internal"},
  };
  for (const Case& c : cases) {
    Response r = ProblemResponse(c.status, false);
    EXPECT_EQ(r.status, c.http) << c.code;
    EXPECT_EQ(r.Get("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(r.Get("Cache-Control"), "no-store");
    json body = json::parse(r.body);
    EXPECT_EQ(body["code"], c.code);
    EXPECT_EQ(body["message"], c.status.message());
    EXPECT_EQ(body["message_en"], c.status.message_en());
  }
}

TEST(ProblemResponseTest, BodyHasTheDocumentedKeysInOrder) {
  Response r =
      ProblemResponse(Status::Invalid("title", "标题不能为空", "title is required"), false);
  EXPECT_EQ(
      r.body,
      R"({"code":"invalid_argument","message":"标题不能为空","message_en":"title is required",)"
      R"("fields":[{"field":"title","reason":"标题不能为空","reason_en":"title is required"}]})");
}

TEST(ProblemResponseTest, EnglishClientsGetEnglishMessageAndReasons) {
  Response r = ProblemResponse(Status::Invalid("title", "标题不能为空", "title is required"), true);
  json body = json::parse(r.body);
  EXPECT_EQ(body["message"], "title is required");
  EXPECT_EQ(body["fields"][0]["reason"], "title is required");
  EXPECT_EQ(body["fields"][0]["reason_en"], "title is required");
}

TEST(ProblemResponseTest, InternalDetailsNeverReachTheBody) {
  const std::string detail = "soci: no such table: secret_table at /var/lib/yuanwu/yuanwu.db";
  for (bool english : {false, true}) {
    Response r = ProblemResponse(Status::Internal(detail), english);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find("secret_table"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("_detail"), std::string::npos) << r.body;
    json body = json::parse(r.body);
    EXPECT_TRUE(body["fields"].empty());
    EXPECT_EQ(body["message_en"], "internal server error");
  }
}

TEST(ProblemResponseTest, InternalFieldsAddedLaterStayHiddenToo) {
  Status s = Status::Internal("first");
  s.AddField("query", "SELECT password_hash FROM app_user", "SELECT password_hash FROM app_user");
  Response r = ProblemResponse(s, false);
  EXPECT_EQ(r.body.find("password_hash"), std::string::npos) << r.body;
}

TEST(ProblemResponseTest, NonUtf8ReasonsDoNotThrow) {
  // A reason that echoes raw user input must not make serialization fail.
  Status s = Status::Invalid("name", "bad \xFF byte", "bad \xFF byte");
  EXPECT_NO_THROW({
    Response r = ProblemResponse(s, false);
    EXPECT_EQ(r.status, 400);
  });
}

}  // namespace
}  // namespace yuanwu::http

#include "platform/http/json.h"

#include <gtest/gtest.h>

namespace yuanwu::http {
namespace {

Request WithBody(std::string body) {
  Request r;
  r.body = std::move(body);
  return r;
}

const FieldError* FindField(const Status& s, const std::string& field) {
  for (const FieldError& f : s.fields()) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

// ---- ParseJsonObject / JsonResponse ----

TEST(ParseJsonObjectTest, AcceptsAnObject) {
  Result<Json> j = ParseJsonObject(WithBody(R"({"title":"院务公开","n":3})"));
  ASSERT_TRUE(j.ok());
  EXPECT_EQ((*j)["title"], "院务公开");
}

TEST(ParseJsonObjectTest, RejectsAnythingElseWithA400OnBody) {
  for (const char* bad : {"", "null", "[]", "[1,2]", "\"text\"", "3", "{", "{\"a\":}",
                          "{\"a\":1} trailing", "{'a':1}"}) {
    Result<Json> j = ParseJsonObject(WithBody(bad));
    ASSERT_FALSE(j.ok()) << bad;
    EXPECT_EQ(j.status().code(), StatusCode::kInvalidArgument);
    ASSERT_EQ(j.status().fields().size(), 1u);
    EXPECT_EQ(j.status().fields()[0].field, "body");
  }
}

TEST(ParseJsonObjectTest, RejectsInvalidUtf8InStrings) {
  EXPECT_FALSE(ParseJsonObject(WithBody("{\"a\":\"\xFF\"}")).ok());
}

TEST(JsonResponseTest, SerializesWithNoStore) {
  Response r = JsonResponse(Json{{"id", 7}, {"name", "张三"}}, 201);
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"({"id":7,"name":"张三"})");
  EXPECT_EQ(r.Get("Cache-Control"), "no-store");
  EXPECT_EQ(r.Get("Content-Type"), "application/json; charset=utf-8");
}

TEST(JsonResponseTest, ReplacesInvalidUtf8InsteadOfThrowing) {
  Response r = JsonResponse(Json{{"s", "bad\xFF"}});
  EXPECT_EQ(r.body, "{\"s\":\"bad\xEF\xBF\xBD\"}");
}

// ---- FieldReader ----

class FieldReaderTest : public ::testing::Test {
 protected:
  FieldReader Reader(const char* text) {
    obj_ = Json::parse(text);
    return FieldReader(obj_, v_);
  }
  Json obj_;
  Validation v_;
};

TEST_F(FieldReaderTest, StringIsTrimmed) {
  FieldReader r = Reader(R"({"title":"  \u3000公示标题\u3000 "})");
  EXPECT_EQ(r.String("title", "标题", "title", true, 100), "公示标题");
  EXPECT_TRUE(v_.ok());
}

TEST_F(FieldReaderTest, RequiredStringFailsWhenMissingNullOrBlank) {
  FieldReader r = Reader(R"({"b":null,"c":"  \u3000 "})");
  r.String("a", "甲", "a", true, 10);
  r.String("b", "乙", "b", true, 10);
  r.String("c", "丙", "c", true, 10);
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 3u);
  EXPECT_EQ(s.fields()[0].reason, "甲不能为空");
  EXPECT_EQ(s.fields()[0].reason_en, "a is required");
  EXPECT_EQ(s.fields()[1].field, "b");
  EXPECT_EQ(s.fields()[2].field, "c");
}

TEST_F(FieldReaderTest, OptionalStringMayBeMissingOrEmpty) {
  FieldReader r = Reader(R"({"b":""})");
  EXPECT_EQ(r.String("a", "甲", "a", false, 10), "");
  EXPECT_EQ(r.String("b", "乙", "b", false, 10), "");
  EXPECT_TRUE(v_.ok());
}

TEST_F(FieldReaderTest, MaxLengthCountsCharactersNotBytes) {
  // Five Chinese characters are fifteen bytes but only five characters.
  FieldReader r = Reader(R"({"name":"院务公开栏","long":"院务公开栏目"})");
  EXPECT_EQ(r.String("name", "名称", "name", true, 5), "院务公开栏");
  EXPECT_TRUE(v_.ok());
  r.String("long", "名称", "name", true, 5);
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "long");
  EXPECT_EQ(s.fields()[0].reason, "名称不能超过5个字");
  EXPECT_EQ(s.fields()[0].reason_en, "name must be at most 5 characters");
}

TEST_F(FieldReaderTest, StringRejectsOtherTypes) {
  FieldReader r = Reader(R"({"a":1,"b":true,"c":[],"d":{}})");
  for (const char* key : {"a", "b", "c", "d"}) r.String(key, "字段", "field", true, 10);
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 4u);
  for (const FieldError& f : s.fields()) EXPECT_EQ(f.reason_en, "field must be a string");
}

TEST_F(FieldReaderTest, StringRejectsControlCharacters) {
  FieldReader r = Reader(R"({"a":"x\u0000y","b":"bell\u0007","c":"line\nbreak"})");
  r.String("a", "甲", "a", true, 100);
  r.String("b", "乙", "b", true, 100);
  EXPECT_EQ(r.String("c", "丙", "c", true, 100), "line\nbreak");
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 2u);
  EXPECT_EQ(s.fields()[0].reason_en, "a contains invalid characters");
  EXPECT_EQ(s.fields()[1].field, "b");
}

TEST_F(FieldReaderTest, IntAcceptsOnlyIntegers) {
  FieldReader r = Reader(R"({"a":42,"b":-7,"c":1.5,"d":"3","e":true,"f":1e3})");
  EXPECT_EQ(r.Int("a", "甲", "a", true), 42);
  EXPECT_EQ(r.Int("b", "乙", "b", true), -7);
  EXPECT_EQ(r.Int("c", "丙", "c", true), std::nullopt);
  EXPECT_EQ(r.Int("d", "丁", "d", true), std::nullopt);
  EXPECT_EQ(r.Int("e", "戊", "e", true), std::nullopt);
  EXPECT_EQ(r.Int("f", "己", "f", true), std::nullopt);
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 4u);
  EXPECT_EQ(FindField(s, "c")->reason_en, "c must be an integer");
  EXPECT_NE(FindField(s, "f"), nullptr);
}

TEST_F(FieldReaderTest, IntRejectsValuesBeyondInt64InsteadOfWrapping) {
  FieldReader r = Reader(R"({"max":9223372036854775807,"big":18446744073709551615})");
  EXPECT_EQ(r.Int("max", "甲", "max", true), INT64_MAX);
  EXPECT_EQ(r.Int("big", "乙", "big", true), std::nullopt);
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "big");
}

TEST_F(FieldReaderTest, IntRequiredOrOptional) {
  FieldReader r = Reader(R"({"n":null})");
  EXPECT_EQ(r.Int("n", "数量", "count", false), std::nullopt);
  EXPECT_TRUE(v_.ok());
  EXPECT_EQ(r.Int("n", "数量", "count", true), std::nullopt);
  EXPECT_EQ(v_.ToStatus().fields().at(0).reason, "数量不能为空");
}

TEST_F(FieldReaderTest, BoolAcceptsOnlyBooleans) {
  FieldReader r = Reader(R"({"a":true,"b":false,"c":1,"d":"true"})");
  EXPECT_EQ(r.Bool("a", "甲", "a"), true);
  EXPECT_EQ(r.Bool("b", "乙", "b"), false);
  EXPECT_EQ(r.Bool("c", "丙", "c"), std::nullopt);
  EXPECT_EQ(r.Bool("d", "丁", "d"), std::nullopt);
  EXPECT_EQ(r.Bool("missing", "无", "missing"), std::nullopt);
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 2u);
  EXPECT_EQ(s.fields()[0].reason_en, "c must be true or false");
}

TEST_F(FieldReaderTest, StringListReadsStringsOnly) {
  FieldReader r = Reader(R"({"tags":["a","院务"],"mixed":["a",1],"notalist":"a"})");
  EXPECT_EQ(r.StringList("tags", "标签", "tags"), (std::vector<std::string>{"a", "院务"}));
  EXPECT_TRUE(r.StringList("mixed", "标签", "tags").empty());
  EXPECT_TRUE(r.StringList("notalist", "标签", "tags").empty());
  EXPECT_TRUE(r.StringList("missing", "标签", "tags").empty());
  Status s = v_.ToStatus();
  ASSERT_EQ(s.fields().size(), 2u);
  EXPECT_EQ(s.fields()[0].reason_en, "tags entries must be strings");
  EXPECT_EQ(s.fields()[1].reason_en, "tags must be a list");
}

TEST_F(FieldReaderTest, CollectsEveryFieldErrorOfAFormAtOnce) {
  FieldReader r = Reader(R"({"title":"","count":"many","public":"yes","summary":"太长了太长了"})");
  r.String("title", "标题", "title", true, 100);
  r.Int("count", "数量", "count", true);
  r.Bool("public", "是否公开", "public");
  r.String("summary", "摘要", "summary", false, 3);
  r.String("author", "作者", "author", true, 20);
  Status s = v_.ToStatus();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(s.fields().size(), 5u);
  EXPECT_EQ(s.message(), "标题不能为空（共5处错误）");
  for (const char* f : {"title", "count", "public", "summary", "author"}) {
    EXPECT_NE(FindField(s, f), nullptr) << f;
  }
}

TEST_F(FieldReaderTest, HasTreatsNullAsAbsent) {
  FieldReader r = Reader(R"({"a":null,"b":0})");
  EXPECT_FALSE(r.Has("a"));
  EXPECT_TRUE(r.Has("b"));
  EXPECT_FALSE(r.Has("c"));
}

}  // namespace
}  // namespace yuanwu::http

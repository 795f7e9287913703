#include "platform/web/form_pages.h"

#include <gtest/gtest.h>

namespace yuanwu::web {
namespace {

const EmbeddedFile kFiles[] = {
    {"t/form.mustache", "<form action=\"/x{{lang_suffix}}\">{{t.hello}}</form>"},
    {"", ""},
};

const char* kLabels = R"({"zh-CN": {"hello": "您好", "title": "标题"},
                          "en": {"hello": "Hello", "title": "Title"}})";

http::Request Get(http::Pairs query, std::string cookie = "") {
  http::Request req;
  req.method = "GET";
  req.query = std::move(query);
  if (!cookie.empty()) req.headers.push_back({"cookie", cookie});
  return req;
}

PageFrame Frame() {
  return [](http::Request&, const std::string& title, const std::string& body) {
    return Result<http::Response>(http::Response::Html(200, "<title>" + title + "</title>" + body));
  };
}

TEST(FormPagesTest, LanguageFromTheUrlStaysInTheFormsAction) {
  Renderer r(kFiles);
  FormPages pages(r, Frame(), kLabels);
  http::Request req = Get({{"lang", "en"}});
  FormPage p = pages.Start(req);
  EXPECT_TRUE(p.english);
  Result<http::Response> res = pages.Show(req, p, "form", "title", 400);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(res->body, "<title>Title</title><form action=\"/x?lang=en\">Hello</form>");
  EXPECT_EQ(res->Get("Cache-Control"), "private, no-store");
}

TEST(FormPagesTest, LanguageFromTheCookieNeedsNoSuffixAndChineseIsTheDefault) {
  Renderer r(kFiles);
  FormPages pages(r, Frame(), kLabels);
  http::Request en = Get({}, "yw_lang=en");
  FormPage p = pages.Start(en);
  EXPECT_TRUE(p.english);
  EXPECT_EQ(p.ctx["lang_suffix"], "");
  http::Request zh = Get({});
  FormPage q = pages.Start(zh);
  EXPECT_FALSE(q.english);
  EXPECT_EQ(pages.Label(q, "hello"), "您好");
  EXPECT_EQ(pages.Label(q, "missing"), "missing");
}

TEST(FormPagesTest, MalformedLabelsShowKeysRatherThanFail) {
  Renderer r(kFiles);
  FormPages pages(r, Frame(), "{not json");
  http::Request req = Get({});
  FormPage p = pages.Start(req);
  EXPECT_EQ(pages.Label(p, "hello"), "hello");
  EXPECT_TRUE(pages.Show(req, p, "form", "title", 200).ok());
}

TEST(FormPagesTest, ErrorsListEveryFieldAndKeepTheFirstReasonPerField) {
  Validation v;
  v.Fail("phone", "手机号码格式不正确", "the phone number is not valid");
  v.Fail("phone", "手机号码不能为空", "the phone number is required");
  v.Fail("description", "请填写投诉事项", "the description is required");
  FormPage p;
  p.english = true;
  SetFormErrors(p, v.ToStatus());
  EXPECT_EQ(p.ctx["has_errors"], true);
  EXPECT_EQ(p.ctx["errors"].size(), 3u);
  EXPECT_EQ(p.ctx["err"]["phone"], "the phone number is not valid");
  EXPECT_EQ(p.ctx["err"]["description"], "the description is required");

  FormPage q;
  SetFormErrors(q, Status::Conflict("已提交过", "already sent"));
  ASSERT_EQ(q.ctx["errors"].size(), 1u);
  EXPECT_EQ(q.ctx["errors"][0]["field"], "");
  EXPECT_EQ(q.ctx["errors"][0]["reason"], "已提交过");

  FormPage ok;
  SetFormErrors(ok, Status::Ok());
  EXPECT_EQ(ok.ctx["has_errors"], false);
  EXPECT_TRUE(ok.ctx["errors"].empty());
}

TEST(FormPagesTest, FieldsAndCodes) {
  http::Pairs form = {{"a", "1"}, {"b", "二"}, {"a", "3"}};
  EXPECT_EQ(FormField(form, "a"), "1");
  EXPECT_EQ(FormField(form, "c"), "");
  EXPECT_TRUE(PlausibleCode("TS-2026-0001"));
  EXPECT_FALSE(PlausibleCode(""));
  EXPECT_FALSE(PlausibleCode("TS-2026\n0001"));
  EXPECT_FALSE(PlausibleCode(std::string(65, 'x')));
  EXPECT_FALSE(PlausibleCode("\xff\xfe"));
}

struct Item {
  std::string code, name, name_en;
};

TEST(FormPagesTest, SelectOptionsMarkTheChosenOne) {
  std::vector<Item> list = {{"a", "甲", "A"}, {"b", "乙", "B"}};
  http::Json o = SelectOptions(list, "b", true);
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0]["name"], "A");
  EXPECT_EQ(o[0]["selected"], false);
  EXPECT_EQ(o[1]["selected"], true);
}

}  // namespace
}  // namespace yuanwu::web

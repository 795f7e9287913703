#include "platform/http/message.h"

#include <gtest/gtest.h>

namespace yuanwu::http {
namespace {

Request WithCookie(std::string cookie) {
  Request r;
  r.headers.emplace_back("cookie", std::move(cookie));
  return r;
}

TEST(RequestTest, HeaderIsEmptyWhenAbsent) {
  Request r;
  r.headers.emplace_back("content-type", "text/plain");
  EXPECT_EQ(r.Header("content-type"), "text/plain");
  EXPECT_EQ(r.Header("accept"), "");
}

TEST(RequestTest, QueryReturnsTheFirstValue) {
  Request r;
  r.query = {{"a", "1"}, {"a", "2"}, {"empty", ""}};
  EXPECT_EQ(r.Query("a"), "1");
  EXPECT_EQ(r.Query("b"), "");
  EXPECT_TRUE(r.HasQuery("empty"));
  EXPECT_FALSE(r.HasQuery("b"));
}

TEST(RequestCookieTest, FindsACookieAmongSeveral) {
  Request r = WithCookie("theme=dark; yw_session=abc123; lang=zh");
  EXPECT_EQ(r.Cookie("yw_session"), "abc123");
  EXPECT_EQ(r.Cookie("theme"), "dark");
  EXPECT_EQ(r.Cookie("lang"), "zh");
}

TEST(RequestCookieTest, IsEmptyWithoutTheCookieOrTheHeader) {
  EXPECT_EQ(WithCookie("a=1").Cookie("b"), "");
  EXPECT_EQ(Request().Cookie("a"), "");
  EXPECT_EQ(WithCookie("").Cookie("a"), "");
}

TEST(RequestCookieTest, MatchesWholeNamesOnly) {
  Request r = WithCookie("xyw_session=evil; yw_session_old=old; yw_session=good");
  EXPECT_EQ(r.Cookie("yw_session"), "good");
}

TEST(RequestCookieTest, ReturnsTheFirstOfDuplicateNames) {
  EXPECT_EQ(WithCookie("a=1; a=2").Cookie("a"), "1");
}

TEST(RequestCookieTest, StripsQuotesAndSurroundingSpaces) {
  EXPECT_EQ(WithCookie("a=\"quoted value\"").Cookie("a"), "quoted value");
  EXPECT_EQ(WithCookie("  a=1  ;b=2").Cookie("a"), "1");
  EXPECT_EQ(WithCookie("a=1;b=2").Cookie("b"), "2");
}

TEST(RequestCookieTest, KeepsEqualsSignsInsideTheValue) {
  EXPECT_EQ(WithCookie("t=YWJj==; u=1").Cookie("t"), "YWJj==");
}

TEST(RequestCookieTest, EmptyValueIsEmpty) {
  EXPECT_EQ(WithCookie("a=; b=2").Cookie("a"), "");
  EXPECT_EQ(WithCookie("a=\"\"").Cookie("a"), "");
}

TEST(RequestCookieTest, ToleratesJunkAndStraySemicolons) {
  Request r = WithCookie(";;; junk ; =x; a=1;");
  EXPECT_EQ(r.Cookie("a"), "1");
  EXPECT_EQ(r.Cookie("junk"), "");
}

TEST(RequestTest, PrefersEnglishFromLangQueryOrAcceptLanguage) {
  Request r;
  EXPECT_FALSE(r.PrefersEnglish());
  r.headers.emplace_back("accept-language", "EN-us,en;q=0.9");
  EXPECT_TRUE(r.PrefersEnglish());
  r.query = {{"lang", "zh"}};  // the query wins over the header
  EXPECT_FALSE(r.PrefersEnglish());
  Request zh;
  zh.headers.emplace_back("accept-language", "zh-CN,zh;q=0.9,en;q=0.8");
  EXPECT_FALSE(zh.PrefersEnglish());
  zh.query = {{"lang", "en"}};
  EXPECT_TRUE(zh.PrefersEnglish());
}

TEST(ResponseTest, SetReplacesAHeaderCaseInsensitively) {
  Response r = Response::Json(200, "{}");
  EXPECT_EQ(r.Get("content-type"), "application/json; charset=utf-8");
  r.Set("CONTENT-TYPE", "text/csv");
  EXPECT_EQ(r.Get("Content-Type"), "text/csv");
  EXPECT_EQ(r.headers.size(), 1u);
  r.Set("X-New", "1");
  EXPECT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.Get("x-missing"), "");
}

TEST(ResponseTest, FactoriesSetStatusAndContentType) {
  EXPECT_EQ(Response::Html(201, "<p>").Get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::Text(200, "x").Get("Content-Type"), "text/plain; charset=utf-8");
  Response redirect = Response::Redirect("/login");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.Get("Location"), "/login");
  Response none = Response::NoContent();
  EXPECT_EQ(none.status, 204);
  EXPECT_TRUE(none.body.empty());
}

}  // namespace
}  // namespace yuanwu::http

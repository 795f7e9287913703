#include "platform/http/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace yuanwu::http {
namespace {

using nlohmann::json;

Request Req(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

// Echoes which route ran and the params it saw.
Handler Echo(std::string tag) {
  return [tag](Request& r) -> Result<Response> {
    std::string body = tag;
    for (const auto& [k, v] : r.params) body += " " + k + "=" + v;
    return Response::Text(200, body);
  };
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add("GET", "/api/v1/items", Echo("list"));
    router_.Add("POST", "/api/v1/items", Echo("create"));
    router_.Add("GET", "/api/v1/items/{id}", Echo("get"));
    router_.Add("PUT", "/api/v1/items/{id}", Echo("put"));
    router_.Add("DELETE", "/api/v1/items/{id}", Echo("delete"));
    router_.Add("GET", "/api/v1/items/{id}/files/{file}", Echo("file"));
    router_.Add("GET", "/static/{path*}", Echo("static"));
    router_.Add("GET", "/", Echo("home"));
  }

  Response Dispatch(std::string method, std::string path) {
    Request r = Req(std::move(method), std::move(path));
    return router_.Dispatch(r);
  }

  Router router_;
};

TEST_F(RouterTest, MatchesALiteralPath) {
  Response r = Dispatch("GET", "/api/v1/items");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "list");
  EXPECT_EQ(Dispatch("POST", "/api/v1/items").body, "create");
}

TEST_F(RouterTest, MatchesTheRoot) { EXPECT_EQ(Dispatch("GET", "/").body, "home"); }

TEST_F(RouterTest, FillsOneSegmentParameters) {
  EXPECT_EQ(Dispatch("GET", "/api/v1/items/42").body, "get id=42");
  EXPECT_EQ(Dispatch("GET", "/api/v1/items/42/files/7").body, "file file=7 id=42");
}

TEST_F(RouterTest, ParametersCarryDecodedUnicode) {
  EXPECT_EQ(Dispatch("GET", "/api/v1/items/随访").body, "get id=随访");
}

TEST_F(RouterTest, IgnoresEmptySegmentsAndATrailingSlash) {
  EXPECT_EQ(Dispatch("GET", "/api/v1/items/").body, "list");
  EXPECT_EQ(Dispatch("GET", "//api//v1/items/42").body, "get id=42");
}

TEST_F(RouterTest, RestParameterTakesTheRemainingSegments) {
  EXPECT_EQ(Dispatch("GET", "/static/css/app.css").body, "static path=css/app.css");
  EXPECT_EQ(Dispatch("GET", "/static/a/b/c/d.js").body, "static path=a/b/c/d.js");
  EXPECT_EQ(Dispatch("GET", "/static/").body, "static path=");
}

TEST_F(RouterTest, ParameterDoesNotSpanSegments) {
  EXPECT_EQ(Dispatch("GET", "/api/v1/items/42/extra").status, 404);
}

TEST_F(RouterTest, ALiteralSegmentBeatsAParameterWhateverTheOrder) {
  // Registered after the parameter routes they overlap.
  router_.Add("GET", "/api/v1/items/queues", Echo("queues"));
  router_.Add("POST", "/api/v1/items/{id}/actions/{action}", Echo("any action"));
  router_.Add("POST", "/api/v1/items/{id}/actions/close", Echo("close"));
  router_.Add("GET", "/static/app.js", Echo("app.js"));
  EXPECT_EQ(Dispatch("GET", "/api/v1/items/queues").body, "queues");
  EXPECT_EQ(Dispatch("GET", "/api/v1/items/7").body, "get id=7");
  EXPECT_EQ(Dispatch("POST", "/api/v1/items/7/actions/close").body, "close id=7");
  EXPECT_EQ(Dispatch("POST", "/api/v1/items/7/actions/open").body, "any action action=open id=7");
  EXPECT_EQ(Dispatch("GET", "/static/app.js").body, "app.js");
  EXPECT_EQ(Dispatch("GET", "/static/app.css").body, "static path=app.css");
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
  EXPECT_EQ(Dispatch("HEAD", "/api/v1/items/5").body, "get id=5");
}

TEST_F(RouterTest, UnknownPathIs404ProblemJson) {
  Response r = Dispatch("GET", "/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Get("Content-Type"), "application/json; charset=utf-8");
  json body = json::parse(r.body);
  EXPECT_EQ(body["code"], "not_found");
  EXPECT_TRUE(body["fields"].is_array());
  EXPECT_EQ(r.Get("Allow"), "");
}

TEST_F(RouterTest, KnownPathWithAnotherMethodIs405WithAllow) {
  Response r = Dispatch("PATCH", "/api/v1/items/9");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Get("Allow"), "GET, PUT, DELETE");
  json body = json::parse(r.body);
  EXPECT_EQ(body["message_en"], "method not allowed");
}

TEST_F(RouterTest, AllowListsEveryMethodOfALiteralPath) {
  Response r = Dispatch("DELETE", "/api/v1/items");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Get("Allow"), "GET, POST");
}

TEST(RouterErrorTest, HandlerErrorBecomesAProblemBodyWithFields) {
  Router router;
  router.Add("POST", "/forms", [](Request&) -> Result<Response> {
    Validation v;
    v.Fail("title", "标题不能为空", "title is required");
    v.Fail("phone", "电话格式错误", "phone is malformed");
    return v.ToStatus();
  });
  Request req = Req("POST", "/forms");
  Response r = router.Dispatch(req);
  EXPECT_EQ(r.status, 400);
  json body = json::parse(r.body);
  EXPECT_EQ(body["code"], "invalid_argument");
  EXPECT_EQ(body["message"], "标题不能为空（共2处错误）");
  ASSERT_EQ(body["fields"].size(), 2u);
  EXPECT_EQ(body["fields"][0]["field"], "title");
  EXPECT_EQ(body["fields"][0]["reason"], "标题不能为空");
  EXPECT_EQ(body["fields"][1]["field"], "phone");
  EXPECT_EQ(body["fields"][1]["reason_en"], "phone is malformed");
}

TEST(RouterErrorTest, ProblemMessageFollowsTheClientLanguage) {
  Router router;
  router.Add("GET", "/secret", [](Request&) -> Result<Response> { return Status::Denied(); });
  Request req = Req("GET", "/secret");
  req.headers.emplace_back("accept-language", "en-US");
  Response r = router.Dispatch(req);
  EXPECT_EQ(r.status, 403);
  json body = json::parse(r.body);
  EXPECT_EQ(body["code"], "permission_denied");
  EXPECT_EQ(body["message"], "you do not have permission to do this");
}

TEST(RouterErrorTest, FirstMatchingRouteWins) {
  Router router;
  router.Add("GET", "/items/new", Echo("new"));
  router.Add("GET", "/items/{id}", Echo("get"));
  Request a = Req("GET", "/items/new");
  EXPECT_EQ(router.Dispatch(a).body, "new");
  Request b = Req("GET", "/items/3");
  EXPECT_EQ(router.Dispatch(b).body, "get id=3");
}

TEST(RouterErrorTest, ParamsOfRejectedRoutesDoNotLeak) {
  Router router;
  router.Add("POST", "/a/{x}", Echo("post"));
  router.Add("GET", "/a/{y}", Echo("get"));
  Request req = Req("GET", "/a/1");
  EXPECT_EQ(router.Dispatch(req).body, "get y=1");
  EXPECT_EQ(req.params.count("x"), 0u);
}

TEST(RouterRoutesTest, ListsEveryRouteInOrder) {
  Router router;
  router.Add("GET", "/a", Echo("a"));
  router.Add("POST", "/b/{id}", Echo("b"));
  std::vector<Router::RouteInfo> routes = router.Routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].method, "GET");
  EXPECT_EQ(routes[0].pattern, "/a");
  EXPECT_EQ(routes[1].method, "POST");
  EXPECT_EQ(routes[1].pattern, "/b/{id}");
}

TEST(PathSegmentsTest, SplitsOnSlashesAndDropsEmptySegments) {
  EXPECT_EQ(PathSegments("/a/b/"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(PathSegments("a//b"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(PathSegments("").empty());
  EXPECT_TRUE(PathSegments("/").empty());
  EXPECT_TRUE(PathSegments("///").empty());
}

}  // namespace
}  // namespace yuanwu::http

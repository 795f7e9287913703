#include "platform/web/renderer.h"

#include <gtest/gtest.h>

namespace yuanwu::web {
namespace {

// A template set where a partial shares its name with a page-data key, as prices.mustache and
// ctx["prices"] do on the portal.
const EmbeddedFile kFiles[] = {
    {"t/page.mustache", "<h1>{{title}}</h1>{{> rows}}{{#error}}<p>{{error}}</p>{{/error}}"},
    {"t/rows.mustache",
     "<ul>{{#rows}}<li>{{name}}</li>{{/rows}}{{^rows}}<li>none</li>{{/rows}}</ul>"},
    {"t/notes.txt", "not a template"},
    {"", ""},
};

TEST(RendererTest, PageDataIsNotShadowedByAPartialOfTheSameName) {
  Renderer r(kFiles);
  nlohmann::ordered_json ctx = {{"title", "价格"},
                                {"rows", {{{"name", "挂号"}}, {{"name", "CT"}}}}};
  Result<std::string> html = r.Render("page", ctx);
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(*html, "<h1>价格</h1><ul><li>挂号</li><li>CT</li></ul>");
}

TEST(RendererTest, EmptyStringsAndEmptyListsAreFalseInSections) {
  Renderer r(kFiles);
  Result<std::string> html =
      r.Render("page", {{"title", "x"}, {"rows", nlohmann::ordered_json::array()}, {"error", ""}});
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(*html, "<h1>x</h1><ul><li>none</li></ul>");
}

TEST(RendererTest, ValuesAreHtmlEscaped) {
  Renderer r(kFiles);
  Result<std::string> html = r.Render("page", {{"title", "<script>\"&'"}});
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->find("<script>"), std::string::npos);
  EXPECT_NE(html->find("&lt;script&gt;"), std::string::npos);
}

TEST(RendererTest, OnlyMustacheFilesAreTemplates) {
  Renderer r(kFiles);
  EXPECT_TRUE(r.Has("page"));
  EXPECT_TRUE(r.Has("rows"));
  EXPECT_FALSE(r.Has("notes"));
  EXPECT_FALSE(r.Render("missing", {}).ok());
}

}  // namespace
}  // namespace yuanwu::web

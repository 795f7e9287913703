// The route table of applications and consultations: every route once, with the permission the
// reviewed list expects (tests/api/route_permissions.txt gets the same lines), and the shared
// GET …/queues registered before GET …/{id}, which would otherwise take "queues" for an id.
#include "disclosure/application_routes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "disclosure/application_testing.h"

namespace yuanwu::disclosure {
namespace {

using testing::ApplicationFixture;

// The module's own routes with their permissions.
std::vector<std::string> Own() {
  const std::string a = "/api/v1/disclosure/applications", c = "/api/v1/disclosure/consultations";
  const std::string r = " disclosure.application.read", h = " disclosure.application.handle",
                    m = " disclosure.application.manage";
  std::vector<std::string> out = {
      "GET " + a + r,
      "POST " + a + m,
      "GET " + a + "/{id}" + r,
      "GET " + a + "/codes" + r,
      "GET " + a + "/annual-table" + r,
      "GET " + a + "/annual-table/export" + r,
      "POST " + a + "/{id}/answer" + h,
      "POST " + a + "/{id}/actions/answer" + h,
      "GET " + c + r,
      "POST " + c + m,
      "GET " + c + "/{id}" + r,
      "POST " + c + "/{id}/answer" + h,
      "POST " + c + "/{id}/actions/answer" + h,
  };
  for (const char* step : {"correction-request", "correction-received", "correction-overdue",
                           "third-party", "third-party-reply", "third-party-silent", "withdraw"}) {
    out.push_back("POST " + a + "/{id}/" + step + h);
  }
  for (const char* action :
       {"request_correction", "correction_received", "correction_overdue", "consult_third_party",
        "third_party_replied", "third_party_silent", "withdraw"}) {
    out.push_back("POST " + a + "/{id}/actions/" + action + h);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The engine's shared routes (platform/cases/case_routes.h), whose permissions are the engine's.
std::vector<std::string> Shared(const std::string& base) {
  return {"GET " + base + "/queues",
          "GET " + base + "/{id}/timeline",
          "POST " + base + "/{id}/actions/{action}",
          "POST " + base + "/{id}/assign",
          "GET " + base + "/{id}/assignees",
          "POST " + base + "/{id}/notes",
          "POST " + base + "/{id}/attachments",
          "GET " + base + "/{id}/attachments/{aid}",
          "POST " + base + "/{id}/corrections",
          "POST " + base + "/{id}/pause",
          "POST " + base + "/{id}/resume",
          "POST " + base + "/{id}/extend",
          "GET " + base + "/{id}/file"};
}

class ApplicationRoutesTest : public ApplicationFixture {};

TEST_P(ApplicationRoutesTest, EveryRouteOnceWithItsPermission) {
  http::Router router;
  auth::SessionService sessions(*db_, clock_, random_, auth::SessionOptions{});
  auth::Guard guard(sessions);
  auth::RouteTable routes(router, guard);
  RegisterApplicationRoutes(routes, *service_);
  std::set<std::string> keys;
  std::vector<std::string> own;
  const std::vector<std::string> expected = Own();
  for (const auth::RouteSpec& s : routes.specs()) {
    std::string key = s.method + " " + s.pattern;
    EXPECT_TRUE(keys.insert(key).second) << key;
    std::string line = key + " " + s.permission;
    if (std::binary_search(expected.begin(), expected.end(), line)) own.push_back(line);
  }
  std::sort(own.begin(), own.end());
  EXPECT_EQ(own, expected);
  for (const std::string base :
       {"/api/v1/disclosure/applications", "/api/v1/disclosure/consultations"}) {
    for (const std::string& key : Shared(base)) EXPECT_TRUE(keys.count(key)) << key;
  }
  EXPECT_EQ(keys.size(), expected.size() + 2 * Shared("").size());

  for (const std::string base :
       {"/api/v1/disclosure/applications", "/api/v1/disclosure/consultations"}) {
    auto index = [&](const std::string& method, const std::string& pattern) {
      const auto& specs = routes.specs();
      for (size_t i = 0; i < specs.size(); ++i) {
        if (specs[i].method == method && specs[i].pattern == pattern) return i;
      }
      return specs.size();
    };
    EXPECT_LT(index("GET", base + "/queues"), index("GET", base + "/{id}")) << base;
    // The claimed actions come before the shared …/actions/{action}.
    EXPECT_LT(index("POST", base + "/{id}/actions/answer"),
              index("POST", base + "/{id}/actions/{action}"))
        << base;
  }
}

INSTANTIATE_TEST_SUITE_P(Db, ApplicationRoutesTest, ::testing::Values(std::string("sqlite")),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::disclosure

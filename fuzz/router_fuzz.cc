// Fuzzes path splitting and dispatch on a small router (platform/http/router.h).
// Input: the first byte picks the method, the rest is the raw request target.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "platform/http/router.h"
#include "platform/http/url.h"

namespace {

using yuanwu::Result;
using yuanwu::Status;
using yuanwu::http::Request;
using yuanwu::http::Response;

const yuanwu::http::Router& TheRouter() {
  static const yuanwu::http::Router* router = [] {
    auto* r = new yuanwu::http::Router;
    r->Add("GET", "/", [](Request&) -> Result<Response> { return Response::Text(200, "home"); });
    r->Add("GET", "/api/v1/items",
           [](Request& q) -> Result<Response> { return Response::Text(200, q.Query("q")); });
    r->Add("POST", "/api/v1/items", [](Request&) -> Result<Response> {
      return Status::Invalid("title", "标题不能为空", "title is required");
    });
    // Echoes user input into a problem message, as store code does for "X not found".
    r->Add("GET", "/api/v1/items/{id}", [](Request& q) -> Result<Response> {
      if (q.params["id"] == "0") return Status::Internal("secret detail");
      return Status::NotFound("公示 " + q.params["id"], "disclosure " + q.params["id"]);
    });
    r->Add("DELETE", "/api/v1/items/{id}",
           [](Request&) -> Result<Response> { return Status::Denied(); });
    r->Add("GET", "/api/v1/items/{id}/files/{file}", [](Request& q) -> Result<Response> {
      return Response::Text(200, q.params["id"] + "/" + q.params["file"]);
    });
    r->Add("GET", "/static/{path*}",
           [](Request& q) -> Result<Response> { return Response::Text(200, q.params["path"]); });
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kMethods[] = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"};
  Request req;
  req.method = kMethods[data[0] % 6];
  req.target.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  yuanwu::http::SplitTarget(req.target, &req.path, &req.query);

  for (std::string_view seg : yuanwu::http::PathSegments(req.path)) {
    if (seg.empty() || seg.find('/') != std::string_view::npos) std::abort();
  }

  Response r = TheRouter().Dispatch(req);
  switch (r.status) {
    case 200:
      break;
    case 400:
    case 403:
    case 404:
    case 405:
    case 500: {
      nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
      if (body.is_discarded() || !body.contains("code") || !body["fields"].is_array()) {
        std::abort();
      }
      if (r.status == 500 && r.body.find("secret detail") != std::string::npos) std::abort();
      if ((r.status == 405) != !r.Get("Allow").empty()) std::abort();
      break;
    }
    default:
      std::abort();
  }
  return 0;
}

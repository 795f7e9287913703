#include "platform/http/problem.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace yuanwu::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

Response ProblemResponse(const Status& status, bool english) {
  nlohmann::ordered_json body;
  body["code"] = StatusCodeName(status.code());
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  if (status.code() == StatusCode::kInternal) {
    // Whatever an internal error says stays in the log; the client gets a generic sentence.
    spdlog::error("internal error: {}", status.message_en());
    for (const FieldError& f : status.fields()) spdlog::error("internal error: {}", f.reason);
    body["message"] = english ? "internal server error" : "服务器内部错误，请稍后重试";
    body["message_en"] = "internal server error";
  } else {
    body["message"] = english ? status.message_en() : status.message();
    body["message_en"] = status.message_en();
    for (const FieldError& f : status.fields()) {
      fields.push_back({{"field", f.field},
                        {"reason", english ? f.reason_en : f.reason},
                        {"reason_en", f.reason_en}});
    }
  }
  body["fields"] = std::move(fields);
  // replace: a reason echoing raw input must not turn the error path into an exception.
  std::string text = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  Response r = Response::Json(HttpStatusFor(status.code()), std::move(text));
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace yuanwu::http

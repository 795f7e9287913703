#include "platform/base/status.h"

namespace yuanwu {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kPermissionDenied:
      return "permission_denied";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

Status Status::Invalid(std::string field, std::string reason, std::string reason_en) {
  Status s(StatusCode::kInvalidArgument, reason, reason_en);
  s.fields_.push_back({std::move(field), std::move(reason), std::move(reason_en)});
  return s;
}

Status Status::NotFound(std::string what_zh, std::string what_en) {
  return Status(StatusCode::kNotFound, what_zh + "不存在", what_en + " not found");
}

Status Status::Denied() {
  return Status(StatusCode::kPermissionDenied, "没有执行此操作的权限",
                "you do not have permission to do this");
}

Status Status::Unauthenticated() {
  return Status(StatusCode::kUnauthenticated, "请先登录", "please sign in");
}

Status Status::Conflict(std::string message, std::string message_en) {
  return Status(StatusCode::kAlreadyExists, std::move(message), std::move(message_en));
}

Status Status::Precondition(std::string message, std::string message_en) {
  return Status(StatusCode::kFailedPrecondition, std::move(message), std::move(message_en));
}

Status Status::Internal(std::string detail) {
  // The detail goes to the log via the caller; users get a generic sentence.
  Status s(StatusCode::kInternal, "服务器内部错误，请稍后重试", "internal server error");
  s.fields_.push_back({"_detail", detail, detail});
  return s;
}

Status& Status::AddField(std::string field, std::string reason, std::string reason_en) {
  fields_.push_back({std::move(field), std::move(reason), std::move(reason_en)});
  return *this;
}

void Validation::Fail(std::string field, std::string reason, std::string reason_en) {
  fields_.push_back({std::move(field), std::move(reason), std::move(reason_en)});
}

Status Validation::ToStatus() const {
  if (fields_.empty()) return Status::Ok();
  const FieldError& first = fields_.front();
  std::string zh = first.reason, en = first.reason_en;
  if (fields_.size() > 1) {
    zh += "（共" + std::to_string(fields_.size()) + "处错误）";
    en += " (" + std::to_string(fields_.size()) + " errors)";
  }
  Status s(StatusCode::kInvalidArgument, zh, en);
  for (const FieldError& f : fields_) s.AddField(f.field, f.reason, f.reason_en);
  return s;
}

}  // namespace yuanwu

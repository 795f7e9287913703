// Status: the one error type of yuanwu. Every fallible function returns Status or Result<T>.
//
// A Status carries a code from a small fixed set, a message in zh-CN and in English, and
// optionally per-field reasons so that a form can show which field is wrong and why.
// Only platform/http turns a Status into an HTTP response (see http/problem.h).
//
// Example:
//   Status s = Status::Invalid("title", "标题不能为空", "title is required");
//   if (!s.ok()) return s;
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yuanwu {

enum class StatusCode {
  kOk,
  kInvalidArgument,
  kUnauthenticated,
  kPermissionDenied,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

// Stable lowercase name used in API problem bodies, e.g. "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

struct FieldError {
  std::string field;
  std::string reason;     // zh-CN
  std::string reason_en;  // en
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, std::string message_en)
      : code_(code), message_(std::move(message)), message_en_(std::move(message_en)) {}

  static Status Ok() { return Status(); }
  // A validation failure on one field; the overall message repeats the field reason.
  static Status Invalid(std::string field, std::string reason, std::string reason_en);
  static Status NotFound(std::string what_zh, std::string what_en);
  static Status Denied();
  static Status Unauthenticated();
  static Status Conflict(std::string message, std::string message_en);
  static Status Precondition(std::string message, std::string message_en);
  static Status Internal(std::string detail);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& message_en() const { return message_en_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  // Adds a field reason; used to collect every invalid field of a form at once.
  Status& AddField(std::string field, std::string reason, std::string reason_en);

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string message_en_;
  std::vector<FieldError> fields_;
};

// Collects field errors while validating a whole form, so the user sees all of them at once.
class Validation {
 public:
  void Fail(std::string field, std::string reason, std::string reason_en);
  bool ok() const { return fields_.empty(); }
  // OK when nothing failed, otherwise kInvalidArgument listing every field.
  Status ToStatus() const;

 private:
  std::vector<FieldError> fields_;
};

}  // namespace yuanwu

// Returns early from the enclosing function if `expr` is not OK.
#define YW_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::yuanwu::Status yw_status_ = (expr);    \
    if (!yw_status_.ok()) return yw_status_; \
  } while (0)

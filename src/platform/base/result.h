// Result<T>: either a value or a non-OK Status. C++20 has no std::expected, so this is ours.
//
// Example:
//   Result<Item> r = store.Get(id);
//   if (!r.ok()) return r.status();
//   Use(*r);
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "platform/base/status.h"

namespace yuanwu {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace yuanwu

// Declares `lhs` from a Result expression or returns its Status.
#define YW_CONCAT_INNER(a, b) a##b
#define YW_CONCAT(a, b) YW_CONCAT_INNER(a, b)
#define YW_ASSIGN_OR_RETURN(lhs, expr)                                                        \
  auto YW_CONCAT(yw_result_, __LINE__) = (expr);                                              \
  if (!YW_CONCAT(yw_result_, __LINE__).ok()) return YW_CONCAT(yw_result_, __LINE__).status(); \
  lhs = std::move(YW_CONCAT(yw_result_, __LINE__)).value()

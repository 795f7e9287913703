// Typed reads of (nested) JSON bodies for the module's route files, whose field errors carry the
// full path ("actions[2].requirement"). Length and content checks belong to the rules
// (adverse_event_rules.h), with their messages; these only check types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/base/status.h"
#include "platform/http/json.h"
#include "platform/http/message.h"

namespace yuanwu::quality {

class BodyReader {
 public:
  // `prefix`: "" for the top level, "actions[2]." for an element.
  BodyReader(const http::Json& obj, std::string prefix, Validation& v)
      : obj_(obj), prefix_(std::move(prefix)), v_(v) {}

  std::string String(const char* key, const char* label_zh, const char* label_en);
  int64_t Int(const char* key, const char* label_zh, const char* label_en);  // 0 when absent
  std::optional<bool> Bool(const char* key, const char* label_zh, const char* label_en);
  // The array under `key` (empty when absent); an error when it is not an array of objects
  // (objects_only) or of strings.
  std::vector<http::Json> Objects(const char* key, const char* label_zh, const char* label_en);
  std::vector<std::string> Strings(const char* key, const char* label_zh, const char* label_en);
  std::vector<int64_t> Ints(const char* key, const char* label_zh, const char* label_en);
  const http::Json& Raw(const char* key) const;

 private:
  bool Has(const char* key) const;
  std::string Field(const char* key) const { return prefix_ + key; }

  const http::Json& obj_;
  std::string prefix_;
  Validation& v_;
};

}  // namespace yuanwu::quality

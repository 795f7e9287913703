// JSON bodies: parsing requests into nlohmann::json with field-level errors, and typed
// accessors that collect every problem of a form into one Validation.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "platform/base/result.h"
#include "platform/http/message.h"

namespace yuanwu::http {

using Json = nlohmann::ordered_json;

// Parses the body as a JSON object; a clear 400 if it is not one.
Result<Json> ParseJsonObject(const Request& req);
Response JsonResponse(const Json& body, int status = 200);

// Reads fields of a JSON object, recording a field error in `v` on type mismatch.
// `label_zh` / `label_en` name the field in messages ("标题" / "title").
class FieldReader {
 public:
  FieldReader(const Json& obj, Validation& v) : obj_(obj), v_(v) {}

  // Trimmed string; required fields fail when empty. Length is in characters.
  std::string String(const char* key, const char* label_zh, const char* label_en, bool required,
                     size_t max_chars);
  std::optional<int64_t> Int(const char* key, const char* label_zh, const char* label_en,
                             bool required);
  std::optional<bool> Bool(const char* key, const char* label_zh, const char* label_en);
  std::vector<std::string> StringList(const char* key, const char* label_zh, const char* label_en);
  bool Has(const char* key) const { return obj_.contains(key) && !obj_[key].is_null(); }

 private:
  const Json& obj_;
  Validation& v_;
};

}  // namespace yuanwu::http

#include "platform/http/json.h"

#include "platform/base/text.h"

namespace yuanwu::http {

Result<Json> ParseJsonObject(const Request& req) {
  Json j = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Invalid("body", "请求内容不是有效的 JSON 对象",
                           "request body is not a valid JSON object");
  }
  return j;
}

Response JsonResponse(const Json& body, int status) {
  Response r = Response::Json(status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
  r.Set("Cache-Control", "no-store");
  return r;
}

std::string FieldReader::String(const char* key, const char* label_zh, const char* label_en,
                                bool required, size_t max_chars) {
  if (!Has(key)) {
    if (required) {
      v_.Fail(key, std::string(label_zh) + "不能为空", std::string(label_en) + " is required");
    }
    return {};
  }
  const Json& val = obj_[key];
  if (!val.is_string()) {
    v_.Fail(key, std::string(label_zh) + "必须是文本", std::string(label_en) + " must be a string");
    return {};
  }
  std::string s = Trim(val.get<std::string>());
  if (!IsCleanUtf8(s)) {
    v_.Fail(key, std::string(label_zh) + "含有非法字符",
            std::string(label_en) + " contains invalid characters");
    return {};
  }
  if (required && s.empty()) {
    v_.Fail(key, std::string(label_zh) + "不能为空", std::string(label_en) + " is required");
  } else if (Utf8Length(s) > max_chars) {
    v_.Fail(
        key, std::string(label_zh) + "不能超过" + std::to_string(max_chars) + "个字",
        std::string(label_en) + " must be at most " + std::to_string(max_chars) + " characters");
  }
  return s;
}

std::optional<int64_t> FieldReader::Int(const char* key, const char* label_zh, const char* label_en,
                                        bool required) {
  if (!Has(key)) {
    if (required) {
      v_.Fail(key, std::string(label_zh) + "不能为空", std::string(label_en) + " is required");
    }
    return std::nullopt;
  }
  const Json& val = obj_[key];
  if (!val.is_number_integer() ||
      (val.is_number_unsigned() && val.get<uint64_t>() > uint64_t{INT64_MAX})) {  // no wrap
    v_.Fail(key, std::string(label_zh) + "必须是整数",
            std::string(label_en) + " must be an integer");
    return std::nullopt;
  }
  return val.get<int64_t>();
}

std::optional<bool> FieldReader::Bool(const char* key, const char* label_zh, const char* label_en) {
  if (!Has(key)) return std::nullopt;
  if (!obj_[key].is_boolean()) {
    v_.Fail(key, std::string(label_zh) + "必须是布尔值",
            std::string(label_en) + " must be true or false");
    return std::nullopt;
  }
  return obj_[key].get<bool>();
}

std::vector<std::string> FieldReader::StringList(const char* key, const char* label_zh,
                                                 const char* label_en) {
  std::vector<std::string> out;
  if (!Has(key)) return out;
  const Json& val = obj_[key];
  if (!val.is_array()) {
    v_.Fail(key, std::string(label_zh) + "必须是列表", std::string(label_en) + " must be a list");
    return out;
  }
  for (const Json& e : val) {
    if (!e.is_string()) {
      v_.Fail(key, std::string(label_zh) + "的每一项必须是文本",
              std::string(label_en) + " entries must be strings");
      return {};
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

}  // namespace yuanwu::http

#include "quality/route_util.h"

#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/http/params.h"
#include "platform/http/url.h"

namespace yuanwu::quality {

using http::Json;

bool BodyReader::Has(const char* key) const {
  return obj_.is_object() && obj_.contains(key) && !obj_[key].is_null();
}

const Json& BodyReader::Raw(const char* key) const {
  static const Json kNull;
  return Has(key) ? obj_[key] : kNull;
}

std::string BodyReader::String(const char* key, const char* zh, const char* en) {
  if (!Has(key)) return "";
  if (!obj_[key].is_string()) {
    v_.Fail(Field(key), std::string(zh) + "必须是文本", std::string(en) + " must be a string");
    return "";
  }
  return obj_[key].get<std::string>();
}

int64_t BodyReader::Int(const char* key, const char* zh, const char* en) {
  if (!Has(key)) return 0;
  const Json& val = obj_[key];
  if (!val.is_number_integer() ||
      (val.is_number_unsigned() && val.get<uint64_t>() > uint64_t{INT64_MAX})) {
    v_.Fail(Field(key), std::string(zh) + "必须是整数", std::string(en) + " must be an integer");
    return 0;
  }
  return val.get<int64_t>();
}

std::optional<bool> BodyReader::Bool(const char* key, const char* zh, const char* en) {
  if (!Has(key)) return std::nullopt;
  if (!obj_[key].is_boolean()) {
    v_.Fail(Field(key), std::string(zh) + "必须是布尔值",
            std::string(en) + " must be true or false");
    return std::nullopt;
  }
  return obj_[key].get<bool>();
}

std::vector<Json> BodyReader::Objects(const char* key, const char* zh, const char* en) {
  std::vector<Json> out;
  if (!Has(key)) return out;
  const Json& val = obj_[key];
  if (!val.is_array()) {
    v_.Fail(Field(key), std::string(zh) + "必须是列表", std::string(en) + " must be a list");
    return out;
  }
  for (size_t i = 0; i < val.size(); ++i) {
    if (!val[i].is_object()) {
      v_.Fail(Field(key) + "[" + std::to_string(i) + "]", std::string(zh) + "的每一项必须是对象",
              std::string(en) + ": each entry must be an object");
      out.push_back(Json::object());
    } else {
      out.push_back(val[i]);
    }
  }
  return out;
}

std::vector<std::string> BodyReader::Strings(const char* key, const char* zh, const char* en) {
  std::vector<std::string> out;
  if (!Has(key)) return out;
  const Json& val = obj_[key];
  if (!val.is_array()) {
    v_.Fail(Field(key), std::string(zh) + "必须是列表", std::string(en) + " must be a list");
    return out;
  }
  for (size_t i = 0; i < val.size(); ++i) {
    if (!val[i].is_string()) {
      v_.Fail(Field(key) + "[" + std::to_string(i) + "]", std::string(zh) + "的每一项必须是文本",
              std::string(en) + ": each entry must be a string");
      out.emplace_back();
    } else {
      out.push_back(val[i].get<std::string>());
    }
  }
  return out;
}

std::vector<int64_t> BodyReader::Ints(const char* key, const char* zh, const char* en) {
  std::vector<int64_t> out;
  if (!Has(key)) return out;
  const Json& val = obj_[key];
  if (!val.is_array()) {
    v_.Fail(Field(key), std::string(zh) + "必须是列表", std::string(en) + " must be a list");
    return out;
  }
  for (size_t i = 0; i < val.size(); ++i) {
    if (!val[i].is_number_integer() || val[i].get<int64_t>() <= 0) {
      v_.Fail(Field(key) + "[" + std::to_string(i) + "]", std::string(zh) + "的每一项必须是正整数",
              std::string(en) + ": each entry must be a positive integer");
      out.push_back(0);
    } else {
      out.push_back(val[i].get<int64_t>());
    }
  }
  return out;
}

}  // namespace yuanwu::quality

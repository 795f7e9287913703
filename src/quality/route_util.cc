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

std::string QueryText(const http::Request& req, const char* name, size_t max, Validation& v) {
  std::string s = Trim(req.Query(name));
  if (!IsCleanUtf8(s) || Utf8Length(s) > max) {
    v.Fail(name, "参数过长或含有无效字符", "too long or contains invalid characters");
    return "";
  }
  return s;
}

int64_t QueryId(const http::Request& req, const char* name, Validation& v) {
  Result<int64_t> n = http::QueryInt(req, name);
  if (!n.ok() || *n < 0) {
    v.Fail(name, std::string(name) + " 应为正整数",
           std::string(name) + " must be a positive integer");
    return 0;
  }
  return *n;
}

cases::Queue QueryQueue(const http::Request& req, Validation& v) {
  cases::Queue q = cases::Queue::kAll;
  std::string queue = req.Query("queue");
  if (!queue.empty() && !cases::ParseQueue(queue, &q)) {
    v.Fail("queue", "队列参数无效：" + queue, "invalid queue: " + queue);
  }
  return q;
}

void QueryDates(const http::Request& req, std::string* from, std::string* to, Validation& v) {
  for (auto [name, out] : {std::pair{"from", from}, std::pair{"to", to}}) {
    *out = Trim(req.Query(name));
    if (!out->empty() && !ParseDate(*out)) {
      v.Fail(name, "日期格式应为 YYYY-MM-DD", "dates must look like YYYY-MM-DD");
      out->clear();
    }
  }
  if (!from->empty() && !to->empty() && *to < *from) {
    v.Fail("to", "结束日期不能早于开始日期", "the end date cannot be before the start date");
  }
}

void QueryPage(const http::Request& req, int64_t* offset, int64_t* limit, Validation& v) {
  Result<int64_t> o = http::QueryInt(req, "offset");
  Result<int64_t> l = http::QueryInt(req, "limit");
  if (!o.ok() || *o < 0) {
    v.Fail("offset", "offset 应为非负整数", "offset must be a non-negative integer");
  } else {
    *offset = *o;
  }
  if (!l.ok() || *l < 0 || *l > 200) {
    v.Fail("limit", "limit 应为1到200", "limit must be 1–200");
  } else if (*l > 0) {
    *limit = *l;
  }
}

http::Response XlsxResponse(std::string data, const std::string& filename) {
  http::Response res;
  res.body = std::move(data);
  res.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.Set("Content-Disposition", "attachment; filename*=UTF-8''" + http::PercentEncode(filename));
  res.Set("Cache-Control", "private, no-store");
  return res;
}

}  // namespace yuanwu::quality

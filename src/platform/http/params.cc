#include "platform/http/params.h"

#include <charconv>

#include "platform/base/text.h"
#include "platform/base/time.h"

namespace yuanwu::http {
namespace {

bool ParseInt(const std::string& s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Result<int64_t> PathId(const Request& req, const char* name) {
  auto it = req.params.find(name);
  int64_t id = 0;
  if (it == req.params.end() || !ParseInt(it->second, &id) || id <= 0) {
    return Status::NotFound("记录", "record");
  }
  return id;
}

Result<Page> ReadPage(const Request& req) {
  Page p;
  Validation v;
  std::string page = req.Query("page"), size = req.Query("page_size");
  if (!page.empty() && (!ParseInt(page, &p.page) || p.page < 1 || p.page > 1000000)) {
    v.Fail("page", "页码必须是正整数", "page must be a positive integer");
  }
  if (!size.empty() && (!ParseInt(size, &p.page_size) || p.page_size < 1 || p.page_size > 200)) {
    v.Fail("page_size", "每页条数必须在1到200之间", "page_size must be between 1 and 200");
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  return p;
}

Result<int64_t> QueryInt(const Request& req, const char* name) {
  std::string s = req.Query(name);
  if (s.empty()) return int64_t{0};
  int64_t v = 0;
  if (!ParseInt(s, &v)) {
    return Status::Invalid(name, std::string("参数") + name + "必须是整数",
                           std::string(name) + " must be an integer");
  }
  return v;
}

std::string QueryText(const Request& req, const char* name, size_t max, Validation& v) {
  std::string s = Trim(req.Query(name));
  if (!IsCleanUtf8(s) || Utf8Length(s) > max) {
    v.Fail(name, "参数过长或含有无效字符", "too long or contains invalid characters");
    return "";
  }
  return s;
}

int64_t QueryId(const Request& req, const char* name, Validation& v) {
  Result<int64_t> n = QueryInt(req, name);
  if (!n.ok() || *n < 0) {
    v.Fail(name, std::string(name) + " 应为正整数",
           std::string(name) + " must be a positive integer");
    return 0;
  }
  return *n;
}

void QueryDates(const Request& req, std::string* from, std::string* to, Validation& v) {
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

void QueryPage(const Request& req, int64_t* offset, int64_t* limit, Validation& v) {
  Result<int64_t> o = QueryInt(req, "offset");
  Result<int64_t> l = QueryInt(req, "limit");
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

}  // namespace yuanwu::http

#include "platform/http/params.h"

#include <charconv>

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

}  // namespace yuanwu::http

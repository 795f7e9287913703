#include "platform/http/multipart.h"

#include <algorithm>

#include "platform/base/text.h"

namespace yuanwu::http {
namespace {

Status Bad(std::string_view why_zh, std::string_view why_en) {
  return Status::Invalid("file", "上传内容格式错误：" + std::string(why_zh),
                         "malformed upload: " + std::string(why_en));
}

// Value of `key` in a header like `form-data; name="file"; filename="a;b.pdf"`.
// Parameters are split at semicolons outside quotes; quoted values may escape with '\\'.
std::string HeaderParam(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while (pos < header.size()) {
    // Find the end of this parameter: the next ';' that is not inside quotes.
    size_t end = pos;
    bool quoted = false;
    for (; end < header.size(); ++end) {
      char c = header[end];
      if (quoted && c == '\\') {
        ++end;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        break;
      }
    }
    std::string param = Trim(header.substr(pos, std::min(end, header.size()) - pos));
    size_t eq = param.find('=');
    if (eq != std::string::npos && ToLowerAscii(Trim(param.substr(0, eq))) == key) {
      std::string_view v = std::string_view(param).substr(eq + 1);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      if (v.empty() || v.front() != '"') return Trim(v);
      std::string out;
      for (size_t i = 1; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) {
          out.push_back(v[++i]);
        } else if (v[i] == '"') {
          break;
        } else {
          out.push_back(v[i]);
        }
      }
      return out;
    }
    pos = end + 1;
  }
  return {};
}

}  // namespace

Result<std::vector<Part>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (!ToLowerAscii(content_type).starts_with("multipart/form-data")) {
    return Bad("需要 multipart/form-data", "expected multipart/form-data");
  }
  std::string boundary = HeaderParam(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return Bad("缺少分隔符", "missing boundary");
  const std::string delim = "--" + boundary;
  std::vector<Part> parts;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return Bad("找不到分隔符", "boundary not found");
  pos += delim.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Bad("分隔符后缺少换行", "no CRLF after boundary");
    pos += 2;
    size_t header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos) return Bad("分段头不完整", "truncated part header");
    Part part;
    std::string_view headers = body.substr(pos, header_end - pos);
    size_t line_start = 0;
    while (line_start <= headers.size()) {
      size_t line_end = headers.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = headers.size();
      std::string_view line = headers.substr(line_start, line_end - line_start);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = ToLowerAscii(Trim(line.substr(0, colon)));
        std::string value = Trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          part.name = HeaderParam(value, "name");
          part.filename = HeaderParam(value, "filename");
        } else if (name == "content-type") {
          part.content_type = value;
        }
      }
      line_start = line_end + 2;
    }
    size_t data_start = header_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return Bad("内容被截断", "truncated part body");
    part.data = std::string(body.substr(data_start, next - data_start));
    if (part.name.empty()) return Bad("分段缺少字段名", "part without a field name");
    parts.push_back(std::move(part));
    if (parts.size() > 100) return Bad("分段过多", "too many parts");
    pos = next + 2 + delim.size();
  }
}

const Part* FindPart(const std::vector<Part>& parts, std::string_view name) {
  for (const Part& p : parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace yuanwu::http

// Fuzzes multipart/form-data parsing (platform/http/multipart.h).
// Input: the first line is the boundary (or, if it starts with "multipart", the whole
// Content-Type header); the rest is the body.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string_view first = in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  std::string content_type = first.starts_with("multipart")
                                 ? std::string(first)
                                 : "multipart/form-data; boundary=" + std::string(first);

  yuanwu::Result<std::vector<yuanwu::http::Part>> parts =
      yuanwu::http::ParseMultipart(content_type, body);
  if (!parts.ok()) {
    if (parts.status().code() != yuanwu::StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  if (parts->size() > 100) std::abort();
  size_t total = 0;
  for (const yuanwu::http::Part& p : *parts) {
    if (p.name.empty()) std::abort();
    total += p.data.size();
    // Every part's data is a slice of the body.
    if (!p.data.empty() && body.find(p.data) == std::string_view::npos) std::abort();
  }
  if (total > body.size()) std::abort();
  if (!parts->empty() && yuanwu::http::FindPart(*parts, (*parts)[0].name) != &(*parts)[0]) {
    std::abort();
  }
  return 0;
}

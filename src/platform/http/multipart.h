// multipart/form-data parsing (RFC 7578) for uploads. Bounded: the server's body limit has
// already capped the input; this parser never reads outside it. Fuzzed by fuzz/multipart_fuzz.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"

namespace yuanwu::http {

struct Part {
  std::string name;          // form field name
  std::string filename;      // empty for plain fields
  std::string content_type;  // as sent; never trusted for file type decisions
  std::string data;
};

// `content_type` is the request's Content-Type header (must carry a boundary).
Result<std::vector<Part>> ParseMultipart(std::string_view content_type, std::string_view body);

// The first part with this field name, or nullptr.
const Part* FindPart(const std::vector<Part>& parts, std::string_view name);

}  // namespace yuanwu::http

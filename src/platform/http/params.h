// Reading path and query parameters with field-level errors.
#pragma once

#include <cstdint>
#include <string>

#include "platform/base/result.h"
#include "platform/http/message.h"

namespace yuanwu::http {

// A positive integer path parameter (e.g. {id}); 404 when malformed, as for an unknown id.
Result<int64_t> PathId(const Request& req, const char* name = "id");

struct Page {
  int64_t page = 1;
  int64_t page_size = 20;
  int64_t offset() const { return (page - 1) * page_size; }
};
// ?page=&page_size= with page_size capped at 200.
Result<Page> ReadPage(const Request& req);
// An optional integer query parameter (0 when absent).
Result<int64_t> QueryInt(const Request& req, const char* name);

}  // namespace yuanwu::http

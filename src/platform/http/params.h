// Reading path and query parameters with field-level errors.
#pragma once

#include <cstdint>
#include <string>

#include "platform/base/result.h"
#include "platform/base/status.h"
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

// Query parameters of list screens, each recorded in `v` as a field error when malformed (and
// then left empty / at its default), so that one response names every bad parameter.
// Trimmed text of at most `max` characters.
std::string QueryText(const Request& req, const char* name, size_t max, Validation& v);
// An optional non-negative id (0 when absent).
int64_t QueryId(const Request& req, const char* name, Validation& v);
// "from" / "to" as YYYY-MM-DD, to not before from.
void QueryDates(const Request& req, std::string* from, std::string* to, Validation& v);
// ?offset= ≥ 0 and ?limit= 1–200; each left as it was when absent.
void QueryPage(const Request& req, int64_t* offset, int64_t* limit, Validation& v);

}  // namespace yuanwu::http

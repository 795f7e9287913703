// Small helpers shared by the module's route files: typed reads of (nested) JSON bodies whose
// field errors carry the full path ("actions[2].requirement"), query parameters, and XLSX
// downloads. Length and content checks belong to the rules (adverse_event_rules.h), with their
// messages; these only check types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/base/status.h"
#include "platform/cases/case.h"
#include "platform/http/json.h"
#include "platform/http/message.h"

namespace yuanwu::quality {

class BodyReader {
 public:
  // `prefix`: "" for the top level, "actions[2]." for an element.
  BodyReader(const http::Json& obj, std::string prefix, Validation& v)
      : obj_(obj), prefix_(std::move(prefix)), v_(v) {}

  std::string String(const char* key, const char* label_zh, const char* label_en);
  int64_t Int(const char* key, const char* label_zh, const char* label_en);  // 0 when absent
  std::optional<bool> Bool(const char* key, const char* label_zh, const char* label_en);
  // The array under `key` (empty when absent); an error when it is not an array of objects
  // (objects_only) or of strings.
  std::vector<http::Json> Objects(const char* key, const char* label_zh, const char* label_en);
  std::vector<std::string> Strings(const char* key, const char* label_zh, const char* label_en);
  std::vector<int64_t> Ints(const char* key, const char* label_zh, const char* label_en);
  const http::Json& Raw(const char* key) const;

 private:
  bool Has(const char* key) const;
  std::string Field(const char* key) const { return prefix_ + key; }

  const http::Json& obj_;
  std::string prefix_;
  Validation& v_;
};

// Query parameters, each a field error when malformed.
std::string QueryText(const http::Request& req, const char* name, size_t max, Validation& v);
int64_t QueryId(const http::Request& req, const char* name, Validation& v);
cases::Queue QueryQueue(const http::Request& req, Validation& v);
// "from" / "to" as YYYY-MM-DD, to not before from.
void QueryDates(const http::Request& req, std::string* from, std::string* to, Validation& v);
// offset ≥ 0, limit 1–200 (default 20).
void QueryPage(const http::Request& req, int64_t* offset, int64_t* limit, Validation& v);

http::Response XlsxResponse(std::string data, const std::string& filename);

}  // namespace yuanwu::quality

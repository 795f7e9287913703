// Percent-decoding and query/form parsing (application/x-www-form-urlencoded).
// Fuzzed by fuzz/url_fuzz.cc; never fails, invalid escapes are kept literally.
#pragma once

#include <string>
#include <string_view>

#include "platform/http/message.h"

namespace yuanwu::http {

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (form and query encoding).
std::string PercentDecode(std::string_view s, bool plus_is_space);
// Encodes everything except unreserved characters (RFC 3986).
std::string PercentEncode(std::string_view s);
// Parses "a=1&b=%E4%B8%AD" into decoded pairs. Empty keys are dropped.
Pairs ParseQuery(std::string_view s);
// Splits a target into the decoded path and the parsed query.
void SplitTarget(std::string_view target, std::string* path, Pairs* query);

}  // namespace yuanwu::http

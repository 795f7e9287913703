// Fuzzes the Cookie header parser (Request::Cookie) and the language preference.
// Input: the first line is the cookie name to look up; the rest is the Cookie header value.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/http/message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string name(in.substr(0, nl));
  std::string header = nl == std::string_view::npos ? "" : std::string(in.substr(nl + 1));

  yuanwu::http::Request req;
  req.headers.emplace_back("cookie", header);
  req.headers.emplace_back("accept-language", header);
  std::string value = req.Cookie(name);
  // The value is always a slice of the header, and a found cookie needs "name=" in it.
  if (value.size() > header.size()) std::abort();
  if (!value.empty() && header.find(value) == std::string::npos) std::abort();
  if (!value.empty() && header.find(name + "=") == std::string::npos) std::abort();
  (void)req.Cookie("yw_session");
  (void)req.PrefersEnglish();
  return 0;
}

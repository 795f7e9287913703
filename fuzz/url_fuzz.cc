// Fuzzes percent-decoding and query/target parsing (platform/http/url.h): never crashes, never
// grows the input, and PercentEncode/PercentDecode round-trip every byte string.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/http/url.h"

using yuanwu::http::Pairs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  std::string raw = yuanwu::http::PercentDecode(in, false);
  std::string form = yuanwu::http::PercentDecode(in, true);
  if (raw.size() > in.size() || form.size() != raw.size()) std::abort();

  std::string encoded = yuanwu::http::PercentEncode(in);
  if (yuanwu::http::PercentDecode(encoded, false) != in) std::abort();
  if (yuanwu::http::PercentDecode(encoded, true) != in) std::abort();
  if (encoded.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789-._~%") != std::string::npos) {
    std::abort();
  }

  Pairs query = yuanwu::http::ParseQuery(in);
  for (const auto& [key, value] : query) {
    if (key.empty()) std::abort();  // empty keys are dropped
    if (key.size() + value.size() > in.size()) std::abort();
  }

  std::string path;
  Pairs target_query = {{"stale", "x"}};
  yuanwu::http::SplitTarget(in, &path, &target_query);
  if (path.size() > in.size()) std::abort();
  if (in.find('?') == std::string_view::npos && !target_query.empty()) std::abort();
  return 0;
}

// Fuzzes the UTF-8 helpers (platform/base/text.h) against a straightforward reference decoder.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/base/text.h"

namespace {

// Decodes code points one by one and applies the rules of IsCleanUtf8 to each.
bool ReferenceClean(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c, n = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, n = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, n = 4;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) {
      return false;  // overlong
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  bool clean = yuanwu::IsCleanUtf8(in);
  if (clean != ReferenceClean(in)) std::abort();

  std::vector<std::string_view> chars = yuanwu::Utf8Chars(in);
  std::string joined;
  for (std::string_view c : chars) {
    if (c.empty() || c.size() > 4) std::abort();
    joined += c;
  }
  if (joined != in) std::abort();
  if (clean && yuanwu::Utf8Length(in) != chars.size()) std::abort();
  if (yuanwu::Utf8Length(in) > in.size()) std::abort();

  std::string trimmed = yuanwu::Trim(in);
  if (in.find(trimmed) == std::string_view::npos) std::abort();
  if (yuanwu::Trim(trimmed) != trimmed) std::abort();  // idempotent
  if (clean && !yuanwu::IsCleanUtf8(trimmed)) std::abort();

  std::string name = yuanwu::MaskName(in);
  if (clean && !yuanwu::IsCleanUtf8(name)) std::abort();
  if (!in.empty() && name.find('*') == std::string::npos) std::abort();
  std::string phone = yuanwu::MaskPhone(in);
  if (phone.size() != (in.size() < 7 ? in.size() : 11)) std::abort();

  if (yuanwu::HexEncode(in).size() != 2 * in.size()) std::abort();
  if (yuanwu::ToLowerAscii(in).size() != in.size()) std::abort();
  if (yuanwu::Split(in, ',').size() !=
      1 + static_cast<size_t>(std::count(in.begin(), in.end(), ','))) {
    std::abort();
  }
  return 0;
}

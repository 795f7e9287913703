#include "platform/http/url.h"

namespace yuanwu::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string PercentEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Pairs ParseQuery(std::string_view s) {
  Pairs out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t amp = s.find('&', start);
    if (amp == std::string_view::npos) amp = s.size();
    std::string_view part = s.substr(start, amp - start);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string key = PercentDecode(part.substr(0, eq), true);
      std::string value =
          eq == std::string_view::npos ? std::string() : PercentDecode(part.substr(eq + 1), true);
      if (!key.empty()) out.emplace_back(std::move(key), std::move(value));
    }
    start = amp + 1;
  }
  return out;
}

void SplitTarget(std::string_view target, std::string* path, Pairs* query) {
  size_t q = target.find('?');
  // An encoded slash stays encoded so it cannot split a path segment in two.
  std::string raw(target.substr(0, q));
  for (size_t pos = 0; (pos = raw.find('%', pos)) != std::string::npos; pos += 3) {
    if (pos + 2 < raw.size() && raw[pos + 1] == '2' &&
        (raw[pos + 2] == 'F' || raw[pos + 2] == 'f')) {
      raw.replace(pos, 3, "%252F");
    }
  }
  *path = PercentDecode(raw, false);
  query->clear();
  if (q != std::string_view::npos) *query = ParseQuery(target.substr(q + 1));
}

}  // namespace yuanwu::http

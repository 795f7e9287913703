#include "platform/base/text.h"

#include <cctype>

namespace yuanwu {
namespace {

// Length of the UTF-8 sequence starting with byte c, or 0 if c cannot start one.
size_t SeqLen(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

}  // namespace

bool IsCleanUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = SeqLen(c);
    if (n == 0 || i + n > s.size()) return false;
    if (n == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    if (n == 1 && c == 0x7F) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    unsigned char c1 = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (n == 3 && c == 0xE0 && c1 < 0xA0) return false;   // overlong
    if (n == 3 && c == 0xED && c1 >= 0xA0) return false;  // surrogates
    if (n == 4 && c == 0xF0 && c1 < 0x90) return false;   // overlong
    if (n == 4 && c == 0xF4 && c1 >= 0x90) return false;  // > U+10FFFF
    i += n;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::vector<std::string_view> Utf8Chars(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t n = SeqLen(static_cast<unsigned char>(s[i]));
    if (n == 0 || i + n > s.size()) n = 1;  // tolerate garbage: one byte per "char"
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string Trim(std::string_view s) {
  static constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
      s.remove_prefix(1);
      changed = true;
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
      s.remove_suffix(1);
      changed = true;
    }
    if (s.substr(0, 3) == kIdeoSpace) {
      s.remove_prefix(3);
      changed = true;
    }
    if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeoSpace) {
      s.remove_suffix(3);
      changed = true;
    }
  }
  return std::string(s);
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4));
}

std::string MaskName(std::string_view name) {
  std::vector<std::string_view> chars = Utf8Chars(name);
  if (chars.empty()) return "";
  if (chars.size() == 1) return "*";
  std::string out(chars.front());
  out += "*";
  if (chars.size() > 2) out += chars.back();
  return out;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string HexEncode(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace yuanwu

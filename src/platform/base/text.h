// Small UTF-8 text helpers used by validation, search and import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yuanwu {

// True if `s` is well-formed UTF-8 without NUL or C0 control characters other than \t \n \r.
bool IsCleanUtf8(std::string_view s);
// Number of Unicode code points (assumes valid UTF-8).
size_t Utf8Length(std::string_view s);
// Splits valid UTF-8 into code points (each a string of 1–4 bytes).
std::vector<std::string_view> Utf8Chars(std::string_view s);
// Trims ASCII whitespace and the full-width space U+3000.
std::string Trim(std::string_view s);
std::string ToLowerAscii(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
// Masks a phone number to 138****5678 and a name to 张*明 / 张*; keeps short values readable.
std::string MaskPhone(std::string_view phone);
std::string MaskName(std::string_view name);
// Masks an ID card number to its first 4 and last 4 characters: 5301**********1234.
std::string MaskIdNumber(std::string_view id);
// Lowercase hex of bytes.
std::string HexEncode(std::string_view bytes);

}  // namespace yuanwu

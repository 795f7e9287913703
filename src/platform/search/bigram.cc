#include "platform/search/bigram.h"

#include "platform/base/text.h"

namespace yuanwu::search {
namespace {

enum class Kind { kSeparator, kAscii, kCjk };

uint32_t CodePoint(std::string_view ch) {
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(ch[i])); };
  switch (ch.size()) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    case 4:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
  return 0;
}

Kind Classify(std::string_view ch) {
  uint32_t cp = CodePoint(ch);
  if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) ? Kind::kAscii : Kind::kSeparator;
  if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
      (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
      (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x00B7) {
    return Kind::kSeparator;  // CJK and general punctuation, full-width symbols
  }
  if (cp >= 0xFF10 && cp <= 0xFF5A) return Kind::kCjk;  // full-width letters and digits
  return cp >= 0x2E80 ? Kind::kCjk : Kind::kSeparator;
}

template <typename Emit>
void Tokenize(std::string_view text, Emit emit) {
  std::vector<std::string_view> chars = Utf8Chars(text);
  size_t i = 0;
  while (i < chars.size()) {
    Kind k = Classify(chars[i]);
    size_t j = i;
    while (j < chars.size() && Classify(chars[j]) == k) ++j;
    if (k == Kind::kAscii) {
      std::string word;
      for (size_t x = i; x < j && word.size() < 32; ++x) word += chars[x];
      emit(ToLowerAscii(word));
    } else if (k == Kind::kCjk) {
      if (j - i == 1) emit(std::string(chars[i]));
      for (size_t x = i; x + 1 < j; ++x) emit(std::string(chars[x]) + std::string(chars[x + 1]));
    }
    i = j;
  }
}

}  // namespace

std::set<std::string> DocumentTokens(std::string_view text) {
  std::set<std::string> out;
  Tokenize(text, [&](std::string t) { out.insert(std::move(t)); });
  return out;
}

std::vector<std::string> QueryTokens(std::string_view query) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  Tokenize(query, [&](std::string t) {
    if (out.size() < 16 && seen.insert(t).second) out.push_back(std::move(t));
  });
  return out;
}

std::vector<std::string> QueryTerms(std::string_view query) {
  std::vector<std::string> out;
  std::string q = ToLowerAscii(query);
  for (std::string& part : Split(q, ' ')) {
    std::string t = Trim(part);
    if (!t.empty() && out.size() < 16) out.push_back(t);
  }
  return out;
}

bool ContainsAllTerms(std::string_view text, const std::vector<std::string>& terms) {
  std::string lower = ToLowerAscii(text);
  for (const std::string& t : terms) {
    if (lower.find(t) == std::string::npos) return false;
  }
  return true;
}

}  // namespace yuanwu::search

// Fuzzes the search tokenizer (platform/search/bigram.h): any text, valid UTF-8 or not, gives
// bounded tokens, and a document always matches a query made of its own text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "platform/base/text.h"
#include "platform/search/bigram.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto doc = yuanwu::search::DocumentTokens(in);
  for (const auto& t : doc) {
    if (t.empty() || t.size() > 128) std::abort();
  }
  auto query = yuanwu::search::QueryTokens(in);
  if (query.size() > 16) std::abort();
  if (yuanwu::IsCleanUtf8(in)) {
    for (const auto& t : query) {
      if (!doc.count(t)) std::abort();  // the document holds every token of itself as a query
    }
  }
  auto terms = yuanwu::search::QueryTerms(in);
  if (terms.size() > 16) std::abort();
  if (!yuanwu::search::ContainsAllTerms(yuanwu::ToLowerAscii(in), terms)) std::abort();
  return 0;
}

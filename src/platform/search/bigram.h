// Bigram tokens for Chinese full-text search on both SQLite and PostgreSQL.
//
// SQLite's trigram tokenizer silently finds nothing for 2-character words (随访, 发热), and most
// Chinese search terms are two characters (see ../shared/stack.md §2.1). So text is split into
// runs: every run of CJK characters yields its overlapping character pairs ("电话随访" →
// 电话 话随 随访), a lone CJK character yields itself, and ASCII letters/digits yield lowercase
// words. A document matches a query when it holds every query token; callers then confirm the
// exact phrase, because bigrams alone do not guarantee adjacency.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace yuanwu::search {

// Distinct tokens of a document.
std::set<std::string> DocumentTokens(std::string_view text);
// Tokens a query needs (distinct, in order of appearance); at most 16.
std::vector<std::string> QueryTokens(std::string_view query);
// The query's terms (split on whitespace) for phrase confirmation, lowercased ASCII.
std::vector<std::string> QueryTerms(std::string_view query);
// True when every term occurs in `text` (ASCII case-insensitive).
bool ContainsAllTerms(std::string_view text, const std::vector<std::string>& terms);

}  // namespace yuanwu::search

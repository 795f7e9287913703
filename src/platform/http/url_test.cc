#include "platform/http/url.h"

#include <gtest/gtest.h>

#include <string>

using namespace std::string_literals;

namespace yuanwu::http {
namespace {

// ---- PercentDecode ----

TEST(PercentDecodeTest, DecodesEscapesInBothCases) {
  EXPECT_EQ(PercentDecode("%E9%9A%8F%E8%AE%BF", false), "随访");
  EXPECT_EQ(PercentDecode("%e9%9a%8f%e8%ae%bf", false), "随访");
  EXPECT_EQ(PercentDecode("a%20b", false), "a b");
  EXPECT_EQ(PercentDecode("%41%42C", false), "ABC");
}

TEST(PercentDecodeTest, PlusIsASpaceOnlyInFormEncoding) {
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a%2Bb", true), "a+b");  // an encoded plus stays a plus
}

TEST(PercentDecodeTest, KeepsInvalidEscapesLiterally) {
  EXPECT_EQ(PercentDecode("%", false), "%");
  EXPECT_EQ(PercentDecode("%4", false), "%4");
  EXPECT_EQ(PercentDecode("%zz", false), "%zz");
  EXPECT_EQ(PercentDecode("%4g", false), "%4g");
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("%%41", false), "%A");
}

TEST(PercentDecodeTest, DecodesAnEscapeAtTheVeryEnd) {
  EXPECT_EQ(PercentDecode("ab%41", false), "abA");
  EXPECT_EQ(PercentDecode("ab%4", false), "ab%4");
}

TEST(PercentDecodeTest, DoesNotDecodeTwice) { EXPECT_EQ(PercentDecode("%2541", false), "%41"); }

TEST(PercentDecodeTest, MayProduceNulAndInvalidUtf8ForCallersToReject) {
  EXPECT_EQ(PercentDecode("a%00b", false), "a\0b"s);
  EXPECT_EQ(PercentDecode("%FF", false), "\xFF");
}

// ---- PercentEncode ----

TEST(PercentEncodeTest, KeepsUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
}

TEST(PercentEncodeTest, EscapesEverythingElseInUppercaseHex) {
  EXPECT_EQ(PercentEncode("a b/c?d=e&f+"), "a%20b%2Fc%3Fd%3De%26f%2B");
  EXPECT_EQ(PercentEncode("随访"), "%E9%9A%8F%E8%AE%BF");
}

TEST(PercentEncodeTest, RoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(PercentDecode(PercentEncode(all), true), all);
}

// ---- ParseQuery ----

TEST(ParseQueryTest, ParsesPairsInOrder) {
  Pairs q = ParseQuery("a=1&b=%E4%B8%AD&a=2");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(q[1], (std::pair<std::string, std::string>{"b", "中"}));
  EXPECT_EQ(q[2], (std::pair<std::string, std::string>{"a", "2"}));
}

TEST(ParseQueryTest, DecodesPlusInKeysAndValues) {
  Pairs q = ParseQuery("full+name=%E5%BC%A0+%E4%B8%89");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].first, "full name");
  EXPECT_EQ(q[0].second, "张 三");
}

TEST(ParseQueryTest, KeyWithoutEqualsHasAnEmptyValue) {
  Pairs q = ParseQuery("flag&x=");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(q[1], (std::pair<std::string, std::string>{"x", ""}));
}

TEST(ParseQueryTest, DropsEmptyKeysAndEmptyParts) {
  Pairs q = ParseQuery("&&=orphan&a=1&&");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].first, "a");
  EXPECT_TRUE(ParseQuery("").empty());
  EXPECT_TRUE(ParseQuery("&").empty());
  EXPECT_TRUE(ParseQuery("=").empty());
}

TEST(ParseQueryTest, OnlyTheFirstEqualsSplits) {
  Pairs q = ParseQuery("expr=a=b");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].second, "a=b");
}

TEST(ParseQueryTest, EncodedSeparatorsDoNotSplit) {
  Pairs q = ParseQuery("q=a%26b%3Dc");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].second, "a&b=c");
}

// ---- SplitTarget ----

TEST(SplitTargetTest, SeparatesPathAndQuery) {
  std::string path;
  Pairs query;
  SplitTarget("/search?q=%E9%9A%8F%E8%AE%BF&page=2", &path, &query);
  EXPECT_EQ(path, "/search");
  ASSERT_EQ(query.size(), 2u);
  EXPECT_EQ(query[0].second, "随访");
  EXPECT_EQ(query[1].second, "2");
}

TEST(SplitTargetTest, DecodesThePathButKeepsPlusLiteral) {
  std::string path;
  Pairs query;
  SplitTarget("/files/a+b%20c.pdf", &path, &query);
  EXPECT_EQ(path, "/files/a+b c.pdf");
  EXPECT_TRUE(query.empty());
}

TEST(SplitTargetTest, ClearsAPreviousQuery) {
  std::string path;
  Pairs query = {{"stale", "1"}};
  SplitTarget("/", &path, &query);
  EXPECT_EQ(path, "/");
  EXPECT_TRUE(query.empty());
}

TEST(SplitTargetTest, OnlyTheFirstQuestionMarkStartsTheQuery) {
  std::string path;
  Pairs query;
  SplitTarget("/a?b=?c", &path, &query);
  EXPECT_EQ(path, "/a");
  ASSERT_EQ(query.size(), 1u);
  EXPECT_EQ(query[0].second, "?c");
}

TEST(SplitTargetTest, EmptyQueryAfterQuestionMark) {
  std::string path;
  Pairs query;
  SplitTarget("/a?", &path, &query);
  EXPECT_EQ(path, "/a");
  EXPECT_TRUE(query.empty());
}

}  // namespace
}  // namespace yuanwu::http

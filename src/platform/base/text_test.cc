#include "platform/base/text.h"

#include <gtest/gtest.h>

#include <string>

using namespace std::string_literals;

namespace yuanwu {
namespace {

// ---- IsCleanUtf8 ----

TEST(IsCleanUtf8Test, AcceptsAsciiChineseAndAstralCharacters) {
  EXPECT_TRUE(IsCleanUtf8(""));
  EXPECT_TRUE(IsCleanUtf8("plain ascii"));
  EXPECT_TRUE(IsCleanUtf8("院务公开"));
  EXPECT_TRUE(IsCleanUtf8("é ß"));
  EXPECT_TRUE(IsCleanUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(IsCleanUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(IsCleanUtf8("\xEF\xBF\xBD"));      // U+FFFD
}

TEST(IsCleanUtf8Test, AcceptsTabNewlineAndCarriageReturn) { EXPECT_TRUE(IsCleanUtf8("a\tb\r\nc")); }

TEST(IsCleanUtf8Test, RejectsNulAndOtherControlCharacters) {
  EXPECT_FALSE(IsCleanUtf8("a\0b"s));
  EXPECT_FALSE(IsCleanUtf8("\x01"));
  EXPECT_FALSE(IsCleanUtf8("bell\x07"));
  EXPECT_FALSE(IsCleanUtf8("esc\x1B[31m"));
  EXPECT_FALSE(IsCleanUtf8("\x7F"));  // DEL
}

TEST(IsCleanUtf8Test, RejectsOverlongEncodings) {
  EXPECT_FALSE(IsCleanUtf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(IsCleanUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsCleanUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsCleanUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(IsCleanUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsCleanUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
  EXPECT_TRUE(IsCleanUtf8("\xE0\xA0\x80"));       // U+0800, the shortest 3-byte form
  EXPECT_TRUE(IsCleanUtf8("\xF0\x90\x80\x80"));   // U+10000, the shortest 4-byte form
}

TEST(IsCleanUtf8Test, RejectsUtf16Surrogates) {
  EXPECT_FALSE(IsCleanUtf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(IsCleanUtf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(IsCleanUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
  EXPECT_TRUE(IsCleanUtf8("\xED\x9F\xBF"));               // U+D7FF, just below
}

TEST(IsCleanUtf8Test, RejectsCodePointsAboveU10FFFF) {
  EXPECT_FALSE(IsCleanUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsCleanUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsCleanUtf8("\xFF"));
  EXPECT_FALSE(IsCleanUtf8("\xFE"));
}

TEST(IsCleanUtf8Test, RejectsTruncatedAndStrayBytes) {
  EXPECT_FALSE(IsCleanUtf8("\xE4\xB8"));  // "中" missing its last byte
  EXPECT_FALSE(IsCleanUtf8("abc\xE4"));
  EXPECT_FALSE(IsCleanUtf8("\x80"));          // lone continuation byte
  EXPECT_FALSE(IsCleanUtf8("\xE4\x41\xAD"));  // ASCII inside a sequence
  EXPECT_FALSE(IsCleanUtf8("\xC3"));
}

// ---- Utf8Length / Utf8Chars ----

TEST(Utf8LengthTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("院务公开"), 4u);
  EXPECT_EQ(Utf8Length("a中\xF0\x9F\x98\x80"), 3u);
}

TEST(Utf8CharsTest, SplitsIntoCodePoints) {
  std::vector<std::string_view> chars = Utf8Chars("a中\xF0\x9F\x98\x80");
  ASSERT_EQ(chars.size(), 3u);
  EXPECT_EQ(chars[0], "a");
  EXPECT_EQ(chars[1], "中");
  EXPECT_EQ(chars[2], "\xF0\x9F\x98\x80");
}

TEST(Utf8CharsTest, ToleratesGarbageOneBytePerChar) {
  std::vector<std::string_view> chars = Utf8Chars("\xFF\xE4\xB8");
  ASSERT_EQ(chars.size(), 3u);
}

// ---- Trim ----

TEST(TrimTest, RemovesAsciiWhitespaceOnBothSides) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t\n "), "");
}

TEST(TrimTest, RemovesFullWidthSpaces) {
  EXPECT_EQ(Trim("\xE3\x80\x80标题\xE3\x80\x80"), "标题");
  EXPECT_EQ(Trim("\xE3\x80\x80\xE3\x80\x80"), "");
}

TEST(TrimTest, RemovesMixedFullWidthAndAsciiSpaces) {
  EXPECT_EQ(Trim(" \xE3\x80\x80 \xE3\x80\x80\t标 题 \xE3\x80\x80 \n"), "标 题");
}

TEST(TrimTest, KeepsInnerFullWidthSpaces) {
  EXPECT_EQ(Trim("张\xE3\x80\x80三"), "张\xE3\x80\x80三");
}

TEST(TrimTest, DoesNotCutAPartialFullWidthSpace) {
  // "\x80\x80" alone is not U+3000; Trim must not split a multi-byte character.
  EXPECT_EQ(Trim("中\x80\x80"), "中\x80\x80");
}

// ---- Small helpers ----

TEST(ToLowerAsciiTest, LowersOnlyAscii) {
  EXPECT_EQ(ToLowerAscii("Content-Type"), "content-type");
  EXPECT_EQ(ToLowerAscii("ÄB中"), "Äb中");
}

TEST(SplitTest, KeepsEmptyFields) {
  EXPECT_EQ(Split("a,b", ','), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Split("a,,b,", ','), (std::vector<std::string>{"a", "", "b", ""}));
  EXPECT_EQ(Split("", ','), (std::vector<std::string>{""}));
}

TEST(MaskPhoneTest, KeepsThePrefixAndTheLastFourDigits) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("0571-87654321"), "057****4321");
}

TEST(MaskPhoneTest, MasksShortNumbersCompletely) {
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskPhone("110"), "***");
  EXPECT_EQ(MaskPhone("123456"), "******");
  EXPECT_EQ(MaskPhone("1234567"), "123****4567");
}

TEST(MaskNameTest, KeepsFirstAndLastCharacterOfLongNames) {
  EXPECT_EQ(MaskName("张三明"), "张*明");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧*娜");
}

TEST(MaskNameTest, MasksTheSecondCharacterOfTwoCharacterNames) {
  EXPECT_EQ(MaskName("张三"), "张*");
}

TEST(MaskNameTest, MasksSingleCharactersCompletely) {
  EXPECT_EQ(MaskName("张"), "*");
  EXPECT_EQ(MaskName(""), "");
}

TEST(MaskNameTest, NeverSplitsAMultiByteCharacter) {
  std::string masked = MaskName("王\xF0\xA0\x80\x80明");  // an astral-plane middle character
  EXPECT_EQ(masked, "王*明");
  EXPECT_TRUE(IsCleanUtf8(MaskName("Alice")));
  EXPECT_EQ(MaskName("Alice"), "A*e");
}

TEST(HexEncodeTest, WritesLowercasePairs) {
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexEncode("\x00\xFF\x10"s), "00ff10");
  EXPECT_EQ(HexEncode("中"), "e4b8ad");
}

}  // namespace
}  // namespace yuanwu

namespace yuanwu {
namespace {

TEST(MaskIdNumberTest, KeepsTheRegionPrefixAndTheLastFour) {
  EXPECT_EQ(MaskIdNumber("530102199001011234"), "5301**********1234");
  EXPECT_EQ(MaskIdNumber("12345678"), "********");
  EXPECT_EQ(MaskIdNumber(""), "");
}

}  // namespace
}  // namespace yuanwu

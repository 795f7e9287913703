// Tests of the CSV reader (ParseCsv) and of Table::Column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/tabular/table.h"

using namespace std::string_literals;

namespace yuanwu::tabular {
namespace {

using Cells = std::vector<std::string>;

// Parses `csv` and fails the test (with the error) if it does not parse.
Table Parse(std::string_view csv) {
  Result<Table> t = ParseCsv(csv);
  EXPECT_TRUE(t.ok()) << t.status().message_en();
  return t.ok() ? *t : Table{};
}

std::vector<int> Lines(const Table& t) {
  std::vector<int> out;
  for (const Row& r : t.rows) out.push_back(r.line);
  return out;
}

bool HasChinese(const std::string& s) {
  // CJK Unified Ideographs U+4E00–U+9FFF are E4 B8 80 … E9 BF BF in UTF-8.
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

// Every import error is a 400 on the "file" field with a Chinese message and an English one.
void ExpectFileError(const Result<Table>& t, const std::string& en_part) {
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(t.status().fields().size(), 1u);
  EXPECT_EQ(t.status().fields()[0].field, "file");
  EXPECT_TRUE(HasChinese(t.status().message())) << t.status().message();
  EXPECT_FALSE(t.status().message_en().empty());
  EXPECT_FALSE(HasChinese(t.status().message_en())) << t.status().message_en();
  EXPECT_NE(t.status().message_en().find(en_part), std::string::npos) << t.status().message_en();
}

// ---- Encoding ----

TEST(ParseCsvTest, StripsAUtf8ByteOrderMark) {
  Table t = Parse("\xEF\xBB\xBF工号,姓名\n1001,张三\n");
  EXPECT_EQ(t.header, (Cells{"工号", "姓名"}));
  EXPECT_EQ(t.Column("工号"), 0);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1001", "张三"}));
}

TEST(ParseCsvTest, ReadsTheSameFileWithoutAByteOrderMark) {
  Table with = Parse("\xEF\xBB\xBF工号,姓名\n1001,张三\n");
  Table without = Parse("工号,姓名\n1001,张三\n");
  EXPECT_EQ(with.header, without.header);
  EXPECT_EQ(with.rows[0].cells, without.rows[0].cells);
}

TEST(ParseCsvTest, RefusesGbkBytesWithAMessageAboutUtf8) {
  // "工号,姓名\r\n1001,张三\r\n" as Excel's "CSV" writes it on a Chinese Windows: GBK.
  std::string gbk = "\xB9\xA4\xBA\xC5,\xD0\xD5\xC3\xFB\r\n1001,\xD5\xC5\xC8\xFD\r\n";
  Result<Table> t = ParseCsv(gbk);
  ExpectFileError(t, "UTF-8");
  EXPECT_NE(t.status().message().find("UTF-8"), std::string::npos) << t.status().message();
}

TEST(ParseCsvTest, RefusesControlCharacters) {
  ExpectFileError(ParseCsv("a,b\n1,\x01\n"), "UTF-8");
  ExpectFileError(ParseCsv("a,b\n1,x\0y\n"s), "UTF-8");
}

TEST(ParseCsvTest, AnEmptyFileIsAnError) {
  ExpectFileError(ParseCsv(""), "empty");
  ExpectFileError(ParseCsv("\xEF\xBB\xBF"), "empty");
}

// ---- Line ends and row numbers ----

TEST(ParseCsvTest, CrlfAndLfGiveTheSameTable) {
  Table lf = Parse("a,b\n1,2\n3,4\n");
  Table crlf = Parse("a,b\r\n1,2\r\n3,4\r\n");
  EXPECT_EQ(lf.header, crlf.header);
  ASSERT_EQ(crlf.rows.size(), 2u);
  EXPECT_EQ(crlf.rows[0].cells, (Cells{"1", "2"}));
  EXPECT_EQ(crlf.rows[1].cells, (Cells{"3", "4"}));
  EXPECT_EQ(lf.rows[1].cells, crlf.rows[1].cells);
  EXPECT_EQ(Lines(lf), (std::vector<int>{2, 3}));
  EXPECT_EQ(Lines(crlf), (std::vector<int>{2, 3}));
}

TEST(ParseCsvTest, NoCarriageReturnIsLeftInTheLastCellOfACrlfRow) {
  Table t = Parse("a,b\r\n1,2\r\n");
  EXPECT_EQ(t.header.back(), "b");
  EXPECT_EQ(t.rows[0].cells.back(), "2");
}

TEST(ParseCsvTest, KeepsTheLastRowWithoutATrailingNewline) {
  Table t = Parse("a,b\r\n1,2\r\n3,4");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].cells, (Cells{"3", "4"}));
  EXPECT_EQ(t.rows[1].line, 3);
}

TEST(ParseCsvTest, ATrailingCommaMakesAnEmptyLastCell) {
  Table t = Parse("a,b\n1,\n");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", ""}));
  Table no_newline = Parse("a,b\n1,");
  ASSERT_EQ(no_newline.rows.size(), 1u);
  EXPECT_EQ(no_newline.rows[0].cells, (Cells{"1", ""}));
}

TEST(ParseCsvTest, AHeaderOnlyFileHasNoRows) {
  Table t = Parse("工号,姓名\r\n");
  EXPECT_EQ(t.header, (Cells{"工号", "姓名"}));
  EXPECT_TRUE(t.rows.empty());
}

TEST(ParseCsvTest, SkipsBlankRowsButKeepsTheLineNumbersOfTheOthers) {
  Table t = Parse("a,b\n1,2\n\n   \n,\n , \t\n\xE3\x80\x80,\n3,4\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", "2"}));
  EXPECT_EQ(t.rows[1].cells, (Cells{"3", "4"}));
  EXPECT_EQ(Lines(t), (std::vector<int>{2, 8}));
}

TEST(ParseCsvTest, SkipsBlankRowsInACrlfFile) {
  Table t = Parse("a,b\r\n\r\n1,2\r\n\r\n\r\n3,4\r\n\r\n");
  EXPECT_EQ(Lines(t), (std::vector<int>{3, 6}));
}

TEST(ParseCsvTest, SkipsARowOfQuotedEmptyCells) {
  Table t = Parse("a,b\n\"\",\"\"\n1,2\n");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 3);
}

// BUG (reported, not fixed): the first line is always the header, even when it is blank, so a file
// that starts with an empty line gets the header [""] and its real header becomes a data row; the
// import then says 缺少列：工号 about a file that has that column. "blank rows skipped" (table.h)
// suggests the header should be the first non-blank row, as ParseXlsx does.
TEST(ParseCsvTest, ALeadingBlankLineIsSkippedBeforeTheHeader) {
  Table t = Parse("\r\n工号,姓名\r\n1001,张三\r\n");
  EXPECT_EQ(t.header, (Cells{"工号", "姓名"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 3);
}

// ---- Quoting (RFC 4180) ----

TEST(ParseCsvTest, AQuotedCellKeepsItsCommas) {
  Table t = Parse("code,name,note\n1,\"阿莫西林, 胶囊\",x\n");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", "阿莫西林, 胶囊", "x"}));
}

TEST(ParseCsvTest, DoubledQuotesInAQuotedCellAreOneQuote) {
  Table t = Parse("a,b\n\"他说\"\"好\"\"\",\"\"\"\"\n");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"他说\"好\"", "\""}));
}

TEST(ParseCsvTest, AQuotedEmptyCellIsEmpty) {
  Table t = Parse("a,b,c\n1,\"\",3\n");
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", "", "3"}));
}

TEST(ParseCsvTest, AQuoteInsideAnUnquotedCellIsKept) {
  Table t = Parse("a,b\n5\"寸,x\n");
  EXPECT_EQ(t.rows[0].cells, (Cells{"5\"寸", "x"}));
}

TEST(ParseCsvTest, ANewlineInsideQuotesStaysInTheCellAndTheRowKeepsItsStartLine) {
  Table t = Parse("a,b\n1,\"第一行\n第二行\n第三行\"\n2,x\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", "第一行\n第二行\n第三行"}));
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].cells, (Cells{"2", "x"}));
  EXPECT_EQ(t.rows[1].line, 5);
}

TEST(ParseCsvTest, ACrlfInsideQuotesCountsAsOneLine) {
  Table t = Parse("a,b\r\n\"x\r\ny\",1\r\n2,3\r\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].line, 4);
  EXPECT_EQ(t.rows[1].cells, (Cells{"2", "3"}));
}

TEST(ParseCsvTest, AQuotedHeaderCellWithACommaIsOneColumn) {
  Table t = Parse("\"价格(元),含税\",b\n1,2\n");
  EXPECT_EQ(t.header, (Cells{"价格(元),含税", "b"}));
}

TEST(ParseCsvTest, AnUnterminatedQuoteNamesTheLineWhereItsRowStarts) {
  Result<Table> t = ParseCsv("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
  ExpectFileError(t, "line 3");
  EXPECT_NE(t.status().message_en().find("unterminated quote"), std::string::npos);
  EXPECT_NE(t.status().message().find("第3行"), std::string::npos) << t.status().message();
}

TEST(ParseCsvTest, AnUnterminatedQuoteInTheHeaderNamesLineOne) {
  Result<Table> t = ParseCsv("\"a,b\n1,2\n");
  ExpectFileError(t, "line 1");
  EXPECT_NE(t.status().message().find("第1行"), std::string::npos);
}

TEST(ParseCsvTest, AnUnterminatedQuoteAfterBlankAndMultilineRowsCountsEveryLine) {
  Result<Table> t = ParseCsv("a,b\r\n\r\n\"x\r\ny\",1\r\n\r\n2,\"oops\r\n");
  ExpectFileError(t, "line 6");
}

// ---- Trimming ----

TEST(ParseCsvTest, TrimsHeaderCellsIncludingTheIdeographicSpace) {
  Table t = Parse(" 工号 ,\t姓名\t,\xE3\x80\x80科室编码\xE3\x80\x80,\" 手机 \"\n1,2,3,4\n");
  EXPECT_EQ(t.header, (Cells{"工号", "姓名", "科室编码", "手机"}));
  EXPECT_EQ(t.Column("科室编码"), 2);
  EXPECT_EQ(t.Column("手机"), 3);
}

TEST(ParseCsvTest, TrimsUnquotedCellsButKeepsSpacesInsideQuotes) {
  Table t = Parse("a,b\n  张三  ,\"  李四  \"\n");
  EXPECT_EQ(t.rows[0].cells, (Cells{"张三", "  李四  "}));
}

TEST(ParseCsvTest, SpacesBeforeAnOpeningQuoteAreIgnored) {
  Table t = Parse("a,b\n1,  \"x,y\"\n");
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", "x,y"}));
}

TEST(ParseCsvTest, RowsMayBeShorterOrLongerThanTheHeader) {
  Table t = Parse("a,b,c\n1\n1,2,3,4\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1"}));
  EXPECT_EQ(t.rows[1].cells, (Cells{"1", "2", "3", "4"}));
}

// ---- Table::Column ----

TEST(TableColumnTest, FindsAColumnByItsExactName) {
  Table t = Parse("工号,姓名,价格(元)\n");
  EXPECT_EQ(t.Column("工号"), 0);
  EXPECT_EQ(t.Column("姓名"), 1);
  EXPECT_EQ(t.Column("价格(元)"), 2);
}

TEST(TableColumnTest, ReturnsMinusOneForAMissingColumn) {
  Table t = Parse("工号,姓名\n");
  EXPECT_EQ(t.Column("手机"), -1);
  EXPECT_EQ(t.Column(""), -1);
  EXPECT_EQ(t.Column("工"), -1);
  EXPECT_EQ(t.Column("价格（元）"), -1);  // full-width parentheses are a different name
}

TEST(TableColumnTest, IsCaseSensitiveAndReturnsTheFirstOfDuplicates) {
  Table t = Parse("Code,code,code\n");
  EXPECT_EQ(t.Column("code"), 1);
  EXPECT_EQ(t.Column("Code"), 0);
  EXPECT_EQ(t.Column("CODE"), -1);
}

TEST(TableColumnTest, WorksOnAHandBuiltTable) {
  Table t;
  EXPECT_EQ(t.Column("x"), -1);
  t.header = {"x", "y"};
  EXPECT_EQ(t.Column("y"), 1);
}

}  // namespace
}  // namespace yuanwu::tabular

namespace yuanwu::tabular {
namespace {

TEST(NormalizeDateCellTest, AcceptsTheFormsHospitalsTypeAndExcelDayNumbers) {
  EXPECT_EQ(NormalizeDateCell("2026-07-01"), "2026-07-01");
  EXPECT_EQ(NormalizeDateCell(" 2026/7/1 "), "2026-07-01");
  EXPECT_EQ(NormalizeDateCell("2026-7-1"), "2026-07-01");
  EXPECT_EQ(NormalizeDateCell("2026.12.31"), "2026-12-31");
  EXPECT_EQ(NormalizeDateCell("46204"), "2026-07-01");  // Excel's number for 2026-07-01
  EXPECT_EQ(NormalizeDateCell("45352"), "2024-03-01");  // after the leap day 2024-02-29
}

TEST(NormalizeDateCellTest, LeavesEverythingElseForTheImporterToReport) {
  EXPECT_EQ(NormalizeDateCell("2026/2/30"), "2026/2/30");
  EXPECT_EQ(NormalizeDateCell("12"), "12");
  EXPECT_EQ(NormalizeDateCell("明年"), "明年");
  EXPECT_EQ(NormalizeDateCell(""), "");
  EXPECT_EQ(NormalizeDateCell("26/7/1"), "26/7/1");
}

}  // namespace
}  // namespace yuanwu::tabular

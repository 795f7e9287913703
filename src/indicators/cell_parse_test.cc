// The cell parsers on what spreadsheets produce, and on the inputs the fuzzers found
// (fuzz/crashes/README.md): each of those once crashed an import or let nonsense through.
#include "indicators/cell_parse.h"

#include <gtest/gtest.h>

#include "indicators/definition.h"

namespace yuanwu::indicators {
namespace {

TEST(ParseMoneyCellTest, ReadsYuanAsFen) {
  EXPECT_EQ(ParseMoneyCell("5123.69"), 512369);
  EXPECT_EQ(ParseMoneyCell("5123.6"), 512360);
  EXPECT_EQ(ParseMoneyCell("5123"), 512300);
  EXPECT_EQ(ParseMoneyCell("-1.5"), -150);
  EXPECT_EQ(ParseMoneyCell("5123.6899999999996"), 512369);  // an XLSX floating artefact
  EXPECT_EQ(ParseMoneyCell("12.345"), std::nullopt);
  EXPECT_EQ(ParseMoneyCell("1e3"), std::nullopt);
  EXPECT_EQ(ParseMoneyCell("abc"), std::nullopt);
}

TEST(ParseMoneyCellTest, AVeryLongFractionIsRefusedNotThrown) {
  // std::stod used to throw out_of_range on a worker thread and abort the import.
  std::string cell = "1." + std::string(400, '0') + "1";
  EXPECT_EQ(ParseMoneyCell(cell), std::nullopt);
}

TEST(ParseDateTimeCellTest, NanAndOutOfRangeSerialsAreRefused) {
  EXPECT_EQ(ParseDateTimeCell("nan"), std::nullopt);
  EXPECT_EQ(ParseDateTimeCell("2958465"), std::nullopt);  // 9999-12-31
  EXPECT_EQ(ParseDateTimeCell("1"), std::nullopt);        // before 1900-03-01
  auto t = ParseDateTimeCell("45658.5");                  // 2025-01-01 12:00
  ASSERT_TRUE(t);
  EXPECT_EQ(t->ToString(), "2025-01-01 12:00:00");
}

TEST(ParseDateCellTest, YearsOutsideTheRecordRangeAreRefused) {
  EXPECT_EQ(ParseDateCell("9999-12-31"), std::nullopt);
  EXPECT_EQ(ParseDateCell("1899-12-31"), std::nullopt);
  EXPECT_TRUE(ParseDateCell("1925-06-01"));  // a birth date
  EXPECT_EQ(ParseDateTimeCell("3025-01-01 08:00"), std::nullopt);
}

TEST(ParseIndicatorTest, AWrongJsonTypeIsAValidationErrorNotAnException) {
  auto r = ParseIndicator(R"({"code":5,"name":"x","numerator":{"dataset":"visits"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  auto d = ParseIndicator(
      R"({"code":"x","name":"x","decimals":1e300,"numerator":{"dataset":"visits"}})");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().fields().at(0).field, "decimals");
}

}  // namespace
}  // namespace yuanwu::indicators

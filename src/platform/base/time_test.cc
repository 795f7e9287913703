#include "platform/base/time.h"

#include <gtest/gtest.h>

namespace yuanwu {
namespace {

constexpr int64_t kBeijing = 8 * 3600;
constexpr int64_t k20261122T141509Z = 1795356909;

Date D(int y, int m, int d) { return Date{y, m, d}; }

// ---- ParseDate ----

TEST(ParseDateTest, AcceptsAnOrdinaryDate) {
  std::optional<Date> d = ParseDate("2026-11-22");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, D(2026, 11, 22));
}

TEST(ParseDateTest, AcceptsFebruary29InLeapYears) {
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
  EXPECT_TRUE(ParseDate("2000-02-29").has_value());  // divisible by 400
}

TEST(ParseDateTest, RejectsFebruary29InCommonYears) {
  EXPECT_FALSE(ParseDate("2025-02-29").has_value());
  EXPECT_FALSE(ParseDate("1900-02-29").has_value());  // divisible by 100, not by 400
  EXPECT_FALSE(ParseDate("2100-02-29").has_value());
}

TEST(ParseDateTest, RejectsDaysPastTheEndOfTheMonth) {
  EXPECT_FALSE(ParseDate("2026-04-31").has_value());
  EXPECT_FALSE(ParseDate("2026-01-32").has_value());
  EXPECT_TRUE(ParseDate("2026-01-31").has_value());
  EXPECT_TRUE(ParseDate("2026-12-31").has_value());
}

TEST(ParseDateTest, RejectsMonthAndDayZeroAndMonth13) {
  EXPECT_FALSE(ParseDate("2026-00-10").has_value());
  EXPECT_FALSE(ParseDate("2026-13-10").has_value());
  EXPECT_FALSE(ParseDate("2026-01-00").has_value());
}

TEST(ParseDateTest, RejectsYearsOutsideTheSupportedRange) {
  EXPECT_FALSE(ParseDate("1899-12-31").has_value());
  EXPECT_TRUE(ParseDate("1900-01-01").has_value());
  EXPECT_TRUE(ParseDate("2999-12-31").has_value());
  EXPECT_FALSE(ParseDate("3000-01-01").has_value());
}

TEST(ParseDateTest, RejectsLooseFormats) {
  for (const char* bad : {"", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "20260101",
                          "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00", "2026-0a-01",
                          "２０２６-01-01", "2026--1-01", "+026-01-01", "2026-01-+1"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
}

// ---- Date arithmetic ----

TEST(DateTest, EpochIsDayZero) {
  EXPECT_EQ(D(1970, 1, 1).ToDays(), 0);
  EXPECT_EQ(Date::FromDays(0), D(1970, 1, 1));
}

TEST(DateTest, ToDaysAndFromDaysRoundTripAcrossCenturies) {
  EXPECT_EQ(D(2024, 12, 31).ToDays(), 20088);
  EXPECT_EQ(D(1900, 1, 1).ToDays(), -25567);
  EXPECT_EQ(D(2999, 12, 31).ToDays(), 376199);
  for (int64_t n = -25567; n <= 376199; n += 97) {
    Date d = Date::FromDays(n);
    EXPECT_EQ(d.ToDays(), n);
    EXPECT_EQ(ParseDate(d.ToString()), d) << d.ToString();
  }
}

TEST(DateTest, AddDaysCrossesMonthYearAndLeapDay) {
  EXPECT_EQ(D(2024, 2, 28).AddDays(1), D(2024, 2, 29));
  EXPECT_EQ(D(2024, 2, 29).AddDays(1), D(2024, 3, 1));
  EXPECT_EQ(D(2025, 2, 28).AddDays(1), D(2025, 3, 1));
  EXPECT_EQ(D(2025, 12, 31).AddDays(1), D(2026, 1, 1));
  EXPECT_EQ(D(2026, 1, 1).AddDays(-1), D(2025, 12, 31));
  EXPECT_EQ(D(2024, 1, 1).AddDays(366), D(2025, 1, 1));
}

TEST(DateTest, WeekdayIsOneForMondayAndSevenForSunday) {
  EXPECT_EQ(D(1970, 1, 1).Weekday(), 4);    // Thursday
  EXPECT_EQ(D(1969, 12, 29).Weekday(), 1);  // Monday, before the epoch
  EXPECT_EQ(D(1900, 1, 1).Weekday(), 1);
  EXPECT_EQ(D(2024, 2, 29).Weekday(), 4);
  EXPECT_EQ(D(2026, 10, 1).Weekday(), 4);
  EXPECT_EQ(D(2026, 10, 10).Weekday(), 6);
  EXPECT_EQ(D(2026, 11, 22).Weekday(), 7);
  EXPECT_EQ(D(2999, 12, 31).Weekday(), 2);
}

TEST(DateTest, ToStringPadsWithZeros) { EXPECT_EQ(D(2026, 1, 5).ToString(), "2026-01-05"); }

TEST(DateTest, ComparesChronologically) {
  EXPECT_LT(D(2025, 12, 31), D(2026, 1, 1));
  EXPECT_LT(D(2026, 1, 31), D(2026, 2, 1));
  EXPECT_EQ(D(2026, 2, 1), D(2026, 2, 1));
}

// ---- ParseTimestamp ----

TEST(ParseTimestampTest, ReadsUtcWithZ) {
  EXPECT_EQ(ParseTimestamp("2026-11-22T14:15:09Z", kBeijing), k20261122T141509Z);
  EXPECT_EQ(ParseTimestamp("1970-01-01T00:00:00Z", kBeijing), 0);
  EXPECT_EQ(ParseTimestamp("2000-01-01T00:00:00Z", 0), 946684800);
}

TEST(ParseTimestampTest, ReadsExplicitOffsets) {
  EXPECT_EQ(ParseTimestamp("2026-11-22T22:15:09+08:00", 0), k20261122T141509Z);
  EXPECT_EQ(ParseTimestamp("2026-11-22T09:15:09-05:00", 0), k20261122T141509Z);
  EXPECT_EQ(ParseTimestamp("2026-11-22T19:45:09+05:30", 0), k20261122T141509Z);
  EXPECT_EQ(ParseTimestamp("2026-11-22T14:15:09+00:00", kBeijing), k20261122T141509Z);
}

TEST(ParseTimestampTest, ReadsLocalTimeAtTheGivenOffset) {
  EXPECT_EQ(ParseTimestamp("2026-11-22 22:15:09", kBeijing), k20261122T141509Z);
  EXPECT_EQ(ParseTimestamp("2026-11-22T22:15:09", kBeijing), k20261122T141509Z);
  EXPECT_EQ(ParseTimestamp("2026-11-22 14:15:09", 0), k20261122T141509Z);
}

TEST(ParseTimestampTest, SecondsAreOptional) {
  EXPECT_EQ(ParseTimestamp("2026-11-22 22:15", kBeijing), k20261122T141509Z - 9);
  EXPECT_EQ(ParseTimestamp("2026-11-22T14:15Z", kBeijing), k20261122T141509Z - 9);
}

TEST(ParseTimestampTest, IgnoresFractionalSeconds) {
  EXPECT_EQ(ParseTimestamp("2026-11-22T14:15:09.999Z", 0), k20261122T141509Z);
  EXPECT_EQ(ParseTimestamp("2026-11-22T22:15:09.5+08:00", 0), k20261122T141509Z);
}

TEST(ParseTimestampTest, LocalMidnightIsThePreviousUtcDay) {
  EXPECT_EQ(ParseTimestamp("2026-01-01 00:00", kBeijing),
            ParseTimestamp("2025-12-31T16:00:00Z", 0));
}

TEST(ParseTimestampTest, RejectsOutOfRangeFields) {
  for (const char* bad :
       {"2026-11-22T24:00:00Z", "2026-11-22T23:60:00Z", "2026-11-22T23:59:60Z",
        "2026-02-30T00:00:00Z", "2026-11-22T00:00:00+15:00", "2026-11-22T00:00:00+08:60"}) {
    EXPECT_FALSE(ParseTimestamp(bad, 0).has_value()) << bad;
  }
}

TEST(ParseTimestampTest, RejectsMalformedText) {
  for (const char* bad :
       {"", "2026-11-22", "2026-11-22T14", "2026-11-22T14:1", "2026-11-22X14:15:09Z",
        "2026-11-22T14-15-09Z", "2026-11-22T14:15:9Z", "2026-11-22T14:15:09ZZ",
        "2026-11-22T14:15:09z", "2026-11-22T14:15:09+0800", "2026-11-22T14:15:09+08",
        "2026-11-22T14:15:09+08:00 ", "2026-11-22T14:15:09 ",
        "2026-11-22T14:15:", "2026-11-22T14:15:09+8:00"}) {
    EXPECT_FALSE(ParseTimestamp(bad, 0).has_value()) << bad;
  }
}

// ---- Formatting ----

TEST(FormatTimestampTest, WritesIsoUtc) {
  EXPECT_EQ(FormatTimestamp(k20261122T141509Z), "2026-11-22T14:15:09Z");
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
}

TEST(FormatTimestampTest, HandlesInstantsBeforeTheEpoch) {
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatTimestamp(-86400), "1969-12-31T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(-2208988800), "1900-01-01T00:00:00Z");
}

TEST(FormatTimestampTest, RoundTripsThroughParseTimestamp) {
  for (int64_t t = -2208988800; t < 4102444800; t += 86400 * 37 + 3671) {
    std::string text = FormatTimestamp(t);
    EXPECT_EQ(ParseTimestamp(text, kBeijing), t) << text;
  }
}

TEST(FormatLocalMinuteTest, ShiftsToTheOffsetAndDropsSeconds) {
  EXPECT_EQ(FormatLocalMinute(k20261122T141509Z, kBeijing), "2026-11-22 22:15");
  EXPECT_EQ(FormatLocalMinute(k20261122T141509Z, 0), "2026-11-22 14:15");
  // 16:00Z is already the next day in Beijing.
  EXPECT_EQ(FormatLocalMinute(*ParseTimestamp("2025-12-31T16:00:00Z", 0), kBeijing),
            "2026-01-01 00:00");
}

TEST(FormatLocalMinuteTest, RoundTripsAsLocalTimeToTheMinute) {
  int64_t t = k20261122T141509Z - 9;
  EXPECT_EQ(ParseTimestamp(FormatLocalMinute(t, kBeijing), kBeijing), t);
}

TEST(LocalDateTest, UsesTheLocalCalendarDay) {
  int64_t t = *ParseTimestamp("2025-12-31T16:00:00Z", 0);
  EXPECT_EQ(LocalDate(t, kBeijing), D(2026, 1, 1));
  EXPECT_EQ(LocalDate(t - 1, kBeijing), D(2025, 12, 31));
  EXPECT_EQ(LocalDate(t, 0), D(2025, 12, 31));
}

TEST(LocalDateTest, HandlesNegativeLocalTimes) {
  EXPECT_EQ(LocalDate(-1, 0), D(1969, 12, 31));
  EXPECT_EQ(LocalDate(0, -3600), D(1969, 12, 31));
  EXPECT_EQ(LocalDate(-86400, 0), D(1969, 12, 31));
}

}  // namespace
}  // namespace yuanwu

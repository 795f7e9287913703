#include "platform/calendar/working_calendar.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "platform/base/text.h"
#include "platform/db/migrate.h"
#include "platform/db/test_db.h"

namespace yuanwu::calendar {
namespace {

Date D(const char* text) {
  std::optional<Date> d = ParseDate(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

// Reads a file of the source tree; yw_test sets YUANWU_SOURCE_DIR for every test.
std::string ReadSourceFile(const std::string& relative) {
  const char* root = std::getenv("YUANWU_SOURCE_DIR");
  if (root == nullptr) {
    ADD_FAILURE() << "YUANWU_SOURCE_DIR is not set; run the test through ctest";
    return {};
  }
  std::ifstream in(std::string(root) + "/" + relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << root << "/" << relative;
    return {};
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// ---- ParseCalendarCsv ----

TEST(ParseCalendarCsvTest, ReadsRowsAfterTheHeader) {
  Result<std::vector<SpecialDay>> days = ParseCalendarCsv(
      "date,kind,name,notice\n"
      "2026-10-01,holiday,国庆节,国务院办公厅通知\n"
      "2026-10-10,workday,国庆节调休上班,国务院办公厅通知\n");
  ASSERT_TRUE(days.ok()) << days.status().message_en();
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ((*days)[0].day, D("2026-10-01"));
  EXPECT_EQ((*days)[0].kind, "holiday");
  EXPECT_EQ((*days)[0].name, "国庆节");
  EXPECT_EQ((*days)[0].notice, "国务院办公厅通知");
  EXPECT_EQ((*days)[1].kind, "workday");
}

TEST(ParseCalendarCsvTest, HeaderIsOptionalAndNoticeToo) {
  Result<std::vector<SpecialDay>> days = ParseCalendarCsv("2026-10-01,holiday,国庆节");
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].notice, "");
}

TEST(ParseCalendarCsvTest, ToleratesCrlfBlankLinesAndSpaces) {
  Result<std::vector<SpecialDay>> days = ParseCalendarCsv(
      "date,kind,name,notice\r\n\r\n 2026-10-01 , holiday , 国庆节 , 通知 \r\n\r\n");
  ASSERT_TRUE(days.ok()) << days.status().message_en();
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].day, D("2026-10-01"));
  EXPECT_EQ((*days)[0].kind, "holiday");
  EXPECT_EQ((*days)[0].name, "国庆节");
  EXPECT_EQ((*days)[0].notice, "通知");
}

TEST(ParseCalendarCsvTest, KeepsCommasInTheNotice) {
  Result<std::vector<SpecialDay>> days =
      ParseCalendarCsv("2026-10-01,holiday,国庆节,通知,第2条,附件");
  ASSERT_TRUE(days.ok());
  EXPECT_EQ((*days)[0].notice, "通知,第2条,附件");
}

TEST(ParseCalendarCsvTest, ErrorsNameTheLine) {
  struct Case {
    const char* csv;
    const char* error_en;
  };
  const Case cases[] = {
      {"date,kind,name\n2026-10-01,holiday\n", "line 2: too few columns"},
      {"date,kind,name\n2026-10-01,holiday,a\n2026-02-30,holiday,b\n", "line 3: invalid date"},
      {"2026-10-01,vacation,国庆节\n", "line 1: kind must be holiday or workday"},
      {"date,kind,name\n\n\n2026/10/01,holiday,x\n", "line 4: invalid date"},
  };
  for (const Case& c : cases) {
    Result<std::vector<SpecialDay>> days = ParseCalendarCsv(c.csv);
    ASSERT_FALSE(days.ok()) << c.csv;
    EXPECT_EQ(days.status().message_en(), c.error_en) << c.csv;
    EXPECT_EQ(days.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ParseCalendarCsvTest, ParsesTheShippedCalendar) {
  std::string csv = ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv");
  ASSERT_FALSE(csv.empty());
  Result<std::vector<SpecialDay>> days = ParseCalendarCsv(csv);
  ASSERT_TRUE(days.ok()) << days.status().message_en();
  EXPECT_GT(days->size(), 100u);
  for (const SpecialDay& d : *days) {
    // A working day listed on a weekday would change nothing and is probably a typo.
    if (d.kind == "workday") {
      EXPECT_GE(d.day.Weekday(), 6) << d.day.ToString();
    }
    EXPECT_TRUE(IsCleanUtf8(d.name));
  }
}

// ---- WorkingCalendar ----

WorkingCalendar Calendar2026National() {
  return WorkingCalendar({
      {D("2026-10-01"), "holiday", "国庆节", ""},
      {D("2026-10-02"), "holiday", "国庆节", ""},
      {D("2026-10-03"), "holiday", "国庆节", ""},
      {D("2026-10-04"), "holiday", "国庆节", ""},
      {D("2026-10-05"), "holiday", "国庆节", ""},
      {D("2026-10-06"), "holiday", "国庆节", ""},
      {D("2026-10-07"), "holiday", "国庆节", ""},
      {D("2026-09-20"), "workday", "调休", ""},
      {D("2026-10-10"), "workday", "调休", ""},
  });
}

TEST(WorkingCalendarTest, EmptyCalendarIsMondayToFriday) {
  WorkingCalendar cal;
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-03-06")));   // Friday
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-03-07")));  // Saturday
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-03-08")));  // Sunday
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-03-09")));   // Monday
  EXPECT_EQ(cal.AddWorkingDays(D("2026-03-06"), 1), D("2026-03-09"));
}

TEST(WorkingCalendarTest, ListedDaysOverrideTheWeekday) {
  WorkingCalendar cal = Calendar2026National();
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-01")));  // a Thursday holiday
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-10-10")));   // a Saturday worked
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-09-20")));   // a Sunday worked
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-10-08")));
}

TEST(WorkingCalendarTest, SetReplacesTheWholeCalendar) {
  WorkingCalendar cal = Calendar2026National();
  cal.Set({{D("2026-10-12"), "holiday", "x", ""}});
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-10-01")));
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-10")));
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-12")));
}

TEST(WorkingCalendarTest, WorkingDaysBetweenCountsTheHalfOpenInterval) {
  WorkingCalendar cal = Calendar2026National();
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-09-30"), D("2026-09-30")), 0);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-09-30"), D("2026-10-07")), 0);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-09-30"), D("2026-10-08")), 1);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-09-30"), D("2026-10-12")), 4);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-10-12"), D("2026-09-30")), -4);
}

TEST(WorkingCalendarTest, WorkingDaysBetweenInvertsAddWorkingDays) {
  WorkingCalendar cal = Calendar2026National();
  for (int n = 0; n < 40; ++n) {
    Date due = cal.AddWorkingDays(D("2026-09-15"), n);
    EXPECT_EQ(cal.WorkingDaysBetween(D("2026-09-15"), due), n) << n;
  }
}

// Every row of tests/calendar/add_working_days.csv (start,days,expected,comment) against the
// shipped calendar data.
TEST(WorkingCalendarDataTest, AddWorkingDaysMatchesTheDataFile) {
  Result<std::vector<SpecialDay>> days =
      ParseCalendarCsv(ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
  ASSERT_TRUE(days.ok()) << days.status().message_en();
  WorkingCalendar cal(*days);

  std::string cases = ReadSourceFile("tests/calendar/add_working_days.csv");
  ASSERT_FALSE(cases.empty());
  std::vector<std::string> lines = Split(cases, '\n');
  int checked = 0;
  for (size_t i = 1; i < lines.size(); ++i) {  // line 0 is the header
    std::string line = Trim(lines[i]);
    if (line.empty() || line.starts_with("#")) continue;
    std::vector<std::string> cols = Split(line, ',');
    ASSERT_GE(cols.size(), 3u) << "add_working_days.csv line " << i + 1;
    std::optional<Date> start = ParseDate(cols[0]);
    std::optional<Date> expected = ParseDate(cols[2]);
    ASSERT_TRUE(start && expected) << "add_working_days.csv line " << i + 1;
    int n = std::stoi(cols[1]);
    std::string comment = cols.size() > 3 ? cols[3] : "";
    EXPECT_EQ(cal.AddWorkingDays(*start, n).ToString(), expected->ToString())
        << "add_working_days.csv line " << i + 1 << ": " << cols[0] << " + " << n << " (" << comment
        << ")";
    if (n > 0) {
      EXPECT_TRUE(cal.IsWorkingDay(*expected)) << "line " << i + 1;
    }
    EXPECT_EQ(cal.WorkingDaysBetween(*start, *expected), n) << "line " << i + 1;
    ++checked;
  }
  EXPECT_GE(checked, 50);
}

// ---- LoadCalendar ----

class LoadCalendarTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LoadCalendarTest, ReadsTheCalendarTable) {
  if (!db::testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
  std::shared_ptr<db::Database> db = db::testdb::OpenScratch(GetParam());
  ASSERT_NE(db, nullptr);
  Result<db::MigrationReport> m = db::Migrate(*db, yuanwu_test_embedded::kFiles);
  ASSERT_TRUE(m.ok()) << m.status().message_en();
  Status s = db->Transact([](soci::session& sql) {
    sql << "INSERT INTO calendar_day (day, kind, name, notice) VALUES "
           "('2026-10-10', 'workday', '国庆节调休上班', ''), "
           "('2026-10-01', 'holiday', '国庆节', '通知')";
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message_en();
  Result<std::vector<SpecialDay>> days = LoadCalendar(*db);
  ASSERT_TRUE(days.ok()) << days.status().message_en();
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ((*days)[0].day, D("2026-10-01"));  // ordered by day
  EXPECT_EQ((*days)[0].notice, "通知");
  EXPECT_EQ((*days)[1].kind, "workday");
  WorkingCalendar cal(*days);
  EXPECT_EQ(cal.AddWorkingDays(D("2026-09-30"), 1), D("2026-10-02"));
}

INSTANTIATE_TEST_SUITE_P(Db, LoadCalendarTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::calendar

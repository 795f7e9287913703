// Every row of tests/disclosure/due_dates.csv against ItemService::DueOn / IsOverdue with the
// shipped working-day calendar (data/calendar/cn-workdays-2024-2026.csv). The file format is
// described in tests/disclosure/README.md; add rows there, not here.
#include <gtest/gtest.h>

#include <charconv>

#include "disclosure/item_service.h"
#include "platform/base/time.h"
#include "platform/db/test_db.h"
#include "platform/tabular/table.h"

namespace yuanwu::disclosure {
namespace {

namespace testdb = db::testdb;
using testdb::Describe;

constexpr const char* kCasesFile = "tests/disclosure/due_dates.csv";
constexpr int64_t kBeijing = 8 * 3600;

TEST(DueDatesDataTest, EveryRowOfTheDataFileHolds) {
  Result<std::vector<calendar::SpecialDay>> days =
      calendar::ParseCalendarCsv(testdb::ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
  ASSERT_TRUE(days.ok()) << Describe(days.status());
  calendar::WorkingCalendar cal(*days);

  // DueOn and IsOverdue use only the calendar and the clock; the service still needs the rest.
  std::shared_ptr<db::Database> db = testdb::OpenScratch("sqlite");
  ASSERT_NE(db, nullptr);
  testdb::TempDir dir;
  DiskFileStore files(dir.path());
  FakeClock clock(0);
  org::OrgService org(*db, clock, {});
  ItemServiceOptions options;
  options.local_offset_seconds = kBeijing;
  ItemService items(*db, clock, cal, files, org, options);

  Result<tabular::Table> table = tabular::ParseCsv(testdb::ReadSourceFile(kCasesFile));
  ASSERT_TRUE(table.ok()) << kCasesFile << ": " << Describe(table.status());
  ASSERT_EQ(table->header,
            (std::vector<std::string>{"formed_on", "time_limit_days", "today", "expected_due_on",
                                      "expected_overdue", "comment"}))
      << kCasesFile << " has the wrong header";

  int checked = 0;
  for (const tabular::Row& row : table->rows) {
    if (!row.cells.empty() && row.cells[0].starts_with("#")) continue;  // a comment line
    const std::string where = std::string(kCasesFile) + " line " + std::to_string(row.line);
    ASSERT_GE(row.cells.size(), 5u) << where << ": too few columns";
    const std::string comment = row.cells.size() > 5 ? row.cells[5] : "";
    SCOPED_TRACE(where + " (" + comment + ")");

    std::optional<Date> formed = ParseDate(row.cells[0]);
    std::optional<Date> today = ParseDate(row.cells[2]);
    std::optional<Date> expected_due = ParseDate(row.cells[3]);
    ASSERT_TRUE(formed && today && expected_due) << "dates must be YYYY-MM-DD";
    int64_t limit = -1;
    const std::string& l = row.cells[1];
    auto [end, ec] = std::from_chars(l.data(), l.data() + l.size(), limit);
    ASSERT_TRUE(ec == std::errc() && end == l.data() + l.size() && limit >= 0)
        << "time_limit_days must be a whole number, got \"" << l << "\"";
    const std::string& overdue = row.cells[4];
    ASSERT_TRUE(overdue == "true" || overdue == "false")
        << "expected_overdue must be true or false, got \"" << overdue << "\"";

    Item item;
    item.state = ItemState::kDraft;  // not yet published
    item.formed_on = row.cells[0];
    item.time_limit_days = limit;
    clock.Set(today->ToDays() * 86400 + 8 * 3600 - kBeijing);  // 08:00 in Beijing on `today`

    EXPECT_EQ(items.DueOn(item), expected_due->ToString());
    EXPECT_EQ(items.IsOverdue(item), overdue == "true");
    ++checked;
  }
  EXPECT_GE(checked, 40) << kCasesFile << " lost rows";
}

}  // namespace
}  // namespace yuanwu::disclosure

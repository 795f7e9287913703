#include "platform/deadline/deadline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "platform/base/text.h"
#include "platform/db/test_db.h"

namespace yuanwu::deadline {
namespace {

using db::testdb::ReadSourceFile;

calendar::WorkingCalendar ShippedCalendar() {
  Result<std::vector<calendar::SpecialDay>> days =
      calendar::ParseCalendarCsv(ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
  EXPECT_TRUE(days.ok()) << days.status().message_en();
  return calendar::WorkingCalendar(days.ok() ? *days : std::vector<calendar::SpecialDay>{});
}

// One case of a tests/deadlines/*.case file (format in tests/deadlines/README.md).
struct Case {
  std::string where, name, period, start, due, paused, error;
  std::vector<ClockEvent> events;
  std::string bad;  // a line the runner could not read
};

std::vector<Case> ReadCases(const std::string& file, const std::string& text) {
  std::vector<Case> out;
  std::vector<std::string> lines = Split(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = Trim(lines[i].substr(0, lines[i].find('#')));
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    const std::string key = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : Trim(line.substr(space + 1));
    const std::string where = file + ":" + std::to_string(i + 1);
    if (key == "case") {
      out.push_back(Case{where, rest, "", "", "", "", "", {}, ""});
      continue;
    }
    if (out.empty()) continue;
    Case& c = out.back();
    if (key == "period") {
      c.period = rest;
    } else if (key == "start") {
      c.start = rest;
    } else if (key == "due") {
      c.due = rest;
    } else if (key == "paused") {
      c.paused = rest;
    } else if (key == "error") {
      c.error = rest;
    } else if (key == "event") {
      // event KIND YYYY-MM-DD HH:MM [N]
      std::vector<std::string> w = Split(rest, ' ');
      std::optional<Moment> at = w.size() >= 3 ? ParseMoment(w[1] + " " + w[2]) : std::nullopt;
      ClockEvent e;
      const std::string& kind = w[0];
      e.kind = kind == "pause"     ? ClockEvent::Kind::kPause
               : kind == "resume"  ? ClockEvent::Kind::kResume
               : kind == "restart" ? ClockEvent::Kind::kRestart
                                   : ClockEvent::Kind::kExtend;
      const bool known =
          kind == "pause" || kind == "resume" || kind == "restart" || kind == "extend";
      if (!at || !known || (kind == "extend") != (w.size() == 4)) {
        c.bad = where + ": " + line;
        continue;
      }
      e.at = *at;
      if (kind == "extend") e.amount = std::stoi(w[3]);
      c.events.push_back(e);
    } else {
      c.bad = where + ": " + line;
    }
  }
  return out;
}

TEST(DeadlineCasesTest, EveryCaseFileComputesAsWritten) {
  const calendar::WorkingCalendar cal = ShippedCalendar();
  const std::filesystem::path dir =
      std::filesystem::path(std::getenv("YUANWU_SOURCE_DIR") ? std::getenv("YUANWU_SOURCE_DIR")
                                                             : ".") /
      "tests/deadlines";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".case") continue;
    const std::string file = entry.path().filename().string();
    for (const Case& c : ReadCases(file, ReadSourceFile("tests/deadlines/" + file))) {
      SCOPED_TRACE(c.where + " " + c.name);
      ++checked;
      ASSERT_EQ(c.bad, "") << "a line the runner cannot read";
      ASSERT_EQ((c.due.empty() ? 0 : 1) + (c.paused.empty() ? 0 : 1) + (c.error.empty() ? 0 : 1), 1)
          << "a case expects exactly one of due, paused, error";
      Result<Period> period = ParsePeriod(c.period);
      std::optional<Moment> start = ParseMoment(c.start);
      ASSERT_TRUE(start.has_value()) << "start " << c.start;
      Result<Deadline> d = period.ok() ? ComputeDeadline(cal, *period, *start, c.events)
                                       : Result<Deadline>(period.status());
      if (!c.error.empty()) {
        ASSERT_FALSE(d.ok());
        EXPECT_NE(d.status().message_en().find(c.error), std::string::npos)
            << d.status().message_en();
        EXPECT_FALSE(d.status().message().empty());
        continue;
      }
      ASSERT_TRUE(d.ok()) << d.status().message_en();
      if (!c.due.empty()) {
        ASSERT_TRUE(d->due.has_value()) << "paused with " << d->remaining << " left";
        EXPECT_EQ(d->due->ToString(), c.due);
        // A day period ends on a day that period counts.
        if (period->unit == PeriodUnit::kWorkingDays) {
          EXPECT_TRUE(cal.IsWorkingDay(d->due->date));
        }
      } else {
        EXPECT_TRUE(d->paused);
        EXPECT_FALSE(d->due.has_value()) << d->due->ToString();
        EXPECT_EQ(std::to_string(d->remaining), c.paused);
      }
    }
  }
  EXPECT_GE(checked, 20);
}

TEST(DeadlineTest, PeriodsReadAndPrintTheirUnits) {
  for (const char* text : {"20wd", "15d", "12h", "1wd", "3650d", "87600h"}) {
    Result<Period> p = ParsePeriod(text);
    ASSERT_TRUE(p.ok()) << text;
    EXPECT_EQ(p->ToString(), text);
  }
  for (const char* text :
       {"", "wd", "20", "20w", "-1d", "0h", "3651wd", "87601h", "2.5h", "20 wd"}) {
    Result<Period> p = ParsePeriod(text);
    EXPECT_FALSE(p.ok()) << text;
    if (!p.ok()) {
      EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument) << text;
    }
  }
}

TEST(DeadlineTest, MomentsReadDatesAndMinutes) {
  EXPECT_EQ(ParseMoment("2026-10-01 08:05")->ToString(), "2026-10-01 08:05");
  EXPECT_EQ(ParseMoment("2026-10-01")->minute, 0);
  for (const char* text : {"2026-10-01 24:00", "2026-10-01 8:05", "2026-13-01", "2026-10-01T08:05",
                           "2026-10-01 08:60", ""})
    EXPECT_FALSE(ParseMoment(text).has_value()) << text;
}

}  // namespace
}  // namespace yuanwu::deadline

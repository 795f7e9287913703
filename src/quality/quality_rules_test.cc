// Pure tests: the code lists and shipped data files, report validation (each bad input names
// its field in zh and en), the outward reporting clock on the shipped calendar, and checklist
// parsing.
#include <gtest/gtest.h>

#include <set>

#include "platform/calendar/working_calendar.h"
#include "platform/cases/case_rules.h"
#include "platform/cases/case_type.h"
#include "platform/db/test_db.h"
#include "quality/adverse_event_rules.h"
#include "quality/checklist.h"
#include "quality/external_clock.h"
#include "quality/quality.h"

namespace yuanwu::quality {
namespace {

using db::testdb::FieldNames;

constexpr int64_t kOffset = 8 * 3600;
int64_t At(const std::string& local) { return *ParseTimestamp(local, kOffset); }

Codes ShippedCodes() {
  auto c = ParseCodes(ShippedCodesJson());
  EXPECT_TRUE(c.ok()) << db::testdb::Describe(c.status());
  return c.ok() ? *c : Codes{};
}

ReportInput Good() {
  ReportInput in;
  in.occurred_at = "2026-03-01 22:40";
  in.discovered_at = "2026-03-01 23:10";
  in.department_id = 1;
  in.patient_name = "张三";
  in.patient_record_no = "ZY2026-0031";
  in.category = "fall";
  in.grade = "III";
  in.description = "患者夜间如厕时在卫生间滑倒，护士巡视发现，查体未见明显损伤。";
  in.immediate_measures = "通知值班医师查看，加强巡视并放置防滑垫。";
  return in;
}

std::set<std::string> Fields(const Validation& v) {
  std::set<std::string> out;
  Status s = v.ToStatus();
  for (const FieldError& f : s.fields()) {
    EXPECT_FALSE(f.reason.empty()) << f.field;
    EXPECT_FALSE(f.reason_en.empty()) << f.field;
    out.insert(f.field);
  }
  return out;
}

TEST(QualityCodesTest, ShippedListsHaveTheRequiredCodes) {
  Codes c = ShippedCodes();
  for (const char* code : {"drug", "transfusion", "surgery", "fall", "tube", "pressure_injury",
                           "infection", "device", "information", "other"}) {
    EXPECT_NE(cases::FindCode(c.categories, code), nullptr) << code;
  }
  ASSERT_EQ(c.grades.size(), 4u);
  EXPECT_EQ(cases::FindCode(c.grades, "I")->name, "I级 警讯事件");
  EXPECT_NE(cases::FindCode(c.grades, "IV")->help.find("未形成事实"), std::string::npos);
  ASSERT_EQ(c.severities.size(), 3u);
  EXPECT_EQ(cases::FindCode(c.severities, "major")->period, "report_major");
  EXPECT_EQ(c.cause_categories.size(), 5u);
  EXPECT_NE(c.non_punitive_notice.find("非惩罚"), std::string::npos);
  EXPECT_FALSE(ParseCodes(R"({"categories": []})").ok());
  auto dup = ParseCodes(R"({"categories": [{"code": "a", "name": "甲", "name_en": "A"},
                                           {"code": "a", "name": "乙", "name_en": "B"}]})");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().fields()[0].field, "$.categories[1].code");
}

TEST(QualityCodesTest, ShippedCaseTypesParseAndTheirPeriodsExist) {
  std::vector<std::string> perms = {kEventReport, kEventRead,  kEventHandle, kEventManage,
                                    kRectRead,    kRectHandle, kRectManage};
  auto event = cases::ParseCaseType(ShippedEventTypeJson(), perms);
  ASSERT_TRUE(event.ok()) << db::testdb::Describe(event.status());
  EXPECT_EQ(event->type, kEventType);
  EXPECT_EQ(event->Action("dept_submit")->clock, "stop");
  EXPECT_EQ(event->Action("return_to_dept")->clock, "restart");
  auto rect = cases::ParseCaseType(ShippedRectificationTypeJson(), perms);
  ASSERT_TRUE(rect.ok()) << db::testdb::Describe(rect.status());
  EXPECT_EQ(rect->Action("recheck_fail")->to, "rectifying");
  EXPECT_EQ(rect->Action("recheck_fail")->clock, "restart");
  auto rules = cases::CaseRules::Parse(db::testdb::ReadSourceFile("data/cases/rules.json"));
  ASSERT_TRUE(rules.ok());
  Codes codes = ShippedCodes();
  for (const Code& s : codes.severities) {
    EXPECT_TRUE(rules->Period(kEventType, s.period).ok()) << s.period;
  }
  EXPECT_TRUE(rules->Period(kEventType, "handle").ok());
  EXPECT_TRUE(rules->Period(kRectType, "default").ok());
  EXPECT_FALSE(rules->For(kRectType)->extension_max.empty());
}

TEST(ReportRulesTest, AGoodReportIsNormalised) {
  Validation v;
  AdverseEvent e = ValidateReport(Good(), ShippedCodes(), At("2026-03-02 09:00"), kOffset, v);
  EXPECT_TRUE(v.ok()) << db::testdb::Describe(v.ToStatus());
  EXPECT_EQ(e.occurred_at, "2026-03-01 22:40");
  EXPECT_EQ(e.discovered_at, "2026-03-01 23:10");
  EXPECT_EQ(e.patient_record_no, "ZY2026-0031");
  // ISO-8601 with an offset is read as the same local minute.
  ReportInput iso = Good();
  iso.occurred_at = "2026-03-01T14:40:00Z";
  Validation v2;
  e = ValidateReport(iso, ShippedCodes(), At("2026-03-02 09:00"), kOffset, v2);
  EXPECT_TRUE(v2.ok());
  EXPECT_EQ(e.occurred_at, "2026-03-01 22:40");
  // No discovery time: now.
  ReportInput now = Good();
  now.discovered_at = "";
  Validation v3;
  e = ValidateReport(now, ShippedCodes(), At("2026-03-02 09:00"), kOffset, v3);
  EXPECT_EQ(e.discovered_at, "2026-03-02 09:00");
}

TEST(ReportRulesTest, EveryBadFieldIsNamedAtOnce) {
  ReportInput in;
  in.occurred_at = "昨天晚上";
  in.department_id = 0;
  in.patient_record_no = "ZY 12;";
  in.category = "ghost";
  in.grade = "V";
  in.description = "摔倒";
  in.external_severity = "huge";
  Validation v;
  ValidateReport(in, ShippedCodes(), At("2026-03-02 09:00"), kOffset, v);
  EXPECT_EQ(Fields(v),
            (std::set<std::string>{"occurred_at", "department_id", "patient_record_no", "category",
                                   "grade", "description", "external_severity"}));
}

TEST(ReportRulesTest, TimesMustBeInOrderAndNotInTheFuture) {
  ReportInput future = Good();
  future.occurred_at = "2026-03-02 10:00";
  future.discovered_at = "2026-03-02 10:05";
  Validation v;
  ValidateReport(future, ShippedCodes(), At("2026-03-02 09:00"), kOffset, v);
  EXPECT_EQ(Fields(v), (std::set<std::string>{"occurred_at", "discovered_at"}));
  ReportInput backwards = Good();
  backwards.discovered_at = "2026-03-01 22:00";
  Validation v2;
  ValidateReport(backwards, ShippedCodes(), At("2026-03-02 09:00"), kOffset, v2);
  EXPECT_EQ(Fields(v2), std::set<std::string>{"discovered_at"});
  ReportInput old = Good();
  old.occurred_at = "2024-12-01 08:00";
  old.discovered_at = "2025-01-02 08:00";
  Validation v3;
  ValidateReport(old, ShippedCodes(), At("2026-03-02 09:00"), kOffset, v3);
  EXPECT_EQ(Fields(v3), std::set<std::string>{"discovered_at"});
}

TEST(ReviewRulesTest, CausesNeedAKnownCategoryAndText) {
  ReviewInput in;
  in.causes = {{"people", "夜班护士对高危患者巡视不到位"}, {"weather", ""}};
  in.conclusion = "";
  in.grade = "II";
  Validation v;
  ValidateReview(in, ShippedCodes(), v);
  EXPECT_EQ(Fields(v),
            (std::set<std::string>{"causes[1].category", "causes[1].description", "conclusion"}));
  ReviewInput none;
  none.conclusion = "跌倒风险评估未落实";
  Validation v2;
  ValidateReview(none, ShippedCodes(), v2);
  EXPECT_EQ(Fields(v2), std::set<std::string>{"causes"});
}

TEST(ReviewRulesTest, CorrectiveActionsAndClosing) {
  std::vector<CorrectiveAction> actions(2);
  actions[0].department_id = 1;
  actions[0].requirement = "全科培训跌倒风险评估";
  actions[1].period = "30d";
  Validation v;
  ValidateCorrectiveActions(actions, v);
  EXPECT_EQ(Fields(v), (std::set<std::string>{"actions[1].department_id", "actions[1].requirement",
                                              "actions[1].period"}));
  EXPECT_TRUE(IsRectificationPeriod("20wd"));
  EXPECT_FALSE(IsRectificationPeriod("121wd"));
  EXPECT_FALSE(IsRectificationPeriod("12h"));
  CloseInput close{"ineffective", "跌倒仍有发生"};
  Validation v3;
  ValidateClose(close, ShippedCodes(), v3);
  EXPECT_EQ(Fields(v3), std::set<std::string>{"effectiveness"});
}

TEST(ExternalClockTest, TwelveHoursRunAcrossMidnight) {
  calendar::WorkingCalendar cal;
  auto due = ExternalDeadline(cal, "12h", "2026-03-01 20:30");
  ASSERT_TRUE(due.ok()) << db::testdb::Describe(due.status());
  EXPECT_EQ(due->due_at, "2026-03-02 08:30");
  int64_t reported_at_due = LocalMinutes("2026-03-02 08:30");
  EXPECT_TRUE(OnTime(reported_at_due, due->due_minutes));
  EXPECT_FALSE(OnTime(reported_at_due + 1, due->due_minutes));
  EXPECT_FALSE(Overdue(LocalMinutes("2026-03-02 08:30"), due->due_minutes));
  EXPECT_TRUE(Overdue(LocalMinutes("2026-03-02 08:31"), due->due_minutes));
  auto grave = ExternalDeadline(cal, "2h", "2026-12-31 23:15");
  ASSERT_TRUE(grave.ok());
  EXPECT_EQ(grave->due_at, "2027-01-01 01:15");
}

TEST(ExternalClockTest, FifteenDaysEndWithTheFifteenthDayAfterDiscovery) {
  auto days = calendar::ParseCalendarCsv(
      db::testdb::ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
  ASSERT_TRUE(days.ok());
  calendar::WorkingCalendar cal;
  cal.Set(*days);
  // Calendar days, holidays included: discovered on 9-28, the 15th day after is 10-13.
  auto due = ExternalDeadline(cal, "15d", "2026-09-28 16:00");
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->due_at, "2026-10-13");
  EXPECT_TRUE(OnTime(LocalMinutes("2026-10-13 23:59"), due->due_minutes));
  EXPECT_FALSE(OnTime(LocalMinutes("2026-10-14 00:00"), due->due_minutes));
  EXPECT_FALSE(ExternalDeadline(cal, "12x", "2026-09-28 16:00").ok());
  EXPECT_FALSE(ExternalDeadline(cal, "12h", "yesterday").ok());
}

TEST(ChecklistTest, ShippedChecklistsAreValidAndTotalOneHundred) {
  auto files = ShippedChecklists();
  ASSERT_EQ(files.size(), 4u);
  std::set<std::string> codes;
  for (const auto& [path, content] : files) {
    Validation v;
    Checklist c = ParseChecklist(http::Json::parse(content), true, v);
    EXPECT_TRUE(v.ok()) << path << " " << db::testdb::Describe(v.ToStatus());
    EXPECT_EQ(c.total_x10, 1000) << path;
    codes.insert(c.code);
    if (c.code == "core18") {
      std::set<std::string> systems;
      for (const ChecklistItem& i : c.items) systems.insert(i.category);
      EXPECT_EQ(systems.size(), 18u);
      for (const char* s : {"首诊负责制度", "三级查房制度", "危急值报告制度", "信息安全管理制度",
                            "手术安全核查制度", "临床用血审核制度"}) {
        EXPECT_TRUE(systems.count(s)) << s;
      }
    }
  }
  EXPECT_EQ(codes, (std::set<std::string>{"core18", "medical_records", "nursing", "infection"}));
}

TEST(ChecklistTest, BadTemplatesNameTheirFields) {
  auto doc = http::Json::parse(R"({"code": "Bad Code", "name": "", "category": "护理",
      "items": [{"category": "手卫生", "content": "洗手", "max_score": 2.55},
                {"category": "手卫生", "content": "洗手", "max_score": 5},
                {"category": "", "content": "x", "max_score": 0}, 7]})");
  Validation v;
  ParseChecklist(doc, true, v);
  EXPECT_EQ(Fields(v),
            (std::set<std::string>{"code", "name", "items[0].max_score", "items[1].content",
                                   "items[2].category", "items[2].max_score", "items[3]"}));
  EXPECT_EQ(PointsToTenths(http::Json(2.5)).value_or(-1), 25);
  EXPECT_FALSE(PointsToTenths(http::Json("3")).has_value());
  EXPECT_EQ(TenthsText(25), "2.5");
  EXPECT_EQ(TenthsText(30), "3");
}

}  // namespace
}  // namespace yuanwu::quality

// Adverse events through the case engine on SQLite and PostgreSQL: anonymity (no trace of an
// anonymous reporter anywhere), reporter and patient protection, the flow from report to
// closure with corrective actions as rectification tasks, validation that writes nothing, the
// outward reporting clock and the statistics.
#include <gtest/gtest.h>

#include <map>

#include "platform/cases/case_json.h"
#include "quality/adverse_event_json.h"
#include "quality/quality_test_fixture.h"

namespace yuanwu::quality {
namespace {

using db::testdb::FieldNames;
using db::testdb::Scalar;
using testing::At;
using testing::Describe;
using testing::Must;

class AdverseEventTest : public testing::QualityTest {
 protected:
  ReportInput Input(const std::string& category = "fall", const std::string& grade = "III",
                    int64_t dept = 1) {
    ReportInput in;
    in.occurred_at = "2026-03-01 22:40";
    in.discovered_at = "2026-03-01 23:10";
    in.department_id = dept;
    in.patient_name = "张三";
    in.patient_record_no = "ZY2026031";
    in.category = category;
    in.grade = grade;
    in.description = "患者夜间如厕时在卫生间滑倒，护士巡视发现，查体未见明显损伤。";
    in.immediate_measures = "通知值班医师查看，加强巡视。";
    return in;
  }

  ReportedEvent Report(const ReportInput& in, const std::string& ip = "10.1.2.3") {
    Result<ReportedEvent> r = events_->Report(nurse_, ip, in);
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    return r.ok() ? *r : ReportedEvent{};
  }

  // Rows anywhere that name the reporter (user 3, 李报告, reporter3) or their address.
  int64_t Traces(const std::string& ip = "10.1.2.3") {
    int64_t n = 0;
    n += Count("case_record", "opened_by = 3");
    n += Count("case_event", "actor_id = 3");
    n += Count("case_attachment", "actor_id = 3");
    n += Count("adverse_event", "reporter_id = 3");
    n += Count("audit_log", "actor_id = 3 OR ip = '" + ip + "'");
    for (const char* word : {"李报告", "reporter3"}) {
      std::string like = "'%" + std::string(word) + "%'";
      n += Count("case_record", "title LIKE " + like);
      n += Count("case_event",
                 "actor_name LIKE " + like + " OR body LIKE " + like + " OR data LIKE " + like);
      n += Count("audit_log", "actor_name LIKE " + like + " OR before_json LIKE " + like +
                                  " OR after_json LIKE " + like);
      n += Count("adverse_event", "description LIKE " + like + " OR dept_analysis LIKE " + like);
      n += Count("notification", "title LIKE " + like + " OR body LIKE " + like);
      n += Count("rectification", "problem LIKE " + like);
    }
    return n;
  }

  cases::Case Act(const auth::Principal& p, int64_t id, const std::string& action,
                  const std::string& note = "") {
    return Must(
        engine_->Act(p, "10.9.9.9", kEventType, id, events_->VisibilityFor(p), action, note));
  }

  // Takes an event from 已上报 through the department and the review to 整改落实中.
  void ToCorrective(int64_t id) {
    Act(xnk_head_, id, "accept");
    Must(events_->SubmitDeptHandling(xnk_head_, "ip", id, {"夜间巡视间隔过长", "已加强巡视"}));
    ReviewInput review;
    review.causes = {{"people", "未按跌倒高风险落实巡视"}, {"environment", "卫生间地面湿滑"}};
    review.factors = "夜班人力不足";
    review.conclusion = "跌倒风险评估与防范措施未落实";
    review.grade = "II";
    Must(events_->Review(qc_, "ip", id, review));
  }
};

TEST_P(AdverseEventTest, AnonymousReportLeavesNoTraceOfTheReporter) {
  ReportInput in = Input();
  in.anonymous = true;
  ReportedEvent r = Report(in);
  ASSERT_GT(r.id, 0);
  EXPECT_EQ(r.code, "BL-2026-0001");
  EXPECT_FALSE(r.tracking_code.empty());
  EXPECT_EQ(Count("case_record", "opened_by IS NULL"), 1);
  EXPECT_EQ(Count("adverse_event", "reporter_id IS NULL AND anonymous = 1"), 1);
  EXPECT_EQ(Count("case_event", "kind = 'open' AND actor_name = '匿名' AND actor_id IS NULL"), 1);
  EXPECT_EQ(Count("audit_log",
                  "action = 'adverse_event.report' AND actor_name = '匿名' AND "
                  "actor_id IS NULL AND ip = ''"),
            1);
  EXPECT_EQ(Traces(), 0);

  // The whole flow by others leaves none either, and the office sees "匿名".
  ToCorrective(r.id);
  Must(events_->StartEvaluation(qc_, "ip", r.id, ""));
  Must(events_->Close(qc_, "ip", r.id, {"effective", "三个月内科室未再发生跌倒"}));
  EXPECT_EQ(Traces(), 0);
  EventDetail d = Must(events_->Get(qc_, r.id));
  EXPECT_EQ(d.e.reporter_name, "匿名");
  EXPECT_EQ(d.e.reporter_id, 0);
  EXPECT_EQ(d.c.opened_by, 0);
  EXPECT_EQ(d.e.patient_name, "张三");  // the office sees the patient
  std::string json =
      EventJson(d.e, events_->codes(), 0).dump() + cases::CaseToJson(*engine_, d.c, 0, &qc_).dump();
  EXPECT_EQ(json.find("李报告"), std::string::npos);
  EXPECT_EQ(json.find("reporter3"), std::string::npos);
  // Named reports of the nurse: none.
  EXPECT_TRUE(Must(events_->Mine(nurse_)).empty());
  // The reporter follows it by code and tracking code; entries carry no names.
  EventTrack t = Must(events_->Track(r.code, r.tracking_code));
  EXPECT_EQ(t.c.state, "closed");
  ASSERT_FALSE(t.events.empty());
  for (const cases::Event& e : t.events) {
    EXPECT_TRUE(e.actor_name.empty());
    EXPECT_TRUE(e.is_public);
  }
  EXPECT_EQ(events_->Track(r.code, "AAAA-BBBB-CCCC").status().code(), StatusCode::kNotFound);
}

TEST_P(AdverseEventTest, NamedReporterAndPatientAreShownOnlyToTheOffice) {
  ReportedEvent r = Report(Input());
  // Not on the case or its timeline, which every handler reads.
  EXPECT_EQ(Count("case_record", "opened_by IS NOT NULL"), 0);
  EXPECT_EQ(Count("case_event", "actor_id = 3 OR actor_name = '李报告'"), 0);
  EXPECT_EQ(Count("case_event", "kind = 'open' AND actor_name = '（已保护）'"), 1);
  // Kept in the event row and the audit trail (every write is attributable).
  EXPECT_EQ(Count("adverse_event", "reporter_id = 3 AND anonymous = 0"), 1);
  EXPECT_EQ(Count("audit_log", "action = 'adverse_event.report' AND actor_id = 3"), 1);
  EXPECT_EQ(Count("audit_log", "after_json LIKE '%张三%' OR after_json LIKE '%ZY2026031%'"), 0);

  EventDetail office = Must(events_->Get(qc_, r.id));
  EXPECT_EQ(office.e.reporter_name, "李报告");
  EXPECT_EQ(office.e.reporter_department_name, "心内科");
  EXPECT_EQ(office.e.patient_record_no, "ZY2026031");
  EventDetail head = Must(events_->Get(xnk_head_, r.id));
  EXPECT_EQ(head.e.reporter_name, "（已保护）");
  EXPECT_EQ(head.e.reporter_id, 0);
  EXPECT_EQ(head.e.patient_name, "张*");
  EXPECT_EQ(head.e.patient_record_no, "****31");
  EXPECT_TRUE(head.e.masked);
  std::string json = EventJson(head.e, events_->codes(), 0).dump() +
                     cases::CaseToJson(*engine_, head.c, 0, &xnk_head_).dump();
  for (const char* hidden : {"李报告", "张三", "ZY2026031"}) {
    EXPECT_EQ(json.find(hidden), std::string::npos) << hidden;
  }
  auto page = Must(events_->List(leader_, EventQuery{}));
  ASSERT_EQ(page.second, 1);
  EXPECT_EQ(page.first[0].e.reporter_name, "（已保护）");
  // Searching by the reporter's or the patient's name finds nothing.
  EventQuery by_name;
  by_name.q = "张三";
  EXPECT_EQ(Must(events_->List(qc_, by_name)).second, 0);
  // Another department's head does not see it; the reporter (no read permission) neither, but
  // finds it among their own reports.
  EXPECT_EQ(events_->Get(pwk_head_, r.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(events_->Get(nurse_, r.id).status().code(), StatusCode::kNotFound);
  auto mine = Must(events_->Mine(nurse_));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].c.code, r.code);
  // The department and the quality office were told; the reporter was not named.
  EXPECT_EQ(Count("notification", "user_id IN (1, 2) AND kind = 'adverse_event.reported'"), 2);
}

TEST_P(AdverseEventTest, FlowsFromReportToClosureThroughRectification) {
  ReportedEvent r = Report(Input());
  cases::Case c = Must(engine_->Get(kEventType, r.id, cases::Visibility::All()));
  EXPECT_EQ(c.period, "10wd");
  EXPECT_EQ(c.clock, "running");
  EXPECT_EQ(c.due_at, "2026-03-16");  // ten working days after Monday 3-2
  // A department member may not review; the office may not take the department's step.
  EXPECT_EQ(events_->Review(xnk_head_, "ip", r.id, {{{"people", "x"}}, "", "结论", "", ""})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  ToCorrective(r.id);
  EventDetail d = Must(events_->Get(qc_, r.id));
  EXPECT_EQ(d.c.state, "corrective");
  EXPECT_EQ(d.c.on_time, 1);   // the department handled it within 10 working days
  EXPECT_EQ(d.e.grade, "II");  // reclassified by the review
  ASSERT_EQ(d.e.causes.size(), 2u);
  EXPECT_EQ(d.e.dept_analysis, "夜间巡视间隔过长");

  std::vector<CorrectiveAction> actions(2);
  actions[0] = {1, 0, "修订跌倒高风险患者巡视制度并全员培训", "", "分管副院长", "护士长"};
  actions[1] = {2, 0, "卫生间加装防滑设施", "10wd", "", ""};
  Must(events_->PlanActions(qc_, "ip", r.id, actions, ""));
  d = Must(events_->Get(qc_, r.id));
  ASSERT_EQ(d.corrective.size(), 2u);
  EXPECT_EQ(d.corrective[0].c.department_id, 1);
  EXPECT_EQ(d.corrective[0].c.period, "20wd");  // rules rectification.default
  EXPECT_EQ(d.corrective[1].c.period, "10wd");
  EXPECT_EQ(d.corrective[0].r.source_type, "adverse_event");
  EXPECT_EQ(d.corrective[0].r.source_code, r.code);
  EXPECT_EQ(Count("audit_log", "action = 'rectification.create'"), 2);

  // Evaluation waits for every task to pass its re-check.
  Status early = events_->StartEvaluation(qc_, "ip", r.id, "").status();
  EXPECT_EQ(early.code(), StatusCode::kFailedPrecondition) << Describe(early);
  for (const RectificationRow& task : d.corrective) {
    const auth::Principal& head = task.c.department_id == 1 ? xnk_head_ : pwk_head_;
    Must(rect_->Submit(head, "ip", task.c.id, "已完成，见附件"));
    Must(rect_->Recheck(qc_, "ip", task.c.id, true, "现场查看已落实"));
  }
  Must(events_->StartEvaluation(qc_, "ip", r.id, ""));
  Status ineffective = events_->Close(qc_, "ip", r.id, {"ineffective", "仍有跌倒"}).status();
  EXPECT_EQ(FieldNames(ineffective), std::vector<std::string>{"effectiveness"});
  Must(events_->Close(qc_, "ip", r.id, {"effective", "三个月内未再发生"}));
  d = Must(events_->Get(qc_, r.id));
  EXPECT_EQ(d.c.state, "closed");
  EXPECT_FALSE(d.c.closed_at.empty());
  EXPECT_EQ(d.e.effectiveness, "effective");
  std::vector<std::string> steps;
  for (const cases::Event& e :
       Must(engine_->Timeline(kEventType, r.id, cases::Visibility::All()))) {
    if (e.kind == "action") steps.push_back(e.action);
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"accept", "dept_submit", "analyse", "plan_actions",
                                             "start_evaluation", "close"}));
  for (const char* action : {"adverse_event.dept_submit", "adverse_event.analyse",
                             "adverse_event.close", "case.adverse_event.close"}) {
    EXPECT_EQ(Count("audit_log", std::string("action = '") + action + "'"), 1) << action;
  }
  // The review's audit entry shows the regrading, before and after.
  EXPECT_EQ(Count("audit_log",
                  "action = 'adverse_event.analyse' AND before_json LIKE "
                  "'%\"grade\":\"III\"%' AND after_json LIKE '%\"grade\":\"II\"%'"),
            1);
}

TEST_P(AdverseEventTest, AReturnToTheDepartmentRestartsItsClock) {
  ReportedEvent r = Report(Input());
  Act(xnk_head_, r.id, "accept");
  Must(events_->SubmitDeptHandling(xnk_head_, "ip", r.id, {"初步分析", ""}));
  clock_.Set(At("2026-03-20 10:00"));
  cases::Case c = Act(qc_, r.id, "return_to_dept", "请补充根本原因分析");
  EXPECT_EQ(c.state, "dept_handling");
  EXPECT_EQ(c.clock, "running");
  EXPECT_EQ(c.due_at, "2026-04-03");  // ten working days from Friday 3-20
}

TEST_P(AdverseEventTest, BadInputWritesNothing) {
  int64_t before = Footprint();
  ReportInput bad = Input();
  bad.category = "ghost";
  bad.department_id = 99;
  EXPECT_EQ(FieldNames(events_->Report(nurse_, "ip", bad).status()),
            std::vector<std::string>{"category"});
  bad.category = "fall";  // the unknown department is found in the transaction
  EXPECT_EQ(FieldNames(events_->Report(nurse_, "ip", bad).status()),
            std::vector<std::string>{"department_id"});
  EXPECT_EQ(Footprint(), before);
  // Without the report permission: refused.
  auth::Principal nobody = nurse_;
  nobody.permissions.clear();
  EXPECT_EQ(events_->Report(nobody, "ip", Input()).status().code(), StatusCode::kPermissionDenied);

  ReportedEvent r = Report(Input());
  ToCorrective(r.id);
  before = Footprint();
  std::vector<CorrectiveAction> actions(2);
  actions[0] = {1, 0, "培训", "", "", ""};
  actions[1] = {99, 0, "加装扶手", "", "", ""};
  Status s = events_->PlanActions(qc_, "ip", r.id, actions, "").status();
  EXPECT_EQ(FieldNames(s), std::vector<std::string>{"actions[1].department_id"}) << Describe(s);
  actions[1] = {2, 3, "加装扶手", "", "", ""};  // user 3 is not a member of 普外科
  s = events_->PlanActions(qc_, "ip", r.id, actions, "").status();
  EXPECT_EQ(FieldNames(s), std::vector<std::string>{"actions[1].assignee_id"}) << Describe(s);
  // The first action's task was rolled back with the step.
  EXPECT_EQ(Footprint(), before);
  EXPECT_EQ(Count("rectification"), 0);
  ReviewInput review;
  review.conclusion = "x";
  EXPECT_EQ(FieldNames(events_->Review(qc_, "ip", r.id, review).status()),
            std::vector<std::string>{"causes"});
  EXPECT_EQ(Footprint(), before);
}

TEST_P(AdverseEventTest, MajorEventsMustGoOutWithinTwelveHoursAcrossMidnight) {
  clock_.Set(At("2026-03-01 21:00"));
  ReportInput in = Input("drug", "II");
  in.occurred_at = "2026-03-01 20:00";
  in.discovered_at = "2026-03-01 20:30";
  in.external_severity = "major";
  ReportedEvent major = Report(in);
  EventDetail d = Must(events_->Get(qc_, major.id));
  EXPECT_EQ(d.e.external_period, "12h");
  EXPECT_EQ(d.e.external_due_at, "2026-03-02 08:30");
  EXPECT_EQ(Count("notification", "user_id = 1 AND title LIKE '%2026-03-02 08:30%'"), 1);
  EventQuery overdue;
  overdue.external = "overdue";
  EventQuery pending;
  pending.external = "pending";
  EXPECT_EQ(Must(events_->List(qc_, overdue)).second, 0);
  EXPECT_EQ(Must(events_->List(qc_, pending)).second, 1);
  clock_.Set(At("2026-03-02 08:30"));
  EXPECT_EQ(Must(events_->List(qc_, overdue)).second, 0);  // the due minute is still on time
  clock_.Set(At("2026-03-02 08:31"));
  EXPECT_EQ(Must(events_->List(qc_, overdue)).second, 1);
  EXPECT_TRUE(EventJson(d.e, events_->codes(), events_->NowMinutes())["external"]["overdue"]);
  EXPECT_EQ(Must(events_->Statistics(qc_, 2026, 3, 3)).external_overdue, 1);

  clock_.Set(At("2026-03-02 09:00"));
  ExternalReportInput late{"2026-03-02 08:45", "网络直报，回执号 20260302-17"};
  d = Must(events_->ReportOutward(qc_, "ip", major.id, late));
  EXPECT_EQ(d.e.external_on_time, 0);
  EXPECT_EQ(d.e.external_reported_at, "2026-03-02 08:45");
  EXPECT_EQ(Must(events_->List(qc_, overdue)).second, 0);
  EXPECT_EQ(events_->SetExternal(qc_, "ip", major.id, "grave").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("case_event", "kind = 'note' AND body LIKE '%超过规定时限%'"), 1);
  EXPECT_EQ(Count("audit_log", "action = 'adverse_event.report_outward'"), 1);
  // Only the office may record it.
  EXPECT_EQ(events_->ReportOutward(xnk_head_, "ip", major.id, late).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_P(AdverseEventTest, GeneralEventsHaveFifteenDaysAndTheSeverityCanBeSetLater) {
  ReportedEvent r = Report(Input("surgery", "II"));
  EventDetail d = Must(events_->Get(qc_, r.id));
  EXPECT_TRUE(d.e.external_severity.empty());
  int64_t before = Footprint();
  EXPECT_EQ(FieldNames(events_->SetExternal(qc_, "ip", r.id, "huge").status()),
            std::vector<std::string>{"external_severity"});
  EXPECT_EQ(events_->ReportOutward(qc_, "ip", r.id, {"", "电话上报"}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Footprint(), before);
  d = Must(events_->SetExternal(qc_, "ip", r.id, "general"));
  EXPECT_EQ(d.e.external_period, "15d");
  EXPECT_EQ(d.e.external_due_at, "2026-03-16");  // discovered 3-1 23:10
  // Reported outward before the discovery is impossible; at 23:00 of the 15th day is on time.
  clock_.Set(At("2026-03-16 23:30"));
  EXPECT_EQ(
      FieldNames(events_->ReportOutward(qc_, "ip", r.id, {"2026-03-01 08:00", "直报"}).status()),
      std::vector<std::string>{"reported_at"});
  d = Must(events_->ReportOutward(qc_, "ip", r.id, {"2026-03-16 23:00", "网络直报"}));
  EXPECT_EQ(d.e.external_on_time, 1);
  EXPECT_EQ(Count("audit_log", "action = 'adverse_event.external'"), 1);
}

TEST_P(AdverseEventTest, StatisticsCountByCategoryGradeDepartmentAndMonth) {
  struct Spec {
    const char* when;
    const char* category;
    const char* grade;
    int64_t dept;
  };
  const std::vector<Spec> specs = {
      {"2026-01-05 10:00", "fall", "III", 1}, {"2026-01-20 10:00", "drug", "IV", 1},
      {"2026-02-03 10:00", "fall", "II", 2},  {"2026-03-04 10:00", "fall", "III", 2},
      {"2026-03-05 10:00", "tube", "III", 1}, {"2026-04-01 10:00", "drug", "I", 1}};
  std::map<std::string, int64_t> category, grade, month, dept1;
  for (const Spec& s : specs) {
    clock_.Set(At(s.when));
    ReportInput in = Input(s.category, s.grade, s.dept);
    in.occurred_at = std::string(s.when).substr(0, 10) + " 08:00";
    in.discovered_at = std::string(s.when).substr(0, 10) + " 09:00";
    Report(in);
    std::string m = std::string(s.when).substr(5, 2);
    if (m <= "03") {  // January to March
      ++category[s.category];
      ++grade[s.grade];
      ++month[m];
      if (s.dept == 1) ++dept1[s.category];
    }
  }
  EventStats st = Must(events_->Statistics(qc_, 2026, 1, 3));
  EXPECT_EQ(st.total, 5);
  auto as_map = [](const std::vector<quality::Count>& list) {
    std::map<std::string, int64_t> out;
    for (const quality::Count& c : list) out[c.key] = c.count;
    return out;
  };
  EXPECT_EQ(as_map(st.by_category), category);
  EXPECT_EQ(as_map(st.by_grade), grade);
  EXPECT_EQ(as_map(st.by_month), month);
  EXPECT_EQ(as_map(st.by_department), (std::map<std::string, int64_t>{{"1", 3}, {"2", 2}}));
  // 心内科's head counts only 心内科's events.
  EventStats head = Must(events_->Statistics(xnk_head_, 2026, 1, 3));
  EXPECT_EQ(head.total, 3);
  EXPECT_EQ(as_map(head.by_category), dept1);
  EXPECT_EQ(FieldNames(events_->Statistics(qc_, 2026, 5, 2).status()),
            std::vector<std::string>{"to_month"});
  EXPECT_EQ(events_->Statistics(nurse_, 2026, 1, 3).status().code(), StatusCode::kPermissionDenied);
}

TEST_P(AdverseEventTest, ListsExportAndRectificationsFromSources) {
  ReportedEvent r = Report(Input());
  auto xlsx = events_->ExportXlsx(xnk_head_, EventQuery{});
  ASSERT_TRUE(xlsx.ok()) << Describe(xlsx.status());
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
  // A task from an adverse event by its office; the source must exist and be of that type.
  NewRectification in;
  in.source_type = "adverse_event";
  in.source_id = r.id;
  in.department_id = 1;
  in.problem = "跌倒事件暴露夜间巡视不足";
  in.requirement = "一个月内完成巡视制度修订";
  RectificationDetail task = Must(rect_->Create(qc_, "ip", in));
  EXPECT_EQ(task.r.source_code, r.code);
  EXPECT_EQ(task.c.due_at, "2026-03-30");  // 20 working days after Monday 3-2
  in.source_type = "complaint";
  EXPECT_EQ(FieldNames(rect_->Create(qc_, "ip", in).status()),
            std::vector<std::string>{"source_id"});
  in.source_type = "inspection";
  EXPECT_EQ(FieldNames(rect_->Create(qc_, "ip", in).status()),
            std::vector<std::string>{"source_type"});
  in.source_type = "other";
  in.source_id = 0;
  EXPECT_EQ(rect_->Create(xnk_head_, "ip", in).status().code(), StatusCode::kPermissionDenied);
  in.period = "12h";
  EXPECT_EQ(FieldNames(rect_->Create(qc_, "ip", in).status()), std::vector<std::string>{"period"});
}

INSTANTIATE_TEST_SUITE_P(Db, AdverseEventTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::quality

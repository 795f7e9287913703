// Inspections on SQLite and PostgreSQL: the shipped checklists loaded once, versioned templates
// (a round keeps its version), scoring, findings becoming rectification tasks, the re-check
// that fails and then passes, extensions, visibility by department and the monthly scores
// averaged in SQL.
#include <gtest/gtest.h>

#include <cmath>

#include "quality/quality_test_fixture.h"

namespace yuanwu::quality {
namespace {

using db::testdb::FieldNames;
using http::Json;
using testing::At;
using testing::Describe;
using testing::Must;

class InspectionTest : public testing::QualityTest {
 protected:
  void SetUp() override {
    testing::QualityTest::SetUp();
    if (::testing::Test::IsSkipped() || ::testing::Test::HasFatalFailure()) return;
    ASSERT_EQ(Must(inspections_->LoadShipped()), 4);
    for (const Checklist& c : Must(inspections_->Templates(qc_, false))) {
      if (c.code == "nursing") nursing_ = c.template_id;
      if (c.code == "infection") infection_ = c.template_id;
    }
    ASSERT_GT(nursing_, 0);
  }

  InspectionRound NewRound(int64_t template_id, const std::string& on,
                           std::vector<int64_t> departments = {1, 2}) {
    RoundInput in;
    in.template_id = template_id;
    in.title = "护理质量月度督查";
    in.inspected_on = on;
    in.inspectors = {"护理部 赵敏", "质控办 周质控"};
    in.department_ids = std::move(departments);
    return Must(inspections_->CreateRound(qc_, "ip", in));
  }

  // Scores every item of the round's version: full points except `deduct` tenths taken off
  // the first items, one tenth at a time up to each item's points.
  std::vector<ScoreInput> Scores(const InspectionRound& r, int64_t deduct) {
    Checklist t = Must(inspections_->Template(qc_, r.template_id, r.version));
    std::vector<ScoreInput> out;
    for (const ChecklistItem& i : t.items) {
      int64_t off = std::min(deduct, i.max_x10);
      deduct -= off;
      ScoreInput s;
      s.item_id = i.id;
      s.score = TenthsJson(i.max_x10 - off);
      s.note = off ? "扣分" : "";
      out.push_back(s);
    }
    return out;
  }

  int64_t nursing_ = 0;
  int64_t infection_ = 0;
};

TEST_P(InspectionTest, ShippedTemplatesLoadOnceAndEditsMakeVersions) {
  EXPECT_EQ(Must(inspections_->LoadShipped()), 0);
  EXPECT_EQ(Count("checklist_template"), 4);
  EXPECT_EQ(Count("audit_log", "action = 'inspections.template.create' AND actor_name = '系统'"),
            4);
  Checklist v1 = Must(inspections_->Template(xnk_head_, nursing_, 0));
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v1.total_x10, 1000);
  InspectionRound old = NewRound(nursing_, "2026-03-02");

  Json edit = {{"name", v1.name},
               {"category", v1.category},
               {"items",
                {{{"category", "手卫生"}, {"content", "护理操作前后执行手卫生"}, {"max_score", 60}},
                 {{"category", "护理文书"}, {"content", "护理记录及时规范"}, {"max_score", 40}}}}};
  int64_t before = Footprint();
  EXPECT_EQ(inspections_->UpdateTemplate(xnk_head_, "ip", nursing_, edit).status().code(),
            StatusCode::kPermissionDenied);
  Json bad = edit;
  bad["items"][1]["max_score"] = -2;
  EXPECT_EQ(FieldNames(inspections_->UpdateTemplate(qc_, "ip", nursing_, bad).status()),
            std::vector<std::string>{"items[1].max_score"});
  EXPECT_EQ(Footprint(), before);
  Checklist v2 = Must(inspections_->UpdateTemplate(qc_, "ip", nursing_, edit));
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.items.size(), 2u);
  // The same content again makes no version.
  EXPECT_EQ(Must(inspections_->UpdateTemplate(qc_, "ip", nursing_, edit)).version, 2);
  EXPECT_EQ(Count("audit_log", "action = 'inspections.template.version'"), 1);
  // The old round keeps version 1 and its items; a new round uses version 2.
  InspectionRound kept = Must(inspections_->Round(qc_, old.id));
  EXPECT_EQ(kept.version, 1);
  EXPECT_EQ(Must(inspections_->Template(qc_, nursing_, kept.version)).items.size(),
            v1.items.size());
  EXPECT_EQ(NewRound(nursing_, "2026-02-27").version, 2);
  // Retired: no new rounds.
  Must(inspections_->UpdateTemplate(
      qc_, "ip", nursing_,
      {{"name", v1.name}, {"category", v1.category}, {"items", edit["items"]}, {"active", false}}));
  RoundInput in;
  in.template_id = nursing_;
  in.title = "x";
  in.inspected_on = "2026-03-02";
  in.inspectors = {"赵敏"};
  in.department_ids = {1};
  EXPECT_EQ(FieldNames(inspections_->CreateRound(qc_, "ip", in).status()),
            std::vector<std::string>{"template_id"});
  // A new template by import; its code must be new when created directly.
  Json custom = Json::parse(db::testdb::ReadSourceFile("data/quality/checklists/infection.json"));
  custom["code"] = "infection_icu";
  auto imported = Must(inspections_->ImportTemplates(qc_, "ip", Json::array({custom})));
  ASSERT_EQ(imported.size(), 1u);
  EXPECT_EQ(imported[0].source, "custom");
  EXPECT_EQ(FieldNames(inspections_->CreateTemplate(qc_, "ip", custom).status()),
            std::vector<std::string>{"code"});
}

TEST_P(InspectionTest, ScoresAreCheckedAndMonthlyAveragesComputedInSql) {
  int64_t before = Footprint();
  RoundInput bad;
  bad.template_id = nursing_;
  bad.inspected_on = "2026-03-40";
  bad.department_ids = {1, 1};
  EXPECT_EQ(FieldNames(inspections_->CreateRound(qc_, "ip", bad).status()),
            (std::vector<std::string>{"title", "inspected_on", "inspectors", "department_ids"}));
  EXPECT_EQ(Footprint(), before);

  // March: 心内科 inspected twice (92.5 and 87), 普外科 once (100); April: 心内科 once (60).
  InspectionRound march1 = NewRound(nursing_, "2026-03-02");
  clock_.Set(At("2026-03-20 09:00"));
  InspectionRound march2 = NewRound(nursing_, "2026-03-19", {1});
  std::vector<ScoreInput> partial = Scores(march1, 75);
  partial.pop_back();
  before = Footprint();
  EXPECT_EQ(FieldNames(inspections_->RecordScores(qc_, "ip", march1.id, 1, partial, "").status()),
            std::vector<std::string>{"scores"});
  std::vector<ScoreInput> over = Scores(march1, 0);
  over[0].score = 99;
  over[1].score = 2.55;
  EXPECT_EQ(FieldNames(inspections_->RecordScores(qc_, "ip", march1.id, 1, over, "").status()),
            (std::vector<std::string>{"scores[0].score", "scores[1].score"}));
  EXPECT_EQ(
      FieldNames(
          inspections_->RecordScores(qc_, "ip", march1.id, 3, Scores(march1, 0), "").status()),
      std::vector<std::string>{"department_id"});
  EXPECT_EQ(Footprint(), before);

  InspectionRound r = Must(inspections_->RecordScores(qc_, "ip", march1.id, 1, Scores(march1, 75),
                                                      "护理文书书写不及时"));
  ASSERT_EQ(r.sheets.size(), 2u);
  EXPECT_EQ(r.sheets[0].score_x10, 925);
  Must(inspections_->RecordScores(qc_, "ip", march1.id, 2, Scores(march1, 0), ""));
  Must(inspections_->RecordScores(qc_, "ip", march2.id, 1, Scores(march2, 130), ""));
  clock_.Set(At("2026-04-10 09:00"));
  InspectionRound april = NewRound(nursing_, "2026-04-09", {1});
  Must(inspections_->RecordScores(qc_, "ip", april.id, 1, Scores(april, 400), ""));
  EXPECT_EQ(Count("audit_log", "action = 'inspections.sheet.score'"), 4);

  MonthlyFigures m = Must(inspections_->MonthlyScores(qc_, "2026-03", 0));
  ASSERT_EQ(m.scores.size(), 2u);
  std::map<int64_t, const MonthlyScore*> by_dept;
  for (const MonthlyScore& s : m.scores) by_dept[s.department_id] = &s;
  EXPECT_EQ(by_dept[1]->sheets, 2);
  EXPECT_DOUBLE_EQ(by_dept[1]->average, (92.5 + 87.0) / 2);
  EXPECT_EQ(by_dept[1]->min_x10, 870);
  EXPECT_EQ(by_dept[1]->max_x10, 925);
  EXPECT_DOUBLE_EQ(by_dept[2]->average, 100.0);
  EXPECT_EQ(by_dept[1]->template_code, "nursing");
  MonthlyFigures apr = Must(inspections_->MonthlyScores(qc_, "2026-04", nursing_));
  ASSERT_EQ(apr.scores.size(), 1u);
  EXPECT_DOUBLE_EQ(apr.scores[0].average, 60.0);
  EXPECT_TRUE(Must(inspections_->MonthlyScores(qc_, "2026-04", infection_)).scores.empty());
  EXPECT_EQ(FieldNames(inspections_->MonthlyScores(qc_, "2026-13", 0).status()),
            std::vector<std::string>{"month"});
  // 普外科's head sees 普外科's score only.
  MonthlyFigures pwk = Must(inspections_->MonthlyScores(pwk_head_, "2026-03", 0));
  ASSERT_EQ(pwk.scores.size(), 1u);
  EXPECT_EQ(pwk.scores[0].department_id, 2);
  auto xlsx = inspections_->ExportScores(qc_, "2026-03", 0);
  ASSERT_TRUE(xlsx.ok()) << Describe(xlsx.status());
  EXPECT_EQ(xlsx->substr(0, 2), "PK");

  // Completing locks the round; a round with an unscored department cannot complete.
  EXPECT_EQ(inspections_->CompleteRound(qc_, "ip", april.id).status().code(), StatusCode::kOk);
  EXPECT_EQ(
      inspections_->RecordScores(qc_, "ip", april.id, 1, Scores(april, 0), "").status().code(),
      StatusCode::kFailedPrecondition);
  InspectionRound open = NewRound(nursing_, "2026-04-10");
  EXPECT_EQ(inspections_->CompleteRound(qc_, "ip", open.id).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(InspectionTest, FindingsAreRectifiedAndRecheckedFailThenPass) {
  InspectionRound round = NewRound(nursing_, "2026-03-02");
  Checklist t = Must(inspections_->Template(qc_, nursing_, round.version));
  std::vector<FindingInput> findings(2);
  findings[0].item_id = t.items[0].id;
  findings[0].description = "3床一级护理患者巡视记录缺失";
  findings[0].requirement = "落实分级护理巡视并记录";
  findings[0].leader = "护理副院长";
  findings[0].responsible = "护士长";
  findings[1].item_id = 999999;
  findings[1].description = "";
  findings[1].requirement = "x";
  int64_t before = Footprint();
  Status s = inspections_->AddFindings(qc_, "ip", round.id, 1, findings).status();
  EXPECT_EQ(FieldNames(s), std::vector<std::string>{"findings[1].description"}) << Describe(s);
  findings[1].description = "急救车药品过期一支";
  s = inspections_->AddFindings(qc_, "ip", round.id, 1, findings).status();
  EXPECT_EQ(FieldNames(s), std::vector<std::string>{"findings[1].item_id"}) << Describe(s);
  EXPECT_EQ(Footprint(), before);
  findings[1].item_id = 0;
  findings[1].period = "5wd";
  InspectionRound r = Must(inspections_->AddFindings(qc_, "ip", round.id, 1, findings));
  ASSERT_EQ(r.sheets[0].findings.size(), 2u);
  int64_t task = r.sheets[0].findings[0].rectification_case_id;
  int64_t quick = r.sheets[0].findings[1].rectification_case_id;
  RectificationDetail d = Must(rect_->Get(xnk_head_, task));
  EXPECT_EQ(d.r.source_type, "inspection");
  EXPECT_EQ(d.r.source_id, r.sheets[0].findings[0].id);
  EXPECT_EQ(d.r.source_code, "护理质量月度督查");
  EXPECT_EQ(d.r.leader, "护理副院长");
  EXPECT_EQ(d.c.department_id, 1);
  EXPECT_EQ(d.c.due_at, "2026-03-30");
  EXPECT_EQ(d.c.extension_limit, "20wd");
  EXPECT_EQ(Must(rect_->Get(xnk_head_, quick)).c.due_at, "2026-03-09");
  // Another department does not see the tasks.
  EXPECT_EQ(rect_->Get(pwk_head_, task).status().code(), StatusCode::kNotFound);
  MonthlyFigures m = Must(inspections_->MonthlyScores(qc_, "2026-03", 0));
  ASSERT_EQ(m.findings.size(), 1u);
  EXPECT_EQ(m.findings[0].in_month, 2);
  EXPECT_EQ(m.findings[0].open, 2);

  // Evidence, the department's report, a failed re-check (the clock restarts), then a pass.
  auto evidence = engine_->Attach(xnk_head_, "ip", kRectType, task, rect_->VisibilityFor(xnk_head_),
                                  "巡视记录.pdf", "%PDF-1.4 evidence");
  ASSERT_TRUE(evidence.ok()) << Describe(evidence.status());
  EXPECT_EQ(rect_->Submit(pwk_head_, "ip", task, "已整改").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(FieldNames(rect_->Submit(xnk_head_, "ip", task, " ").status()),
            std::vector<std::string>{"report"});
  clock_.Set(At("2026-03-10 10:00"));
  cases::Case c = Must(rect_->Submit(xnk_head_, "ip", task, "已补全巡视记录并培训"));
  EXPECT_EQ(c.state, "submitted");
  EXPECT_EQ(c.on_time, 1);
  EXPECT_EQ(rect_->Recheck(xnk_head_, "ip", task, true, "").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(FieldNames(rect_->Recheck(qc_, "ip", task, false, "").status()),
            std::vector<std::string>{"note"});
  clock_.Set(At("2026-03-12 15:00"));
  c = Must(rect_->Recheck(qc_, "ip", task, false, "抽查5床仍有漏记"));
  EXPECT_EQ(c.state, "rectifying");
  EXPECT_EQ(c.clock, "running");
  EXPECT_EQ(c.due_at, "2026-04-10");  // 20 working days from Thursday 3-12 (清明 4-4…4-6)
  // An extension: approved, within rectification.extension_max in total.
  EXPECT_EQ(FieldNames(engine_
                           ->Extend(qc_, "ip", kRectType, task, rect_->VisibilityFor(qc_), "25wd",
                                    "分管副院长", "涉及信息系统改造")
                           .status()),
            std::vector<std::string>{"amount"});
  c = Must(engine_->Extend(qc_, "ip", kRectType, task, rect_->VisibilityFor(qc_), "5wd",
                           "分管副院长", "涉及信息系统改造"));
  EXPECT_EQ(c.due_at, "2026-04-17");
  Must(rect_->Submit(xnk_head_, "ip", task, "信息系统增加巡视提醒，已复训"));
  c = Must(rect_->Recheck(qc_, "ip", task, true, "复查通过，予以销号"));
  EXPECT_EQ(c.state, "closed");
  EXPECT_FALSE(c.closed_at.empty());
  d = Must(rect_->Get(qc_, task));
  EXPECT_EQ(d.r.failed_rechecks, 1);
  m = Must(inspections_->MonthlyScores(qc_, "2026-03", 0));
  ASSERT_EQ(m.findings.size(), 1u);
  EXPECT_EQ(m.findings[0].open, 1);     // the quick one is still open
  EXPECT_EQ(m.findings[0].overdue, 1);  // and past its 5 working days (3-9)

  RectificationQuery q;
  q.source_type = "inspection";
  EXPECT_EQ(Must(rect_->List(xnk_head_, q)).second, 2);
  EXPECT_EQ(Must(rect_->List(pwk_head_, q)).second, 0);
  q.queue = cases::Queue::kOverdue;
  EXPECT_EQ(Must(rect_->List(qc_, q)).second, 1);
  auto xlsx = rect_->ExportXlsx(qc_, RectificationQuery{});
  ASSERT_TRUE(xlsx.ok()) << Describe(xlsx.status());
  EXPECT_EQ(Count("audit_log", "action = 'inspections.finding.create'"), 2);
  EXPECT_EQ(Count("audit_log", "action = 'case.rectification.recheck_fail'"), 1);
}

TEST_P(InspectionTest, ReadersSeeTheirDepartmentsSheetsOnly) {
  InspectionRound both = NewRound(nursing_, "2026-03-02");
  InspectionRound other = NewRound(nursing_, "2026-03-02", {2});
  Must(inspections_->RecordScores(qc_, "ip", both.id, 1, Scores(both, 10), ""));
  Must(inspections_->RecordScores(qc_, "ip", both.id, 2, Scores(both, 20), ""));
  InspectionRound seen = Must(inspections_->Round(xnk_head_, both.id));
  ASSERT_EQ(seen.sheets.size(), 1u);
  EXPECT_EQ(seen.sheets[0].department_id, 1);
  EXPECT_EQ(inspections_->Round(xnk_head_, other.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Must(inspections_->Rounds(xnk_head_, RoundQuery{})).second, 1);
  EXPECT_EQ(Must(inspections_->Rounds(qc_, RoundQuery{})).second, 2);
  EXPECT_EQ(Must(inspections_->Rounds(leader_, RoundQuery{})).second, 2);  // scope: all
  EXPECT_EQ(inspections_->Rounds(nurse_, RoundQuery{}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(inspections_->CreateRound(xnk_head_, "ip", RoundInput{}).status().code(),
            StatusCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Db, InspectionTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::quality

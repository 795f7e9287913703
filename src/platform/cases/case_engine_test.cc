// The case engine on a real database (SQLite and PostgreSQL) and the shipped 2026 calendar:
// states and permissions, assignment, the deadline clock, reminders and escalation across the
// National Day holiday and its 调休 Saturday, tracking, corrections and the case file.
#include "platform/cases/case_engine.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <set>

#include "platform/base/time.h"
#include "platform/cases/case_json.h"
#include "platform/db/test_db.h"

namespace yuanwu::cases {
namespace {

using db::testdb::CountRows;
using db::testdb::Describe;
using db::testdb::Scalar;

constexpr int64_t kOffset = 8 * 3600;

const char* kTypeJson = R"({
  "type": "complaint", "name": "投诉", "name_en": "Complaint", "code_prefix": "TS",
  "permissions": {"read": "t.read", "handle": "t.handle", "manage": "t.manage"},
  "initial": "registered",
  "states": [
    {"code": "registered", "name": "已登记", "name_en": "Registered"},
    {"code": "investigating", "name": "调查中", "name_en": "Investigating"},
    {"code": "waiting", "name": "待补充", "name_en": "Waiting"},
    {"code": "replied", "name": "已反馈", "name_en": "Replied"},
    {"code": "closed", "name": "已办结", "name_en": "Closed", "closed": true}
  ],
  "actions": [
    {"action": "start", "name": "开始调查", "name_en": "Start", "from": ["registered"],
     "to": "investigating", "permission": "t.handle"},
    {"action": "ask", "name": "要求补充", "name_en": "Ask", "from": ["investigating"],
     "to": "waiting", "permission": "t.manage", "clock": "pause", "note": "required",
     "public": true},
    {"action": "supplied", "name": "已补充", "name_en": "Supplied", "from": ["waiting"],
     "to": "investigating", "permission": "t.manage", "clock": "restart"},
    {"action": "reply", "name": "反馈", "name_en": "Reply", "from": ["investigating"],
     "to": "replied", "permission": "t.manage", "clock": "stop", "note": "required",
     "public": true},
    {"action": "close", "name": "办结", "name_en": "Close", "from": ["replied"], "to": "closed",
     "permission": "t.manage"}
  ]
})";

class MemoryFiles final : public FileStore {
 public:
  Result<std::string> Put(std::string_view data) override {
    std::string key = Sha256Hex(data);
    files_[key] = std::string(data);
    return key;
  }
  Result<std::string> Get(const std::string& key) override {
    auto it = files_.find(key);
    if (it == files_.end()) return Status::NotFound("文件", "file");
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

class CountingRandom final : public Random {
 public:
  std::string Hex(size_t n) override {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      char b[3];
      std::snprintf(b, sizeof b, "%02x", static_cast<unsigned>((next_ + i * 7) & 0xff));
      out += b;
    }
    ++next_;
    return out;
  }

 private:
  size_t next_ = 1;
};

// Department 1 (head: user 2, members 2 and 3), department 2 (no head, member 4); the office is
// user 1.
class FixedDirectory final : public Directory {
 public:
  Result<std::vector<int64_t>> DepartmentHeads(soci::session&, int64_t dept) override {
    return dept == 1 ? std::vector<int64_t>{2} : std::vector<int64_t>{};
  }
  Result<std::vector<int64_t>> UsersWith(soci::session&, const std::string&) override {
    return std::vector<int64_t>{1};
  }
  Result<std::vector<int64_t>> DepartmentUsersWith(soci::session&, int64_t dept,
                                                   const std::string&) override {
    if (dept == 1) return std::vector<int64_t>{2, 3};
    if (dept == 2) return std::vector<int64_t>{4};
    return std::vector<int64_t>{};
  }
};

std::vector<calendar::SpecialDay> ShippedDays() {
  auto days = calendar::ParseCalendarCsv(
      db::testdb::ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
  EXPECT_TRUE(days.ok());
  return days.ok() ? *days : std::vector<calendar::SpecialDay>{};
}

ListFilter Filter(Queue queue = Queue::kAll) {
  ListFilter f;
  f.type = "complaint";
  f.queue = queue;
  return f;
}

int64_t At(const std::string& local) { return *ParseTimestamp(local, kOffset); }

auth::Principal User(int64_t id, std::set<std::string> perms, int64_t dept = 0) {
  auth::Principal p;
  p.user_id = id;
  p.name = "用户" + std::to_string(id);
  p.department_id = dept;
  p.permissions = std::move(perms);
  return p;
}

class CaseEngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!db::testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = db::testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    // Two departments and four users for the foreign keys.
    ASSERT_TRUE(db_->Transact([](soci::session& sql) {
                     sql << "INSERT INTO campus (code, name) VALUES ('A', '本部')";
                     sql << "INSERT INTO department (code, name, campus_id, kind) VALUES "
                            "('D1', '心内科', 1, 'clinical')";
                     sql << "INSERT INTO department (code, name, campus_id, kind) VALUES "
                            "('D2', '外科', 1, 'clinical')";
                     for (int i = 1; i <= 4; ++i) {
                       std::string n = std::to_string(i);
                       sql << "INSERT INTO app_user (username, name, department_id, "
                              "password_hash, created_at) VALUES ('u" +
                                  n + "', '用户" + n + "', " + (i == 4 ? "2" : "1") +
                                  ", 'x', '2026-01-01T00:00:00Z')";
                     }
                     return Status::Ok();
                   })
                    .ok());
    calendar_.Set(ShippedDays());
    engine_ = std::make_unique<CaseEngine>(*db_, clock_, calendar_, files_, random_, directory_,
                                           EngineOptions{});
    auto type = ParseCaseType(kTypeJson, {"t.read", "t.handle", "t.manage"});
    ASSERT_TRUE(type.ok()) << Describe(type.status());
    ASSERT_TRUE(engine_->Register(*type).ok());
    auto rules = CaseRules::Parse(
        R"({"complaint": {"periods": {"investigate": "5wd"}, "remind_before": "1wd",
            "escalate_after": "2wd", "extension_max": "10wd"}})");
    ASSERT_TRUE(rules.ok()) << Describe(rules.status());
    engine_->SetRules(*rules);
  }

  // Opens a complaint received at `start` (local) with a 5-working-day deadline.
  Opened Open(const std::string& start, int64_t dept = 0, bool tracking = false,
              const std::string& limit = "10wd", const std::string& title = "候诊时间过长") {
    clock_.Set(At(start));
    OpenSpec spec;
    spec.title = title;
    spec.department_id = dept;
    spec.start = *deadline::ParseMoment(start);
    spec.period = "5wd";
    spec.extension_limit = limit;
    spec.tracking = tracking;
    spec.body = "患者反映候诊两小时";
    Result<Opened> opened = Status::Internal("not opened");
    Status s = db_->Transact([&](soci::session& sql) {
      opened = engine_->Open(sql, auth::Actor{1, "医患办", "127.0.0.1"}, "complaint", spec);
      return opened.status();
    });
    EXPECT_TRUE(s.ok()) << Describe(s);
    return opened.ok() ? *opened : Opened{};
  }

  Case Must(const Result<Case>& r) {
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    return r.ok() ? *r : Case{};
  }

  int64_t Notifications(int64_t user) {
    return CountRows(*db_, "notification", "user_id = " + std::to_string(user));
  }

  std::shared_ptr<db::Database> db_;
  FakeClock clock_{0};
  calendar::WorkingCalendar calendar_;
  MemoryFiles files_;
  CountingRandom random_;
  FixedDirectory directory_;
  std::unique_ptr<CaseEngine> engine_;
  const Visibility all_ = Visibility::All();
  const auth::Principal office_ = User(1, {"t.read", "t.handle", "t.manage"});
  const auth::Principal dept_user_ = User(3, {"t.read", "t.handle"}, 1);
};

TEST_P(CaseEngineTest, OpensWithCodeDeadlineTimelineAndAudit) {
  Opened a = Open("2026-09-28 09:00");
  Opened b = Open("2026-09-28 10:00");
  EXPECT_EQ(a.code, "TS-2026-0001");
  EXPECT_EQ(b.code, "TS-2026-0002");
  Case c = Must(engine_->Get("complaint", a.id, all_));
  // 9-29, 9-30, (国庆 10-1…10-7), 10-8, 10-9, and the 调休 Saturday 10-10.
  EXPECT_EQ(c.due_at, "2026-10-10");
  EXPECT_EQ(c.clock, "running");
  EXPECT_EQ(c.state, "registered");
  auto events = engine_->Timeline("complaint", a.id, all_);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, "open");
  EXPECT_EQ(CountRows(*db_, "audit_log", "action = 'case.complaint.open'"), 2);
}

TEST_P(CaseEngineTest, ActionsFollowStatesAndPermissions) {
  Opened a = Open("2026-09-28 09:00", 1);
  const auth::Principal reader = User(5, {"t.read"});
  Status denied = engine_->Act(reader, "ip", "complaint", a.id, all_, "start", "").status();
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied);
  Status wrong_state =
      engine_->Act(office_, "ip", "complaint", a.id, all_, "reply", "已答复").status();
  EXPECT_EQ(wrong_state.code(), StatusCode::kFailedPrecondition) << Describe(wrong_state);
  Status unknown = engine_->Act(office_, "ip", "complaint", a.id, all_, "fly", "").status();
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  // Nothing was written by the refused steps.
  EXPECT_EQ(CountRows(*db_, "case_event"), 1);

  Case c = Must(engine_->Act(dept_user_, "ip", "complaint", a.id, all_, "start", ""));
  EXPECT_EQ(c.state, "investigating");
  Status no_note = engine_->Act(office_, "ip", "complaint", a.id, all_, "reply", " ").status();
  EXPECT_EQ(db::testdb::FieldNames(no_note), std::vector<std::string>{"note"});
  clock_.Set(At("2026-10-09 16:00"));
  c = Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "reply", "已调整排班"));
  EXPECT_EQ(c.state, "replied");
  EXPECT_EQ(c.clock, "stopped");
  EXPECT_EQ(c.on_time, 1);
  c = Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "close", ""));
  EXPECT_FALSE(c.closed_at.empty());
  // A closed case takes no more notes, but corrections.
  EXPECT_EQ(engine_->AddNote(office_, "ip", "complaint", a.id, all_, "补记", false).status().code(),
            StatusCode::kFailedPrecondition);
  auto timeline = engine_->Timeline("complaint", a.id, all_);
  ASSERT_TRUE(timeline.ok());
  int64_t reply_id = (*timeline)[2].id;
  auto corrected =
      engine_->Correct(office_, "ip", "complaint", a.id, all_, reply_id, "反馈方式为电话");
  ASSERT_TRUE(corrected.ok()) << Describe(corrected.status());
  EXPECT_EQ(corrected->corrects, reply_id);
  timeline = engine_->Timeline("complaint", a.id, all_);
  EXPECT_EQ((*timeline)[2].body, "已调整排班");  // the original stays
  EXPECT_EQ(timeline->back().kind, "correct");
}

TEST_P(CaseEngineTest, LateAnswerIsRecordedAsLate) {
  Opened a = Open("2026-09-28 09:00");
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "start", ""));
  clock_.Set(At("2026-10-11 08:00"));  // the Sunday after the 调休 Saturday
  Case c = Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "reply", "迟复"));
  EXPECT_EQ(c.on_time, 0);
}

TEST_P(CaseEngineTest, AssignmentChecksDepartmentMembersAndNeedsReasonToReassign) {
  Opened a = Open("2026-09-28 09:00");
  Status not_member = engine_->Assign(office_, "ip", "complaint", a.id, all_, 1, 4, "").status();
  EXPECT_EQ(db::testdb::FieldNames(not_member), std::vector<std::string>{"assignee_id"});
  Case c = Must(engine_->Assign(office_, "ip", "complaint", a.id, all_, 1, 3, ""));
  EXPECT_EQ(c.department_name, "心内科");
  EXPECT_EQ(c.assignee_name, "用户3");
  EXPECT_EQ(Notifications(3), 1);
  Status no_reason = engine_->Assign(office_, "ip", "complaint", a.id, all_, 2, 4, "").status();
  EXPECT_EQ(db::testdb::FieldNames(no_reason), std::vector<std::string>{"reason"});
  // A department member may pick a colleague in the case's department, not move it away.
  EXPECT_EQ(
      engine_->Assign(dept_user_, "ip", "complaint", a.id, all_, 2, 4, "外科负责").status().code(),
      StatusCode::kPermissionDenied);
  c = Must(engine_->Assign(dept_user_, "ip", "complaint", a.id, all_, 1, 2, "主任亲自处理"));
  EXPECT_EQ(c.assignee_id, 2);
  EXPECT_EQ(CountRows(*db_, "case_event", "kind = 'assign'"), 2);
}

TEST_P(CaseEngineTest, VisibilityHidesOtherDepartmentsCases) {
  Opened mine = Open("2026-09-28 09:00", 1);
  Opened other = Open("2026-09-28 09:00", 2);
  Visibility dept1;
  dept1.by_department = true;
  dept1.dept_clause = " AND (c.department_id IN (1))";
  dept1.user_id = 3;
  dept1.department_id = 1;
  EXPECT_TRUE(engine_->Get("complaint", mine.id, dept1).ok());
  EXPECT_EQ(engine_->Get("complaint", other.id, dept1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(engine_->Timeline("complaint", other.id, dept1).status().code(), StatusCode::kNotFound);
  auto list = engine_->List(Filter(), dept1, 3);
  ASSERT_TRUE(list.ok()) << Describe(list.status());
  EXPECT_EQ(list->second, 1);
  EXPECT_EQ(list->first[0].id, mine.id);
  Visibility nobody;
  EXPECT_EQ(engine_->Get("complaint", mine.id, nobody).status().code(), StatusCode::kNotFound);
}

TEST_P(CaseEngineTest, SearchMatchesLikeWildcardsLiterally) {
  Opened half = Open("2026-09-28 09:00", 0, false, "10wd", "退费只退了50%");
  Opened other = Open("2026-09-28 09:10", 0, false, "10wd", "退费5000元未到账");
  auto search = [&](const std::string& q) {
    ListFilter f = Filter();
    f.q = q;
    std::vector<int64_t> ids;
    auto list = engine_->List(f, all_, 1);
    EXPECT_TRUE(list.ok()) << Describe(list.status());
    if (list.ok()) {
      for (const Case& c : list->first) ids.push_back(c.id);
    }
    return ids;
  };
  EXPECT_EQ(search("50%"), std::vector<int64_t>{half.id});
  EXPECT_EQ(search("退_"), std::vector<int64_t>{});
  EXPECT_EQ(search("退费"), (std::vector<int64_t>{other.id, half.id}));
  Opened third = Open("2026-09-28 09:20");
  EXPECT_EQ(search(third.code), std::vector<int64_t>{third.id});
}

TEST_P(CaseEngineTest, PauseResumeAndExtendMoveTheDeadline) {
  Opened a = Open("2026-09-28 09:00");
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "start", ""));
  clock_.Set(At("2026-09-29 10:00"));
  Case c = Must(engine_->Pause(office_, "ip", "complaint", a.id, all_, "征求第三方意见"));
  EXPECT_EQ(c.clock, "paused");
  EXPECT_EQ(c.due_at, "");
  EXPECT_EQ(engine_->Pause(office_, "ip", "complaint", a.id, all_, "again").status().code(),
            StatusCode::kFailedPrecondition);
  clock_.Set(At("2026-10-09 11:00"));
  c = Must(engine_->Resume(office_, "ip", "complaint", a.id, all_, "第三方已答复"));
  // 9-29 counted (wd1); 9-30 … 10-9 paused; then 10-10 (调休), 10-12, 10-13, 10-14.
  EXPECT_EQ(c.due_at, "2026-10-14");
  Status unit =
      engine_->Extend(office_, "ip", "complaint", a.id, all_, "3d", "院长", "复杂").status();
  EXPECT_EQ(db::testdb::FieldNames(unit), std::vector<std::string>{"amount"});
  Status no_approver =
      engine_->Extend(office_, "ip", "complaint", a.id, all_, "3wd", "", "复杂").status();
  EXPECT_EQ(db::testdb::FieldNames(no_approver), std::vector<std::string>{"approver"});
  c = Must(engine_->Extend(office_, "ip", "complaint", a.id, all_, "6wd", "张院长", "涉及多科室"));
  EXPECT_EQ(c.due_at, "2026-10-22");
  EXPECT_EQ(c.extended, "6wd");
  Status over =
      engine_->Extend(office_, "ip", "complaint", a.id, all_, "5wd", "张院长", "再延").status();
  EXPECT_EQ(db::testdb::FieldNames(over), std::vector<std::string>{"amount"}) << Describe(over);
  EXPECT_EQ(
      engine_->Extend(dept_user_, "ip", "complaint", a.id, all_, "1wd", "x", "y").status().code(),
      StatusCode::kPermissionDenied);
}

TEST_P(CaseEngineTest, RestartCountsTheWholePeriodAgainFromTheSupplement) {
  Opened a = Open("2026-09-28 09:00");
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "start", ""));
  clock_.Set(At("2026-09-29 10:00"));
  Case c = Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "ask", "请补充就诊时间"));
  EXPECT_EQ(c.clock, "paused");
  clock_.Set(At("2026-10-12 15:00"));
  c = Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "supplied", ""));
  EXPECT_EQ(c.clock, "running");
  // Five working days after Monday 10-12.
  EXPECT_EQ(c.due_at, "2026-10-19");
}

TEST_P(CaseEngineTest, ClockChangesMayBeDatedToTheDayTheyTookEffect) {
  Opened a = Open("2026-09-28 09:00");
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "start", ""));
  clock_.Set(At("2026-09-30 10:00"));
  auto day = [](const char* d) {
    return deadline::Moment{*ParseDate(d), deadline::Moment::kEndOfDay};
  };
  Status future =
      engine_
          ->Act(office_, "ip", "complaint", a.id, all_, "ask", "请补充", nullptr, day("2026-10-01"))
          .status();
  EXPECT_EQ(db::testdb::FieldNames(future), std::vector<std::string>{"effective"});
  Status before_start =
      engine_->Pause(office_, "ip", "complaint", a.id, all_, "x", nullptr, day("2026-09-27"))
          .status();
  EXPECT_EQ(db::testdb::FieldNames(before_start), std::vector<std::string>{"effective"});
  // The notice went out on 9-29 and is recorded on 9-30.
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "ask", "请补充", nullptr,
                    day("2026-09-29")));
  // The supplement arrived on Friday 10-9 and is recorded on Monday 10-12: five working days
  // from 10-9 are 10-10 (调休), 10-12, 10-13, 10-14, 10-15.
  clock_.Set(At("2026-10-12 09:00"));
  Status before_pause =
      engine_
          ->Act(office_, "ip", "complaint", a.id, all_, "supplied", "", nullptr, day("2026-09-28"))
          .status();
  EXPECT_EQ(db::testdb::FieldNames(before_pause), std::vector<std::string>{"effective"});
  Case c = Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "supplied", "", nullptr,
                             day("2026-10-09")));
  EXPECT_EQ(c.due_at, "2026-10-15");
  Status not_clock =
      engine_
          ->Act(office_, "ip", "complaint", a.id, all_, "reply", "答复", nullptr, day("2026-10-12"))
          .status();
  EXPECT_EQ(db::testdb::FieldNames(not_clock), std::vector<std::string>{"effective"});
}

TEST_P(CaseEngineTest, RemindsThenEscalatesOnTheRightWorkingDays) {
  Opened a = Open("2026-09-28 09:00", 1);
  Must(engine_->Assign(office_, "ip", "complaint", a.id, all_, 1, 3, ""));
  auto run = [&](const std::string& when) {
    clock_.Set(At(when));
    auto r = engine_->RunDeadlines(clock_.NowSeconds());
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    return Must(engine_->Get("complaint", a.id, all_)).escalation;
  };
  EXPECT_EQ(run("2026-10-08 17:00"), 0);  // two working days left (10-9, 10-10)
  EXPECT_EQ(run("2026-10-09 08:00"), 1);  // one left: the 调休 Saturday
  EXPECT_EQ(Notifications(3), 2);         // assigned + reminded
  EXPECT_EQ(run("2026-10-09 18:00"), 1);  // each step once
  EXPECT_EQ(Notifications(3), 2);
  EXPECT_EQ(run("2026-10-10 23:59"), 1);  // the Saturday is a working day: not yet overdue
  EXPECT_EQ(run("2026-10-11 00:01"), 2);  // Sunday: overdue → assignee and department head
  EXPECT_EQ(Notifications(2), 1);
  EXPECT_EQ(Notifications(1), 0);
  EXPECT_EQ(run("2026-10-13 23:00"), 2);  // two working days overdue is still within 2wd
  EXPECT_EQ(run("2026-10-14 00:01"), 3);  // → the responsible office
  EXPECT_EQ(Notifications(1), 1);
  EXPECT_EQ(CountRows(*db_, "case_event", "kind IN ('remind', 'escalate')"), 3);
  auto overdue = engine_->List(Filter(Queue::kOverdue), all_, 1);
  ASSERT_TRUE(overdue.ok());
  EXPECT_EQ(overdue->second, 1);
  auto counts = engine_->Counts("complaint", all_, 3);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->overdue, 1);
  EXPECT_EQ(counts->mine, 1);
}

TEST_P(CaseEngineTest, AnsweredCasesAreNotEscalated) {
  Opened a = Open("2026-09-28 09:00", 2);
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "start", ""));
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "reply", "已答复"));
  clock_.Set(At("2026-10-20 09:00"));
  auto r = engine_->RunDeadlines(clock_.NowSeconds());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->overdue, 0);
  EXPECT_EQ(CountRows(*db_, "case_event", "kind = 'escalate'"), 0);
}

TEST_P(CaseEngineTest, RequesterTracksWithCodeAndSeesOnlyPublicEntries) {
  Opened a = Open("2026-09-28 09:00", 1, true);
  ASSERT_EQ(a.tracking_code.size(), 14u);
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "start", ""));
  ASSERT_TRUE(
      engine_->AddNote(office_, "ip", "complaint", a.id, all_, "内部：护士长约谈", false).ok());
  Must(engine_->Act(office_, "ip", "complaint", a.id, all_, "reply", "已改进分诊"));
  std::string lower = a.tracking_code;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto tracked = engine_->Track("complaint", a.code, lower);
  ASSERT_TRUE(tracked.ok()) << Describe(tracked.status());
  for (const Event& e : tracked->second) EXPECT_NE(e.body, "内部：护士长约谈");
  EXPECT_EQ(tracked->second.back().body, "已改进分诊");
  std::string wrong = a.tracking_code;
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(engine_->Track("complaint", a.code, wrong).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(engine_->Track("complaint", "TS-2026-9999", a.tracking_code).status().code(),
            StatusCode::kNotFound);
  Opened untracked = Open("2026-09-28 09:00");
  EXPECT_EQ(engine_->Track("complaint", untracked.code, "").status().code(), StatusCode::kNotFound);
  auto rated = engine_->RequesterStep("complaint", a.code, a.tracking_code, "ip", "rate", "满意",
                                      "投诉人", nullptr);
  ASSERT_TRUE(rated.ok()) << Describe(rated.status());
  EXPECT_EQ(CountRows(*db_, "case_event", "kind = 'rate' AND actor_name = '投诉人'"), 1);
}

TEST_P(CaseEngineTest, CaseFileHoldsSheetTimelineAndAttachments) {
  Opened a = Open("2026-09-28 09:00", 1);
  auto att = engine_->Attach(office_, "ip", "complaint", a.id, all_, "../录音记录.txt", "通话内容");
  ASSERT_TRUE(att.ok()) << Describe(att.status());
  EXPECT_EQ(att->filename, "录音记录.txt");
  EXPECT_GT(att->event_id, 0);
  EXPECT_EQ(engine_->Attach(dept_user_, "ip", "complaint", a.id, all_, "a.txt", "").status().code(),
            StatusCode::kInvalidArgument);
  auto zip = engine_->ExportFile("complaint", a.id, all_, {{"投诉人", "张*"}},
                                 auth::Actor{1, "医患办", "ip"});
  ASSERT_TRUE(zip.ok()) << Describe(zip.status());
  zip_error_t err;
  zip_source_t* src = zip_source_buffer_create(zip->data(), zip->size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  ASSERT_NE(z, nullptr);
  std::set<std::string> names;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) names.insert(zip_get_name(z, i, 0));
  EXPECT_TRUE(names.count("附件/01_录音记录.txt"));
  EXPECT_TRUE(names.count("00_卷内目录.html"));
  EXPECT_TRUE(names.count("02_办理过程.csv"));
  zip_file_t* f = zip_fopen(z, "01_案件信息.html", 0);
  ASSERT_NE(f, nullptr);
  std::string sheet(8192, '\0');
  sheet.resize(static_cast<size_t>(zip_fread(f, sheet.data(), sheet.size())));
  zip_fclose(f);
  zip_close(z);
  EXPECT_NE(sheet.find("张*"), std::string::npos);
  EXPECT_NE(sheet.find(a.code), std::string::npos);
  EXPECT_EQ(CountRows(*db_, "audit_log", "action = 'case.complaint.export'"), 1);
}

TEST_P(CaseEngineTest, JsonListsTheViewersActions) {
  Opened a = Open("2026-09-28 09:00", 1);
  Case c = Must(engine_->Get("complaint", a.id, all_));
  auto j = CaseToJson(*engine_, c, engine_->LocalNowMinutes(), &dept_user_);
  ASSERT_EQ(j["actions"].size(), 1u);
  EXPECT_EQ(j["actions"][0]["action"], "start");
  EXPECT_FALSE(j["can"]["manage"].get<bool>());
}

TEST(QueueTest, ParsesEveryQueueName) {
  Queue q = Queue::kAll;
  EXPECT_TRUE(ParseQueue("overdue", &q));
  EXPECT_EQ(q, Queue::kOverdue);
  EXPECT_TRUE(ParseQueue("due_soon", &q));
  EXPECT_EQ(q, Queue::kDueSoon);
  EXPECT_FALSE(ParseQueue("late", &q));
}

TEST(CaseTypeTest, RejectsUndeclaredStatesAndUnknownPermissions) {
  std::string bad_state = kTypeJson;
  bad_state.replace(bad_state.find("\"to\": \"replied\""), 15, "\"to\": \"nowhere\"");
  auto r = ParseCaseType(bad_state, {"t.read", "t.handle", "t.manage"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().fields()[0].field.find("$.actions["), std::string::npos);
  auto p = ParseCaseType(kTypeJson, {"t.read", "t.handle"});
  EXPECT_FALSE(p.ok());
  EXPECT_FALSE(ParseCaseType("[]", {}).ok());
}

TEST(CaseRulesTest, MergesOverridesAndValidatesPeriods) {
  auto defaults = CaseRules::Parse(R"({"complaint": {"periods": {"investigate": "5wd"}}})");
  ASSERT_TRUE(defaults.ok());
  auto merged =
      CaseRules::Merge(*defaults, R"({"complaint": {"periods": {"investigate": "3wd"}}})");
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(*merged->Period("complaint", "investigate"), "3wd");
  EXPECT_FALSE(
      CaseRules::Merge(*defaults, R"({"complaint": {"periods": {"investigate": "3x"}}})").ok());
  EXPECT_FALSE(CaseRules::Merge(*defaults, R"({"nothing": {}})").ok());
  EXPECT_EQ(merged->Period("complaint", "other").status().code(), StatusCode::kNotFound);
  auto shipped = CaseRules::Parse(db::testdb::ReadSourceFile("data/cases/rules.json"));
  ASSERT_TRUE(shipped.ok()) << Describe(shipped.status());
  EXPECT_EQ(*shipped->Period("disclosure_application", "answer"), "20wd");
}

INSTANTIATE_TEST_SUITE_P(Db, CaseEngineTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::cases

// The test hospital of the quality tests, on a real database (SQLite and PostgreSQL, see
// platform/db/test_db.h): two clinical departments and the quality office, their heads, a
// nurse who reports, the quality officer, the case engine with the shipped case types, rules and
// 2026 calendar, and the module's three services. Principals carry the permissions of their
// roles as the migrations define them (read from the `role` table), so the tests exercise the
// real role design.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "org/case_directory.h"
#include "org/org_service.h"
#include "platform/base/clock.h"
#include "platform/base/file_store.h"
#include "platform/base/random.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/calendar/working_calendar.h"
#include "platform/cases/case_engine.h"
#include "platform/db/row.h"
#include "platform/db/test_db.h"
#include "quality/adverse_event_service.h"
#include "quality/inspection_service.h"
#include "quality/rectification_service.h"

namespace yuanwu::quality::testing {

constexpr int64_t kOffset = 8 * 3600;

inline int64_t At(const std::string& local) { return *ParseTimestamp(local, kOffset); }

class QualityTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Departments: 1 心内科 (head: user 2), 2 普外科 (head: user 4), 3 质控办.
  // Users: 1 质控办专员 (quality_office, scope all), 2 心内科主任 (dept_head, dept),
  // 3 the reporting nurse 李报告 (staff, self), 4 普外科主任 (dept_head, dept),
  // 5 院领导 (leader, all).
  void SetUp() override {
    if (!db::testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = db::testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    Status seeded = db_->Transact([](soci::session& sql) {
      sql << "INSERT INTO campus (code, name) VALUES ('A', '本部')";
      sql << "INSERT INTO department (code, name, campus_id, kind) VALUES ('XNK', '心内科', 1, "
             "'clinical')";
      sql << "INSERT INTO department (code, name, campus_id, kind) VALUES ('PWK', '普外科', 1, "
             "'clinical')";
      sql << "INSERT INTO department (code, name, campus_id, kind) VALUES ('ZKB', '质控办', 1, "
             "'admin')";
      const char* users[][5] = {{"qc01", "周质控", "3", "all", "quality_office"},
                                {"xnk_head", "孙主任", "1", "dept", "dept_head"},
                                {"reporter3", "李报告", "1", "self", "staff"},
                                {"pwk_head", "钱主任", "2", "dept", "dept_head"},
                                {"leader5", "王院长", "3", "all", "leader"}};
      for (const auto& u : users) {
        sql << "INSERT INTO app_user (username, name, department_id, scope, password_hash, "
               "created_at) VALUES ('" +
                   std::string(u[0]) + "', '" + u[1] + "', " + u[2] + ", '" + u[3] +
                   "', 'x', '2026-01-01T00:00:00Z')";
      }
      for (int i = 0; i < 5; ++i) {
        sql << "INSERT INTO user_role (user_id, role_code) VALUES (" + std::to_string(i + 1) +
                   ", '" + users[i][4] + "')";
      }
      sql << "UPDATE department SET head_user_id = 2 WHERE id = 1";
      sql << "UPDATE department SET head_user_id = 4 WHERE id = 2";
      return Status::Ok();
    });
    ASSERT_TRUE(seeded.ok()) << db::testdb::Describe(seeded);
    auto days = calendar::ParseCalendarCsv(
        db::testdb::ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
    ASSERT_TRUE(days.ok());
    calendar_.Set(*days);
    clock_.Set(At("2026-03-02 09:00"));
    files_ = std::make_unique<DiskFileStore>(dir_.path() + "/files");
    engine_ = std::make_unique<cases::CaseEngine>(*db_, clock_, calendar_, *files_, random_,
                                                  directory_, cases::EngineOptions{});
    std::vector<std::string> perms = {kEventReport, kEventRead,   kEventHandle,
                                      kEventManage, kRectRead,    kRectHandle,
                                      kRectManage,  kInspectRead, kInspectManage};
    for (std::string_view json : {ShippedEventTypeJson(), ShippedRectificationTypeJson()}) {
      auto type = cases::ParseCaseType(json, perms);
      ASSERT_TRUE(type.ok()) << db::testdb::Describe(type.status());
      ASSERT_TRUE(engine_->Register(*type).ok());
    }
    auto rules = cases::CaseRules::Parse(db::testdb::ReadSourceFile("data/cases/rules.json"));
    ASSERT_TRUE(rules.ok()) << db::testdb::Describe(rules.status());
    engine_->SetRules(*rules);
    auto codes = ParseCodes(ShippedCodesJson());
    ASSERT_TRUE(codes.ok()) << db::testdb::Describe(codes.status());
    org_ = std::make_unique<org::OrgService>(*db_, clock_, perms);
    rect_ = std::make_unique<RectificationService>(*db_, clock_, *engine_, *org_, directory_,
                                                   *codes, kOffset);
    events_ = std::make_unique<AdverseEventService>(*db_, clock_, calendar_, *engine_, *org_,
                                                    directory_, *rect_, *codes, kOffset);
    inspections_ = std::make_unique<InspectionService>(*db_, clock_, *org_, *rect_, kOffset);
    qc_ = Person(1);
    xnk_head_ = Person(2);
    nurse_ = Person(3);
    pwk_head_ = Person(4);
    leader_ = Person(5);
  }

  // The principal of user `id` with the permissions of their roles in the database.
  auth::Principal Person(int64_t id) {
    auth::Principal p;
    Status s = db_->Read([&](soci::session& sql) {
      db::Params params;
      params.Add("id", static_cast<long long>(id));
      db::ForEachRow(sql,
                     "SELECT u.username, u.name, u.department_id, u.scope, r.permissions FROM "
                     "app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.code = "
                     "ur.role_code WHERE u.id = :id",
                     params, [&](const soci::row& r) {
                       p.user_id = id;
                       p.username = db::Text(r, 0);
                       p.name = db::Text(r, 1);
                       p.department_id = db::Int(r, 2);
                       auth::ParseScope(db::Text(r, 3), &p.scope);
                       p.campus_id = 1;
                       for (const std::string& perm : Split(db::Text(r, 4), ',')) {
                         p.permissions.insert(perm);
                       }
                     });
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return p;
  }

  int64_t Count(const std::string& table, const std::string& where = "") {
    return db::testdb::CountRows(*db_, table, where);
  }

  // Total rows of every table a write could touch: nothing may change on bad input.
  int64_t Footprint() {
    int64_t n = 0;
    for (const char* t :
         {"case_record", "case_event", "audit_log", "adverse_event", "adverse_event_cause",
          "rectification", "notification", "checklist_template", "checklist_version",
          "checklist_item", "inspection_round", "inspection_sheet", "inspection_score",
          "inspection_finding"}) {
      n += Count(t);
    }
    return n;
  }

  std::shared_ptr<db::Database> db_;
  db::testdb::TempDir dir_;
  FakeClock clock_{0};
  calendar::WorkingCalendar calendar_;
  std::unique_ptr<FileStore> files_;
  SecureRandom random_;
  org::CaseDirectory directory_;
  std::unique_ptr<cases::CaseEngine> engine_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<RectificationService> rect_;
  std::unique_ptr<AdverseEventService> events_;
  std::unique_ptr<InspectionService> inspections_;
  auth::Principal qc_, xnk_head_, nurse_, pwk_head_, leader_;
};

inline std::string Describe(const Status& s) { return db::testdb::Describe(s); }

template <typename T>
T Must(Result<T> r) {
  EXPECT_TRUE(r.ok()) << Describe(r.status());
  return r.ok() ? std::move(*r) : T{};
}

}  // namespace yuanwu::quality::testing

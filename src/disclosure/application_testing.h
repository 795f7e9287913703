// Test fixture of the application tests (service and portal): a migrated scratch database on
// SQLite or PostgreSQL (platform/db/test_db.h), the shipped 2026 calendar, the shipped case
// types and rules (data/cases), a fake clock in Beijing time, and three people:
//   office_   院办 (department 1, 院长办公室 "YB"): read, handle, manage; data scope all
//   handler_  医务部 (department 2): read, handle; data scope 本科室
//   reader_   医务部 (department 2): read only
// Test-only; never linked into the app.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "disclosure/application_service.h"
#include "platform/base/clock.h"
#include "platform/base/file_store.h"
#include "platform/base/random.h"
#include "platform/base/time.h"
#include "platform/cases/case_engine.h"
#include "platform/db/test_db.h"

namespace yuanwu::disclosure::testing {

inline constexpr int64_t kOffset = 8 * 3600;

// Local wall time "YYYY-MM-DD HH:MM" → epoch seconds.
inline int64_t At(const std::string& local) { return *ParseTimestamp(local, kOffset); }

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

// Distinct, predictable bytes (tracking codes, form keys).
class CountingRandom final : public Random {
 public:
  std::string Hex(size_t n) override {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      char b[3];
      std::snprintf(b, sizeof b, "%02x", static_cast<unsigned>((next_ * 31 + i * 7) & 0xff));
      out += b;
    }
    ++next_;
    return out;
  }

 private:
  size_t next_ = 1;
};

// Nobody is head of a department; the office (user 1) holds the manage permission.
class FixedDirectory final : public cases::Directory {
 public:
  Result<std::vector<int64_t>> DepartmentHeads(soci::session&, int64_t) override {
    return std::vector<int64_t>{};
  }
  Result<std::vector<int64_t>> UsersWith(soci::session&, const std::string&) override {
    return std::vector<int64_t>{1};
  }
  Result<std::vector<int64_t>> DepartmentUsersWith(soci::session&, int64_t dept,
                                                   const std::string&) override {
    if (dept == 1) return std::vector<int64_t>{1};
    if (dept == 2) return std::vector<int64_t>{2};
    return std::vector<int64_t>{};
  }
};

inline auth::Principal Person(int64_t id, int64_t dept, std::set<std::string> perms,
                              auth::Scope scope) {
  auth::Principal p;
  p.user_id = id;
  p.name = "用户" + std::to_string(id);
  p.department_id = dept;
  p.permissions = std::move(perms);
  p.scope = scope;
  return p;
}

// An application handed in at the office on `on` by a natural person, to be picked up on paper.
inline RegistrationInput InPerson(const std::string& on,
                                  const std::string& kind = "natural_person") {
  RegistrationInput in;
  in.applicant_kind = kind;
  in.applicant_name = "王小明";
  if (kind == "natural_person") {
    in.id_type = "resident_id";
    in.id_number = "530102199003071238";
  } else {
    in.organisation = "云岭市某医疗器械有限公司";
    in.id_type = "social_credit";
    in.id_number = "91530100MA6K12345X";
  }
  in.phone = "13800001234";
  in.description = "2026年大型医用设备采购的招标公告及中标结果";
  in.medium = "paper";
  in.delivery = "pickup";
  in.channel = "in_person";
  in.submitted_on = on;
  return in;
}

class ApplicationFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!db::testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = db::testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(db_->Transact([](soci::session& sql) {
                     sql << "INSERT INTO campus (code, name) VALUES ('A', '本部')";
                     sql << "INSERT INTO department (code, name, campus_id, kind) VALUES "
                            "('YB', '院长办公室', 1, 'admin')";
                     sql << "INSERT INTO department (code, name, campus_id, kind) VALUES "
                            "('YWB', '医务部', 1, 'admin')";
                     for (int i = 1; i <= 3; ++i) {
                       std::string n = std::to_string(i);
                       sql << "INSERT INTO app_user (username, name, department_id, "
                              "password_hash, created_at) VALUES ('u" +
                                  n + "', '用户" + n + "', " + (i == 1 ? "1" : "2") +
                                  ", 'x', '2026-01-01T00:00:00Z')";
                     }
                     return Status::Ok();
                   })
                    .ok());
    auto days = calendar::ParseCalendarCsv(
        db::testdb::ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
    ASSERT_TRUE(days.ok());
    calendar_.Set(*days);
    engine_ = std::make_unique<cases::CaseEngine>(*db_, clock_, calendar_, files_, random_,
                                                  directory_, cases::EngineOptions{});
    const std::vector<std::string> perms = {std::string(kApplicationRead),
                                            std::string(kApplicationHandle),
                                            std::string(kApplicationManage)};
    for (const char* file :
         {"data/cases/disclosure_application.json", "data/cases/disclosure_consultation.json"}) {
      auto type = cases::ParseCaseType(db::testdb::ReadSourceFile(file), perms);
      ASSERT_TRUE(type.ok()) << file << " " << db::testdb::Describe(type.status());
      ASSERT_TRUE(engine_->Register(*type).ok());
    }
    auto rules = cases::CaseRules::Parse(db::testdb::ReadSourceFile("data/cases/rules.json"));
    ASSERT_TRUE(rules.ok()) << db::testdb::Describe(rules.status());
    engine_->SetRules(*rules);
    org_ = std::make_unique<org::OrgService>(*db_, clock_, perms);
    service_ = std::make_unique<ApplicationService>(*db_, clock_, calendar_, *engine_, *org_,
                                                    ApplicationServiceOptions{kOffset, "YB"});
  }

  // The office registers `in` at local time `now`.
  RegisteredApplication Register(const std::string& now, const RegistrationInput& in) {
    clock_.Set(At(now));
    Result<RegisteredApplication> r = service_->Register(office_, "127.0.0.1", in);
    EXPECT_TRUE(r.ok()) << db::testdb::Describe(r.status());
    return r.ok() ? *r : RegisteredApplication{};
  }

  cases::Case Must(const Result<cases::Case>& r) {
    EXPECT_TRUE(r.ok()) << db::testdb::Describe(r.status());
    return r.ok() ? *r : cases::Case{};
  }

  cases::Case Current(int64_t id) {
    return Must(engine_->Get(std::string(kApplicationType), id, cases::Visibility::All()));
  }

  int64_t Count(const std::string& table, const std::string& where = "") {
    return db::testdb::CountRows(*db_, table, where);
  }

  std::shared_ptr<db::Database> db_;
  FakeClock clock_{0};
  calendar::WorkingCalendar calendar_;
  MemoryFiles files_;
  CountingRandom random_;
  FixedDirectory directory_;
  std::unique_ptr<cases::CaseEngine> engine_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<ApplicationService> service_;
  const auth::Principal office_ =
      Person(1, 1,
             {std::string(kApplicationRead), std::string(kApplicationHandle),
              std::string(kApplicationManage)},
             auth::Scope::kAll);
  const auth::Principal handler_ = Person(
      2, 2, {std::string(kApplicationRead), std::string(kApplicationHandle)}, auth::Scope::kDept);
  const auth::Principal reader_ = Person(3, 2, {std::string(kApplicationRead)}, auth::Scope::kDept);
};

}  // namespace yuanwu::disclosure::testing

#include "complaints/complaint_service.h"

#include <gtest/gtest.h>

#include <map>

#include "complaints/complaint_json.h"
#include "org/org_store.h"
#include "platform/base/random.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_rules.h"
#include "platform/db/test_db.h"
#include "platform/tabular/table.h"

// Complaints through the case engine on a real database (SQLite and PostgreSQL) and the shipped
// 2026 calendar: public intake and tracking, staff registration (also on the spot), dispatch to
// a department, reply, rating once, 不予处理, major disputes; who sees what (visibility and
// masking per role), audit, the export and the case-file fields. Bad input writes nothing.

namespace yuanwu::complaints {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;
using testdb::FieldNames;
using Strings = std::vector<std::string>;

constexpr int64_t kNow = 1773108000;  // 2026-03-10T02:00:00Z = Tuesday 10:00 in Beijing
constexpr int64_t kOffset = 8 * 3600;
const std::string kIp = "10.0.0.7";

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

// Nobody to remind: these tests do not run the deadline job.
class NoDirectory final : public cases::Directory {
 public:
  Result<std::vector<int64_t>> DepartmentHeads(soci::session&, int64_t) override {
    return std::vector<int64_t>{};
  }
  Result<std::vector<int64_t>> UsersWith(soci::session&, const std::string&) override {
    return std::vector<int64_t>{};
  }
  Result<std::vector<int64_t>> DepartmentUsersWith(soci::session&, int64_t,
                                                   const std::string&) override {
    return std::vector<int64_t>{};
  }
};

IntakeInput GoodIntake(int64_t target_department) {
  IntakeInput in;
  in.complainant_name = "欧阳建国";
  in.complainant_relation = "child";
  in.complainant_phone = "13912345678";
  in.complainant_id_number = "11010519491231002X";
  in.patient_name = "欧阳桂兰";
  in.patient_record_no = "ZY2026-00123";
  in.target_department_id = target_department;
  in.category = "attitude";
  in.description = "三月九日上午在心内科病房，护士对家属询问不予理睬。";
  in.demand = "希望科室道歉。";
  in.consent = true;
  return in;
}

// Every identifying value of GoodIntake(); a masked output contains none of them.
const Strings kSecrets = {"欧阳建国", "13912345678", "11010519491231002X", "欧阳桂兰"};

class ComplaintServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  ComplaintServiceTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    Result<std::vector<calendar::SpecialDay>> days = calendar::ParseCalendarCsv(
        testdb::ReadSourceFile("data/calendar/cn-workdays-2024-2026.csv"));
    ASSERT_TRUE(days.ok()) << Describe(days.status());
    calendar_.Set(*days);
    engine_ = std::make_unique<cases::CaseEngine>(*db_, clock_, calendar_, files_, random_,
                                                  directory_, cases::EngineOptions{});
    ASSERT_TRUE(
        ComplaintService::RegisterType(*engine_, {kRead, kHandle, kManage, kRegister}).ok());
    Result<cases::CaseRules> rules =
        cases::CaseRules::Parse(testdb::ReadSourceFile("data/cases/rules.json"));
    ASSERT_TRUE(rules.ok()) << Describe(rules.status());
    engine_->SetRules(*rules);
    org_ = std::make_unique<org::OrgService>(*db_, clock_, Strings{});
    Result<Codes> codes = ParseCodes(ShippedCodesJson());
    ASSERT_TRUE(codes.ok()) << Describe(codes.status());
    service_ = std::make_unique<ComplaintService>(*db_, clock_, *engine_, *org_, *codes,
                                                  ServiceOptions{kOffset, 10000});

    ASSERT_TRUE(db_->Transact([](soci::session& sql) {
                     sql << "INSERT INTO campus (code, name) VALUES ('A', '本部')";
                     return Status::Ok();
                   })
                    .ok());
    cardio_dept_ = Department("XNK", "心内科");
    ortho_dept_ = Department("GK", "骨科");
    office_ =
        Person("yhb01", "医患办甲", 0, auth::Scope::kAll, {kRead, kHandle, kManage, kRegister});
    cardio_ = Person("xnk01", "心内科主任", cardio_dept_, auth::Scope::kDept,
                     {kRead, kHandle, kRegister});
    ortho_ = Person("gk01", "骨科主任", ortho_dept_, auth::Scope::kDept, {kRead, kHandle});
    nurse_ = Person("hs01", "门诊护士", ortho_dept_, auth::Scope::kSelf, {kRegister});
    leader_ = Person("ld01", "院领导", 0, auth::Scope::kAll, {kRead});
  }

  int64_t Department(const std::string& code, const std::string& name) {
    org::Department d;
    d.code = code;
    d.name = name;
    d.campus_id = 1;
    int64_t id = 0;
    EXPECT_TRUE(db_->Transact([&](soci::session& sql) {
                     id = org::OrgStore::InsertDepartment(sql, d);
                     return Status::Ok();
                   })
                    .ok());
    return id;
  }

  auth::Principal Person(const std::string& username, const std::string& name, int64_t dept,
                         auth::Scope scope, std::set<std::string> permissions) {
    auth::Principal p;
    p.username = username;
    p.name = name;
    p.department_id = dept;
    p.scope = scope;
    p.permissions = std::move(permissions);
    Status s = db_->Transact([&](soci::session& sql) {
      org::User u;
      u.username = username;
      u.name = name;
      u.department_id = dept;
      u.scope = std::string(auth::ScopeName(scope));
      p.user_id = org::OrgStore::InsertUser(sql, u, "!", FormatTimestamp(kNow));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << Describe(s);
    return p;
  }

  // The complaint's own row, unmasked, straight from the table.
  Complaint Stored(int64_t id) {
    Result<std::optional<Complaint>> c = db_->Query<std::optional<Complaint>>(
        [&](soci::session& sql) -> Result<std::optional<Complaint>> {
          return ComplaintStore::Get(sql, id);
        });
    EXPECT_TRUE(c.ok() && c->has_value());
    return c.ok() && c->has_value() ? **c : Complaint{};
  }

  Registered Submit(int64_t target_department) {
    Result<Registered> r = service_->SubmitPublic(GoodIntake(target_department), kIp);
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    return r.ok() ? *r : Registered{};
  }

  // Public intake, sent to the cardiology department by the office.
  Registered Dispatched() {
    Registered r = Submit(cardio_dept_);
    Result<cases::Case> c = service_->Dispatch(office_, kIp, r.c.id, cardio_dept_, 0, "请核实");
    EXPECT_TRUE(c.ok()) << Describe(c.status());
    if (c.ok()) r.c = *c;
    return r;
  }

  int64_t Rows() {
    return CountRows(*db_, "case_record") + CountRows(*db_, "complaint") +
           CountRows(*db_, "case_event") + CountRows(*db_, "audit_log");
  }

  static void ExpectMasked(const Complaint& c, const std::string& who) {
    EXPECT_TRUE(c.masked) << who;
    std::string all = ComplaintJson(c, Codes{}).dump();
    for (const std::string& s : kSecrets) EXPECT_EQ(all.find(s), std::string::npos) << who << s;
    EXPECT_EQ(c.complainant_phone, "139****5678") << who;
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
  calendar::WorkingCalendar calendar_;
  MemoryFiles files_;
  SecureRandom random_;
  NoDirectory directory_;
  std::unique_ptr<cases::CaseEngine> engine_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<ComplaintService> service_;
  int64_t cardio_dept_ = 0, ortho_dept_ = 0;
  auth::Principal office_, cardio_, ortho_, nurse_, leader_;
};

TEST_P(ComplaintServiceTest, PublicIntakeGivesACodeAndATrackingCode) {
  Registered r = Submit(cardio_dept_);
  EXPECT_TRUE(r.c.code.starts_with("TS-2026-")) << r.c.code;
  EXPECT_FALSE(r.tracking_code.empty());
  EXPECT_EQ(r.c.state, "registered");
  EXPECT_EQ(r.c.department_id, 0);  // the office dispatches it
  EXPECT_EQ(r.c.opened_by, 0);
  // 需调查核实: 5 working days from Tuesday 2026-03-10.
  EXPECT_EQ(r.c.period, "5wd");
  EXPECT_EQ(r.c.due_at, "2026-03-17");
  // The title names the matter, never a person.
  EXPECT_EQ(r.c.title, "服务态度 · 心内科");
  Complaint k = Stored(r.c.id);
  EXPECT_EQ(k.source, "public");
  EXPECT_EQ(k.channel, "online");
  EXPECT_EQ(k.received_local, "2026-03-10 10:00");
  EXPECT_EQ(k.complainant_name, "欧阳建国");
  EXPECT_EQ(k.target_department_name, "心内科");

  Result<TrackView> t = service_->Track(r.c.code, r.tracking_code);
  ASSERT_TRUE(t.ok()) << Describe(t.status());
  EXPECT_EQ(t->c.id, r.c.id);
  ASSERT_FALSE(t->events.empty());
  EXPECT_EQ(t->events[0].kind, "open");
  EXPECT_FALSE(t->may_rate);
  ExpectMasked(t->complaint, "tracking");
  // Lower case and without dashes works too (read aloud over the phone).
  std::string loose = ToLowerAscii(r.tracking_code);
  std::erase(loose, '-');
  EXPECT_TRUE(service_->Track(r.c.code, loose).ok());
}

TEST_P(ComplaintServiceTest, AWrongCodeAndAWrongTrackingCodeGetTheSameAnswer) {
  Registered r = Submit(cardio_dept_);
  Registered other = Submit(ortho_dept_);
  Result<TrackView> wrong_tracking = service_->Track(r.c.code, other.tracking_code);
  Result<TrackView> wrong_code = service_->Track("TS-2026-9999", r.tracking_code);
  ASSERT_FALSE(wrong_tracking.ok());
  ASSERT_FALSE(wrong_code.ok());
  EXPECT_EQ(wrong_tracking.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(wrong_code.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(wrong_tracking.status().message(), wrong_code.status().message());
  EXPECT_EQ(wrong_tracking.status().message_en(), wrong_code.status().message_en());
}

TEST_P(ComplaintServiceTest, BadIntakeNamesTheFieldsAndWritesNothing) {
  int64_t before = Rows();
  IntakeInput in = GoodIntake(cardio_dept_);
  in.complainant_phone = "12345";
  in.description = "太短";
  in.consent = false;
  Result<Registered> r = service_->SubmitPublic(in, kIp);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldNames(r.status()), (Strings{"complainant_phone", "description", "consent"}));
  EXPECT_EQ(Rows(), before);

  // A department that does not exist is found inside the transaction: still nothing written.
  IntakeInput ghost = GoodIntake(999999);
  Result<Registered> g = service_->SubmitPublic(ghost, kIp);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(FieldNames(g.status()), Strings{"target_department_id"});
  EXPECT_EQ(Rows(), before);
  EXPECT_EQ(CountRows(*db_, "case_sequence"), 0);
}

TEST_P(ComplaintServiceTest, StaffRegisterALetterReceivedYesterday) {
  RegistrationInput in;
  in.intake = GoodIntake(cardio_dept_);
  in.intake.consent = false;
  in.channel = "letter";
  in.received_at = "2026-03-09 16:30";
  in.complexity = "multi_department";
  Result<Registered> r = service_->Register(nurse_, kIp, in);
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(r->c.start_at, "2026-03-09 16:30");
  EXPECT_EQ(r->c.period, "10wd");
  EXPECT_EQ(r->c.due_at, "2026-03-23");  // 10 working days after Monday 2026-03-09
  EXPECT_EQ(r->c.opened_by, nurse_.user_id);
  Complaint k = Stored(r->c.id);
  EXPECT_EQ(k.source, "staff");
  EXPECT_EQ(k.first_receiver_department_id, ortho_dept_);  // 首诉: the nurse's own desk
  EXPECT_EQ(k.first_receiver_name, "门诊护士");
  // The nurse sees what she registered, but not unmasked: only the office does.
  Result<Detail> seen = service_->Get(nurse_, r->c.id);
  ASSERT_TRUE(seen.ok()) << Describe(seen.status());
  ExpectMasked(seen->complaint, "registering nurse");

  auth::Principal no_register = ortho_;
  Result<Registered> denied = service_->Register(no_register, kIp, in);
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);

  RegistrationInput future = in;
  future.received_at = "2026-03-11 09:00";
  int64_t before = Rows();
  Result<Registered> bad = service_->Register(nurse_, kIp, future);
  EXPECT_EQ(FieldNames(bad.status()), Strings{"received_at"});
  EXPECT_EQ(Rows(), before);
}

TEST_P(ComplaintServiceTest, ResolvedOnTheSpotClosesAtOnceWithTheResolutionAsReply) {
  RegistrationInput in;
  in.intake = GoodIntake(0);
  in.channel = "onsite";
  in.resolved_on_spot = true;
  in.on_spot_reply = "当场向家属解释并道歉，家属表示理解。";
  Result<Registered> r = service_->Register(nurse_, kIp, in);
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(r->c.state, "on_the_spot");
  EXPECT_EQ(r->c.period, "");
  EXPECT_EQ(r->c.clock, "none");
  EXPECT_FALSE(r->c.closed_at.empty());
  Complaint k = Stored(r->c.id);
  EXPECT_TRUE(k.resolved_on_spot);
  EXPECT_EQ(k.complexity, "on_the_spot");
  EXPECT_EQ(k.reply_text, in.on_spot_reply);
  EXPECT_EQ(k.reply_method, "in_person");
  EXPECT_FALSE(k.replied_at.empty());
  Result<TrackView> t = service_->Track(r->c.code, r->tracking_code);
  ASSERT_TRUE(t.ok()) << Describe(t.status());
  EXPECT_TRUE(t->may_rate);
}

TEST_P(ComplaintServiceTest, OnTheSpotRegistrationIsOneTransaction) {
  // A type whose 当场处理 needs more than registering: the registrar may open the complaint but
  // not resolve it, and then nothing at all is written — not an open complaint without its
  // resolution.
  std::string json(ShippedCaseTypeJson());
  const std::string from = R"("to": "on_the_spot", "permission": "complaints.register")";
  size_t at = json.find(from);
  ASSERT_NE(at, std::string::npos);
  json.replace(at, from.size(), R"("to": "on_the_spot", "permission": "complaints.manage")");
  Result<cases::CaseType> type = cases::ParseCaseType(json, {kRead, kHandle, kManage, kRegister});
  ASSERT_TRUE(type.ok()) << Describe(type.status());
  cases::CaseEngine strict(*db_, clock_, calendar_, files_, random_, directory_,
                           cases::EngineOptions{});
  ASSERT_TRUE(strict.Register(*type).ok());
  strict.SetRules(engine_->Rules());
  Result<Codes> codes = ParseCodes(ShippedCodesJson());
  ASSERT_TRUE(codes.ok());
  ComplaintService service(*db_, clock_, strict, *org_, *codes, ServiceOptions{kOffset, 10000});

  RegistrationInput in;
  in.intake = GoodIntake(0);
  in.channel = "onsite";
  in.resolved_on_spot = true;
  in.on_spot_reply = "当场向家属解释并道歉，家属表示理解。";
  const int64_t before = Rows();
  Result<Registered> r = service.Register(nurse_, kIp, in);
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Rows(), before);
  in.resolved_on_spot = false;
  in.complexity = "investigate";
  EXPECT_TRUE(service.Register(nurse_, kIp, in).ok());
  EXPECT_GT(Rows(), before);
}

TEST_P(ComplaintServiceTest, TheDepartmentSeesTheMatterButNotWhoComplained) {
  Registered r = Dispatched();
  EXPECT_EQ(r.c.state, "assigned");
  EXPECT_EQ(r.c.department_id, cardio_dept_);

  // Office: everything.
  Result<Detail> office = service_->Get(office_, r.c.id);
  ASSERT_TRUE(office.ok()) << Describe(office.status());
  EXPECT_FALSE(office->complaint.masked);
  EXPECT_EQ(office->complaint.complainant_phone, "13912345678");
  EXPECT_EQ(office->complaint.complainant_relation, "child");

  // The department investigating: the matter, masked identity, in the detail and the list.
  Result<Detail> cardio = service_->Get(cardio_, r.c.id);
  ASSERT_TRUE(cardio.ok()) << Describe(cardio.status());
  ExpectMasked(cardio->complaint, "department detail");
  EXPECT_EQ(cardio->complaint.description, GoodIntake(0).description);
  Result<std::pair<std::vector<Row>, int64_t>> list = service_->List(cardio_, ListQuery{});
  ASSERT_TRUE(list.ok()) << Describe(list.status());
  ASSERT_EQ(list->second, 1);
  ExpectMasked(list->first[0].complaint, "department list");

  // Leadership (read, whole hospital): masked too.
  Result<Detail> leader = service_->Get(leader_, r.c.id);
  ASSERT_TRUE(leader.ok()) << Describe(leader.status());
  ExpectMasked(leader->complaint, "leader");

  // Another department: not found, not in its list.
  EXPECT_EQ(service_->Get(ortho_, r.c.id).status().code(), StatusCode::kNotFound);
  Result<std::pair<std::vector<Row>, int64_t>> other = service_->List(ortho_, ListQuery{});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->second, 0);

  // The case file's sheet follows the same rule.
  Result<std::vector<std::pair<std::string, std::string>>> sheet =
      service_->FileFields(cardio_, r.c);
  ASSERT_TRUE(sheet.ok());
  std::string text;
  for (const auto& [k, v] : *sheet) text += k + "=" + v + "\n";
  for (const std::string& s : kSecrets) EXPECT_EQ(text.find(s), std::string::npos) << s;
  Result<std::vector<std::pair<std::string, std::string>>> full =
      service_->FileFields(office_, r.c);
  ASSERT_TRUE(full.ok());
  text.clear();
  for (const auto& [k, v] : *full) text += k + "=" + v + "\n";
  EXPECT_NE(text.find("联系电话=13912345678"), std::string::npos) << text;
}

TEST_P(ComplaintServiceTest, TheExportIsMaskedForTheDepartment) {
  Dispatched();
  auto rows_of = [&](const auth::Principal& p) {
    Result<std::string> x = service_->ExportXlsx(p, ListQuery{});
    EXPECT_TRUE(x.ok()) << Describe(x.status());
    Result<tabular::Table> t = tabular::ParseXlsx(x.ok() ? *x : "");
    EXPECT_TRUE(t.ok()) << Describe(t.status());
    return t.ok() ? *t : tabular::Table{};
  };
  tabular::Table dept = rows_of(cardio_);
  ASSERT_EQ(dept.rows.size(), 1u);
  int phone = dept.Column("联系电话");
  ASSERT_GE(phone, 0);
  EXPECT_EQ(dept.rows[0].cells[phone], "139****5678");
  for (const std::string& cell : dept.rows[0].cells) {
    for (const std::string& s : kSecrets) EXPECT_EQ(cell.find(s), std::string::npos) << s;
  }
  tabular::Table office = rows_of(office_);
  ASSERT_EQ(office.rows.size(), 1u);
  EXPECT_EQ(office.rows[0].cells[office.Column("联系电话")], "13912345678");
  EXPECT_EQ(office.rows[0].cells[office.Column("投诉人")], "欧阳建国");
  EXPECT_EQ(rows_of(ortho_).rows.size(), 0u);
}

TEST_P(ComplaintServiceTest, InvestigateReplyRateOnce) {
  Registered r = Dispatched();
  ASSERT_TRUE(
      engine_->Act(cardio_, kIp, kType, r.c.id, service_->VisibilityFor(cardio_), "accept", "")
          .ok());
  ASSERT_TRUE(engine_
                  ->Act(cardio_, kIp, kType, r.c.id, service_->VisibilityFor(cardio_), "findings",
                        "经调查，当班护士当时正在抢救其他患者，已提醒注意沟通。")
                  .ok());
  // Rating before the reply is refused and records nothing.
  int64_t events = CountRows(*db_, "case_event");
  Result<TrackView> early = service_->Rate(r.c.code, r.tracking_code, 5, "", kIp);
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition) << Describe(early.status());
  EXPECT_EQ(CountRows(*db_, "case_event"), events);

  // Only the office replies.
  ReplyInput reply{"经调查核实，科室已向当班护士进行批评教育，并向您致歉。",
                   "phone",
                   true,
                   {"mediation", "admin_mediation"}};
  EXPECT_EQ(service_->Reply(cardio_, kIp, r.c.id, reply).status().code(),
            StatusCode::kPermissionDenied);
  ReplyInput bad{"", "pigeon", std::nullopt, {}};
  int64_t before = Rows();
  EXPECT_EQ(FieldNames(service_->Reply(office_, kIp, r.c.id, bad).status()),
            (Strings{"reply_text", "reply_method"}));
  EXPECT_EQ(Rows(), before);

  clock_.Advance(86400);  // Wednesday: within 5 working days
  Result<cases::Case> replied = service_->Reply(office_, kIp, r.c.id, reply);
  ASSERT_TRUE(replied.ok()) << Describe(replied.status());
  EXPECT_EQ(replied->state, "replied");
  EXPECT_EQ(replied->on_time, 1);
  EXPECT_EQ(replied->clock, "stopped");
  Complaint k = Stored(r.c.id);
  EXPECT_EQ(k.reply_text, reply.text);
  EXPECT_EQ(k.reply_method, "phone");
  ASSERT_TRUE(k.accepted.has_value());
  EXPECT_TRUE(*k.accepted);
  EXPECT_EQ(k.follow_up, (Strings{"mediation", "admin_mediation"}));
  EXPECT_EQ(testdb::Scalar(*db_,
                           "SELECT COUNT(*) FROM audit_log WHERE action = "
                           "'case.complaint.reply'"),
            1);

  // The complainant sees the reply and may rate it, once.
  Result<TrackView> t = service_->Track(r.c.code, r.tracking_code);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->may_rate);
  EXPECT_EQ(t->complaint.reply_text, reply.text);
  bool reply_entry = false;
  for (const cases::Event& e : t->events) {
    if (e.action == "reply") reply_entry = e.body == reply.text;
    EXPECT_NE(e.action, "findings");  // the department's findings are internal
  }
  EXPECT_TRUE(reply_entry);

  EXPECT_EQ(FieldNames(service_->Rate(r.c.code, r.tracking_code, 9, "", kIp).status()),
            Strings{"rating"});
  Result<TrackView> rated = service_->Rate(r.c.code, r.tracking_code, 4, "处理及时", kIp);
  ASSERT_TRUE(rated.ok()) << Describe(rated.status());
  EXPECT_FALSE(rated->may_rate);
  EXPECT_EQ(rated->complaint.rating, 4);
  EXPECT_EQ(rated->complaint.rating_comment, "处理及时");
  Result<TrackView> again = service_->Rate(r.c.code, r.tracking_code, 1, "", kIp);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Stored(r.c.id).rating, 4);
  Result<TrackView> wrong = service_->Rate(r.c.code, "XXXX-XXXX-XXXX", 5, "", kIp);
  EXPECT_EQ(wrong.status().code(), StatusCode::kNotFound);

  // The office closes it.
  Result<cases::Case> closed =
      engine_->Act(office_, kIp, kType, r.c.id, service_->VisibilityFor(office_), "close", "");
  ASSERT_TRUE(closed.ok()) << Describe(closed.status());
  EXPECT_EQ(closed->state, "closed");
}

TEST_P(ComplaintServiceTest, NotProcessedWithTheReasonExplained) {
  Registered r = Submit(0);
  NotProcessInput bad{"bored", ""};
  int64_t before = Rows();
  EXPECT_EQ(FieldNames(service_->NotProcess(office_, kIp, r.c.id, bad).status()),
            (Strings{"reason", "explanation"}));
  EXPECT_EQ(Rows(), before);
  NotProcessInput in{"litigation_or_mediation", "您已就此事向人民法院起诉，请以法院裁判为准。"};
  Result<cases::Case> c = service_->NotProcess(office_, kIp, r.c.id, in);
  ASSERT_TRUE(c.ok()) << Describe(c.status());
  EXPECT_EQ(c->state, "not_processed");
  EXPECT_FALSE(c->closed_at.empty());
  Complaint k = Stored(r.c.id);
  EXPECT_EQ(k.not_processed_reason, "litigation_or_mediation");
  EXPECT_FALSE(k.not_processed_at.empty());
  // The patient reads why on the tracking page.
  Result<TrackView> t = service_->Track(r.c.code, r.tracking_code);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->may_rate);
  bool explained = false;
  for (const cases::Event& e : t->events) {
    if (e.action == "not_process") explained = e.body.find(in.explanation) != std::string::npos;
  }
  EXPECT_TRUE(explained);
  // It counts as 已反馈.
  Result<Stats> s = service_->Statistics(office_, 2026, 1, 12);
  ASSERT_TRUE(s.ok()) << Describe(s.status());
  EXPECT_EQ(s->total.counts.received, 1);
  EXPECT_EQ(s->total.counts.answered, 1);
  EXPECT_EQ(s->total.counts.on_time, 1);
}

TEST_P(ComplaintServiceTest, MajorDisputesAreFlaggedAuditedAndListed) {
  Registered r = Dispatched();
  Registered other = Submit(0);
  EXPECT_EQ(service_->MarkMajorDispute(cardio_, kIp, r.c.id, true, "已上报").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(FieldNames(service_->MarkMajorDispute(office_, kIp, r.c.id, true, "").status()),
            Strings{"note"});
  int64_t audits = CountRows(*db_, "audit_log");
  Result<Detail> d =
      service_->MarkMajorDispute(office_, kIp, r.c.id, true, "2026-03-10 已电话报告区卫健委医政科");
  ASSERT_TRUE(d.ok()) << Describe(d.status());
  EXPECT_TRUE(d->complaint.major_dispute);
  EXPECT_FALSE(d->complaint.major_dispute_at.empty());
  EXPECT_EQ(CountRows(*db_, "audit_log"), audits + 1);
  EXPECT_EQ(testdb::Scalar(*db_,
                           "SELECT COUNT(*) FROM audit_log WHERE action = "
                           "'complaints.major_dispute'"),
            1);
  // The audit entry carries no identity.
  Result<std::string> after =
      db_->Query<std::string>([](soci::session& sql) -> Result<std::string> {
        std::string a;
        sql << "SELECT after_json FROM audit_log WHERE action = 'complaints.major_dispute'",
            soci::into(a);
        return a;
      });
  ASSERT_TRUE(after.ok()) << Describe(after.status());
  for (const std::string& s : kSecrets) EXPECT_EQ(after->find(s), std::string::npos) << s;

  ListQuery major;
  major.major_only = true;
  Result<std::pair<std::vector<Row>, int64_t>> list = service_->List(office_, major);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->second, 1);
  EXPECT_EQ(list->first[0].c.id, r.c.id);
  EXPECT_NE(list->first[0].c.id, other.c.id);
}

TEST_P(ComplaintServiceTest, ListFilters) {
  Registered a = Dispatched();
  IntakeInput charge = GoodIntake(ortho_dept_);
  charge.category = "charges";
  charge.description = "骨科住院结算时多收了两次换药费用。";
  Result<Registered> b = service_->SubmitPublic(charge, kIp);
  ASSERT_TRUE(b.ok());
  auto ids = [&](ListQuery q) {
    std::vector<int64_t> out;
    Result<std::pair<std::vector<Row>, int64_t>> r = service_->List(office_, q);
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    if (r.ok()) {
      for (const Row& row : r->first) out.push_back(row.c.id);
    }
    return out;
  };
  ListQuery q;
  q.category = "charges";
  EXPECT_EQ(ids(q), std::vector<int64_t>{b->c.id});
  q = ListQuery{};
  q.state = "assigned";
  EXPECT_EQ(ids(q), std::vector<int64_t>{a.c.id});
  q = ListQuery{};
  q.department_id = cardio_dept_;
  EXPECT_EQ(ids(q), std::vector<int64_t>{a.c.id});
  q = ListQuery{};
  q.q = "换药";
  EXPECT_EQ(ids(q), std::vector<int64_t>{b->c.id});
  q = ListQuery{};
  q.q = "欧阳";  // the complainant's name is not searchable
  EXPECT_TRUE(ids(q).empty());
  q = ListQuery{};
  q.from = "2026-03-10";
  q.to = "2026-03-10";
  EXPECT_EQ(ids(q).size(), 2u);
  q.from = "2026-03-11";
  q.to = "";
  EXPECT_TRUE(ids(q).empty());
  q = ListQuery{};
  q.queue = cases::Queue::kOverdue;
  EXPECT_TRUE(ids(q).empty());
  clock_.Advance(10 * 86400);  // past 2026-03-17
  EXPECT_EQ(ids(q).size(), 2u);
  q.queue = cases::Queue::kDepartment;
  Result<std::pair<std::vector<Row>, int64_t>> mine = service_->List(cardio_, q);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->second, 1);
}

TEST_P(ComplaintServiceTest, StatisticsFollowTheViewersScope) {
  Dispatched();
  Submit(ortho_dept_);
  Result<Stats> office = service_->Statistics(office_, 2026, 1, 12);
  ASSERT_TRUE(office.ok()) << Describe(office.status());
  EXPECT_EQ(office->total.counts.received, 2);
  Result<Stats> cardio = service_->Statistics(cardio_, 2026, 1, 12);
  ASSERT_TRUE(cardio.ok());
  EXPECT_EQ(cardio->total.counts.received, 1);
  EXPECT_EQ(service_->Statistics(nurse_, 2026, 1, 12).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(FieldNames(service_->Statistics(office_, 1999, 5, 3).status()),
            (Strings{"year", "to_month"}));
}

INSTANTIATE_TEST_SUITE_P(Db, ComplaintServiceTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

}  // namespace
}  // namespace yuanwu::complaints

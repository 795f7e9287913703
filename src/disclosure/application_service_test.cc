// Disclosure applications and consultations through the case engine, on SQLite and PostgreSQL
// with the shipped 2026 calendar (国庆 10-1…10-7 off, Sunday 9-20 and Saturday 10-10 worked;
// 中秋 9-25…9-27 off). Every expected date below was counted by hand on that calendar; the
// comments show the count.
#include "disclosure/application_service.h"

#include <gtest/gtest.h>

#include "disclosure/application_testing.h"
#include "platform/db/row.h"

namespace yuanwu::disclosure {
namespace {

using db::testdb::Describe;
using db::testdb::FieldNames;
using testing::ApplicationFixture;
using testing::At;
using testing::InPerson;

const std::string kType(kApplicationType);

class ApplicationServiceTest : public ApplicationFixture {
 protected:
  Application Stored(int64_t id) {
    Application out;
    EXPECT_TRUE(db_->Read([&](soci::session& sql) {
                     std::optional<Application> a = ApplicationStore::Get(sql, id);
                     EXPECT_TRUE(a.has_value());
                     if (a) out = *a;
                     return Status::Ok();
                   })
                    .ok());
    return out;
  }

  std::string Text(const std::string& query) {
    std::string out;
    EXPECT_TRUE(db_->Read([&](soci::session& sql) {
                     soci::rowset<soci::row> rows = sql.prepare << query;
                     for (const soci::row& r : rows) out = db::Text(r, 0);
                     return Status::Ok();
                   })
                    .ok());
    return out;
  }

  ApplicationDetail Detail(int64_t id, const auth::Principal& p) {
    auto d = service_->Get(p, Mode::kApplication, id);
    EXPECT_TRUE(d.ok()) << Describe(d.status());
    return d.ok() ? *d : ApplicationDetail{};
  }

  cases::Case Answer(const std::string& now, int64_t id, const std::string& outcome,
                     const std::string& withheld = "") {
    clock_.Set(At(now));
    return Must(service_->Answer(office_, "ip", id, {outcome, "答复内容", withheld, "pickup"}));
  }
};

TEST_P(ApplicationServiceTest, TheReceiptDateOfEachChannelStartsTheClock) {
  struct Row {
    const char* channel;
    const char* submitted;
    const char* signed_for;
    const char* confirmed;
    const char* received;
    const char* due;
  };
  const Row rows[] = {
      // 9-29, 9-30, 10-8, 10-9, 10-10 (调休), 10-12 … 10-16, 10-19 … 10-23, 10-26 … 10-30
      {"in_person", "2026-09-28", "", "", "2026-09-28", "2026-10-30"},
      // signed for on Thursday 9-24; 中秋 9-25 … 9-27 off; then as above to the 20th, 10-29
      {"registered_mail", "2026-09-22", "2026-09-24", "", "2026-09-24", "2026-10-29"},
      // confirmed with the applicant on 9-30: 10-8 is the first working day, 11-3 the 20th
      {"ordinary_mail", "2026-09-26", "", "2026-09-30", "2026-09-30", "2026-11-03"},
      // both sides confirmed on Friday 10-9: Saturday 10-10 is the first working day
      {"online", "", "", "2026-10-09", "2026-10-09", "2026-11-05"},
      // Friday 9-18: Sunday 9-20 is a working day (国庆调休), then 9-21 …
      {"fax", "", "", "2026-09-18", "2026-09-18", "2026-10-22"},
  };
  clock_.Set(At("2026-10-12 10:00"));
  int n = 0;
  for (const Row& r : rows) {
    RegistrationInput in = InPerson(r.submitted);
    in.channel = r.channel;
    in.signed_on = r.signed_for;
    in.confirmed_on = r.confirmed;
    auto reg = service_->Register(office_, "ip", in);
    ASSERT_TRUE(reg.ok()) << r.channel << " " << Describe(reg.status());
    ++n;
    EXPECT_EQ(reg->c.code, "YSQ-2026-000" + std::to_string(n));
    EXPECT_EQ(reg->c.start_at, std::string(r.received) + " 00:00") << r.channel;
    EXPECT_EQ(reg->c.due_at, r.due) << r.channel;
    EXPECT_EQ(reg->c.extension_limit, "20wd");
    EXPECT_EQ(reg->tracking_code.size(), 14u);  // for the 受理回执
    Application a = Stored(reg->c.id);
    EXPECT_EQ(a.received_on, r.received);
    EXPECT_EQ(a.channel, r.channel);
    EXPECT_EQ(a.source, "staff");
    EXPECT_EQ(reg->c.department_id, 1);  // the registering office's department
  }
  EXPECT_EQ(Count("audit_log", "action = 'disclosure.application.register'"), 5);
  EXPECT_EQ(Count("audit_log", "action = 'case.disclosure_application.open'"), 5);

  // A date the channel needs is missing: nothing is written.
  RegistrationInput missing = InPerson("2026-09-22");
  missing.channel = "registered_mail";
  Status s = service_->Register(office_, "ip", missing).status();
  EXPECT_EQ(FieldNames(s), std::vector<std::string>{"signed_on"});
  EXPECT_EQ(Count("case_record"), 5);
  EXPECT_EQ(Count("disclosure_application"), 5);
}

TEST_P(ApplicationServiceTest, ThePortalFormRegistersOnceWithATrackingCode) {
  clock_.Set(At("2026-09-28 10:00"));
  RegistrationInput in = InPerson("");
  in.channel.clear();
  in.consent = true;
  const std::string key = "0123456789abcdef0123456789abcdef";
  auto r = service_->SubmitPublic(in, "10.0.0.8", key);
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(r->c.code, "YSQ-2026-0001");
  EXPECT_EQ(r->c.due_at, "2026-10-30");
  EXPECT_EQ(r->c.department_id, 1);  // the intake department "YB"
  EXPECT_EQ(r->c.opened_by, 0);
  EXPECT_FALSE(r->tracking_code.empty());
  Application a = Stored(r->c.id);
  EXPECT_EQ(a.channel, "online");
  EXPECT_EQ(a.received_on, "2026-09-28");
  EXPECT_EQ(a.source, "public");
  EXPECT_EQ(
      Count("audit_log", "action = 'disclosure.application.register' AND actor_name = '申请人'"),
      1);

  // The same form again (a reload): nothing new, and the 编号 is named.
  auto again = service_->SubmitPublic(in, "10.0.0.8", key);
  ASSERT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("YSQ-2026-0001"), std::string::npos);
  EXPECT_EQ(Count("case_record"), 1);

  // Bad input writes nothing, not even an audit entry.
  int64_t audits = Count("audit_log");
  RegistrationInput empty;
  Status bad = service_->SubmitPublic(empty, "10.0.0.8", "").status();
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_GE(bad.fields().size(), 8u);
  EXPECT_EQ(Count("case_record"), 1);
  EXPECT_EQ(Count("audit_log"), audits);

  // Consultations are not taken through the portal form.
  RegistrationInput consult = in;
  consult.mode = "consultation";
  auto as_application = service_->SubmitPublic(consult, "10.0.0.8", "");
  ASSERT_TRUE(as_application.ok()) << Describe(as_application.status());
  EXPECT_EQ(as_application->c.type, kType);
}

TEST_P(ApplicationServiceTest, ACorrectionWithinTheNoticePeriodRestartsThePeriodOnArrival) {
  // Received Tuesday 9-22. Notice period: 9-23, 9-24, (中秋) 9-28, 9-29, 9-30, (国庆) 10-8, 10-9.
  auto reg = Register("2026-09-22 09:00", InPerson("2026-09-22"));
  EXPECT_EQ(reg.c.due_at, "2026-10-27");
  EXPECT_EQ(Detail(reg.c.id, office_).correction_notice_due, "2026-10-09");

  clock_.Set(At("2026-10-09 16:00"));  // the last day of the notice period
  cases::Case c = Must(service_->RequestCorrection(office_, "ip", reg.c.id,
                                                   {"请写明设备名称和采购年份", "2026-10-23"}));
  EXPECT_EQ(c.state, "awaiting_correction");
  EXPECT_EQ(c.clock, "paused");
  EXPECT_EQ(c.due_at, "");
  Application a = Stored(reg.c.id);
  EXPECT_EQ(a.correction_requested_on, "2026-10-09");
  EXPECT_EQ(a.correction_due, "2026-10-23");
  EXPECT_EQ(Count("audit_log", "action = 'disclosure.application.request_correction'"), 1);

  // Recorded on Friday 10-16, arrived on Thursday 10-15: the period runs again from 10-15.
  clock_.Set(At("2026-10-16 11:00"));
  Status early = service_->CorrectionReceived(office_, "ip", reg.c.id, "2026-10-08", "").status();
  EXPECT_EQ(FieldNames(early), std::vector<std::string>{"received_on"});
  c = Must(service_->CorrectionReceived(office_, "ip", reg.c.id, "2026-10-15", "补正了采购年份"));
  EXPECT_EQ(c.state, "received");
  EXPECT_EQ(c.clock, "running");
  // 10-16, 10-19 … 10-23, 10-26 … 10-30, 11-2 … 11-6, 11-9 … 11-12 (the 20th).
  EXPECT_EQ(c.due_at, "2026-11-12");
  EXPECT_EQ(Current(reg.c.id).due_at, "2026-11-12");
  EXPECT_EQ(Text("SELECT clock_at FROM case_event WHERE clock_effect = 'restart'"),
            "2026-10-15 23:59");
  EXPECT_EQ(Stored(reg.c.id).correction_received_on, "2026-10-15");

  // 一次性告知: no second notice, even after the restart.
  Status twice =
      service_->RequestCorrection(office_, "ip", reg.c.id, {"再补充", "2026-10-30"}).status();
  EXPECT_EQ(twice.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(twice.message().find("一次性"), std::string::npos) << twice.message();
}

TEST_P(ApplicationServiceTest, TheRestartedPeriodCrossesNationalDayAndCountsTheSaturday) {
  auto reg = Register("2026-09-28 09:00", InPerson("2026-09-28"));
  clock_.Set(At("2026-09-29 10:00"));
  Must(service_->RequestCorrection(office_, "ip", reg.c.id, {"请写明文号", "2026-10-12"}));
  clock_.Set(At("2026-09-30 15:00"));
  cases::Case c = Must(service_->CorrectionReceived(office_, "ip", reg.c.id, "", ""));
  // From 9-30: 10-8 (1), 10-9 (2), Saturday 10-10 (3), 10-12 … 10-16 (8), 10-19 … 10-23 (13),
  // 10-26 … 10-30 (18), 11-2 (19), 11-3 (20). Without the 调休 Saturday it would be 11-4.
  EXPECT_EQ(c.due_at, "2026-11-03");
  EXPECT_EQ(Text("SELECT clock_at FROM case_event WHERE clock_effect = 'restart'"),
            "2026-09-30 15:00");  // recorded the day it arrived: the moment of recording
}

TEST_P(ApplicationServiceTest, ACorrectionAfterTheNoticePeriodIsRefused) {
  auto reg = Register("2026-09-22 09:00", InPerson("2026-09-22"));
  int64_t events = Count("case_event");
  int64_t audits = Count("audit_log");
  clock_.Set(At("2026-10-10 09:00"));  // the 调休 Saturday: the 8th working day
  Status late =
      service_->RequestCorrection(office_, "ip", reg.c.id, {"请写明文号", "2026-10-20"}).status();
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition) << Describe(late);
  EXPECT_NE(late.message().find("2026-10-09"), std::string::npos) << late.message();
  EXPECT_NE(late.message().find("7个工作日"), std::string::npos) << late.message();
  EXPECT_NE(late.message_en().find("Art.30"), std::string::npos) << late.message_en();
  EXPECT_EQ(Current(reg.c.id).state, "received");
  EXPECT_EQ(Current(reg.c.id).due_at, "2026-10-27");
  EXPECT_EQ(Count("case_event"), events);
  EXPECT_EQ(Count("audit_log"), audits);
  EXPECT_EQ(Stored(reg.c.id).correction_requested_on, "");
  EXPECT_EQ(Detail(reg.c.id, office_).correction_notice_due, "2026-10-09");
}

TEST_P(ApplicationServiceTest, NoCorrectionByTheDateClosesTheApplicationAsRowSixOne) {
  auto reg = Register("2026-09-28 09:00", InPerson("2026-09-28"));
  clock_.Set(At("2026-09-29 10:00"));
  Must(service_->RequestCorrection(office_, "ip", reg.c.id, {"请写明文号", "2026-10-12"}));
  clock_.Set(At("2026-10-12 17:00"));
  Status early = service_->CorrectionOverdue(office_, "ip", reg.c.id, "逾期未补正").status();
  EXPECT_EQ(early.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(early.message().find("2026-10-12"), std::string::npos);
  clock_.Set(At("2026-10-13 09:00"));
  EXPECT_EQ(FieldNames(service_->CorrectionOverdue(office_, "ip", reg.c.id, " ").status()),
            std::vector<std::string>{"note"});
  cases::Case c = Must(service_->CorrectionOverdue(office_, "ip", reg.c.id, "申请人逾期未补正"));
  EXPECT_EQ(c.state, "lapsed");
  EXPECT_EQ(c.clock, "stopped");
  Application a = Stored(reg.c.id);
  EXPECT_EQ(a.outcome, "other.no_correction");
  EXPECT_EQ(a.decided_on, "2026-10-13");
}

TEST_P(ApplicationServiceTest, AThirdPartyPausesTheClockUntilItsReply) {
  auto reg = Register("2026-09-28 09:00", InPerson("2026-09-28"));
  clock_.Set(At("2026-09-29 10:00"));
  Status bad =
      service_->ConsultThirdParty(office_, "ip", reg.c.id, {"someone", "", "", ""}).status();
  EXPECT_EQ(FieldNames(bad), (std::vector<std::string>{"party_kind", "party", "matter"}));
  cases::Case c = Must(service_->ConsultThirdParty(
      office_, "ip", reg.c.id,
      {"third_party", "云岭市某医疗器械有限公司", "投标报价明细是否涉及商业秘密", ""}));
  EXPECT_EQ(c.state, "consulting");
  EXPECT_EQ(c.clock, "paused");
  ApplicationDetail d = Detail(reg.c.id, office_);
  ASSERT_EQ(d.third_parties.size(), 1u);
  // 15 working days from 9-29: 9-30, 10-8, 10-9, 10-10, 10-12 … 10-16, 10-19 … 10-23, 10-26.
  EXPECT_EQ(d.third_parties[0].reply_due, "2026-10-26");
  EXPECT_EQ(d.third_parties[0].sent_on, "2026-09-29");
  EXPECT_EQ(d.paused_remaining, 19);  // 9-29 counted

  clock_.Set(At("2026-10-12 10:00"));
  EXPECT_EQ(service_->ThirdPartySilent(office_, "ip", reg.c.id, "").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(FieldNames(service_
                           ->ThirdPartyReplied(office_, "ip", reg.c.id,
                                               {"2026-09-28", "object", "涉及商业秘密"})
                           .status()),
            std::vector<std::string>{"replied_on"});
  // The reply arrived on Friday 10-9 and is recorded on Monday 10-12.
  c = Must(service_->ThirdPartyReplied(
      office_, "ip", reg.c.id, {"2026-10-09", "object", "报价明细涉及商业秘密，不同意公开"}));
  EXPECT_EQ(c.state, "received");
  EXPECT_EQ(c.clock, "running");
  // 9-29 (1); paused 9-30 … 10-9; 10-10 (2), 10-12 … 10-16 (7), 10-19 … 10-23 (12),
  // 10-26 … 10-30 (17), 11-2 (18), 11-3 (19), 11-4 (20).
  EXPECT_EQ(c.due_at, "2026-11-04");
  d = Detail(reg.c.id, office_);
  EXPECT_EQ(d.third_parties[0].pause_ends, "2026-10-09");
  EXPECT_EQ(d.third_parties[0].opinion, "object");
  EXPECT_EQ(d.paused_remaining, -1);
}

TEST_P(ApplicationServiceTest, SilenceResumesTheClockWhenTheReplyPeriodEnds) {
  auto reg = Register("2026-09-28 09:00", InPerson("2026-09-28"));
  // Sent on Tuesday 9-29, recorded on Wednesday 9-30: the pause starts on 9-29.
  clock_.Set(At("2026-09-30 10:00"));
  Must(service_->ConsultThirdParty(
      office_, "ip", reg.c.id,
      {"other_body", "云岭市卫生健康委员会", "共同制作的文件", "2026-09-29"}));
  EXPECT_EQ(Text("SELECT clock_at FROM case_event WHERE clock_effect = 'pause'"),
            "2026-09-29 23:59");
  clock_.Set(At("2026-10-26 18:00"));  // the last day the other body may reply
  Status early = service_->ThirdPartySilent(office_, "ip", reg.c.id, "").status();
  EXPECT_EQ(early.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(early.message().find("2026-10-26"), std::string::npos);
  clock_.Set(At("2026-10-28 09:00"));
  cases::Case c = Must(service_->ThirdPartySilent(office_, "ip", reg.c.id, "未收到书面意见"));
  // 9-29 (1); paused to 10-26; 10-27 (2) … 10-30 (5), 11-2 … 11-6 (10), 11-9 … 11-13 (15),
  // 11-16 … 11-20 (20). Counting from the day it was recorded would give 11-23.
  EXPECT_EQ(c.due_at, "2026-11-20");
  ApplicationDetail d = Detail(reg.c.id, office_);
  EXPECT_TRUE(d.third_parties[0].silent);
  EXPECT_EQ(d.third_parties[0].pause_ends, "2026-10-26");
  EXPECT_EQ(Count("audit_log", "action = 'disclosure.application.third_party_silent'"), 1);
}

TEST_P(ApplicationServiceTest, ExtensionsAddUpToTwentyWorkingDays) {
  auto reg = Register("2026-09-28 09:00", InPerson("2026-09-28"));
  clock_.Set(At("2026-10-20 10:00"));
  EXPECT_EQ(service_->Extend(handler_, "ip", reg.c.id, "5wd", "张院长", "资料较多").status().code(),
            StatusCode::kPermissionDenied);
  Status missing = service_->Extend(office_, "ip", reg.c.id, "10wd", "", "").status();
  EXPECT_EQ(FieldNames(missing), (std::vector<std::string>{"approver", "reason"}));
  Status too_long =
      service_->Extend(office_, "ip", reg.c.id, "21wd", "张院长", "资料较多").status();
  EXPECT_EQ(FieldNames(too_long), std::vector<std::string>{"amount"});
  cases::Case c =
      Must(service_->Extend(office_, "ip", reg.c.id, "10wd", "张院长（信息公开工作机构负责人）",
                            "需调取多个科室的采购档案"));
  // 10-30 + 10: 11-2 … 11-6, 11-9 … 11-13.
  EXPECT_EQ(c.due_at, "2026-11-13");
  EXPECT_EQ(c.extended, "10wd");
  Status over = service_->Extend(office_, "ip", reg.c.id, "11wd", "张院长", "再延").status();
  EXPECT_EQ(FieldNames(over), std::vector<std::string>{"amount"}) << Describe(over);
  c = Must(service_->Extend(office_, "ip", reg.c.id, "10wd", "张院长", "档案需逐页审查"));
  EXPECT_EQ(c.due_at, "2026-11-27");  // 11-16 … 11-20, 11-23 … 11-27
  EXPECT_EQ(c.extended, "20wd");
  EXPECT_EQ(FieldNames(service_->Extend(office_, "ip", reg.c.id, "1wd", "张院长", "x").status()),
            std::vector<std::string>{"amount"});
  EXPECT_EQ(Count("audit_log", "action = 'case.disclosure_application.extend'"), 2);
}

TEST_P(ApplicationServiceTest, AnswersFillTheAnnualTableAcrossYears) {
  // 2025: G received and answered; A and B received and carried over.
  auto g = Register("2025-06-03 09:00", InPerson("2025-06-03"));
  Answer("2025-06-10 10:00", g.c.id, "open");
  auto a = Register("2025-12-22 09:00", InPerson("2025-12-22"));
  auto b = Register("2025-12-29 09:00", InPerson("2025-12-29"));
  // 2026: C (a business) withheld, A open, B partly open, D not corrected, E withdrawn, F open
  // at the end of the year.
  auto c = Register("2026-01-05 09:00", InPerson("2026-01-05", "business"));
  Answer("2026-01-08 10:00", a.c.id, "open");
  clock_.Set(At("2026-01-15 10:00"));
  EXPECT_EQ(
      FieldNames(
          service_->Answer(office_, "ip", b.c.id, {"partial", "提供公告", "", "post"}).status()),
      std::vector<std::string>{"withheld_text"});
  EXPECT_EQ(FieldNames(service_->Answer(office_, "ip", b.c.id, {"nope", "x", "", "post"}).status()),
            std::vector<std::string>{"outcome"});
  Answer("2026-01-15 10:00", b.c.id, "partial", "报价明细涉及商业秘密，不予公开");
  Answer("2026-01-20 10:00", c.c.id, "withheld.third_party");
  auto d = Register("2026-02-02 09:00", InPerson("2026-02-02"));
  clock_.Set(At("2026-02-03 09:00"));
  Must(service_->RequestCorrection(office_, "ip", d.c.id, {"请写明文号", "2026-02-10"}));
  clock_.Set(At("2026-02-11 09:00"));
  Must(service_->CorrectionOverdue(office_, "ip", d.c.id, "逾期未补正，不再处理"));
  auto e = Register("2026-03-02 09:00", InPerson("2026-03-02"));
  clock_.Set(At("2026-03-03 09:00"));
  Must(service_->Withdraw(office_, "ip", e.c.id, "申请人书面撤回申请"));
  // Two consultations (Mode A), one answered.
  clock_.Set(At("2026-04-01 09:00"));
  RegistrationInput q;
  q.mode = "consultation";
  q.applicant_name = "李女士";
  q.channel = "phone";
  q.description = "医院是否公开年度预算？";
  auto q1 = service_->Register(office_, "ip", q);
  auto q2 = service_->Register(office_, "ip", q);
  ASSERT_TRUE(q1.ok() && q2.ok());
  Must(service_->AnswerConsultation(office_, "ip", q1->c.id,
                                    {"", "已在公开目录「财务信息」公开", "", "phone"}));
  auto f = Register("2026-12-28 09:00", InPerson("2026-12-28"));
  (void)f;

  constexpr int kPerson = 0, kBusiness = 1;
  auto y2025 = service_->Annual(office_, 2025);
  ASSERT_TRUE(y2025.ok()) << Describe(y2025.status());
  const AnnualTable& t5 = y2025->table;
  EXPECT_EQ(t5.received[kPerson], 3);
  EXPECT_EQ(t5.received[kTotalColumn], 3);
  EXPECT_EQ(t5.carried_in[kTotalColumn], 0);
  EXPECT_EQ(t5.decided[static_cast<size_t>(Outcome::kOpen)][kPerson], 1);
  EXPECT_EQ(t5.decided_total[kTotalColumn], 1);
  EXPECT_EQ(t5.carried_out[kPerson], 2);
  EXPECT_TRUE(Check(t5).ok());

  auto y2026 = service_->Annual(office_, 2026);
  ASSERT_TRUE(y2026.ok()) << Describe(y2026.status());
  const AnnualTable& t6 = y2026->table;
  EXPECT_EQ(t6.received[kPerson], 3);  // D, E, F
  EXPECT_EQ(t6.received[kBusiness], 1);
  EXPECT_EQ(t6.received[kTotalColumn], 4);
  EXPECT_EQ(t6.carried_in[kPerson], 2);  // A, B
  EXPECT_EQ(t6.decided[static_cast<size_t>(Outcome::kOpen)][kPerson], 1);
  EXPECT_EQ(t6.decided[static_cast<size_t>(Outcome::kPartial)][kPerson], 1);
  EXPECT_EQ(t6.decided[static_cast<size_t>(Outcome::kThirdParty)][kBusiness], 1);
  EXPECT_EQ(t6.decided[static_cast<size_t>(Outcome::kNoCorrection)][kPerson], 1);
  EXPECT_EQ(t6.decided[static_cast<size_t>(Outcome::kOtherHandling)][kPerson], 1);
  EXPECT_EQ(t6.decided_total[kPerson], 4);
  EXPECT_EQ(t6.decided_total[kBusiness], 1);
  EXPECT_EQ(t6.decided_total[kTotalColumn], 5);
  EXPECT_EQ(t6.carried_out[kTotalColumn], 1);  // F
  EXPECT_TRUE(Check(t6).ok());
  EXPECT_TRUE(y2026->complete);
  EXPECT_EQ(y2026->consultations.received, 2);
  EXPECT_EQ(y2026->consultations.answered, 1);

  // A reader of another department counts only what they may see, and is told so.
  auto partial_view = service_->Annual(reader_, 2026);
  ASSERT_TRUE(partial_view.ok());
  EXPECT_EQ(partial_view->table.received[kTotalColumn], 0);
  EXPECT_FALSE(partial_view->complete);
  EXPECT_EQ(service_->Annual(office_, 1999).status().code(), StatusCode::kInvalidArgument);

  // A stored decision dated before its receipt cannot be tabled: explained, not a 500.
  ASSERT_TRUE(db_->Transact([&](soci::session& sql) {
                   long long id = c.c.id;
                   sql << "UPDATE disclosure_application SET decided_on = '2026-01-02' WHERE "
                          "case_id = :id",
                       soci::use(id);
                   return Status::Ok();
                 })
                  .ok());
  Status broken = service_->Annual(office_, 2026).status();
  EXPECT_EQ(broken.code(), StatusCode::kFailedPrecondition) << Describe(broken);
  EXPECT_NE(Describe(broken).find(c.c.code), std::string::npos) << Describe(broken);
}

TEST_P(ApplicationServiceTest, DepartmentsSeeTheirOwnApplicationsWithIdentityMasked) {
  auto office_case = Register("2026-09-28 09:00", InPerson("2026-09-28"));
  RegistrationInput to_medical = InPerson("2026-09-28");
  to_medical.department_id = 2;
  auto medical = Register("2026-09-28 09:30", to_medical);
  EXPECT_EQ(service_->Get(handler_, Mode::kApplication, office_case.c.id).status().code(),
            StatusCode::kNotFound);
  ApplicationDetail d = Detail(medical.c.id, handler_);
  EXPECT_TRUE(d.masked);
  EXPECT_EQ(d.a.id_number, "5301**********1238");
  EXPECT_EQ(d.a.phone, "138****1234");
  EXPECT_EQ(Detail(medical.c.id, office_).a.id_number, "530102199003071238");
  cases::ListFilter all;
  auto list = service_->List(handler_, Mode::kApplication, all);
  ASSERT_TRUE(list.ok()) << Describe(list.status());
  EXPECT_EQ(list->second, 1);
  EXPECT_EQ(list->first[0].a.id_number, "5301**********1238");

  clock_.Set(At("2026-09-29 10:00"));
  EXPECT_EQ(
      service_->RequestCorrection(reader_, "ip", medical.c.id, {"x", "2026-10-12"}).status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->RequestCorrection(handler_, "ip", office_case.c.id, {"x", "2026-10-12"})
                .status()
                .code(),
            StatusCode::kNotFound);
  Must(service_->RequestCorrection(handler_, "ip", medical.c.id, {"请写明文号", "2026-10-12"}));
  EXPECT_EQ(service_->Register(handler_, "ip", InPerson("2026-09-28")).status().code(),
            StatusCode::kPermissionDenied);
  RegistrationInput nowhere = InPerson("2026-09-28");
  nowhere.department_id = 99;
  EXPECT_EQ(FieldNames(service_->Register(office_, "ip", nowhere).status()),
            std::vector<std::string>{"department_id"});
  EXPECT_EQ(Count("case_record"), 2);
}

TEST_P(ApplicationServiceTest, TheApplicantTracksPublicEntriesOnly) {
  clock_.Set(At("2026-09-28 10:00"));
  RegistrationInput in = InPerson("");
  in.consent = true;
  auto r = service_->SubmitPublic(in, "10.0.0.8", "");
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  clock_.Set(At("2026-09-29 10:00"));
  Must(service_->ConsultThirdParty(office_, "ip", r->c.id,
                                   {"third_party", "某公司", "是否涉及商业秘密", ""}));
  auto view = service_->Track(r->c.code, r->tracking_code);
  ASSERT_TRUE(view.ok()) << Describe(view.status());
  EXPECT_EQ(view->paused_remaining, 19);
  EXPECT_EQ(view->a.id_number, "5301**********1238");
  for (const cases::Event& e : view->events) {
    EXPECT_NE(e.action, "consult_third_party");  // the third party's name stays internal
    EXPECT_TRUE(e.is_public);
  }
  clock_.Set(At("2026-10-12 10:00"));
  Must(service_->ThirdPartyReplied(office_, "ip", r->c.id, {"", "agree", "同意公开"}));
  Must(service_->Extend(office_, "ip", r->c.id, "5wd", "张院长", "需核对档案"));
  view = service_->Track(r->c.code, r->tracking_code);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->events.back().kind, "extend");
  EXPECT_EQ(view->c.extended, "5wd");
  EXPECT_EQ(service_->Track(r->c.code, "AAAA-BBBB-CCCC").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->Track("YSQ-2026-9999", r->tracking_code).status().code(),
            StatusCode::kNotFound);
}

TEST_P(ApplicationServiceTest, AConsultationIsRegisteredAnsweredAndClosed) {
  clock_.Set(At("2026-10-09 10:00"));
  RegistrationInput q;
  q.mode = "consultation";
  q.applicant_name = "李女士";
  q.phone = "13900001111";
  q.channel = "phone";
  q.description = "如何申请复印病历？";
  auto r = service_->Register(office_, "ip", q);
  ASSERT_TRUE(r.ok()) << Describe(r.status());
  EXPECT_EQ(r->c.type, "disclosure_consultation");
  EXPECT_EQ(r->c.code, "ZX-2026-0001");
  EXPECT_EQ(r->tracking_code, "");
  // 5 working days from Friday 10-9: 10-10 (调休), 10-12 … 10-15.
  EXPECT_EQ(r->c.due_at, "2026-10-15");
  EXPECT_EQ(FieldNames(service_->AnswerConsultation(office_, "ip", r->c.id, {}).status()),
            std::vector<std::string>{"answer_text"});
  clock_.Set(At("2026-10-12 09:00"));
  cases::Case c = Must(service_->AnswerConsultation(
      office_, "ip", r->c.id, {"", "请携带身份证到病案管理科办理", "", "phone"}));
  EXPECT_EQ(c.state, "answered");
  EXPECT_EQ(c.on_time, 1);
  auto detail = service_->Get(office_, Mode::kConsultation, r->c.id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->a.answer_text, "请携带身份证到病案管理科办理");
  EXPECT_EQ(detail->a.decided_on, "2026-10-12");
  c = Must(engine_->Act(office_, "ip", "disclosure_consultation", r->c.id, cases::Visibility::All(),
                        "close", ""));
  EXPECT_EQ(c.state, "closed");
  // An application's steps do not apply to a consultation.
  EXPECT_EQ(service_->Get(office_, Mode::kApplication, r->c.id).status().code(),
            StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Db, ApplicationServiceTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::disclosure

#include "complaints/complaint_rules.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "platform/base/time.h"
#include "platform/cases/case_type.h"
#include "platform/db/test_db.h"

// Validation of the complaint forms: each bad input names its field with a zh and an en reason,
// and the shipped data files (code lists, case type) parse.

namespace yuanwu::complaints {
namespace {

using db::testdb::Describe;
using db::testdb::FieldNames;
using Strings = std::vector<std::string>;

constexpr int64_t kNow = 1773108000;  // 2026-03-10T02:00:00Z = 10:00 in Beijing
constexpr int64_t kOffset = 8 * 3600;

const Codes& ShippedCodes() {
  static const Codes codes = [] {
    Result<Codes> c = ParseCodes(ShippedCodesJson());
    EXPECT_TRUE(c.ok()) << Describe(c.status());
    return c.ok() ? *c : Codes{};
  }();
  return codes;
}

IntakeInput GoodIntake() {
  IntakeInput in;
  in.complainant_name = "李建国";
  in.complainant_relation = "child";
  in.complainant_phone = "138 0013 8000";
  in.patient_name = "李桂兰";
  in.patient_record_no = "ZY2026-00123";
  in.category = "attitude";
  in.description = "三月九日上午在门诊二楼挂号窗口排队时，工作人员态度生硬。";
  in.demand = "希望医院批评教育并改进服务。";
  in.consent = true;
  return in;
}

Strings Fields(const Validation& v) { return FieldNames(v.ToStatus()); }

bool Has(const Strings& fields, const std::string& f) {
  return std::find(fields.begin(), fields.end(), f) != fields.end();
}

TEST(ComplaintRulesTest, AGoodIntakeIsNormalised) {
  Validation v;
  IntakeInput in = GoodIntake();
  in.complainant_name = "  李建国\u3000";
  Complaint c = ValidateIntake(in, ShippedCodes(), true, v);
  ASSERT_TRUE(v.ok()) << Describe(v.ToStatus());
  EXPECT_EQ(c.complainant_name, "李建国");
  EXPECT_EQ(c.complainant_phone, "13800138000");
  EXPECT_EQ(c.category, "attitude");
  EXPECT_EQ(c.patient_name, "李桂兰");
}

TEST(ComplaintRulesTest, ThePatientNameDefaultsToTheComplainantOnlyForSelf) {
  IntakeInput in = GoodIntake();
  in.patient_name = "";
  in.complainant_relation = "self";
  Validation ok;
  EXPECT_EQ(ValidateIntake(in, ShippedCodes(), true, ok).patient_name, "李建国");
  EXPECT_TRUE(ok.ok()) << Describe(ok.ToStatus());
  in.complainant_relation = "spouse";
  Validation bad;
  ValidateIntake(in, ShippedCodes(), true, bad);
  EXPECT_EQ(Fields(bad), Strings{"patient_name"});
}

TEST(ComplaintRulesTest, EachBadFieldIsNamedWithBothLanguages) {
  struct Case {
    const char* field;
    std::function<void(IntakeInput&)> spoil;
  };
  const std::vector<Case> cases = {
      {"complainant_name", [](IntakeInput& in) { in.complainant_name = " "; }},
      {"complainant_name", [](IntakeInput& in) { in.complainant_name = std::string(51, 'a'); }},
      {"complainant_name", [](IntakeInput& in) { in.complainant_name = "李\n建国"; }},
      {"complainant_relation", [](IntakeInput& in) { in.complainant_relation = ""; }},
      {"complainant_relation", [](IntakeInput& in) { in.complainant_relation = "cousin"; }},
      {"complainant_phone", [](IntakeInput& in) { in.complainant_phone = ""; }},
      {"complainant_phone", [](IntakeInput& in) { in.complainant_phone = "12345"; }},
      {"complainant_phone", [](IntakeInput& in) { in.complainant_phone = "23800138000"; }},
      {"complainant_phone", [](IntakeInput& in) { in.complainant_phone = "0871-123"; }},
      {"complainant_id_number",
       [](IntakeInput& in) { in.complainant_id_number = "110105194912310021"; }},
      {"complainant_id_number", [](IntakeInput& in) { in.complainant_id_number = "1101051949"; }},
      {"patient_record_no", [](IntakeInput& in) { in.patient_record_no = "ZY 001"; }},
      {"patient_department_id", [](IntakeInput& in) { in.patient_department_id = -1; }},
      {"target_department_id", [](IntakeInput& in) { in.target_department_id = -1; }},
      {"category", [](IntakeInput& in) { in.category = ""; }},
      {"category", [](IntakeInput& in) { in.category = "food"; }},
      {"description", [](IntakeInput& in) { in.description = ""; }},
      {"description", [](IntakeInput& in) { in.description = "态度不好"; }},
      {"description", [](IntakeInput& in) { in.description = std::string(2001, 'x'); }},
      {"demand", [](IntakeInput& in) { in.demand = std::string(1001, 'x'); }},
      {"consent", [](IntakeInput& in) { in.consent = false; }},
  };
  for (const Case& c : cases) {
    IntakeInput in = GoodIntake();
    c.spoil(in);
    Validation v;
    ValidateIntake(in, ShippedCodes(), true, v);
    Status s = v.ToStatus();
    ASSERT_EQ(FieldNames(s), Strings{c.field}) << c.field << ": " << Describe(s);
    EXPECT_FALSE(s.fields()[0].reason.empty());
    EXPECT_FALSE(s.fields()[0].reason_en.empty());
    EXPECT_NE(s.fields()[0].reason, s.fields()[0].reason_en);
  }
}

TEST(ComplaintRulesTest, EveryProblemOfAFormIsReportedAtOnce) {
  IntakeInput in;
  Validation v;
  ValidateIntake(in, ShippedCodes(), true, v);
  Strings f = Fields(v);
  for (const char* want : {"complainant_name", "complainant_relation", "complainant_phone",
                           "patient_name", "category", "description", "consent"}) {
    EXPECT_TRUE(Has(f, want)) << want;
  }
}

TEST(ComplaintRulesTest, StaffNeedNoConsentBox) {
  IntakeInput in = GoodIntake();
  in.consent = false;
  Validation v;
  ValidateIntake(in, ShippedCodes(), false, v);
  EXPECT_TRUE(v.ok()) << Describe(v.ToStatus());
}

TEST(ComplaintRulesTest, PhoneNumbers) {
  EXPECT_EQ(NormalizePhone("13800138000").value_or(""), "13800138000");
  EXPECT_EQ(NormalizePhone(" 199 1234 5678 ").value_or(""), "19912345678");
  EXPECT_EQ(NormalizePhone("0871-65123456").value_or(""), "0871-65123456");
  EXPECT_EQ(NormalizePhone("010-1234567-8001").value_or(""), "010-1234567-8001");
  EXPECT_EQ(NormalizePhone("087165123456").value_or(""), "087165123456");
  for (const char* bad : {"", "1380013800", "138001380001", "12800138000", "871-65123456",
                          "0871-651234567", "0871-6512a456", "0871-65123456-1234567", "+86138"}) {
    EXPECT_FALSE(NormalizePhone(bad).has_value()) << bad;
  }
}

TEST(ComplaintRulesTest, ResidentIdNumbers) {
  EXPECT_TRUE(IsResidentIdNumber("11010519491231002X"));
  EXPECT_TRUE(IsResidentIdNumber("11010519491231002x"));
  EXPECT_TRUE(IsResidentIdNumber("440304199001011233"));
  EXPECT_FALSE(IsResidentIdNumber("440304199001011234"));  // check character
  EXPECT_FALSE(IsResidentIdNumber("440304199002301231"));  // 2 月 30 日
  EXPECT_FALSE(IsResidentIdNumber("44030419900101123"));
  EXPECT_FALSE(IsResidentIdNumber("4403041990010112333"));
}

RegistrationInput GoodRegistration() {
  RegistrationInput r;
  r.intake = GoodIntake();
  r.intake.consent = false;
  r.channel = "letter";
  r.received_at = "2026-03-09 16:30";
  r.complexity = "investigate";
  return r;
}

TEST(ComplaintRulesTest, ARegistrationKeepsAnEarlierReceivedTime) {
  Validation v;
  Complaint c = ValidateRegistration(GoodRegistration(), ShippedCodes(), kNow, kOffset, v);
  ASSERT_TRUE(v.ok()) << Describe(v.ToStatus());
  EXPECT_EQ(c.received_local, "2026-03-09 16:30");
  EXPECT_EQ(c.received_at, "2026-03-09T08:30:00Z");
  EXPECT_EQ(c.channel, "letter");
  EXPECT_EQ(c.complexity, "investigate");
  EXPECT_EQ(c.source, "staff");
}

TEST(ComplaintRulesTest, RegistrationWithoutATimeIsNow) {
  RegistrationInput r = GoodRegistration();
  r.received_at = "";
  Validation v;
  Complaint c = ValidateRegistration(r, ShippedCodes(), kNow, kOffset, v);
  ASSERT_TRUE(v.ok()) << Describe(v.ToStatus());
  EXPECT_EQ(c.received_local, "2026-03-10 10:00");
}

TEST(ComplaintRulesTest, BadRegistrations) {
  struct Case {
    const char* field;
    std::function<void(RegistrationInput&)> spoil;
  };
  const std::vector<Case> cases = {
      {"channel", [](RegistrationInput& r) { r.channel = ""; }},
      {"channel", [](RegistrationInput& r) { r.channel = "fax"; }},
      {"received_at", [](RegistrationInput& r) { r.received_at = "2026-03-10 10:30"; }},
      {"received_at", [](RegistrationInput& r) { r.received_at = "2025-03-01 10:00"; }},
      {"received_at", [](RegistrationInput& r) { r.received_at = "9 March"; }},
      {"complexity", [](RegistrationInput& r) { r.complexity = ""; }},
      {"complexity", [](RegistrationInput& r) { r.complexity = "on_the_spot"; }},
      {"complexity",
       [](RegistrationInput& r) {
         r.resolved_on_spot = true;
         r.on_spot_reply = "已当场道歉并解释";
         r.complexity = "multi_department";
       }},
      {"on_spot_reply",
       [](RegistrationInput& r) {
         r.resolved_on_spot = true;
         r.complexity = "";
       }},
      {"on_spot_method",
       [](RegistrationInput& r) {
         r.resolved_on_spot = true;
         r.complexity = "";
         r.on_spot_reply = "已当场道歉并解释";
         r.on_spot_method = "pigeon";
       }},
      {"first_receiver_name",
       [](RegistrationInput& r) { r.first_receiver_name = std::string(51, 'a'); }},
      {"first_receiver_department_id",
       [](RegistrationInput& r) { r.first_receiver_department_id = -5; }},
  };
  for (const Case& c : cases) {
    RegistrationInput r = GoodRegistration();
    c.spoil(r);
    Validation v;
    ValidateRegistration(r, ShippedCodes(), kNow, kOffset, v);
    EXPECT_EQ(Fields(v), Strings{c.field}) << c.field << ": " << Describe(v.ToStatus());
  }
}

TEST(ComplaintRulesTest, OnTheSpotTakesTheResolutionAsTheReply) {
  RegistrationInput r = GoodRegistration();
  r.resolved_on_spot = true;
  r.complexity = "";
  r.on_spot_reply = "当场核对收费明细，退还重复收取的挂号费。";
  Validation v;
  Complaint c = ValidateRegistration(r, ShippedCodes(), kNow, kOffset, v);
  ASSERT_TRUE(v.ok()) << Describe(v.ToStatus());
  EXPECT_EQ(c.complexity, "on_the_spot");
  EXPECT_EQ(c.reply_text, r.on_spot_reply);
  EXPECT_EQ(c.reply_method, "in_person");
}

TEST(ComplaintRulesTest, Replies) {
  ReplyInput ok{"经调查核实，已对当事人批评教育。", "phone", true, {"mediation", "litigation"}};
  Validation v;
  ValidateReply(ok, ShippedCodes(), v);
  EXPECT_TRUE(v.ok()) << Describe(v.ToStatus());

  ReplyInput bad{" ", "pigeon", std::nullopt, {"mediation", "mediation", "duel"}};
  Validation w;
  ValidateReply(bad, ShippedCodes(), w);
  EXPECT_EQ(Fields(w), (Strings{"reply_text", "reply_method", "follow_up", "follow_up"}));
}

TEST(ComplaintRulesTest, NotProcessedNeedsAReasonAndAnExplanation) {
  NotProcessInput ok{"litigation_or_mediation", "您已向人民法院提起诉讼，请等待法院判决。"};
  Validation v;
  ValidateNotProcess(ok, ShippedCodes(), v);
  EXPECT_TRUE(v.ok()) << Describe(v.ToStatus());
  NotProcessInput bad{"bored", "不处理"};
  Validation w;
  ValidateNotProcess(bad, ShippedCodes(), w);
  EXPECT_EQ(Fields(w), (Strings{"reason", "explanation"}));
}

TEST(ComplaintRulesTest, Ratings) {
  for (int64_t r : {1, 3, 5}) {
    std::string comment = "满意";
    Validation v;
    ValidateRating(r, comment, v);
    EXPECT_TRUE(v.ok()) << r;
  }
  for (int64_t r : {0, 6, -1}) {
    std::string comment;
    Validation v;
    ValidateRating(r, comment, v);
    EXPECT_EQ(Fields(v), Strings{"rating"}) << r;
  }
  std::string long_comment(501, 'x');
  Validation v;
  ValidateRating(4, long_comment, v);
  EXPECT_EQ(Fields(v), Strings{"comment"});
}

TEST(ComplaintRulesTest, AMajorDisputeNeedsAReportNote) {
  std::string empty;
  Validation v;
  ValidateMajorDispute(true, empty, v);
  EXPECT_EQ(Fields(v), Strings{"note"});
  Validation w;
  ValidateMajorDispute(false, empty, w);
  EXPECT_TRUE(w.ok());
}

TEST(ComplaintCodesTest, TheShippedListsParse) {
  const Codes& c = ShippedCodes();
  EXPECT_EQ(c.channels.size(), 8u);
  EXPECT_EQ(c.categories.size(), 8u);
  EXPECT_EQ(c.not_processed_reasons.size(), 5u);
  EXPECT_EQ(c.follow_up_routes.size(), 3u);
  EXPECT_EQ(c.public_channel, "online");
  EXPECT_EQ(cases::CodeName(c.categories, "attitude"), "服务态度");
  EXPECT_EQ(cases::CodeName(c.categories, "attitude", true), "Staff attitude");
  EXPECT_EQ(cases::CodeName(c.categories, "gone"), "gone");
  const Code* invest = cases::FindCode(c.complexities, "investigate");
  ASSERT_NE(invest, nullptr);
  EXPECT_EQ(invest->period, "investigate");
  EXPECT_EQ(cases::FindCode(c.complexities, "on_the_spot")->period, "");
}

TEST(ComplaintCodesTest, BadListsNameThePath) {
  Result<Codes> dup = ParseCodes(
      R"({"channels":[{"code":"a","name":"甲","name_en":"A"},{"code":"a","name":"乙","name_en":"B"}]})");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(FieldNames(dup.status()), Strings{"$.channels[1].code"});
  Result<Codes> missing = ParseCodes(R"({"channels":[{"code":"a","name":"甲","name_en":"A"}]})");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(FieldNames(missing.status()), Strings{"$.categories"});
  EXPECT_FALSE(ParseCodes("[").ok());
}

TEST(ComplaintCodesTest, TheCaseTypeParsesWithTheComplaintPermissions) {
  Strings known = {kRead, kHandle, kManage, kRegister};
  Result<cases::CaseType> t = cases::ParseCaseType(ShippedCaseTypeJson(), known);
  ASSERT_TRUE(t.ok()) << Describe(t.status());
  EXPECT_EQ(t->type, kType);
  EXPECT_EQ(t->initial, "registered");
  for (const char* closed : {"closed", "not_processed", "on_the_spot"}) {
    ASSERT_NE(t->State(closed), nullptr) << closed;
    EXPECT_TRUE(t->State(closed)->closed) << closed;
  }
  for (const char* answer : {"reply", "not_process", "resolve_on_spot"}) {
    ASSERT_NE(t->Action(answer), nullptr) << answer;
    EXPECT_EQ(t->Action(answer)->clock, "stop") << answer;
    EXPECT_TRUE(t->Action(answer)->is_public) << answer;
    EXPECT_TRUE(t->Action(answer)->note_required) << answer;
  }
  EXPECT_EQ(t->Action("reply")->permission, kManage);
  EXPECT_EQ(t->Action("accept")->permission, kHandle);
  EXPECT_FALSE(cases::ParseCaseType(ShippedCaseTypeJson(), {kRead, kHandle, kManage}).ok());
}

}  // namespace
}  // namespace yuanwu::complaints

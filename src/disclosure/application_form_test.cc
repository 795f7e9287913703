// The input rules of applications and consultations (application_form.h): each bad input names
// its field with a reason in zh-CN and English, and the receipt date follows Art.31.
#include "disclosure/application_form.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace yuanwu::disclosure {
namespace {

const Date kToday{2026, 10, 12};

RegistrationInput Person() {
  RegistrationInput in;
  in.applicant_kind = "natural_person";
  in.applicant_name = "王小明";
  in.id_type = "resident_id";
  in.id_number = "530102199003071238";
  in.phone = "13800001234";
  in.description = "2026年医院大型医用设备采购的招标公告及中标结果";
  in.medium = "paper";
  in.delivery = "pickup";
  in.channel = "in_person";
  in.submitted_on = "2026-09-28";
  return in;
}

std::vector<std::string> Fields(const Validation& v) {
  std::vector<std::string> out;
  const Status s = v.ToStatus();
  for (const FieldError& f : s.fields()) out.push_back(f.field);
  return out;
}

bool Has(const std::vector<std::string>& fields, const std::string& f) {
  return std::find(fields.begin(), fields.end(), f) != fields.end();
}

TEST(ApplicationFormTest, AValidApplicationKeepsItsFieldsAndReceiptDate) {
  Validation v;
  Application a = ValidateRegistration(Person(), kToday, false, v);
  ASSERT_TRUE(v.ok()) << v.ToStatus().message();
  EXPECT_EQ(a.mode, "application");
  EXPECT_EQ(a.source, "staff");
  EXPECT_EQ(a.received_on, "2026-09-28");
  EXPECT_EQ(a.submitted_on, "2026-09-28");
  EXPECT_EQ(a.id_number, "530102199003071238");
}

TEST(ApplicationFormTest, ReceiptDateFollowsTheChannelAndNamesTheMissingDate) {
  RegistrationInput in = Person();
  in.channel = "registered_mail";
  in.submitted_on = "2026-09-22";
  in.signed_on = "2026-09-24";
  Validation v;
  EXPECT_EQ(ValidateRegistration(in, kToday, false, v).received_on, "2026-09-24");
  EXPECT_TRUE(v.ok());

  in.signed_on.clear();
  Validation missing;
  ValidateRegistration(in, kToday, false, missing);
  EXPECT_EQ(Fields(missing), std::vector<std::string>{"signed_on"});

  in = Person();
  in.channel = "ordinary_mail";
  in.submitted_on = "2026-09-25";
  in.confirmed_on = "2026-09-24";  // confirmed before it was sent: impossible
  Validation before;
  ValidateRegistration(in, kToday, false, before);
  EXPECT_TRUE(Has(Fields(before), "confirmed_on")) << before.ToStatus().message();

  in = Person();
  in.submitted_on = "2026-10-13";  // tomorrow
  Validation future;
  ValidateRegistration(in, kToday, false, future);
  EXPECT_EQ(Fields(future), std::vector<std::string>{"submitted_on"});
  EXPECT_NE(future.ToStatus().fields()[0].reason.find("不能晚于今天"), std::string::npos);
  EXPECT_NE(future.ToStatus().fields()[0].reason_en.find("after today"), std::string::npos);

  in = Person();
  in.channel = "pigeon";
  Validation channel;
  ValidateRegistration(in, kToday, false, channel);
  EXPECT_EQ(Fields(channel), std::vector<std::string>{"channel"});
}

TEST(ApplicationFormTest, ThePortalFormIsOnlineTodayAndNeedsConsent) {
  RegistrationInput in = Person();
  in.channel = "fax";  // ignored: the portal is the online channel
  in.submitted_on = "2020-01-01";
  Validation v;
  Application a = ValidateRegistration(in, kToday, true, v);
  EXPECT_EQ(Fields(v), std::vector<std::string>{"consent"});
  in.consent = true;
  Validation ok;
  a = ValidateRegistration(in, kToday, true, ok);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(a.channel, "online");
  EXPECT_EQ(a.received_on, "2026-10-12");
  EXPECT_EQ(a.confirmed_on, "2026-10-12");
  EXPECT_EQ(a.source, "public");
}

TEST(ApplicationFormTest, EmptyFormNamesEveryRequiredField) {
  RegistrationInput in;
  Validation v;
  ValidateRegistration(in, kToday, true, v);
  std::vector<std::string> f = Fields(v);
  for (const char* name : {"applicant_kind", "applicant_name", "id_type", "id_number", "phone",
                           "description", "medium", "delivery", "consent"}) {
    EXPECT_TRUE(Has(f, name)) << name;
  }
  const Status s = v.ToStatus();
  for (const FieldError& e : s.fields()) {
    EXPECT_FALSE(e.reason.empty()) << e.field;
    EXPECT_FALSE(e.reason_en.empty()) << e.field;
  }
}

TEST(ApplicationFormTest, DocumentsAreCheckedByKind) {
  RegistrationInput in = Person();
  in.id_number = "530102199003071239";  // wrong check digit
  Validation bad;
  ValidateRegistration(in, kToday, false, bad);
  EXPECT_EQ(Fields(bad), std::vector<std::string>{"id_number"});

  in.id_number = "11010519491231002x";  // lower-case X is accepted and stored upper-case
  Validation x;
  EXPECT_EQ(ValidateRegistration(in, kToday, false, x).id_number, "11010519491231002X");
  EXPECT_TRUE(x.ok());

  in = Person();
  in.applicant_kind = "business";
  Validation org;
  ValidateRegistration(in, kToday, false, org);
  EXPECT_TRUE(Has(Fields(org), "organisation"));
  EXPECT_TRUE(Has(Fields(org), "id_type"));  // a company does not identify with an ID card

  in.organisation = "云岭市某医疗器械有限公司";
  in.id_type = "social_credit";
  in.id_number = "91530100MA6K12345X";
  Validation good;
  ValidateRegistration(in, kToday, false, good);
  EXPECT_TRUE(good.ok()) << good.ToStatus().message();
  in.id_number = "91530100MA6K1234";  // 16 characters
  Validation short_code;
  ValidateRegistration(in, kToday, false, short_code);
  EXPECT_EQ(Fields(short_code), std::vector<std::string>{"id_number"});

  in = Person();
  in.id_type = "social_credit";
  in.id_number = "91530100MA6K12345X";
  Validation person;
  ValidateRegistration(in, kToday, false, person);
  EXPECT_EQ(Fields(person), std::vector<std::string>{"id_type"});
}

TEST(ApplicationFormTest, ContactAndDeliveryMustFit) {
  RegistrationInput in = Person();
  in.phone.clear();
  Validation none;
  ValidateRegistration(in, kToday, false, none);
  EXPECT_EQ(Fields(none), std::vector<std::string>{"phone"});

  in = Person();
  in.delivery = "post";
  Validation no_address;
  ValidateRegistration(in, kToday, false, no_address);
  EXPECT_EQ(Fields(no_address), std::vector<std::string>{"address"});

  in = Person();
  in.delivery = "email";
  Validation paper_email;
  ValidateRegistration(in, kToday, false, paper_email);
  EXPECT_TRUE(Has(Fields(paper_email), "delivery"));
  EXPECT_TRUE(Has(Fields(paper_email), "email"));

  in = Person();
  in.email = "not an email";
  in.phone = "12";
  Validation formats;
  ValidateRegistration(in, kToday, false, formats);
  EXPECT_TRUE(Has(Fields(formats), "email"));
  EXPECT_TRUE(Has(Fields(formats), "phone"));

  in = Person();
  in.description.clear();
  for (int i = 0; i < 2001; ++i) in.description += "字";
  Validation long_text;
  ValidateRegistration(in, kToday, false, long_text);
  EXPECT_EQ(Fields(long_text), std::vector<std::string>{"description"});

  in = Person();
  in.description = "bad\x01control";
  Validation control;
  ValidateRegistration(in, kToday, false, control);
  EXPECT_EQ(Fields(control), std::vector<std::string>{"description"});
}

TEST(ApplicationFormTest, ConsultationsNeedLess) {
  RegistrationInput in;
  in.mode = "consultation";
  in.applicant_name = "李女士";
  in.channel = "phone";
  in.description = "医院是否公开年度财务预算？";
  Validation v;
  Application a = ValidateRegistration(in, kToday, false, v);
  EXPECT_TRUE(v.ok()) << v.ToStatus().message();
  EXPECT_EQ(a.received_on, "2026-10-12");
  EXPECT_EQ(a.applicant_kind, "natural_person");
  in.channel = "fax";
  Validation bad;
  ValidateRegistration(in, kToday, false, bad);
  EXPECT_EQ(Fields(bad), std::vector<std::string>{"channel"});
  in.mode = "letter";
  Validation mode;
  ValidateRegistration(in, kToday, false, mode);
  EXPECT_EQ(Fields(mode), std::vector<std::string>{"mode"});
}

TEST(ApplicationFormTest, AnswersAreRowsOfTheAnnualTable) {
  AnswerInput in{"open", "已提供招标公告复印件", "", "pickup"};
  Validation ok;
  EXPECT_EQ(ValidateAnswer(in, false, ok), Outcome::kOpen);
  EXPECT_TRUE(ok.ok());

  in.outcome = "secret";
  Validation unknown;
  EXPECT_FALSE(ValidateAnswer(in, false, unknown).has_value());
  EXPECT_EQ(Fields(unknown), std::vector<std::string>{"outcome"});

  in.outcome = "partial";
  Validation partial;
  ValidateAnswer(in, false, partial);
  EXPECT_EQ(Fields(partial), std::vector<std::string>{"withheld_text"});
  in.withheld_text = "投标人报价明细涉及商业秘密，不予公开（条例第十五条）";
  Validation both;
  EXPECT_EQ(ValidateAnswer(in, false, both), Outcome::kPartial);

  in.outcome = "open";
  Validation stray;
  ValidateAnswer(in, false, stray);
  EXPECT_EQ(Fields(stray), std::vector<std::string>{"withheld_text"});

  AnswerInput late{"other.no_correction", "逾期未补正", "", "post"};
  Validation no_correction;
  ValidateAnswer(late, false, no_correction);
  EXPECT_EQ(Fields(no_correction), std::vector<std::string>{"outcome"});

  AnswerInput unclear{"unavailable.unclear_after_correction", "补正后仍不明确", "", "post"};
  Validation never;
  ValidateAnswer(unclear, false, never);
  EXPECT_EQ(Fields(never), std::vector<std::string>{"outcome"});
  Validation corrected;
  EXPECT_EQ(ValidateAnswer(unclear, true, corrected), Outcome::kUnclearAfterCorrection);

  AnswerInput empty;
  Validation nothing;
  ValidateAnswer(empty, false, nothing);
  EXPECT_EQ(Fields(nothing),
            (std::vector<std::string>{"outcome", "answer_text", "answer_delivery"}));
}

TEST(ApplicationFormTest, StepDatesAreBetweenTheLastChangeAndToday) {
  Validation v;
  EXPECT_EQ(ValidateStepDate("on", "", kToday, Date{2026, 9, 28}, "收到申请之日", "receipt", v),
            kToday);
  EXPECT_EQ(
      ValidateStepDate("on", "2026-10-09", kToday, Date{2026, 9, 28}, "收到申请之日", "receipt", v),
      (Date{2026, 10, 9}));
  EXPECT_TRUE(v.ok());
  Validation early;
  ValidateStepDate("on", "2026-09-27", kToday, Date{2026, 9, 28}, "收到申请之日", "receipt", early);
  EXPECT_EQ(Fields(early), std::vector<std::string>{"on"});
  EXPECT_NE(early.ToStatus().fields()[0].reason.find("收到申请之日（2026-09-28）"),
            std::string::npos);
  Validation late;
  ValidateStepDate("on", "2026-10-13", kToday, Date{2026, 9, 28}, "x", "x", late);
  EXPECT_EQ(Fields(late), std::vector<std::string>{"on"});

  Validation due;
  ValidateCorrectionRequest({"请写明文号", "2026-10-12"}, kToday, due);
  EXPECT_EQ(Fields(due), std::vector<std::string>{"due"});
}

}  // namespace
}  // namespace yuanwu::disclosure

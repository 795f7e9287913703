// The input of disclosure applications (依申请公开) and consultations (咨询): the code lists of
// the forms and the validation of every use case's input, with one reason per field in zh-CN
// and English. Pure: no database, no clock (`today` is passed in). Bad input is reported
// whole, so the form can show every problem at once, and nothing is written.
//
// Example:
//   Validation v;
//   Application a = ValidateRegistration(in, today, /*public_form=*/false, v);
//   YW_RETURN_IF_ERROR(v.ToStatus());
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disclosure/application.h"
#include "platform/base/status.h"
#include "platform/base/time.h"

namespace yuanwu::disclosure {

inline constexpr std::string_view kApplicationType = "disclosure_application";
inline constexpr std::string_view kConsultationType = "disclosure_consultation";
inline constexpr std::string_view kApplicationRead = "disclosure.application.read";
inline constexpr std::string_view kApplicationHandle = "disclosure.application.handle";
inline constexpr std::string_view kApplicationManage = "disclosure.application.manage";

// A code of a form's list with its labels.
struct FormCode {
  std::string_view code, name, name_en;
};
// 证件类型 (Art.29 身份证明).
const std::vector<FormCode>& IdTypes();
// 载体形式: 纸质 / 电子.
const std::vector<FormCode>& Media();
// 获取方式: 邮寄 / 自行领取 / 电子邮件 (also how an answer was delivered).
const std::vector<FormCode>& Deliveries();
// How a consultation came in: 当面 / 电话 / 网络 / 信函.
const std::vector<FormCode>& ConsultationChannels();
// 征求意见对象: 第三方 (Art.32) / 其他机关 (Art.34).
const std::vector<FormCode>& PartyKinds();
// 第三方意见: 同意公开 / 不同意公开 / 其他意见.
const std::vector<FormCode>& Opinions();
const FormCode* FindCode(const std::vector<FormCode>& list, std::string_view code);
// The label of a code in `list` (the code itself when unknown, "" for "").
std::string CodeName(const std::vector<FormCode>& list, std::string_view code,
                     bool english = false);

// One application or consultation as stored (table disclosure_application).
struct Application {
  int64_t case_id = 0;
  std::string mode;    // "application" | "consultation"
  std::string source;  // "public" | "staff"
  std::string applicant_kind;
  std::string applicant_name;
  std::string organisation;
  std::string id_type;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string address;
  std::string channel;
  std::string submitted_on, signed_on, confirmed_on;  // "" when not given
  std::string received_on;
  std::string description;
  std::string purpose;
  std::string medium;
  std::string delivery;
  std::string outcome;  // "" until decided
  std::string decided_on;
  std::string answer_text;
  std::string withheld_text;
  std::string answer_delivery;
  std::string correction_request;
  std::string correction_requested_on;
  std::string correction_due;
  std::string correction_received_on;
  std::string submission_key;  // the portal form's one-time key; "" for staff
};

// A consultation of a third party or another body (table disclosure_third_party).
struct ThirdParty {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string party_kind;
  std::string party;
  std::string matter;
  std::string sent_on;
  std::string reply_due;
  std::string replied_on;
  bool silent = false;
  std::string opinion;
  std::string opinion_text;
  std::string pause_ends;
};

// ---- Registration ----
struct RegistrationInput {
  std::string mode = "application";
  std::string applicant_kind;
  std::string applicant_name;
  std::string organisation;
  std::string id_type;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string address;
  std::string channel;
  // Art.31 dates (YYYY-MM-DD): in person → submitted_on; registered mail → signed_on (and
  // submitted_on, the postmark, optional); ordinary mail, online, fax → confirmed_on.
  // Consultations: received_on (default today).
  std::string submitted_on, signed_on, confirmed_on, received_on;
  std::string description;
  std::string purpose;
  std::string medium;
  std::string delivery;
  int64_t department_id = 0;  // staff only; 0 = the registering user's department
  bool consent = false;       // the portal form: consent to the processing of personal data
};

// The stored fields of a valid registration; `received_on` per Art.31 (applications) or as given
// (consultations). On the portal (`public_form`) the channel is online, confirmed `today`, and
// consent is required. Every problem goes to `v`.
Application ValidateRegistration(const RegistrationInput& in, Date today, bool public_form,
                                 Validation& v);

// ---- Steps ----
struct CorrectionRequestInput {
  std::string request;  // what to correct (一次性告知)
  std::string due;      // 补正期限, YYYY-MM-DD, after today
};
void ValidateCorrectionRequest(const CorrectionRequestInput& in, Date today, Validation& v);

// A date field of a step: "" = today; otherwise YYYY-MM-DD, not after today and not before
// `earliest` (named in the reason as `earliest_what`).
Date ValidateStepDate(const std::string& field, const std::string& value, Date today, Date earliest,
                      const std::string& earliest_what_zh, const std::string& earliest_what_en,
                      Validation& v);

struct ThirdPartyInput {
  std::string party_kind = "third_party";
  std::string party;
  std::string matter;
  std::string sent_on;  // "" = today
};
void ValidateThirdParty(const ThirdPartyInput& in, Validation& v);

struct ThirdPartyReplyInput {
  std::string replied_on;  // "" = today
  std::string opinion;
  std::string opinion_text;
};
void ValidateThirdPartyReply(const ThirdPartyReplyInput& in, Validation& v);

struct AnswerInput {
  std::string outcome;  // an Outcome code (application.h); consultations: ""
  std::string answer_text;
  std::string withheld_text;  // 部分公开: the part not disclosed and why
  std::string answer_delivery;
};
// `corrected`: a 补正 was received (needed for unavailable.unclear_after_correction).
std::optional<Outcome> ValidateAnswer(const AnswerInput& in, bool corrected, Validation& v);
void ValidateConsultationAnswer(const AnswerInput& in, Validation& v);

// A free-text note: optional or required, at most `max_chars`, clean UTF-8.
void ValidateText(const char* field, const std::string& value, bool required, size_t max_chars,
                  const char* label_zh, const char* label_en, Validation& v);

}  // namespace yuanwu::disclosure

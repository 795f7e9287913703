#include "disclosure/application_form.h"

#include <algorithm>

#include "platform/base/text.h"

namespace yuanwu::disclosure {
namespace {

// The longest date of the forms' past: older paper is not registered through this system.
constexpr int kEarliestYear = 2000;

bool IsOrganisation(std::string_view kind) { return !kind.empty() && kind != "natural_person"; }

// GB 11643-1999: 17 digits and a check character (0-9 or X) over weights 2^(17-i) mod 11.
bool ValidResidentId(const std::string& id) {
  if (id.size() != 18) return false;
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  char last = id[17] == 'x' ? 'X' : id[17];
  return last == kCheck[sum % 11];
}

// 统一社会信用代码: 18 characters of digits and capital letters (I, O, S, V, Z excluded).
bool ValidSocialCredit(const std::string& id) {
  if (id.size() != 18) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'S' && c != 'V' && c != 'Z');
  });
}

bool ValidPhone(const std::string& phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '-' && c != '+' && c != ' ' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 5 && digits <= 20;
}

bool ValidEmail(const std::string& email) {
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  std::string domain = email.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(email.begin(), email.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' ||
           static_cast<unsigned char>(c) < 0x20;
  });
}

void Choose(const char* field, const std::string& value, const std::vector<FormCode>& list,
            const char* label_zh, const char* label_en, bool required, Validation& v) {
  if (value.empty()) {
    if (required) {
      v.Fail(field, std::string("请选择") + label_zh, std::string("choose the ") + label_en);
    }
    return;
  }
  if (!FindCode(list, value)) {
    v.Fail(field, std::string(label_zh) + "无效：" + value,
           std::string("invalid ") + label_en + ": " + value);
  }
}

// An optional date field: "" → nullopt; otherwise a real day between 2000 and `today`.
std::optional<Date> PastDate(const char* field, const std::string& value, Date today,
                             const char* label_zh, const char* label_en, Validation& v) {
  if (value.empty()) return std::nullopt;
  std::optional<Date> d = ParseDate(value);
  if (!d) {
    v.Fail(field, std::string(label_zh) + "格式应为 YYYY-MM-DD",
           std::string(label_en) + " must look like YYYY-MM-DD");
    return std::nullopt;
  }
  if (*d > today) {
    v.Fail(field, std::string(label_zh) + "不能晚于今天（" + today.ToString() + "）",
           std::string(label_en) + " cannot be after today (" + today.ToString() + ")");
    return std::nullopt;
  }
  if (d->year < kEarliestYear) {
    v.Fail(field, std::string(label_zh) + "不能早于2000年",
           std::string(label_en) + " cannot be before 2000");
    return std::nullopt;
  }
  return d;
}

void ValidateApplicant(const RegistrationInput& in, Application& a, bool consultation,
                       Validation& v) {
  a.applicant_kind =
      consultation && in.applicant_kind.empty() ? "natural_person" : Trim(in.applicant_kind);
  if (a.applicant_kind.empty()) {
    v.Fail("applicant_kind", "请选择申请人类型", "choose the kind of applicant");
  } else if (!ParseApplicantKind(a.applicant_kind)) {
    v.Fail("applicant_kind", "申请人类型无效：" + a.applicant_kind,
           "invalid kind of applicant: " + a.applicant_kind);
  }
  bool org = IsOrganisation(a.applicant_kind);
  a.applicant_name = Trim(in.applicant_name);
  ValidateText("applicant_name", a.applicant_name, true, 50, org ? "联系人姓名" : "申请人姓名",
               org ? "contact person" : "applicant name", v);
  a.organisation = org ? Trim(in.organisation) : "";
  if (org) ValidateText("organisation", a.organisation, true, 100, "单位名称", "organisation", v);

  a.id_type = Trim(in.id_type);
  a.id_number = Trim(in.id_number);
  for (char& c : a.id_number) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  // Consultations may be anonymous as to documents; applications need 身份证明 (Art.29).
  bool need_id = !consultation;
  Choose("id_type", a.id_type, IdTypes(), "证件类型", "document type",
         need_id || !a.id_number.empty(), v);
  if (a.id_number.empty()) {
    if (need_id || !a.id_type.empty()) {
      v.Fail("id_number", "请填写证件号码", "the document number is required");
    }
  } else if (a.id_type == "resident_id" && !ValidResidentId(a.id_number)) {
    v.Fail("id_number", "居民身份证号码应为18位且校验位正确",
           "a resident ID number has 18 characters with a valid check character");
  } else if (a.id_type == "social_credit" && !ValidSocialCredit(a.id_number)) {
    v.Fail("id_number", "统一社会信用代码应为18位数字或大写字母",
           "a unified social credit code has 18 digits or capital letters");
  } else if (a.id_number.size() > 40 || !IsCleanUtf8(a.id_number) ||
             a.id_number.find_first_of(" \t\r\n") != std::string::npos) {
    v.Fail("id_number", "证件号码不能超过40个字符且不能含空格",
           "the document number must be at most 40 characters without spaces");
  }
  if (!a.id_type.empty() && FindCode(IdTypes(), a.id_type)) {
    if (org && a.id_type != "social_credit" && a.id_type != "other") {
      v.Fail("id_type", "法人或其他组织应提供统一社会信用代码或其他登记证件",
             "an organisation identifies itself by its unified social credit code or another "
             "registration document");
    } else if (!org && a.id_type == "social_credit") {
      v.Fail("id_type", "自然人应提供个人身份证件", "a natural person gives a personal document");
    }
  }

  a.phone = Trim(in.phone);
  a.email = Trim(in.email);
  a.address = Trim(in.address);
  if (!a.phone.empty() && !ValidPhone(a.phone)) {
    v.Fail("phone", "联系电话格式不正确（5到20位数字）",
           "the phone number should have 5 to 20 digits");
  }
  if (!a.email.empty() && (a.email.size() > 100 || !ValidEmail(a.email))) {
    v.Fail("email", "电子邮箱格式不正确", "invalid email address");
  }
  ValidateText("address", a.address, false, 200, "通信地址", "postal address", v);
  if (!consultation && a.phone.empty() && a.email.empty()) {
    v.Fail("phone", "请至少填写联系电话或电子邮箱之一", "give a phone number or an email address");
  }
}

}  // namespace

const std::vector<FormCode>& IdTypes() {
  static const std::vector<FormCode> k = {
      {"resident_id", "居民身份证", "resident ID card"},
      {"passport", "护照", "passport"},
      {"hmt_permit", "港澳台居民居住证或通行证", "Hong Kong, Macao or Taiwan residence permit"},
      {"foreign_permanent", "外国人永久居留身份证", "foreign permanent resident ID card"},
      {"social_credit", "统一社会信用代码", "unified social credit code"},
      {"other", "其他证件", "other document"},
  };
  return k;
}

const std::vector<FormCode>& Media() {
  static const std::vector<FormCode> k = {
      {"paper", "纸质", "paper"},
      {"electronic", "电子", "electronic"},
  };
  return k;
}

const std::vector<FormCode>& Deliveries() {
  static const std::vector<FormCode> k = {
      {"post", "邮寄", "by post"},
      {"pickup", "自行领取", "collected in person"},
      {"email", "电子邮件", "by email"},
  };
  return k;
}

const std::vector<FormCode>& ConsultationChannels() {
  static const std::vector<FormCode> k = {
      {"in_person", "当面咨询", "in person"},
      {"phone", "电话咨询", "by phone"},
      {"online", "网络咨询", "online"},
      {"mail", "信函咨询", "by letter"},
  };
  return k;
}

const std::vector<FormCode>& PartyKinds() {
  static const std::vector<FormCode> k = {
      {"third_party", "第三方", "third party"},
      {"other_body", "其他机关", "another body"},
  };
  return k;
}

const std::vector<FormCode>& Opinions() {
  static const std::vector<FormCode> k = {
      {"agree", "同意公开", "agrees to disclosure"},
      {"object", "不同意公开", "objects to disclosure"},
      {"other", "其他意见", "other opinion"},
  };
  return k;
}

const FormCode* FindCode(const std::vector<FormCode>& list, std::string_view code) {
  for (const FormCode& c : list) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::string CodeName(const std::vector<FormCode>& list, std::string_view code, bool english) {
  const FormCode* c = FindCode(list, code);
  if (!c) return std::string(code);
  return std::string(english ? c->name_en : c->name);
}

void ValidateText(const char* field, const std::string& value, bool required, size_t max_chars,
                  const char* label_zh, const char* label_en, Validation& v) {
  if (!IsCleanUtf8(value)) {
    v.Fail(field, std::string(label_zh) + "含有无效字符",
           std::string(label_en) + " contains invalid characters");
    return;
  }
  if (required && Trim(value).empty()) {
    v.Fail(field, std::string(label_zh) + "不能为空", std::string(label_en) + " is required");
    return;
  }
  if (Utf8Length(value) > max_chars) {
    v.Fail(field, std::string(label_zh) + "不能超过" + std::to_string(max_chars) + "个字",
           std::string(label_en) + " must be at most " + std::to_string(max_chars) + " characters");
  }
}

Application ValidateRegistration(const RegistrationInput& in, Date today, bool public_form,
                                 Validation& v) {
  Application a;
  a.mode = Trim(in.mode);
  if (a.mode != "application" && a.mode != "consultation") {
    v.Fail("mode", "类型应为依申请公开或咨询", "mode must be application or consultation");
    return a;
  }
  bool consultation = a.mode == "consultation";
  a.source = public_form ? "public" : "staff";
  ValidateApplicant(in, a, consultation, v);

  a.description = Trim(in.description);
  ValidateText("description", a.description, true, 2000,
               consultation ? "咨询内容" : "所需信息的名称、文号或特征描述",
               consultation ? "the question" : "description of the information sought", v);
  a.purpose = Trim(in.purpose);
  ValidateText("purpose", a.purpose, false, 500, "用途", "purpose", v);

  if (consultation) {
    a.channel = Trim(in.channel);
    Choose("channel", a.channel, ConsultationChannels(), "咨询方式", "channel", true, v);
    std::optional<Date> on =
        PastDate("received_on", Trim(in.received_on), today, "咨询日期", "date", v);
    a.received_on = (on ? *on : today).ToString();
    return a;
  }

  a.medium = Trim(in.medium);
  a.delivery = Trim(in.delivery);
  Choose("medium", a.medium, Media(), "信息载体形式", "form of the information", true, v);
  Choose("delivery", a.delivery, Deliveries(), "获取方式", "way of delivery", true, v);
  if (a.medium == "paper" && a.delivery == "email") {
    v.Fail("delivery", "纸质件不能通过电子邮件送达，请选择邮寄或自行领取",
           "paper cannot be sent by email: choose post or collection");
  }
  if (a.delivery == "post" && a.address.empty()) {
    v.Fail("address", "选择邮寄的，请填写通信地址", "give a postal address to receive it by post");
  }
  if (a.delivery == "email" && a.email.empty()) {
    v.Fail("email", "选择电子邮件的，请填写电子邮箱",
           "give an email address to receive it by email");
  }

  if (public_form) {
    if (!in.consent) {
      v.Fail("consent", "请阅读并同意个人信息处理说明",
             "read and accept how your personal information is processed");
    }
    a.channel = std::string(ChannelCode(SubmissionChannel::kOnline));
    a.confirmed_on = today.ToString();
    a.received_on = a.confirmed_on;
    return a;
  }

  a.channel = Trim(in.channel);
  std::optional<SubmissionChannel> channel = ParseChannel(a.channel);
  if (a.channel.empty()) {
    v.Fail("channel", "请选择申请方式", "choose how the application arrived");
  } else if (!channel) {
    v.Fail("channel", "申请方式无效：" + a.channel, "invalid channel: " + a.channel);
  }
  std::optional<Date> submitted =
      PastDate("submitted_on", Trim(in.submitted_on), today, "提交日期", "date submitted", v);
  std::optional<Date> signed_for =
      PastDate("signed_on", Trim(in.signed_on), today, "签收日期", "date signed for", v);
  std::optional<Date> confirmed =
      PastDate("confirmed_on", Trim(in.confirmed_on), today, "确认日期", "date confirmed", v);
  if (submitted) a.submitted_on = submitted->ToString();
  if (signed_for) a.signed_on = signed_for->ToString();
  if (confirmed) a.confirmed_on = confirmed->ToString();
  if (channel && v.ok()) {
    Result<Date> received = ReceivedOn(*channel, submitted, signed_for, confirmed);
    if (!received.ok()) {
      for (const FieldError& f : received.status().fields()) {
        // ReceivedOn names its fields "submitted_at" etc.; the form's are "…_on".
        std::string field = f.field;
        if (field.ends_with("_at")) field = field.substr(0, field.size() - 3) + "_on";
        v.Fail(field, f.reason, f.reason_en);
      }
      if (received.status().fields().empty()) {
        v.Fail("channel", received.status().message(), received.status().message_en());
      }
    } else {
      a.received_on = received->ToString();
    }
  }
  return a;
}

void ValidateCorrectionRequest(const CorrectionRequestInput& in, Date today, Validation& v) {
  ValidateText("request", in.request, true, 2000, "需要补正的事项", "what to correct", v);
  std::optional<Date> due = ParseDate(Trim(in.due));
  if (Trim(in.due).empty()) {
    v.Fail("due", "请填写补正期限", "the date to correct by is required");
  } else if (!due) {
    v.Fail("due", "补正期限格式应为 YYYY-MM-DD",
           "the date to correct by must look like YYYY-MM-DD");
  } else if (*due <= today) {
    v.Fail("due", "补正期限应晚于今天，给申请人合理的补正时间",
           "the date to correct by must be after today, leaving the applicant reasonable time");
  }
}

Date ValidateStepDate(const std::string& field, const std::string& value, Date today, Date earliest,
                      const std::string& earliest_what_zh, const std::string& earliest_what_en,
                      Validation& v) {
  std::string text = Trim(value);
  if (text.empty()) return today;
  std::optional<Date> d = ParseDate(text);
  if (!d) {
    v.Fail(field, "日期格式应为 YYYY-MM-DD", "dates must look like YYYY-MM-DD");
    return today;
  }
  if (*d > today) {
    v.Fail(field, "日期不能晚于今天（" + today.ToString() + "）",
           "the date cannot be after today (" + today.ToString() + ")");
    return today;
  }
  if (*d < earliest) {
    v.Fail(field, "日期不能早于" + earliest_what_zh + "（" + earliest.ToString() + "）",
           "the date cannot be before " + earliest_what_en + " (" + earliest.ToString() + ")");
    return today;
  }
  return *d;
}

void ValidateThirdParty(const ThirdPartyInput& in, Validation& v) {
  Choose("party_kind", Trim(in.party_kind), PartyKinds(), "征求意见对象类型", "kind of party", true,
         v);
  ValidateText("party", Trim(in.party), true, 100, "征求意见对象", "party consulted", v);
  ValidateText("matter", Trim(in.matter), true, 1000, "征求意见事项", "matter consulted on", v);
}

void ValidateThirdPartyReply(const ThirdPartyReplyInput& in, Validation& v) {
  Choose("opinion", Trim(in.opinion), Opinions(), "意见", "opinion", true, v);
  ValidateText("opinion_text", Trim(in.opinion_text), true, 2000, "意见内容", "the opinion", v);
}

std::optional<Outcome> ValidateAnswer(const AnswerInput& in, bool corrected, Validation& v) {
  std::string code = Trim(in.outcome);
  std::optional<Outcome> outcome = ParseOutcome(code);
  if (code.empty()) {
    v.Fail("outcome", "请选择办理结果", "choose the outcome");
  } else if (!outcome) {
    v.Fail("outcome", "办理结果无效：" + code + "（应为年度报表「本年度办理结果」的一项）",
           "invalid outcome: " + code + " (must be a row of the annual table's results)");
  } else if (*outcome == Outcome::kNoCorrection) {
    v.Fail("outcome", "逾期不补正请使用「逾期未补正，不再处理」操作",
           "use the \"correction overdue\" step for an application not corrected in time");
    outcome.reset();
  } else if (*outcome == Outcome::kUnclearAfterCorrection && !corrected) {
    v.Fail("outcome", "该申请未经补正，不能以「补正后申请内容仍不明确」答复",
           "the application was never corrected, so it cannot be \"still unclear after "
           "correction\"");
    outcome.reset();
  }
  ValidateText("answer_text", Trim(in.answer_text), true, 5000, "答复内容", "the answer", v);
  bool partial = outcome && *outcome == Outcome::kPartial;
  ValidateText("withheld_text", Trim(in.withheld_text), partial, 5000,
               "不予公开部分及理由（区分处理）", "the part withheld and why", v);
  if (!partial && outcome && !Trim(in.withheld_text).empty()) {
    v.Fail("withheld_text", "只有部分公开（区分处理）才填写不予公开部分",
           "only a partial disclosure has a withheld part");
  }
  Choose("answer_delivery", Trim(in.answer_delivery), Deliveries(), "送达方式",
         "how the answer was delivered", true, v);
  return v.ok() ? outcome : std::nullopt;
}

void ValidateConsultationAnswer(const AnswerInput& in, Validation& v) {
  ValidateText("answer_text", Trim(in.answer_text), true, 5000, "答复内容", "the answer", v);
  Choose("answer_delivery", Trim(in.answer_delivery), ConsultationChannels(), "答复方式",
         "how the answer was given", false, v);
}

}  // namespace yuanwu::disclosure

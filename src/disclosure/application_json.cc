#include "disclosure/application_json.h"

#include "platform/cases/case_json.h"

namespace yuanwu::disclosure {
namespace {

using http::Json;

// Type checks only; the form rules report lengths with their own messages.
constexpr size_t kAnyLength = 1000000;

Json CodeList(const std::vector<FormCode>& list) {
  Json out = Json::array();
  for (const FormCode& c : list) {
    out.push_back({{"code", c.code}, {"name", c.name}, {"name_en", c.name_en}});
  }
  return out;
}

}  // namespace

Json ApplicationJson(const Application& a, bool masked) {
  std::optional<ApplicantKind> kind = ParseApplicantKind(a.applicant_kind);
  std::optional<SubmissionChannel> channel = ParseChannel(a.channel);
  std::optional<Outcome> outcome = ParseOutcome(a.outcome);
  std::string channel_name =
      channel ? std::string(ChannelName(*channel)) : CodeName(ConsultationChannels(), a.channel);
  return Json{{"mode", a.mode},
              {"source", a.source},
              {"applicant_kind", a.applicant_kind},
              {"applicant_kind_name", kind ? std::string(ApplicantKindName(*kind)) : ""},
              {"applicant_name", a.applicant_name},
              {"organisation", a.organisation},
              {"id_type", a.id_type},
              {"id_type_name", a.id_type.empty() ? "" : CodeName(IdTypes(), a.id_type)},
              {"id_number", a.id_number},
              {"phone", a.phone},
              {"email", a.email},
              {"address", a.address},
              {"channel", a.channel},
              {"channel_name", channel_name},
              {"submitted_on", a.submitted_on},
              {"signed_on", a.signed_on},
              {"confirmed_on", a.confirmed_on},
              {"received_on", a.received_on},
              {"description", a.description},
              {"purpose", a.purpose},
              {"medium", a.medium},
              {"medium_name", CodeName(Media(), a.medium)},
              {"delivery", a.delivery},
              {"delivery_name", CodeName(Deliveries(), a.delivery)},
              {"outcome", a.outcome},
              {"outcome_label", outcome ? OutcomeFullLabel(*outcome) : ""},
              {"decided_on", a.decided_on},
              {"answer_text", a.answer_text},
              {"withheld_text", a.withheld_text},
              {"answer_delivery", a.answer_delivery},
              {"correction",
               {{"request", a.correction_request},
                {"requested_on", a.correction_requested_on},
                {"due", a.correction_due},
                {"received_on", a.correction_received_on}}},
              {"masked", masked}};
}

Json ThirdPartyJson(const ThirdParty& t) {
  return Json{{"id", t.id},
              {"party_kind", t.party_kind},
              {"party_kind_name", CodeName(PartyKinds(), t.party_kind)},
              {"party", t.party},
              {"matter", t.matter},
              {"sent_on", t.sent_on},
              {"reply_due", t.reply_due},
              {"replied_on", t.replied_on},
              {"silent", t.silent},
              {"opinion", t.opinion},
              {"opinion_name", CodeName(Opinions(), t.opinion)},
              {"opinion_text", t.opinion_text},
              {"pause_ends", t.pause_ends}};
}

Json DetailJson(ApplicationService& service, const ApplicationDetail& d,
                const auth::Principal& viewer) {
  Json j = cases::CaseToJson(service.engine(), d.c, service.NowMinutes(), &viewer);
  j["application"] = ApplicationJson(d.a, d.masked);
  Json parties = Json::array();
  for (const ThirdParty& t : d.third_parties) parties.push_back(ThirdPartyJson(t));
  j["third_parties"] = parties;
  j["correction_notice_due"] = d.correction_notice_due;
  j["paused_remaining"] = d.paused_remaining < 0 ? Json(nullptr) : Json(d.paused_remaining);
  return j;
}

Json CodesJson() {
  Json kinds = Json::array();
  for (ApplicantKind k : kAllApplicantKinds) {
    kinds.push_back({{"code", ApplicantKindCode(k)},
                     {"name", ApplicantKindName(k)},
                     {"name_en", ApplicantKindNameEn(k)}});
  }
  Json channels = Json::array();
  for (SubmissionChannel c :
       {SubmissionChannel::kInPerson, SubmissionChannel::kRegisteredMail,
        SubmissionChannel::kOrdinaryMail, SubmissionChannel::kOnline, SubmissionChannel::kFax}) {
    channels.push_back(
        {{"code", ChannelCode(c)}, {"name", ChannelName(c)}, {"name_en", ChannelNameEn(c)}});
  }
  Json outcomes = Json::array();
  for (Outcome o : AllOutcomes()) {
    outcomes.push_back({{"code", OutcomeCode(o)},
                        {"label", OutcomeLabel(o)},
                        {"group", OutcomeGroupLabel(o)},
                        {"full_label", OutcomeFullLabel(o)},
                        {"name_en", OutcomeNameEn(o)}});
  }
  return Json{{"applicant_kinds", kinds},
              {"channels", channels},
              {"outcomes", outcomes},
              {"id_types", CodeList(IdTypes())},
              {"media", CodeList(Media())},
              {"deliveries", CodeList(Deliveries())},
              {"consultation_channels", CodeList(ConsultationChannels())},
              {"party_kinds", CodeList(PartyKinds())},
              {"opinions", CodeList(Opinions())}};
}

RegistrationInput RegistrationFromJson(const Json& body, Validation& v) {
  http::FieldReader f(body, v);
  RegistrationInput in;
  auto text = [&](const char* key, const char* zh, const char* en) {
    return f.String(key, zh, en, false, kAnyLength);
  };
  in.mode = f.Has("mode") ? text("mode", "类型", "mode") : "application";
  in.applicant_kind = text("applicant_kind", "申请人类型", "kind of applicant");
  in.applicant_name = text("applicant_name", "申请人姓名", "applicant name");
  in.organisation = text("organisation", "单位名称", "organisation");
  in.id_type = text("id_type", "证件类型", "document type");
  in.id_number = text("id_number", "证件号码", "document number");
  in.phone = text("phone", "联系电话", "phone");
  in.email = text("email", "电子邮箱", "email");
  in.address = text("address", "通信地址", "address");
  in.channel = text("channel", "申请方式", "channel");
  in.submitted_on = text("submitted_on", "提交日期", "date submitted");
  in.signed_on = text("signed_on", "签收日期", "date signed for");
  in.confirmed_on = text("confirmed_on", "确认日期", "date confirmed");
  in.received_on = text("received_on", "咨询日期", "date");
  in.description = text("description", "所需信息", "description");
  in.purpose = text("purpose", "用途", "purpose");
  in.medium = text("medium", "载体形式", "form");
  in.delivery = text("delivery", "获取方式", "delivery");
  in.department_id = f.Int("department_id", "承办科室", "department", false).value_or(0);
  return in;
}

}  // namespace yuanwu::disclosure

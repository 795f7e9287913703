#include "disclosure/application_routes.h"

#include "disclosure/application_export.h"
#include "disclosure/application_json.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/cases/case_json.h"
#include "platform/cases/case_query.h"
#include "platform/cases/case_routes.h"
#include "platform/http/json.h"
#include "platform/http/params.h"
#include "platform/http/url.h"

namespace yuanwu::disclosure {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

constexpr size_t kAnyLength = 1000000;

const std::string kRead(kApplicationRead);
const std::string kHandle(kApplicationHandle);
const std::string kManage(kApplicationManage);

// A step's body: a JSON object, or nothing at all (every field optional).
Result<Json> BodyOrEmpty(const Request& req) {
  if (Trim(req.body).empty()) return Json::object();
  return http::ParseJsonObject(req);
}

Result<cases::ListFilter> FilterOf(const Request& req, ApplicationService& svc, Mode mode) {
  Validation v;
  cases::ListFilter f = cases::ReadListFilter(req, svc.engine().Type(CaseTypeOf(mode)), v);
  YW_RETURN_IF_ERROR(v.ToStatus());
  return f;
}

Result<int> YearOf(const Request& req, ApplicationService& svc) {
  std::string text = req.Query("year");
  if (text.empty()) return svc.Today().year;
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid("year", "年份应为四位数字", "year must be four digits");
  }
  return std::stoi(text);
}

Result<Response> Detail(ApplicationService& svc, Mode mode, int64_t id, const Principal& p,
                        int status = 200) {
  YW_ASSIGN_OR_RETURN(ApplicationDetail d, svc.Get(p, mode, id));
  return JsonResponse(DetailJson(svc, d, p), status);
}

// A step: `parse` reads the body into the use case's input and returns the call to make; the
// call runs only when the body had no type errors, so a bad body writes nothing.
using Call = std::function<Result<cases::Case>()>;
using Parse = std::function<Call(ApplicationService&, const Principal&, const std::string& ip,
                                 int64_t id, http::FieldReader& body)>;

auth::ApiHandler StepRoute(ApplicationService* svc, Mode mode, Parse parse) {
  return [svc, mode, parse](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
    YW_ASSIGN_OR_RETURN(Json body, BodyOrEmpty(req));
    Validation v;
    http::FieldReader r(body, v);
    Call call = parse(*svc, p, req.remote_ip, id, r);
    YW_RETURN_IF_ERROR(v.ToStatus());
    YW_RETURN_IF_ERROR(call().status());
    return Detail(*svc, mode, id, p);
  };
}

std::string Text(http::FieldReader& r, const char* key, const char* zh, const char* en) {
  return r.String(key, zh, en, false, kAnyLength);
}

AnswerInput AnswerFromFields(http::FieldReader& r) {
  AnswerInput in;
  in.outcome = Text(r, "outcome", "办理结果", "outcome");
  in.answer_text = Text(r, "answer_text", "答复内容", "answer");
  in.withheld_text = Text(r, "withheld_text", "不予公开部分", "withheld part");
  in.answer_delivery = Text(r, "answer_delivery", "送达方式", "delivery");
  return in;
}

void RegisterCommon(auth::RouteTable& routes, ApplicationService* svc, Mode mode,
                    const std::string& base) {
  routes.Add("GET", base, kRead, [svc, mode](Request& req, const Principal& p) -> Result<Response> {
    YW_ASSIGN_OR_RETURN(cases::ListFilter f, FilterOf(req, *svc, mode));
    YW_ASSIGN_OR_RETURN(auto page, svc->List(p, mode, f));
    bool masked = !ApplicationService::MaySeeIdentity(p);
    Json items = Json::array();
    for (const ApplicationRow& r : page.first) {
      Json j = cases::CaseToJson(svc->engine(), r.c, svc->NowMinutes());
      j["application"] = ApplicationJson(r.a, masked);
      items.push_back(std::move(j));
    }
    return JsonResponse({{"items", items}, {"total", page.second}});
  });
  routes.Add("POST", base, kManage,
             [svc, mode](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req));
               Validation v;
               RegistrationInput in = RegistrationFromJson(body, v);
               in.mode = std::string(ModeCode(mode));
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(RegisteredApplication r, svc->Register(p, req.remote_ip, in));
               YW_ASSIGN_OR_RETURN(Response res, Detail(*svc, mode, r.c.id, p, 201));
               if (!r.tracking_code.empty()) {
                 // Shown once, for the 受理回执 given to the applicant.
                 Json j = Json::parse(res.body);
                 j["tracking_code"] = r.tracking_code;
                 res = JsonResponse(j, 201);
               }
               res.Set("Cache-Control", "no-store");
               return res;
             });
}

void RegisterApplicationSide(auth::RouteTable& routes, ApplicationService* svc) {
  const Mode m = Mode::kApplication;
  const std::string base = "/api/v1/disclosure/applications";
  RegisterCommon(routes, svc, m, base);

  routes.Add("GET", base + "/codes", kRead, [](Request&, const Principal&) -> Result<Response> {
    return JsonResponse(CodesJson());
  });
  routes.Add(
      "GET", base + "/annual-table", kRead,
      [svc](Request& req, const Principal& p) -> Result<Response> {
        YW_ASSIGN_OR_RETURN(int year, YearOf(req, *svc));
        YW_ASSIGN_OR_RETURN(AnnualReport r, svc->Annual(p, year));
        Json j = ToJson(r.table);
        j["complete"] = r.complete;
        j["consultations"] = {{"received", r.consultations.received},
                              {"answered", r.consultations.answered}};
        const Cells& received = r.table.received;
        // The figures a hospital's annual report quotes (domain-spec §1.7).
        j["summary"] = {
            {"applications_received", received[kTotalColumn]},
            {"carried_in", r.table.carried_in[kTotalColumn]},
            {"decided", r.table.decided_total[kTotalColumn]},
            {"carried_out", r.table.carried_out[kTotalColumn]},
            {"statement_b", "收到依申请公开 " + std::to_string(received[kTotalColumn]) + " 件"},
            {"statement_a",
             "受理信息公开咨询 " + std::to_string(r.consultations.received) + " 件"}};
        return JsonResponse(j);
      });
  routes.Add("GET", base + "/annual-table/export", kRead,
             [svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int year, YearOf(req, *svc));
               YW_ASSIGN_OR_RETURN(AnnualReport r, svc->Annual(p, year));
               YW_ASSIGN_OR_RETURN(std::string xlsx, AnnualTableXlsx(r));
               return Response::Download(std::move(xlsx), http::kXlsxContentType,
                                         AnnualTableFileName(year));
             });

  // Each parser reads its fields and returns the call; captures are copies (the call runs
  // after the parser has returned).
  auto step = [svc, m](Parse parse) { return StepRoute(svc, m, std::move(parse)); };
  auth::ApiHandler correction_request =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        CorrectionRequestInput in;
        in.request = Text(r, "request", "需要补正的事项", "what to correct");
        in.due = Text(r, "due", "补正期限", "date to correct by");
        return [&s, p, ip, id, in] { return s.RequestCorrection(p, ip, id, in); };
      });
  auth::ApiHandler correction_received =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        std::string on = Text(r, "received_on", "收到补正日期", "date received");
        std::string note = Text(r, "note", "说明", "note");
        return [&s, p, ip, id, on, note] { return s.CorrectionReceived(p, ip, id, on, note); };
      });
  auth::ApiHandler correction_overdue =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        std::string note = Text(r, "note", "说明", "note");
        return [&s, p, ip, id, note] { return s.CorrectionOverdue(p, ip, id, note); };
      });
  auth::ApiHandler third_party =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        ThirdPartyInput in;
        if (r.Has("party_kind")) in.party_kind = Text(r, "party_kind", "对象类型", "kind");
        in.party = Text(r, "party", "征求意见对象", "party");
        in.matter = Text(r, "matter", "征求意见事项", "matter");
        in.sent_on = Text(r, "sent_on", "征求意见日期", "date sent");
        return [&s, p, ip, id, in] { return s.ConsultThirdParty(p, ip, id, in); };
      });
  auth::ApiHandler third_party_reply =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        ThirdPartyReplyInput in;
        in.replied_on = Text(r, "replied_on", "答复日期", "date replied");
        in.opinion = Text(r, "opinion", "意见", "opinion");
        in.opinion_text = Text(r, "opinion_text", "意见内容", "opinion text");
        return [&s, p, ip, id, in] { return s.ThirdPartyReplied(p, ip, id, in); };
      });
  auth::ApiHandler third_party_silent =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        std::string note = Text(r, "note", "说明", "note");
        return [&s, p, ip, id, note] { return s.ThirdPartySilent(p, ip, id, note); };
      });
  auth::ApiHandler answer =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        AnswerInput in = AnswerFromFields(r);
        return [&s, p, ip, id, in] { return s.Answer(p, ip, id, in); };
      });
  auth::ApiHandler withdraw =
      step([](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
              http::FieldReader& r) -> Call {
        std::string note = Text(r, "note", "撤回说明", "withdrawal");
        return [&s, p, ip, id, note] { return s.Withdraw(p, ip, id, note); };
      });

  const std::pair<const char*, const char*> kSteps[] = {
      {"correction-request", "request_correction"},
      {"correction-received", "correction_received"},
      {"correction-overdue", "correction_overdue"},
      {"third-party", "consult_third_party"},
      {"third-party-reply", "third_party_replied"},
      {"third-party-silent", "third_party_silent"},
      {"answer", "answer"},
      {"withdraw", "withdraw"},
  };
  const auth::ApiHandler handlers[] = {correction_request,
                                       correction_received,
                                       correction_overdue,
                                       third_party,
                                       third_party_reply,
                                       third_party_silent,
                                       answer,
                                       withdraw};
  for (size_t i = 0; i < std::size(kSteps); ++i) {
    routes.Add("POST", base + "/{id}/" + kSteps[i].first, kHandle, handlers[i]);
  }
  for (size_t i = 0; i < std::size(kSteps); ++i) {
    routes.Add("POST", base + "/{id}/actions/" + kSteps[i].second, kHandle, handlers[i]);
  }

  cases::TypeSurface surface;
  surface.type = std::string(kApplicationType);
  surface.base = base;
  surface.visibility = [svc](const Principal& p) { return svc->VisibilityFor(p); };
  surface.file_fields = [svc](const Principal& p, const cases::Case& c) {
    return svc->FileFields(p, c);
  };
  // The 条例's extension rules (approver, wording to the applicant), not only the engine's.
  surface.extend = [svc](const Principal& p, const std::string& ip, int64_t id,
                         const std::string& amount, const std::string& approver,
                         const std::string& reason) {
    return svc->Extend(p, ip, id, amount, approver, reason);
  };
  cases::RegisterCaseRoutes(routes, svc->engine(), surface);
  // After the shared routes, so that GET …/queues is not taken for an id.
  routes.Add("GET", base + "/{id}", kRead,
             [svc, m](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               return Detail(*svc, m, id, p);
             });
}

void RegisterConsultationSide(auth::RouteTable& routes, ApplicationService* svc) {
  const Mode m = Mode::kConsultation;
  const std::string base = "/api/v1/disclosure/consultations";
  RegisterCommon(routes, svc, m, base);
  auth::ApiHandler answer =
      StepRoute(svc, m,
                [](ApplicationService& s, const Principal& p, const std::string& ip, int64_t id,
                   http::FieldReader& r) -> Call {
                  AnswerInput in = AnswerFromFields(r);
                  return [&s, p, ip, id, in] { return s.AnswerConsultation(p, ip, id, in); };
                });
  routes.Add("POST", base + "/{id}/answer", kHandle, answer);
  routes.Add("POST", base + "/{id}/actions/answer", kHandle, answer);
  cases::TypeSurface surface;
  surface.type = std::string(kConsultationType);
  surface.base = base;
  surface.visibility = [svc](const Principal& p) { return svc->VisibilityFor(p); };
  surface.file_fields = [svc](const Principal& p, const cases::Case& c) {
    return svc->FileFields(p, c);
  };
  cases::RegisterCaseRoutes(routes, svc->engine(), surface);
  routes.Add("GET", base + "/{id}", kRead,
             [svc, m](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               return Detail(*svc, m, id, p);
             });
}

}  // namespace

void RegisterApplicationRoutes(auth::RouteTable& routes, ApplicationService& service) {
  RegisterApplicationSide(routes, &service);
  RegisterConsultationSide(routes, &service);
}

}  // namespace yuanwu::disclosure

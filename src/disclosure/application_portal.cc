#include "disclosure/application_portal.h"

#include <nlohmann/json.hpp>

#include "platform/base/embedded.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/http/problem.h"
#include "platform/http/url.h"

namespace yuanwu_disclosure_portal_embedded {
extern const yuanwu::EmbeddedFile kFiles[];
}

namespace yuanwu::disclosure {
namespace {

using http::Json;
using http::Request;
using http::Response;

using web::FormField;
using web::PlausibleCode;

std::string Replace(std::string text, std::string_view key, const std::string& value) {
  size_t at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& line : Split(text, '\n')) {
    std::string t = Trim(line);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

}  // namespace

std::string_view ShippedApplicationLabelsJson() {
  for (const EmbeddedFile* f = yuanwu_disclosure_portal_embedded::kFiles; !f->path.empty(); ++f) {
    if (f->path.ends_with("/application_labels.json")) return f->content;
  }
  return "{}";
}

ApplicationPortal::ApplicationPortal(ApplicationService& service, const web::Renderer& renderer,
                                     PageFrame frame, Random& random, std::string labels_json)
    : service_(service), pages_(renderer, std::move(frame), labels_json), random_(random) {}

std::string ApplicationPortal::WorkingDays(const Page& p, int64_t n) const {
  return Replace(L(p, "working_days"), "{n}", std::to_string(n));
}

std::string ApplicationPortal::PeriodLabel(const Page& p, const std::string& period) const {
  Result<deadline::Period> parsed = deadline::ParsePeriod(period);
  if (!parsed.ok() || parsed->unit != deadline::PeriodUnit::kWorkingDays) return period;
  return WorkingDays(p, parsed->amount);
}

std::string ApplicationPortal::LocalTime(const std::string& utc) const {
  std::optional<int64_t> t = ParseTimestamp(utc, 0);
  return t ? FormatLocalMinute(*t, service_.local_offset_seconds()) : utc;
}

Result<Response> ApplicationPortal::Form(Request& req, Page& p, const http::Pairs& values,
                                         const Status& error) {
  Json v = Json::object();
  for (const char* k : {"applicant_name", "organisation", "id_number", "phone", "email", "address",
                        "description", "purpose"}) {
    v[k] = FormField(values, k);
  }
  v["consent"] = FormField(values, "consent") == "1";
  p.ctx["v"] = v;
  Json kinds = Json::array();
  std::string kind = FormField(values, "applicant_kind");
  for (ApplicantKind k : kAllApplicantKinds) {
    kinds.push_back({{"code", ApplicantKindCode(k)},
                     {"name", p.english ? ApplicantKindNameEn(k) : ApplicantKindName(k)},
                     {"selected", ApplicantKindCode(k) == kind}});
  }
  p.ctx["kinds"] = kinds;
  p.ctx["id_types"] = web::SelectOptions(IdTypes(), FormField(values, "id_type"), p.english);
  p.ctx["media"] = web::SelectOptions(Media(), FormField(values, "medium"), p.english);
  p.ctx["deliveries"] = web::SelectOptions(Deliveries(), FormField(values, "delivery"), p.english);
  // The key of this form: kept across corrections, so a second send of the same form is known.
  std::string key = FormField(values, "form_key");
  p.ctx["form_key"] = key.size() == 32 ? key : random_.Hex(16);
  const cases::CaseRules rules = service_.engine().Rules();
  Result<std::string> answer = rules.Period(kApplicationType, "answer");
  Result<std::string> correction = rules.Period(kApplicationType, "correction_notice");
  p.ctx["intro_deadline"] = Replace(
      Replace(L(p, "intro_deadline"), "{answer}", PeriodLabel(p, answer.ok() ? *answer : "")),
      "{correction}", PeriodLabel(p, correction.ok() ? *correction : ""));
  web::SetFormErrors(p, error);
  return pages_.Show(req, p, "application_apply", "apply_title",
                     error.ok() ? 200 : http::HttpStatusFor(error.code()));
}

Result<Response> ApplicationPortal::ApplyForm(Request& req) {
  Page p = pages_.Start(req);
  return Form(req, p, {}, Status::Ok());
}

Result<Response> ApplicationPortal::ApplyPost(Request& req) {
  Page p = pages_.Start(req);
  http::Pairs form = http::ParseQuery(req.body);
  RegistrationInput in;
  in.mode = "application";
  in.applicant_kind = FormField(form, "applicant_kind");
  in.applicant_name = FormField(form, "applicant_name");
  in.organisation = FormField(form, "organisation");
  in.id_type = FormField(form, "id_type");
  in.id_number = FormField(form, "id_number");
  in.phone = FormField(form, "phone");
  in.email = FormField(form, "email");
  in.address = FormField(form, "address");
  in.description = FormField(form, "description");
  in.purpose = FormField(form, "purpose");
  in.medium = FormField(form, "medium");
  in.delivery = FormField(form, "delivery");
  in.consent = FormField(form, "consent") == "1";
  Result<RegisteredApplication> r =
      service_.SubmitPublic(in, req.remote_ip, FormField(form, "form_key"));
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists) {
      p.ctx["message"] = p.english ? r.status().message_en() : r.status().message();
      return pages_.Show(req, p, "application_duplicate", "duplicate_title", 409);
    }
    if (r.status().code() == StatusCode::kInternal) return r.status();
    return Form(req, p, form, r.status());
  }
  p.ctx["code"] = r->c.code;
  p.ctx["tracking_code"] = r->tracking_code;
  p.ctx["received_on"] = r->c.start_at.substr(0, 10);
  p.ctx["due_at"] = r->c.due_at;
  return pages_.Show(req, p, "application_done", "done_title", 200);
}

Result<Response> ApplicationPortal::TrackFormWith(Request& req, Page& p, const std::string& code,
                                                  bool not_found) {
  p.ctx["code"] = code;
  p.ctx["not_found"] = not_found;
  return pages_.Show(req, p, "application_track", "track_title", not_found ? 404 : 200);
}

Result<Response> ApplicationPortal::TrackForm(Request& req) {
  Page p = pages_.Start(req);
  return TrackFormWith(req, p, "", false);
}

Result<Response> ApplicationPortal::StatusPage(Request& req, Page& p,
                                               const ApplicationTrack& view) {
  const cases::CaseType* type = service_.engine().Type(kApplicationType);
  const cases::StateDef* state = type ? type->State(view.c.state) : nullptr;
  const Application& a = view.a;
  p.ctx["code"] = view.c.code;
  p.ctx["state"] = state ? (p.english ? state->name_en : state->name) : view.c.state;
  p.ctx["received_on"] = a.received_on;
  bool running = view.c.clock == "running";
  p.ctx["due_at"] = running ? view.c.due_at : "";
  p.ctx["paused_note"] = view.paused_remaining >= 0 ? Replace(L(p, "paused_note"), "{n}",
                                                              WorkingDays(p, view.paused_remaining))
                                                    : "";
  p.ctx["extended"] = view.c.extended.empty() ? "" : PeriodLabel(p, view.c.extended);
  if (view.c.state == "awaiting_correction") {
    p.ctx["correction"] = {{"request", a.correction_request}, {"due", a.correction_due}};
  } else {
    p.ctx["correction"] = false;
  }
  if (!a.decided_on.empty()) {
    std::optional<Outcome> o = ParseOutcome(a.outcome);
    std::string outcome =
        o ? (p.english ? std::string(OutcomeNameEn(*o)) : OutcomeFullLabel(*o)) : "";
    p.ctx["answer"] = {
        {"outcome", outcome},
        {"decided_on", a.decided_on},
        {"delivery",
         a.answer_delivery.empty() ? "" : CodeName(Deliveries(), a.answer_delivery, p.english)},
        {"paragraphs", Paragraphs(a.answer_text)},
        {"withheld", a.withheld_text}};
  } else {
    p.ctx["answer"] = false;
  }
  Json events = Json::array();
  for (const cases::Event& e : view.events) {
    std::string what;
    std::string body = e.body;
    if (e.kind == "action" && type && type->Action(e.action)) {
      const cases::ActionDef* act = type->Action(e.action);
      what = p.english ? act->name_en : act->name;
    } else {
      std::string key = "event_" + e.kind;
      what = L(p, key.c_str());
    }
    if (e.kind == "extend") {
      // The amount granted, then the reason the applicant is told (条例第三十三条).
      Json data = Json::parse(e.data_json, nullptr, false);
      std::string amount = data.is_object() ? data.value("amount", "") : "";
      body = PeriodLabel(p, amount) + (body.empty() ? "" : (p.english ? ": " : "：") + body);
    }
    events.push_back({{"at", LocalTime(e.at)}, {"what", what}, {"body", body}});
  }
  p.ctx["events"] = events;
  return pages_.Show(req, p, "application_status", "status_title", 200);
}

Result<Response> ApplicationPortal::TrackPost(Request& req) {
  Page p = pages_.Start(req);
  http::Pairs form = http::ParseQuery(req.body);
  std::string code = Trim(FormField(form, "code"));
  std::string tracking = Trim(FormField(form, "tracking_code"));
  if (!PlausibleCode(code) || !PlausibleCode(tracking)) return TrackFormWith(req, p, code, true);
  Result<ApplicationTrack> view = service_.Track(code, tracking);
  if (!view.ok()) {
    if (view.status().code() != StatusCode::kNotFound) return view.status();
    return TrackFormWith(req, p, code, true);
  }
  return StatusPage(req, p, *view);
}

void ApplicationPortal::RegisterPages(http::Router& router) {
  router.Add("GET", "/disclosure/apply", [this](Request& req) { return ApplyForm(req); });
  router.Add("POST", "/disclosure/apply", [this](Request& req) { return ApplyPost(req); });
  router.Add("GET", "/disclosure/track", [this](Request& req) { return TrackForm(req); });
  router.Add("POST", "/disclosure/track", [this](Request& req) { return TrackPost(req); });
}

}  // namespace yuanwu::disclosure

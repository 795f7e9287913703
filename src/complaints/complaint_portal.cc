#include "complaints/complaint_portal.h"

#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/http/problem.h"
#include "platform/http/url.h"

namespace yuanwu::complaints {
namespace {

using http::Json;
using http::Request;
using http::Response;

using web::FormField;
using web::PlausibleCode;

// A department id from a <select>: "" = none; anything not a number is invalid (-1), which the
// rules report on the field.
int64_t IdField(const http::Pairs& form, std::string_view key) {
  std::string s = Trim(FormField(form, key));
  if (s.empty()) return 0;
  if (s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoll(s);
}

}  // namespace

ComplaintPortal::ComplaintPortal(ComplaintService& service, org::OrgService& org,
                                 const web::Renderer& renderer, PageFrame frame,
                                 std::string labels_json)
    : service_(service), org_(org), pages_(renderer, std::move(frame), labels_json) {}

Result<Json> ComplaintPortal::DepartmentOptions(const std::string& selected) const {
  YW_ASSIGN_OR_RETURN(std::vector<org::Department> depts, org_.Departments());
  Json a = Json::array();
  for (const org::Department& d : depts) {
    if (!d.is_public) continue;  // the portal lists only departments shown to the public
    std::string id = std::to_string(d.id);
    a.push_back({{"id", id}, {"name", d.name}, {"selected", id == selected}});
  }
  return a;
}

std::string ComplaintPortal::LocalTime(const std::string& utc) const {
  std::optional<int64_t> t = ParseTimestamp(utc, 0);
  return t ? FormatLocalMinute(*t, service_.local_offset_seconds()) : utc;
}

Result<Response> ComplaintPortal::Form(Request& req, Page& p, const http::Pairs& values,
                                       const Status& error) {
  const Codes& codes = service_.codes();
  Json v = Json::object();
  for (const char* k :
       {"complainant_name", "complainant_phone", "complainant_id_number", "patient_name",
        "patient_record_no", "target_staff", "description", "demand"}) {
    v[k] = FormField(values, k);
  }
  v["consent"] = FormField(values, "consent") == "1";
  p.ctx["v"] = v;
  p.ctx["relations"] =
      web::SelectOptions(codes.relations, FormField(values, "complainant_relation"), p.english);
  p.ctx["categories"] =
      web::SelectOptions(codes.categories, FormField(values, "category"), p.english);
  YW_ASSIGN_OR_RETURN(p.ctx["target_departments"],
                      DepartmentOptions(FormField(values, "target_department_id")));
  YW_ASSIGN_OR_RETURN(p.ctx["patient_departments"],
                      DepartmentOptions(FormField(values, "patient_department_id")));
  web::SetFormErrors(p, error);
  return pages_.Show(req, p, "complaint_new", "new_title",
                     error.ok() ? 200 : http::HttpStatusFor(error.code()));
}

Result<Response> ComplaintPortal::NewForm(Request& req) {
  Page p = pages_.Start(req);
  return Form(req, p, {}, Status::Ok());
}

Result<Response> ComplaintPortal::Submit(Request& req) {
  Page p = pages_.Start(req);
  http::Pairs form = http::ParseQuery(req.body);
  IntakeInput in;
  in.complainant_name = FormField(form, "complainant_name");
  in.complainant_relation = FormField(form, "complainant_relation");
  in.complainant_phone = FormField(form, "complainant_phone");
  in.complainant_id_number = FormField(form, "complainant_id_number");
  in.patient_name = FormField(form, "patient_name");
  in.patient_record_no = FormField(form, "patient_record_no");
  in.patient_department_id = IdField(form, "patient_department_id");
  in.target_department_id = IdField(form, "target_department_id");
  in.target_staff = FormField(form, "target_staff");
  in.category = FormField(form, "category");
  in.description = FormField(form, "description");
  in.demand = FormField(form, "demand");
  in.consent = FormField(form, "consent") == "1";
  Result<Registered> r = service_.SubmitPublic(in, req.remote_ip);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kInternal) return r.status();
    return Form(req, p, form, r.status());
  }
  p.ctx["code"] = r->c.code;
  p.ctx["tracking_code"] = r->tracking_code;
  p.ctx["due_at"] = r->c.due_at;
  return pages_.Show(req, p, "complaint_done", "done_title", 200);
}

Result<Response> ComplaintPortal::TrackFormWith(Request& req, Page& p, const std::string& code,
                                                bool not_found) {
  p.ctx["code"] = code;
  p.ctx["not_found"] = not_found;
  return pages_.Show(req, p, "complaint_track", "track_title", not_found ? 404 : 200);
}

Result<Response> ComplaintPortal::TrackForm(Request& req) {
  Page p = pages_.Start(req);
  return TrackFormWith(req, p, "", false);
}

Result<Response> ComplaintPortal::StatusPage(Request& req, Page& p, const TrackView& view,
                                             const std::string& code, const std::string& tracking,
                                             const std::string& message,
                                             const Status& rating_error) {
  const Codes& codes = service_.codes();
  const cases::CaseType* type = service_.engine().Type(kType);
  const cases::StateDef* state = type ? type->State(view.c.state) : nullptr;
  const Complaint& k = view.complaint;
  p.ctx["code"] = view.c.code;
  p.ctx["state"] = state ? (p.english ? state->name_en : state->name) : view.c.state;
  p.ctx["received"] = k.received_local;
  p.ctx["category"] = cases::CodeName(codes.categories, k.category, p.english);
  p.ctx["due_at"] = view.c.clock == "running" || view.c.clock == "paused" ? view.c.due_at : "";
  p.ctx["paused"] = view.c.clock == "paused";
  Json events = Json::array();
  for (const cases::Event& e : view.events) {
    std::string what;
    if (e.kind == "action" && type && type->Action(e.action)) {
      const cases::ActionDef* a = type->Action(e.action);
      what = p.english ? a->name_en : a->name;
    } else {
      std::string key = "event_" + e.kind;
      what = L(p, key.c_str());
    }
    // Bodies are shown for the answers and the complainant's own entries only: other public
    // entries (a dispatch note) are for the record, not necessarily worded for the patient.
    bool answer = e.action == "reply" || e.action == "not_process" ||
                  e.action == "resolve_on_spot" || e.kind == "rate";
    events.push_back({{"at", LocalTime(e.at)}, {"what", what}, {"body", answer ? e.body : ""}});
  }
  p.ctx["events"] = events;
  if (!k.replied_at.empty()) {
    p.ctx["reply"] = {{"text", k.reply_text},
                      {"method", cases::CodeName(codes.reply_methods, k.reply_method, p.english)},
                      {"at", LocalTime(k.replied_at)}};
    Json routes = Json::array();
    for (const std::string& r : k.follow_up) {
      routes.push_back(cases::CodeName(codes.follow_up_routes, r, p.english));
    }
    p.ctx["has_follow_up"] = !routes.empty();
    p.ctx["follow_up"] = routes;
  } else {
    p.ctx["reply"] = false;
    p.ctx["has_follow_up"] = false;
  }
  if (!k.not_processed_reason.empty()) {
    p.ctx["not_processed"] = {
        {"reason", cases::CodeName(codes.not_processed_reasons, k.not_processed_reason, p.english)},
        {"explanation", k.not_processed_explanation}};
  } else {
    p.ctx["not_processed"] = false;
  }
  p.ctx["rating"] =
      k.rating == 0 ? Json(false) : Json({{"score", k.rating}, {"comment", k.rating_comment}});
  p.ctx["may_rate"] = view.may_rate;
  p.ctx["tracking_code"] = view.may_rate ? tracking : "";
  p.ctx["form_code"] = code;
  p.ctx["message"] = message;
  Json errors = Json::array();
  for (const FieldError& f : rating_error.fields()) {
    errors.push_back({{"reason", p.english ? f.reason_en : f.reason}});
  }
  if (!rating_error.ok() && rating_error.fields().empty()) {
    errors.push_back({{"reason", p.english ? rating_error.message_en() : rating_error.message()}});
  }
  p.ctx["has_rating_errors"] = !errors.empty();
  p.ctx["rating_errors"] = errors;
  int status = rating_error.ok() ? 200 : http::HttpStatusFor(rating_error.code());
  return pages_.Show(req, p, "complaint_status", "status_title", status);
}

Result<Response> ComplaintPortal::TrackPost(Request& req) {
  Page p = pages_.Start(req);
  http::Pairs form = http::ParseQuery(req.body);
  std::string code = Trim(FormField(form, "code"));
  std::string tracking = Trim(FormField(form, "tracking_code"));
  if (!PlausibleCode(code) || !PlausibleCode(tracking)) return TrackFormWith(req, p, code, true);
  Result<TrackView> view = service_.Track(code, tracking);
  if (!view.ok()) {
    if (view.status().code() != StatusCode::kNotFound) return view.status();
    return TrackFormWith(req, p, code, true);
  }
  return StatusPage(req, p, *view, code, tracking, "", Status::Ok());
}

Result<Response> ComplaintPortal::RatePost(Request& req) {
  Page p = pages_.Start(req);
  http::Pairs form = http::ParseQuery(req.body);
  std::string code = Trim(FormField(form, "code"));
  std::string tracking = Trim(FormField(form, "tracking_code"));
  if (!PlausibleCode(code) || !PlausibleCode(tracking)) return TrackFormWith(req, p, code, true);
  std::string score = Trim(FormField(form, "rating"));
  int64_t rating = score.size() == 1 && score[0] >= '0' && score[0] <= '9' ? score[0] - '0' : 0;
  Result<TrackView> rated =
      service_.Rate(code, tracking, rating, FormField(form, "comment"), req.remote_ip);
  if (rated.ok()) return StatusPage(req, p, *rated, code, tracking, L(p, "rated"), Status::Ok());
  if (rated.status().code() == StatusCode::kNotFound) return TrackFormWith(req, p, code, true);
  if (rated.status().code() == StatusCode::kInternal) return rated.status();
  YW_ASSIGN_OR_RETURN(TrackView view, service_.Track(code, tracking));
  return StatusPage(req, p, view, code, tracking, "", rated.status());
}

void ComplaintPortal::RegisterPages(http::Router& router) {
  router.Add("GET", "/complaints/new", [this](Request& req) { return NewForm(req); });
  router.Add("POST", "/complaints", [this](Request& req) { return Submit(req); });
  router.Add("GET", "/complaints/track", [this](Request& req) { return TrackForm(req); });
  router.Add("POST", "/complaints/track", [this](Request& req) { return TrackPost(req); });
  router.Add("POST", "/complaints/rate", [this](Request& req) { return RatePost(req); });
}

}  // namespace yuanwu::complaints

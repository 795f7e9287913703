// JSON of disclosure applications and consultations for the console API, and reading the
// request bodies of its steps. The application is already masked for the viewer
// (application_service.h); codes come with their zh-CN and English labels.
//
// application: {"mode", "source", "applicant_kind", "applicant_kind_name", "applicant_name",
//   "organisation", "id_type", "id_type_name", "id_number", "phone", "email", "address",
//   "channel", "channel_name", "submitted_on", "signed_on", "confirmed_on", "received_on",
//   "description", "purpose", "medium", "medium_name", "delivery", "delivery_name",
//   "outcome", "outcome_label", "decided_on", "answer_text", "withheld_text",
//   "answer_delivery", "correction": {"request", "requested_on", "due", "received_on"},
//   "masked"}
// third party: {"id", "party_kind", "party_kind_name", "party", "matter", "sent_on",
//   "reply_due", "replied_on", "silent", "opinion", "opinion_name", "opinion_text",
//   "pause_ends"}
#pragma once

#include "disclosure/application_form.h"
#include "disclosure/application_service.h"
#include "platform/http/json.h"

namespace yuanwu::disclosure {

http::Json ApplicationJson(const Application& a, bool masked);
http::Json ThirdPartyJson(const ThirdParty& t);
// The case (cases::CaseToJson, with the viewer's actions) + "application", "third_parties",
// "correction_notice_due", "paused_remaining".
http::Json DetailJson(ApplicationService& service, const ApplicationDetail& d,
                      const auth::Principal& viewer);
// Every code list of the forms, for the console: applicant kinds, channels, outcomes (in table
// order, with their group), document types, media, deliveries, consultation channels, party
// kinds, opinions.
http::Json CodesJson();

// The registration body (type errors are field errors; lengths and formats are the form rules').
RegistrationInput RegistrationFromJson(const http::Json& body, Validation& v);

}  // namespace yuanwu::disclosure

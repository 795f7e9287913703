// The console API of disclosure applications (依申请公开) and consultations (咨询), registered
// with the permission each route needs (the service checks the same permissions again):
//
//   GET  /api/v1/disclosure/applications              list: ?queue=mine|department|open|overdue|
//                                                     due_soon|paused|closed|all &state=
//                                                     &department_id= &q= &from= &to= &offset=
//                                                     &limit=                              read
//   POST /api/v1/disclosure/applications              register (letters, visits)           manage
//   GET  /api/v1/disclosure/applications/codes        the forms' code lists                read
//   GET  /api/v1/disclosure/applications/annual-table ?year= table 三, checked             read
//   GET  /api/v1/disclosure/applications/annual-table/export  ?year= the same as XLSX      read
//   POST …/{id}/correction-request   {request, due}                                       handle
//   POST …/{id}/correction-received  {received_on?, note?}                                handle
//   POST …/{id}/correction-overdue   {note}                                               handle
//   POST …/{id}/third-party          {party_kind, party, matter, sent_on?}                handle
//   POST …/{id}/third-party-reply    {replied_on?, opinion, opinion_text}                 handle
//   POST …/{id}/third-party-silent   {note?}                                              handle
//   POST …/{id}/answer               {outcome, answer_text, withheld_text?, answer_delivery}
//                                                                                         handle
//   POST …/{id}/withdraw             {note}                                               handle
//   GET  …/{id}                      case JSON + "application" (masked) + "third_parties" read
// then the engine's shared routes (platform/cases/case_routes.h: queues, timeline, assign,
// notes, attachments, corrections, pause / resume / extend, the case file) under the same base.
// The actions that carry an application's fields are claimed under …/{id}/actions/{action} too,
// before the shared route, so they cannot be taken without their fields and checks.
//
//   GET  /api/v1/disclosure/consultations          list (as above)                       read
//   POST /api/v1/disclosure/consultations          register {…, mode "consultation"}     manage
//   POST /api/v1/disclosure/consultations/{id}/answer  {answer_text, answer_delivery?}    handle
//   GET  /api/v1/disclosure/consultations/{id}     detail                                 read
// and the shared routes (the "close" action through …/actions/close).
#pragma once

#include "disclosure/application_service.h"
#include "platform/auth/guard.h"

namespace yuanwu::disclosure {

void RegisterApplicationRoutes(auth::RouteTable& routes, ApplicationService& service);

}  // namespace yuanwu::disclosure

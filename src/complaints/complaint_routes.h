// The complaint API (/api/v1/complaints), registered with the permission each route needs:
//
//   GET  /api/v1/complaints             list: ?queue=mine|department|open|overdue|due_soon|
//                                       paused|closed|all &state= &category= &channel=
//                                       &department_id= &q= &from= &to= &major=1 &offset= &limit=
//   POST /api/v1/complaints             staff registration (首诉)               complaints.register
//   GET  /api/v1/complaints/categories  the code lists for the console forms    signed in
//   GET  /api/v1/complaints/stats       ?year= &from_month= &to_month=          complaints.read
//   GET  /api/v1/complaints/export      the filtered list as XLSX               complaints.read
//   GET  /api/v1/complaints/{id}        case JSON + "complaint" (masked)         complaints.read
//   POST /api/v1/complaints/{id}/dispatch      {department_id, assignee_id, note}   manage
//   POST /api/v1/complaints/{id}/reply         {reply_text, reply_method, accepted,
//                                               follow_up: []}                      manage
//   POST /api/v1/complaints/{id}/not-process   {reason, explanation}                manage
//   POST /api/v1/complaints/{id}/major-dispute {flag, note}                         manage
// then the engine's shared routes (platform/cases/case_routes.h) under the same base. The
// actions that carry complaint fields (dispatch, reply, not_process, resolve_on_spot) are
// claimed here under …/actions/{action} too, before the shared route, so they cannot be taken
// without their fields.
#pragma once

#include "complaints/complaint_service.h"
#include "platform/auth/guard.h"

namespace yuanwu::complaints {

void RegisterRoutes(auth::RouteTable& routes, ComplaintService& service);

}  // namespace yuanwu::complaints
